"""Storage layer: the SQLite campaign database (schema, migrations, queries). The only place with SQL."""
from __future__ import annotations

from .database import Database, backup_path, open_database, peek_user_version
from .repository import AUDIT_COLUMNS, GENESIS, Repository, audit_hash
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Database", "open_database", "peek_user_version", "backup_path", "Repository", "audit_hash",
           "AUDIT_COLUMNS", "GENESIS", "MIGRATIONS", "SCHEMA_VERSION"]
