"""CLI: ``export xlsx|pdf|csv --db DB --campaign ID -o FILE`` (DESIGN.md command-line contract).

Writes the HR workbook, the PDF moderation record or the Results CSV of a campaign and prints the path
written on stdout. A missing database, unknown campaign or unusable output path exits 2 with one line on
stderr and leaves any existing file at FILE untouched. FILE is never a database (the one given, its
``-wal``/``-shm``/backups, any SQLite file) nor a FIFO, device or folder; a read-only FILE needs ``--force``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..domain.errors import ValidationError
from . import campaign_id, open_db, write_stdout

if TYPE_CHECKING:
    from . import Subparsers

FORMATS = ("xlsx", "pdf", "csv")


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``export`` command."""
    p = sub.add_parser(
        "export",
        parents=[common],
        help="export a campaign's results (xlsx, pdf or csv)",
        description="Export the moderated results: the HR workbook (xlsx), the PDF "
        "moderation record (pdf) or the Results sheet as CSV (csv).",
    )
    p.add_argument("format", choices=FORMATS, help="what to write")
    p.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="file to write (replaced if present; never a database or a non-regular file)",
    )
    p.add_argument("--force", action="store_true", help="replace FILE even when it is read-only")
    p.add_argument(
        "--anonymise",
        action="store_true",
        help="xlsx only: a research copy with random ids, without names, notes, rationales or audit",
    )
    p.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    from ..services import exports

    if args.anonymise and args.format != "xlsx":
        raise ValidationError(f"--anonymise is for the xlsx workbook, not {args.format}")
    store = open_db(args)  # refuses an empty, foreign or damaged database
    try:
        if args.format == "xlsx":
            path = exports.export_workbook(
                store, args.campaign, args.output, force=args.force, anonymise=bool(args.anonymise)
            )
        else:
            fn = {"pdf": exports.export_pdf, "csv": exports.export_csv}[args.format]
            path = fn(store, args.campaign, args.output, force=args.force)
    finally:
        store.close()
    write_stdout(f"{path}\n")
    return 0
