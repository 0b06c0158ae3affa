"""Run every bench in turn on one 2,000-candidate campaign (``make bench``); each prints its own ratios.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py [--db PATH]

The campaign is built once with make_campaign.py (2,000 candidates x 4 members x 25 items) unless --db
names an existing one. Expect 10-15 minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(script: str, *args: str) -> int:
    print(f"\n=== {script} {' '.join(args)}", flush=True)
    return subprocess.call([sys.executable, str(HERE / script), *args])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="ip-bench-")) / "big.sqlite"
    failures = 0
    if not db.exists():
        failures += run("make_campaign.py", "--candidates", "2000", "--members", "4", "--db", str(db)) != 0
    failures += run("score_write.py") != 0
    failures += run("results_json.py", "--db", str(db)) != 0
    failures += run("export.py") != 0
    failures += run("startup.py") != 0
    failures += run("gui_block.py", "--db", str(db)) != 0
    failures += run("moderation_grid.py", "--db", str(db)) != 0
    failures += run("candidates_bomb.py") != 0
    failures += run("score_packs.py") != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
