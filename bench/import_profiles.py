"""Role-profile import time per sample format, against the library floor (issue 12).

    .venv/bin/python bench/import_profiles.py [--runs 5]

For each of the sample templates in tests/data/templates, the median wall time of ``import_profile`` for the
Word text export, the .docx and (where there is one) the PDF, side by side with the floor for that format:
reading and decoding the text; python-docx opening the document and walking its paragraphs and tables;
pdfplumber extracting every page's text and tables in this process. A PDF of 10 or more pages is built from
the sample PDFs (pypdf) to check the goal: a 10-page PDF imports in under 2 s. The PDF import runs in a
capped child process, so its figure includes starting Python there.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TEMPLATES = ROOT / "tests" / "data" / "templates"

from interview_panel.importing import import_profile  # noqa: E402


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def floor_txt(path: Path) -> None:
    path.read_bytes().decode("utf-8")


def floor_docx(path: Path) -> None:
    import docx

    d = docx.Document(str(path))
    _ = [p.text for p in d.paragraphs]
    _ = [c.text for t in d.tables for r in t.rows for c in r.cells]


def floor_pdf(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            for t in page.find_tables():
                t.extract()


FLOORS = {"txt": floor_txt, "docx": floor_docx, "pdf": floor_pdf}


def ten_page_pdf(folder: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    sources = sorted(TEMPLATES.glob("*.pdf"))
    while len(writer.pages) < 10:
        for src in sources:
            writer.append(PdfReader(str(src)))
    out = folder / "ten_pages.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    floor_docx(next(TEMPLATES.glob("*.docx")))  # warm the imports of both sides
    floor_pdf(next(TEMPLATES.glob("*.pdf")))
    import_profile(next(TEMPLATES.glob("*.docx")))
    print(f"{'file':<34} {'import':>9} {'floor':>9} {'ratio':>6}")
    worst: dict[str, float] = {}
    for path in sorted(TEMPLATES.iterdir()):
        ext = path.suffix.lstrip(".")
        if ext not in FLOORS:
            continue
        ours = median_time(lambda: import_profile(path), args.runs)
        floor = median_time(lambda: FLOORS[ext](path), args.runs)
        worst[ext] = max(worst.get(ext, 0.0), ours)
        print(f"{path.name:<34} {ours * 1000:>7.0f}ms {floor * 1000:>7.0f}ms {ours / floor:>5.1f}x")
    with tempfile.TemporaryDirectory() as tmp:
        big = ten_page_pdf(Path(tmp))
        from pypdf import PdfReader

        pages = len(PdfReader(str(big)).pages)
        ours = median_time(lambda: import_profile(big), args.runs)
        floor = median_time(lambda: floor_pdf(big), args.runs)
        print(
            f"{f'{pages}-page PDF (samples joined)':<34} {ours * 1000:>7.0f}ms {floor * 1000:>7.0f}ms "
            f"{ours / floor:>5.1f}x   goal < 2 s: {'met' if ours < 2 else 'NOT met'}"
        )
    print("slowest per format: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in sorted(worst.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
