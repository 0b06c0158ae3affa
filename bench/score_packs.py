"""Score pack hand-in and merge for one member with 40 candidates x 10 items, against the library floor.

    python bench/score_packs.py [--candidates 40] [--items 10] [--runs 5]

The app's side: ``services.kits.export_scores`` (read the member's submitted scores, build the payload, sign
it with Ed25519, write the file atomically) and ``services.kits.import_packs`` (read, verify the signature,
check every candidate against the chair's database, then merge scores, submissions and audit rows in one
durable transaction). The floor: the same payload dumped as JSON, signed and written with a plain fsync; and,
for the import, the file read, the signature verified and the same number of rows inserted with one
``executemany`` and one commit into a plain sqlite3 table (WAL, synchronous=FULL). Medians of ``--runs``
alternating runs; each import goes into a fresh copy of the chair's database. Goal: under 1 s each.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interview_panel.domain.campaign import Candidate  # noqa: E402
from interview_panel.services import kits, signing  # noqa: E402
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign, get_campaign  # noqa: E402
from interview_panel.services.demo import synthetic_profile  # noqa: E402
from interview_panel.services.scoring import record_scores, submit  # noqa: E402
from interview_panel.services.store import open_store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candidates", type=int, default=40)
    ap.add_argument("--items", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ip-packs-"))
    chair_db, member_db = folder / "chair.db", folder / "member.db"
    member = "Member One"
    with open_store(chair_db) as store:
        with store.batch():
            cid = create_campaign(store, profile=synthetic_profile(behaviours=6, criteria=args.items - 7), name="Packs")
            add_member(store, cid, "Chair", chair=True)
            add_member(store, cid, member)
            refs = [f"C{n:03d}" for n in range(args.candidates)]
            for ref in refs:
                add_candidate(store, cid, Candidate(ref, f"Candidate {ref}"))
        items = [i.id for i in get_campaign(store, cid).items]
        kit = kits.make_member_kit(store, cid, member, folder / "member.ipkit").path
    with open_store(member_db) as store:
        mcid = kits.open_member_kit(store, kit).campaign_id
        with store.batch():
            record_scores(store, mcid, [(r, member, i, 3, f"note on {r}/{i}") for r in refs for i in items])
            for r in refs:
                submit(store, mcid, candidate=r, member=member)
    print(f"{args.candidates} candidates x {len(items)} items = {args.candidates * len(items)} scores")

    app_exp, floor_exp, app_imp, floor_imp = [], [], [], []
    for run in range(args.runs):
        pack = folder / f"pack{run}.ippack"
        t = time.perf_counter()
        with open_store(member_db) as store:
            kits.export_scores(store, mcid, member, pack)
        app_exp.append(time.perf_counter() - t)

        signed = signing.parse(pack.read_bytes(), signing.PACK_MAGIC, name="pack", what="score pack")
        key = signing.new_key()
        t = time.perf_counter()
        data = signing.sign(signing.PACK_MAGIC, signed.payload, key)
        with open(folder / "floor.bin", "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        floor_exp.append(time.perf_counter() - t)

        copy = folder / f"chair{run}.db"
        shutil.copy(chair_db, copy)
        t = time.perf_counter()
        with open_store(copy) as store:
            report = kits.import_packs(store, [pack])
        app_imp.append(time.perf_counter() - t)
        assert report.candidates == args.candidates

        plain = folder / f"plain{run}.db"
        conn = sqlite3.connect(plain, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE s (c TEXT, m TEXT, i TEXT, score INT, note TEXT, PRIMARY KEY (c, m, i))")
        public = signing.public_hex(key)
        t = time.perf_counter()
        got = signing.parse((folder / "floor.bin").read_bytes(), signing.PACK_MAGIC, name="f", what="score pack")
        assert signing.verify(got, public)
        rows = [
            (c["reference"], member, s["item"], s["score"], s["note"])
            for c in got.payload["candidates"]
            for s in c["scores"]
        ]
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO s VALUES (?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
        floor_imp.append(time.perf_counter() - t)
        conn.close()

    me, fe, mi, fi = (statistics.median(x) for x in (app_exp, floor_exp, app_imp, floor_imp))
    print(f"export: app {me * 1000:.0f} ms, floor {fe * 1000:.1f} ms, ratio {me / fe:.1f}x  (goal < 1 s)")
    print(f"import: app {mi * 1000:.0f} ms, floor {fi * 1000:.1f} ms, ratio {mi / fi:.1f}x  (goal < 1 s)")
    print(f"pack size: {pack.stat().st_size:,} bytes; {json.dumps({'runs': args.runs})}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
