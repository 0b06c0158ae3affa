"""CLI: the database file itself (DESIGN.md command-line contract).

```
db check --db DB                     integrity and audit; names the newest good backup
db restore --db DB [--from BACKUP]   from the newest good backup (or BACKUP), the damaged file kept aside
```
``db check`` prints one line each for integrity, audit and the newest good backup; exit 0 when the
database is whole and its audit log verifies, 1 when it is damaged or the audit check fails, 2 when the
file is not a campaign database at all. ``db restore`` checks the backup first, refuses (exit 2, nothing
changed) while the database is open in another program, and renames the file it replaces aside.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from . import require_db, write_stdout

if TYPE_CHECKING:
    from . import Subparsers


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``db check`` and ``db restore`` commands."""
    ptype = type(common)
    db = sub.add_parser("db", help="check or restore the database file")
    dsub = db.add_subparsers(dest="db_command", metavar="SUBCOMMAND", required=True, parser_class=ptype)
    check = dsub.add_parser("check", parents=[common], help="integrity and audit check; names the newest good backup")
    check.set_defaults(handler=_check)
    restore = dsub.add_parser(
        "restore",
        parents=[common],
        help="replace the database with its newest good backup (the old file is kept aside)",
    )
    restore.add_argument("--from", dest="source", metavar="BACKUP", help="restore this backup file instead")
    restore.set_defaults(handler=_restore)


def _check(args: argparse.Namespace) -> int:
    from ..services.backups import check_database

    report = check_database(require_db(args))
    write_stdout("\n".join(report.lines()) + "\n")
    if not report.ok:
        why = "the database is damaged" if report.damage else "the audit check failed"
        print(f"interview-panel: {report.path}: {why}", file=sys.stderr)
        return 1
    return 0


def _restore(args: argparse.Namespace) -> int:
    from ..services.backups import restore_database

    done = restore_database(require_db(args), args.source)
    kept = f"; the previous file is kept as {done.aside}" if done.aside else ""
    write_stdout(f"restored {done.path} from {done.source}{kept}\n")
    return 0
