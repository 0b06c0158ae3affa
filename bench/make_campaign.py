"""Build a realistic, fully scored and moderated campaign through the services.

    python bench/make_campaign.py --candidates 2000 --members 4 --db /tmp/big.db [--items 25]

Every score goes through ``record_score`` (the normal per-score path, with its checks and audit row);
work for a chunk of candidates is grouped with ``store.batch()`` so the whole build does not pay one
fsync per score. Prints the campaign id and timings.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interview_panel.domain.scoring import flags  # noqa: E402
from interview_panel.services.campaigns import add_member, create_campaign, import_candidates  # noqa: E402
from interview_panel.services.demo import synthetic_profile  # noqa: E402
from interview_panel.services.moderation import agree_unflagged_at_median, moderate  # noqa: E402
from interview_panel.services.scoring import record_score, submit  # noqa: E402
from interview_panel.services.store import Store, open_store  # noqa: E402

FIRST = (
    "Amara",
    "Ben",
    "Chloë",
    "Dariusz",
    "Efua",
    "Fionn",
    "Grace",
    "Hamza",
    "Ines",
    "Jakub",
    "Kemi",
    "Llŷr",
    "Maryam",
    "Niamh",
    "Olu",
    "Priya",
    "Quentin",
    "Róisín",
    "Sanjay",
    "Tomasz",
    "Uchenna",
    "Vikram",
    "Wen",
    "Yusuf",
    "Zainab",
)
LAST = (
    "Adeyemi",
    "Brennan",
    "Çelik",
    "Davies",
    "Ekwueme",
    "Fitzgerald",
    "García",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Nowak",
    "O'Connor",
    "Patel",
    "Quinn",
    "Rahman",
    "Šimić",
    "Thomas",
    "Umeh",
    "Valdés",
    "Williams",
    "Xu",
    "Young",
)


def build(
    db: Path, *, candidates: int, members: int, items: int = 25, seed: int = 7, chunk: int = 25, quiet: bool = False
) -> int:
    """Create the campaign in ``db`` and return its id."""
    if items < 8:
        raise SystemExit("--items must be at least 8 (behaviours + criteria + values)")
    rng = random.Random(seed)
    store: Store = open_store(db)
    t0 = time.perf_counter()
    profile = synthetic_profile(behaviours=6, criteria=items - 7)
    cid = create_campaign(store, profile=profile, name=f"Bench {candidates}x{members}x{items}")
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "candidates.csv"
        lines = ["reference,name,slot"]
        for n in range(candidates):
            day, slot = divmod(n, 8)
            lines.append(
                f"R{n + 1:05d},{rng.choice(FIRST)} {rng.choice(LAST)},2026-04-{1 + day % 28:02d}T{9 + slot:02d}:00"
            )
        csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
        import_candidates(store, cid, csv)
    panel = [f"Member {m + 1}" for m in range(members)]
    for m, name in enumerate(panel):
        add_member(store, cid, name, chair=m == 0)
    from interview_panel.services.campaigns import get_campaign

    campaign = get_campaign(store, cid)
    item_ids = [i.id for i in campaign.items]
    rules = campaign.rules
    refs = [f"R{n + 1:05d}" for n in range(candidates)]
    t1 = time.perf_counter()
    n_scores = 0
    for start in range(0, len(refs), chunk):
        with store.batch():
            for ref in refs[start : start + chunk]:
                ability = rng.uniform(1.8, 4.8)
                marks: dict[str, list[int]] = {}
                for member in panel:
                    for item in item_ids:
                        mark = max(1, min(5, round(ability + rng.uniform(-1.0, 1.0))))
                        marks.setdefault(item, []).append(mark)
                        note = "Clear example; probed for own actions." if rng.random() < 0.2 else None
                        record_score(store, cid, candidate=ref, member=member, item=item, score=mark, note=note)
                        n_scores += 1
                    submit(store, cid, candidate=ref, member=member)
                agree_unflagged_at_median(store, cid, candidate=ref, actor=panel[0])
                for item, ms in marks.items():
                    if flags(ms, rules):
                        moderate(
                            store,
                            cid,
                            candidate=ref,
                            item=item,
                            score=sorted(ms)[len(ms) // 2],
                            rationale="Discussed the evidence; agreed the middle view.",
                            actor=panel[0],
                        )
        if not quiet and (start // chunk) % 20 == 0:
            done = min(start + chunk, len(refs))
            rate = n_scores / (time.perf_counter() - t1)
            print(f"  {done}/{len(refs)} candidates, {n_scores} scores ({rate:,.0f} scores/s)", flush=True)
    t2 = time.perf_counter()
    store.close()
    if not quiet:
        print(
            f"campaign {cid}: {candidates} candidates x {members} members x {len(item_ids)} items = "
            f"{n_scores} scores, all submitted and moderated"
        )
        print(
            f"setup {t1 - t0:.1f} s; scoring+moderation {t2 - t1:.1f} s ({n_scores / (t2 - t1):,.0f} scores/s); "
            f"total {t2 - t0:.1f} s"
        )
    return cid


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candidates", type=int, default=2000)
    ap.add_argument("--members", type=int, default=4)
    ap.add_argument("--items", type=int, default=25)
    ap.add_argument("--db", required=True, type=Path)
    args = ap.parse_args()
    if args.db.exists():
        raise SystemExit(f"{args.db} exists; give a new path")
    print(build(args.db, candidates=args.candidates, members=args.members, items=args.items))


if __name__ == "__main__":
    main()
