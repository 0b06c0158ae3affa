"""Storage layer: the SQLite campaign database (schema, migrations, queries). The only place with SQL."""
from __future__ import annotations

from .database import Database, backup_path, open_database, peek_user_version
from . import audit_keys
from .repository import AUDIT_COLUMNS, GENESIS, ChainInfo, Repository, audit_hash, genesis_for
from .schema import AUDIT_TRIGGERS, MIGRATIONS, SCHEMA_VERSION

__all__ = ["Database", "open_database", "peek_user_version", "backup_path", "Repository", "audit_hash",
           "AUDIT_COLUMNS", "GENESIS", "MIGRATIONS", "SCHEMA_VERSION", "AUDIT_TRIGGERS", "ChainInfo", "genesis_for",
           "audit_keys"]
