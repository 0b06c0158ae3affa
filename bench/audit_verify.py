"""``audit verify`` over a large campaign against the library floor: read every audit row and sha256 it.

    python bench/audit_verify.py [--db PATH] [--candidates 2000] [--members 4] [--items 25] [--repeat 3]

Without --db (or with a --db that does not exist yet) the campaign is built first with make_campaign.py.
Prints the median time of: the floor (fetch every audit row with plain sqlite3 and compute the sha256 of
each row's JSON, the least a hash-chain check in Python can do), the service ``verify_audit(store)`` (the
chain, the MACs, the triggers and the replay of every score, note, submission, agreed score, candidate and
member against the tables), and their ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_campaign import build  # noqa: E402

from interview_panel.services.audit import verify_audit  # noqa: E402
from interview_panel.services.store import open_store  # noqa: E402


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--candidates", type=int, default=2000)
    ap.add_argument("--members", type=int, default=4)
    ap.add_argument("--items", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = Path(tmp.name) / "audit.db"
    if not args.db.exists():
        print(f"building {args.candidates}x{args.members}x{args.items} in {args.db} ...", flush=True)
        t = time.perf_counter()
        build(args.db, candidates=args.candidates, members=args.members, items=args.items, quiet=True)
        print(f"built in {time.perf_counter() - t:.0f} s", flush=True)
    store = open_store(args.db)
    conn = sqlite3.connect(args.db)

    def floor() -> None:
        prev = "0" * 64
        for row in conn.execute("SELECT * FROM audit ORDER BY seq"):
            prev = hashlib.sha256(
                json.dumps([prev, *row[:12]], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            ).hexdigest()

    report = None

    def service() -> None:
        nonlocal report
        report = verify_audit(store)

    floor(), service()  # warm the page cache
    assert report is not None and report.ok, report
    t_floor = timed(floor, args.repeat)
    t_service = timed(service, args.repeat)
    print(f"audit rows                    {report.rows}")
    print(f"floor: read + sha256 each row {t_floor:.2f} s")
    print(f"verify_audit (service)        {t_service:.2f} s")
    print(f"ratio                         {t_service / t_floor:.2f}x")
    print(getattr(report, "keyed", "") or "(no keyed check in this version)")
    store.close()
    conn.close()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
