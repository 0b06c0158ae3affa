"""Latency of recording one score (service call to durable commit) against the library floor.

    python bench/score_write.py [--n 2000] [--dir DIR]

The floor is a plain sqlite3 ``INSERT ... ON CONFLICT DO UPDATE`` + ``COMMIT`` into a table of the same
shape as the app's ``scores`` (WITHOUT ROWID, same primary key), in the same journal mode (WAL,
synchronous=FULL), in a file in the same folder. The two are
measured in alternating blocks so drift in the machine affects both. Prints median and p99 of each and
the ratios. Goal: <= 2x.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interview_panel.domain.campaign import Candidate  # noqa: E402
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign, get_campaign  # noqa: E402
from interview_panel.services.demo import synthetic_profile  # noqa: E402
from interview_panel.services.scoring import record_score  # noqa: E402
from interview_panel.services.store import open_store  # noqa: E402


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="scores to time on each side")
    ap.add_argument("--dir", type=Path, default=None, help="folder for the two database files (default: temp)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(dir=args.dir)
    folder = Path(tmp.name)

    # -- the app: a 25-item campaign, 100 candidates, 4 members ------------------------------------
    store = open_store(folder / "app.db")
    with store.batch():
        cid = create_campaign(store, profile=synthetic_profile(), name="Latency")
        refs = [f"C{n:04d}" for n in range(100)]
        for ref in refs:
            add_candidate(store, cid, Candidate(ref, f"Candidate {ref}"))
        members = [f"Member {m}" for m in range(4)]
        for m in members:
            add_member(store, cid, m, chair=m == members[0])
    items = [i.id for i in get_campaign(store, cid).items]
    keys = [(r, m, i) for r in refs for m in members for i in items]

    # -- the floor: same shape, same pragmas ------------------------------------------------------------
    conn = sqlite3.connect(folder / "plain.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(
        "CREATE TABLE scores (campaign_id INTEGER, candidate_id INTEGER, member_id INTEGER, item_id TEXT, "
        "score INTEGER, note TEXT NOT NULL DEFAULT '', updated_at TEXT, "
        "PRIMARY KEY (campaign_id, candidate_id, item_id, member_id)) WITHOUT ROWID"
    )

    app: list[float] = []
    plain: list[float] = []
    block = 100
    n = 0
    while n < args.n:
        for k in range(n, min(n + block, args.n)):
            ref, member, item = keys[k % len(keys)]
            t = time.perf_counter()
            record_score(store, cid, candidate=ref, member=member, item=item, score=k % 5 + 1)
            app.append(time.perf_counter() - t)
        for k in range(n, min(n + block, args.n)):
            ref, member, item = keys[k % len(keys)]
            t = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO scores VALUES (1, ?, ?, ?, ?, '', ?) ON CONFLICT (campaign_id, candidate_id, "
                "item_id, member_id) DO UPDATE SET score = excluded.score, updated_at = excluded.updated_at",
                (k // 100, hash(member) % 7, item, k % 5 + 1, "2026-03-02T09:00:00+00:00"),
            )
            conn.execute("COMMIT")
            plain.append(time.perf_counter() - t)
        n += block
    conn.close()
    store.close()
    tmp.cleanup()

    am, ap99 = statistics.median(app), pct(app, 99)
    pm, pp99 = statistics.median(plain), pct(plain, 99)
    print(f"{args.n} scores each, WAL + synchronous=FULL, folder {args.dir or tempfile.gettempdir()}")
    print(f"plain sqlite3 insert+commit   median {pm * 1000:7.3f} ms   p99 {pp99 * 1000:7.3f} ms")
    print(f"record_score (service)        median {am * 1000:7.3f} ms   p99 {ap99 * 1000:7.3f} ms")
    print(f"ratio                         median {am / pm:7.2f}x     p99 {ap99 / pp99:7.2f}x   (goal <= 2x)")


if __name__ == "__main__":
    main()
