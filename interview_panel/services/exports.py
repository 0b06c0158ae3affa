"""Export use cases: the HR workbook, the Results CSV and the PDF moderation record of a campaign.

Each reads the campaign's results once (:func:`services.moderation.results`, one consistent snapshot)
and hands them to the renderer in ``exports/``. Long jobs: ``progress.step`` is called as the work goes;
``progress.cancel()`` (from any thread) makes the export raise :class:`domain.progress.Cancelled`, and
then, as after any error, the file at ``out`` is exactly as it was before (nothing half-written).
``out`` is checked first by :func:`services.output.output_path` (never a database, never a non-regular
file, a read-only file only with ``force``).
Use the store from the thread that opened it; the rendering itself touches no database.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.progress import NO_PROGRESS, Progress
from ..exports.csv_export import write_csv
from ..exports.record_pdf import write_record_pdf
from ..exports.workbook import write_workbook
from .moderation import results
from .output import output_path
from .store import Store


def export_workbook(
    store: Store,
    cid: int,
    out: str | os.PathLike[str],
    progress: Progress | None = None,
    *,
    force: bool = False,
    anonymise: bool = False,
) -> Path:
    """Write the HR workbook (.xlsx) of campaign ``cid`` to ``out``; returns the path written.
    ``anonymise``: the research copy (``domain.anonymise``): random ids, no names, notes, rationales or audit."""
    progress = progress or NO_PROGRESS
    path = output_path(out, ".xlsx", force=force, protect=(store.path,))
    progress.step(0, 1, "Reading results")
    if anonymise:
        from ..domain.anonymise import anonymise as anonymised

        return write_workbook(anonymised(results(store, cid, audit=False)), path, progress)
    return write_workbook(results(store, cid), path, progress)


def export_csv(
    store: Store, cid: int, out: str | os.PathLike[str], progress: Progress | None = None, *, force: bool = False
) -> Path:
    """Write the Results sheet of campaign ``cid`` as CSV (UTF-8 with BOM) to ``out``."""
    progress = progress or NO_PROGRESS
    path = output_path(out, ".csv", force=force, protect=(store.path,))
    progress.step(0, 1, "Reading results")
    return write_csv(results(store, cid, audit=False), path, progress)


def export_pdf(
    store: Store, cid: int, out: str | os.PathLike[str], progress: Progress | None = None, *, force: bool = False
) -> Path:
    """Write the PDF moderation record of campaign ``cid`` to ``out``."""
    progress = progress or NO_PROGRESS
    path = output_path(out, ".pdf", force=force, protect=(store.path,))
    progress.step(0, 1, "Reading results")
    return write_record_pdf(results(store, cid, audit=False), path, progress)
