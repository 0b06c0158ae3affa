"""Storage layer: the SQLite campaign database (schema, migrations, queries). The only place with SQL."""

from __future__ import annotations

from . import audit_keys
from .database import Database, backup_path, open_database, peek_user_version
from .repository import AUDIT_COLUMNS, GENESIS, ChainInfo, Repository, audit_hash, genesis_for
from .schema import AUDIT_TRIGGERS, MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "AUDIT_COLUMNS",
    "AUDIT_TRIGGERS",
    "GENESIS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ChainInfo",
    "Database",
    "Repository",
    "audit_hash",
    "audit_keys",
    "backup_path",
    "genesis_for",
    "open_database",
    "peek_user_version",
]
