"""Hostile candidates files: time and peak memory to refuse them (issue 11, finding 9).

    .venv/bin/python bench/candidates_bomb.py [--strings 30000000]

Builds an .xlsx of about 1 MB whose sharedStrings.xml holds 30 million strings (the red-team file that
took 150 s and 2.8 GB), and a 16 MB-declared variant that slips under the size cap but over the string
count. Each refusal runs in a fresh process (``interview-panel candidates import``) and the script prints
its wall time and the child's peak RSS, beside the same command on a valid 2-row file (the floor: Python,
the CLI and openpyxl starting up). Goal: refused in well under 5 s, and memory near the floor.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def base_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["reference", "name"])
    ws.append(["C1", "Ann Lee"])
    wb.save(path)


def with_shared_strings(src: Path, dst: Path, count: int) -> None:
    """Copy ``src`` adding a sharedStrings.xml of ``count`` empty strings, written in streamed chunks."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="applic'
                    b"ation/vnd.openxmlformats-officedocument.spreadsheetml.sharedStri"
                    b'ngs+xml"/></Types>',
                )
            zout.writestr(info.filename, data)
        with zout.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(
                b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main">'
            )
            block = b"<si/>" * 100_000
            left = count
            while left > 0:
                n = min(left, 100_000)
                out.write(block if n == 100_000 else b"<si/>" * n)
                left -= n
            out.write(b"</sst>")


def run(db: Path, path: Path) -> tuple[float, float, int, str]:
    """(seconds, peak RSS MB of the child, exit status, stderr) of one import in a fresh process."""
    err = path.with_suffix(".err")
    t = time.perf_counter()
    with err.open("wb") as fh:
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "interview_panel",
                "candidates",
                "import",
                "--db",
                str(db),
                "--campaign",
                "1",
                str(path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=fh,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        _pid, status, usage = os.wait4(child.pid, 0)
    dt = time.perf_counter() - t
    child.returncode = os.waitstatus_to_exitcode(status)
    return dt, usage.ru_maxrss / 1024, child.returncode, err.read_text().strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--strings", type=int, default=30_000_000)
    args = ap.parse_args()
    from interview_panel.services.campaigns import create_campaign
    from interview_panel.services.demo import synthetic_profile
    from interview_panel.services.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="ip-bomb-"))
    db = tmp / "c.db"
    store = open_store(db)
    create_campaign(store, profile=synthetic_profile(behaviours=2, criteria=2), name="Bomb")
    store.close()
    base = tmp / "base.xlsx"
    base_xlsx(base)
    bomb = tmp / "bomb.xlsx"
    with_shared_strings(base, bomb, args.strings)
    small_bomb = tmp / "count.xlsx"
    with_shared_strings(base, small_bomb, 3_000_000)  # 15 MB unpacked: under the size cap, over the count
    floor = run(db, base)
    print(f"floor (valid 2-row file)     {floor[0]:6.2f} s  peak {floor[1]:7.1f} MB  exit {floor[2]}")
    for label, path in (
        (f"{args.strings:,} strings, {bomb.stat().st_size / 1e6:.1f} MB file", bomb),
        (f"3,000,000 strings, {small_bomb.stat().st_size / 1e6:.2f} MB file", small_bomb),
    ):
        dt, peak, code, err = run(db, path)
        print(f"{label:<29} {dt:6.2f} s  peak {peak:7.1f} MB  exit {code}  ratio to floor {dt / floor[0]:.2f}")
        print(f"    {err}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
