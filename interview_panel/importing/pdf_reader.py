"""``.pdf`` -> cell stream, read with pdfplumber (text and tables) in a child process under caps.

A PDF can be hostile in ways a zip directory check cannot see: a content stream that inflates to gigabytes,
thousands of pages, a damaged cross-reference table that sends the parser scanning, JavaScript, or
encryption. So the PDF is read in a separate Python process (:mod:`.pdf_worker`) with a memory and CPU
limit and a wall-clock timeout, and the worker itself refuses, before any page is laid out:

- an encrypted file, a file with JavaScript (``/JS``, ``/JavaScript``) anywhere in it;
- more than :data:`MAX_PAGES` pages;
- any stream that inflates to more than :data:`MAX_STREAM_BYTES` (checked by inflating in chunks, never whole).

What comes back is the same stream of cells and row breaks as from Word and text (see :mod:`.cells`):
each table row's cells then a row break; each paragraph (lines outside tables grouped by their spacing)
then a row break. A PDF whose pages carry no text (a scan) is refused: "has no text to read".
Every refusal is one :class:`ProfileImportError` line naming the file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..domain.errors import ProfileImportError
from .cells import ROW, Stream

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PAGES = 60
MAX_STREAM_BYTES = 16 * 1024 * 1024
MAX_TOTAL_INFLATED = 64 * 1024 * 1024
TIMEOUT_SECONDS = 20.0
MEMORY_LIMIT = 1536 * 1024 * 1024
MAX_ITEMS = 40_000
WORKER_ENV = "INTERVIEW_PANEL_PDF_WORKER"  # set for the frozen app started as the PDF reader


def pdf_stream(data: bytes, name: str) -> Stream:
    """The cell stream of a PDF's text layer. Raises ProfileImportError (one line) for anything refused."""
    if len(data) > MAX_PDF_BYTES:
        raise ProfileImportError(f"{name}: is over {MAX_PDF_BYTES // (1024 * 1024)} MB, too large for a role profile")
    result = _run_worker(data, name)
    if "error" in result:
        raise ProfileImportError(f"{name}: {result['error']}")
    items = result.get("stream")
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise ProfileImportError(f"{name}: is not a readable PDF")
    return [ROW if item is None else str(item) for item in items]


def _run_worker(data: bytes, name: str) -> dict[str, Any]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["INTERVIEW_PANEL_PDF_MEMORY"] = str(MEMORY_LIMIT)
    if getattr(sys, "frozen", False):
        # a frozen app has no interpreter to start: it starts itself, and its entry point runs the worker
        command = [sys.executable]
        env[WORKER_ENV] = "1"
    else:
        command = [sys.executable, "-m", "interview_panel.importing.pdf_worker"]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=TIMEOUT_SECONDS, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise ProfileImportError(
            f"{name}: took more than {TIMEOUT_SECONDS:.0f} s to read, so it was stopped (a damaged or hostile PDF?)"
        ) from None
    except OSError as exc:
        raise ProfileImportError(f"{name}: could not start the PDF reader ({exc.strerror or exc})") from None
    try:
        result = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        result = None
    if not isinstance(result, dict):
        if (done.returncode and done.returncode < 0) or b"MemoryError" in done.stderr:
            raise ProfileImportError(
                f"{name}: needs too much memory to read, so it was stopped (a damaged or hostile PDF?)"
            )
        raise ProfileImportError(f"{name}: is not a readable PDF (the reader stopped)")
    return result
