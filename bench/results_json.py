"""``results --json`` over a large campaign against the library floor: one plain SQL query for its scores.

    python bench/results_json.py [--db PATH] [--candidates 2000] [--members 4] [--items 25] [--repeat 5]

Without --db (or with a --db that does not exist yet) the campaign is built first with make_campaign.py.
Prints the median time of: the plain query (fetch all the campaign's scores with sqlite3), the service
``results(store, cid, audit=False)``, ``results_json(store, cid)`` (exactly what ``results --json`` runs:
the results without audit log, notes and rationales, as compact JSON text), ``results(audit=False)`` +
``to_json()`` + ``json.dumps`` for comparison, and their ratios to the plain query. Goal: <= 3x.
"""

from __future__ import annotations

import argparse
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

from interview_panel.services.moderation import results, results_json  # noqa: E402
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
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = Path(tmp.name) / "results.db"
    if not args.db.exists():
        print(f"building {args.candidates}x{args.members}x{args.items} in {args.db} ...", flush=True)
        build(args.db, candidates=args.candidates, members=args.members, items=args.items, quiet=True)
    store = open_store(args.db)
    cid = max(c.id for c in __import__("interview_panel.services.campaigns", fromlist=["x"]).list_campaigns(store))

    conn = sqlite3.connect(args.db)

    def plain() -> None:
        rows = conn.execute(
            "SELECT candidate_id, member_id, item_id, score, note FROM scores WHERE campaign_id = ?", (cid,)
        ).fetchall()
        assert rows

    def service() -> None:
        results(store, cid, audit=False)

    def service_json() -> None:  # exactly what `results --json` does
        results_json(store, cid)

    def service_dumps() -> None:  # the same document through json.dumps, for comparison
        json.dumps(results(store, cid, audit=False).to_json(), ensure_ascii=False)

    plain(), service()  # warm the page cache and the campaign cache
    n = conn.execute("SELECT count(*) FROM scores WHERE campaign_id = ?", (cid,)).fetchone()[0]
    t_plain = timed(plain, args.repeat)
    t_service = timed(service, args.repeat)
    t_json = timed(service_json, args.repeat)
    t_dumps = timed(service_dumps, args.repeat)
    t_full = timed(lambda: results(store, cid), max(1, args.repeat // 2))
    print(f"campaign {cid}: {n} scores")
    print(f"plain SQL (all scores, fetchall)        {t_plain * 1000:8.1f} ms")
    print(f"results(audit=False)                    {t_service * 1000:8.1f} ms   ratio {t_service / t_plain:.2f}x")
    print(f"results_json (what results --json runs) {t_json * 1000:8.1f} ms   ratio {t_json / t_plain:.2f}x")
    print(f"results + to_json + json.dumps          {t_dumps * 1000:8.1f} ms   ratio {t_dumps / t_plain:.2f}x")
    print(f"results with the audit log (exports)    {t_full * 1000:8.1f} ms   ratio {t_full / t_plain:.2f}x")
    print("goal: results --json <= 3x the plain query")
    conn.close()
    store.close()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
