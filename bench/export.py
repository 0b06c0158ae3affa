"""Bench the exports at design scale (2,000 candidates × 4 members × 25 items = 200,000 scores).

Each measurement runs in its own process (so peak RSS is that job's alone) on the same in-memory
CampaignResults built by tests/exports/factories.py:

* workbook: ``exports.workbook.write_workbook`` against the library floor, openpyxl write-only writing the
  same five sheets' cells as plain values (no neutralising, styles, widths or atomic replace). Goal ≤ 1.3×.
* pdf: ``exports.record_pdf.write_record_pdf`` against a bare reportlab build of the same flowables in the
  same frame (``write_plain_pdf``: no marking, page numbers, outline, progress or streaming). Goal ≤ 1.5×.
* csv: for information.
Peak memory (ru_maxrss of each job, results object included): goal ≤ 400 MB.
Ratios compare CPU time (best of ``--repeat`` alternating runs); wall-clock ratios are printed as well.

Usage: ``.venv/bin/python bench/export.py [--candidates N]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "exports"))


def _results(n: int):  # type: ignore[no-untyped-def]
    from factories import make_results

    return make_results(n, members=4, n_items=25)


def _naive(dt):  # type: ignore[no-untyped-def]
    return None if dt is None else dt.replace(tzinfo=None)


def _floor_workbook(results, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The same cells as the app's workbook, written by openpyxl's write-only mode and nothing else."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    _floor_results_sheet(wb, results)
    _floor_scores_sheet(wb, results)
    ws = wb.create_sheet("Items")
    for i in results.items:
        ws.append([i.id, i.kind, i.text, i.level, i.requirement, i.section])
    ws = wb.create_sheet("Audit")
    for a in results.audit:
        ws.append([a.seq, _naive(a.at), a.actor, a.action, a.target, a.old, a.new, a.reason, a.hash])
    ws = wb.create_sheet("About")
    ws.append(["Schema", "interview-panel/results/2"])
    wb.save(out)


def _floor_results_sheet(wb, results) -> None:  # type: ignore[no-untyped-def]
    ws = wb.create_sheet("Results")
    ids = [i.id for i in results.items]
    ws.append(
        [
            "Campaign",
            "Post title",
            "Candidate reference",
            "Candidate name",
            "Interview date",
            "Status",
            *ids,
            "Total",
            "Maximum",
            "Outcome",
            "Rank",
            "Reasons",
            "Moderated by",
            "Moderated at",
        ]
    )
    for c in results.candidates:
        ws.append(
            [
                results.campaign_name,
                results.profile.post_title,
                c.reference,
                c.candidate.name,
                _naive(c.candidate.slot),
                str(c.status),
                *(c.agreed.get(i) for i in ids),
                c.total,
                c.maximum,
                c.outcome,
                c.rank,
                "; ".join(c.reasons) or None,
                c.moderated_by,
                _naive(c.moderated_at),
            ]
        )


def _floor_scores_sheet(wb, results) -> None:  # type: ignore[no-untyped-def]
    ws = wb.create_sheet("Scores")
    ws.append(
        [
            "Candidate reference",
            "Item",
            "Item text",
            "Member",
            "Score",
            "Notes",
            "Agreed score",
            "Rationale",
            "Submitted at",
        ]
    )
    for c in results.candidates:
        for i in results.items:
            for m in results.members:
                ws.append(
                    [
                        c.reference,
                        i.id,
                        i.text,
                        m.name,
                        c.scores[i.id][m.name],
                        c.notes.get(i.id, {}).get(m.name),
                        c.agreed.get(i.id),
                        c.rationale.get(i.id),
                        _naive(c.submitted_at.get(m.name)),
                    ]
                )


def _floor_pdf(results, out: Path) -> None:  # type: ignore[no-untyped-def]
    from interview_panel.exports.record_pdf import write_plain_pdf

    write_plain_pdf(results, out)  # same frame and flowables, bare BaseDocTemplate, story in one list


def _one(job: str, n: int) -> dict[str, float]:
    results = _results(n)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"out.{job.split('-')[0]}"
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_SELF)
        if job == "xlsx":
            from interview_panel.exports.workbook import write_workbook

            write_workbook(results, out)
        elif job == "xlsx-floor":
            _floor_workbook(results, out)
        elif job == "pdf":
            from interview_panel.exports.record_pdf import write_record_pdf

            write_record_pdf(results, out)
        elif job == "pdf-floor":
            _floor_pdf(results, out)
        elif job == "csv":
            from interview_panel.exports.csv_export import write_csv

            write_csv(results, out)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF)
        size = out.stat().st_size
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu": cpu, "peak_mb": after.ru_maxrss / 1024, "size_mb": size / 1e6}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=2, help="runs per job, alternating; the best time counts")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(_one(args.one, args.candidates)))
        return 0
    got: dict[str, dict[str, float]] = {}
    jobs = ("xlsx-floor", "xlsx", "pdf-floor", "pdf", "csv")
    for run in range(args.repeat):
        for job in jobs:  # floor and ours alternate, so load from elsewhere hits both alike
            proc = subprocess.run(
                [sys.executable, __file__, "--one", job, "--candidates", str(args.candidates)],
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONHASHSEED": "0"},
            )
            if proc.returncode:
                print(proc.stderr, file=sys.stderr)
                return 1
            r = json.loads(proc.stdout)
            print(
                f"run {run + 1} {job:<11} wall {r['seconds']:7.2f} s  cpu {r['cpu']:7.2f} s  "
                f"peak {r['peak_mb']:6.0f} MB  file {r['size_mb']:6.1f} MB",
                flush=True,
            )
            best = got.setdefault(job, dict(r))
            best["seconds"] = min(best["seconds"], r["seconds"])
            best["cpu"] = min(best["cpu"], r["cpu"])
            best["peak_mb"] = max(best["peak_mb"], r["peak_mb"])
    # Ratios use CPU time (user + system of the job's process): on a shared machine the wall clock mostly
    # measures the neighbours. Wall-clock ratios are printed too.
    for name, ours, floor in (("workbook", "xlsx", "xlsx-floor"), ("pdf", "pdf", "pdf-floor")):
        print(f"{name:<9} wall ratio {got[ours]['seconds'] / got[floor]['seconds']:.2f}x")
    wb_ratio = got["xlsx"]["cpu"] / got["xlsx-floor"]["cpu"]
    pdf_ratio = got["pdf"]["cpu"] / got["pdf-floor"]["cpu"]
    peak = max(got[job]["peak_mb"] for job in ("xlsx", "pdf", "csv"))  # ours; the floors are for reference
    print(f"workbook cpu ratio {wb_ratio:.2f}x (goal <= 1.3)  {'OK' if wb_ratio <= 1.3 else 'OVER'}")
    print(f"pdf cpu ratio      {pdf_ratio:.2f}x (goal <= 1.5)  {'OK' if pdf_ratio <= 1.5 else 'OVER'}")
    print(f"peak memory    {peak:.0f} MB (goal <= 400)  {'OK' if peak <= 400 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
