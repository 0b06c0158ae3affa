"""The Results sheet as a CSV file, for systems that cannot read .xlsx.

Same columns and rows as the workbook's ``Results`` sheet (:func:`exports.workbook.results_header` and
``results_rows``). UTF-8 with a byte-order mark so Excel opens names in any script correctly; CRLF line
ends (the csv module's default, what Excel writes). Free text is neutralised exactly as in the workbook
(:mod:`exports.safe`: a leading ``'`` before a trigger character); numbers are written as plain numbers;
times as ``YYYY-MM-DD HH:MM`` (naive local time); empty for ``None``. Written through ``atomic_path``.
"""

from __future__ import annotations

import csv
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.campaign import CampaignResults
from ..domain.progress import NO_PROGRESS, Progress
from .atomic import atomic_path
from .safe import neutralise
from .workbook import results_header, results_rows


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def write_csv(results: CampaignResults, out: str | os.PathLike[str], progress: Progress | None = None) -> Path:
    """Write the Results rows of ``results`` to ``out``; a cancel or error leaves ``out`` untouched."""
    progress = progress or NO_PROGRESS
    out = Path(out)
    rows = results_rows(results)
    with atomic_path(out) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            # Item ids are contract slugs, but a header is text like any other: neutralise it too.
            writer.writerow([neutralise(h) for h in results_header(results)])
            for k, row in enumerate(rows):
                if k % 100 == 0:
                    progress.step(k, len(rows), "Results")
                writer.writerow([_cell(v) for v in row])
        progress.step(len(rows), len(rows), "Saved")
    return out
