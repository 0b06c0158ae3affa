"""CLI: equality monitoring and the panel's figures (issue 17).

```
monitoring import --db DB --campaign ID FILE     HR's categories per candidate (.csv or .xlsx), all or nothing
monitoring clear --db DB --campaign ID           remove them (monitoring off)
report equality --db DB --campaign ID [--json]   selection rates, four-fifths ratios, Fisher's exact p per group
report panel --db DB --campaign ID [--json]      per member: mean, min, max, pass rate; moderation's shift
```
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from . import campaign_id, write_stdout

if TYPE_CHECKING:
    from ..services.store import Store
    from . import Subparsers


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    ptype = type(common)
    mon = sub.add_parser("monitoring", help="equality monitoring data (optional; kept apart from scores)")
    msub = mon.add_subparsers(dest="monitoring_command", metavar="SUBCOMMAND", required=True, parser_class=ptype)
    imp = msub.add_parser("import", parents=[common], help="import HR's monitoring categories per candidate")
    imp.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    imp.add_argument("file", metavar="FILE", help="reference + one column per category (.csv or .xlsx)")
    imp.set_defaults(handler=_import)
    clr = msub.add_parser("clear", parents=[common], help="remove the campaign's monitoring data")
    clr.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    clr.set_defaults(handler=_clear)

    rep = sub.add_parser("report", help="equality and panel reports")
    rsub = rep.add_subparsers(dest="report_command", metavar="SUBCOMMAND", required=True, parser_class=ptype)
    eq = rsub.add_parser("equality", parents=[common], help="adverse impact per stage and group")
    eq.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    eq.add_argument("--json", action="store_true")
    eq.set_defaults(handler=_equality)
    pn = rsub.add_parser("panel", parents=[common], help="the panel's score figures, as FOI requests ask")
    pn.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    pn.add_argument("--json", action="store_true")
    pn.set_defaults(handler=_panel)


def _open(args: argparse.Namespace) -> Store:
    from . import open_db

    return open_db(args)  # refuses an empty, foreign or damaged file; the automatic backup when due


def _import(args: argparse.Namespace) -> int:
    from ..services.equality import import_monitoring

    with _open(args) as store:
        done = import_monitoring(store, args.campaign, args.file)
    write_stdout(
        f"imported monitoring data for {done.candidates} candidate(s): "
        f"{', '.join(done.categories) or 'no categories'}"
        + (f"; {done.appointments} appointment decision(s)" if done.appointments else "")
        + "\n"
    )
    return 0


def _clear(args: argparse.Namespace) -> int:
    from ..services.equality import clear_monitoring

    with _open(args) as store:
        clear_monitoring(store, args.campaign)
    write_stdout(f"monitoring data removed from campaign {args.campaign}\n")
    return 0


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:.0%}"


def _equality(args: argparse.Namespace) -> int:
    from ..services.equality import equality

    with _open(args) as store:
        report = equality(store, args.campaign)
    if args.json:
        write_stdout(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [f"Equality monitoring: {report.candidates} candidate(s) with monitoring data and an interview outcome"]
    for stage in report.stages:
        lines.append(f"\n{stage.category} — {stage.stage}")
        lines.append(f"  {'Group':<28} {'Cands':>5} {'Sel.':>5} {'Rate':>6} {'Ratio':>6} {'Fisher p':>9}")
        for r in stage.rows:
            if r.suppressed:
                lines.append(f"  {r.group[:28]:<28} {'(fewer than 5: suppressed)':>34}")
                continue
            ratio = "-" if r.ratio is None else f"{r.ratio:.2f}"
            p = "highest" if r.highest else ("-" if r.p_value is None else f"{r.p_value:.3f}")
            flag = "  below 4/5" if r.adverse else ""
            lines.append(
                f"  {r.group[:28]:<28} {r.candidates:>5} {r.selected:>5} {_pct(r.rate):>6} {ratio:>6} {p:>9}{flag}"
            )
    for w in [*report.warnings, *(w for s in report.stages for w in s.warnings)]:
        lines.append(f"Note: {w}")
    write_stdout("\n".join(lines) + "\n")
    return 0


def _panel(args: argparse.Namespace) -> int:
    from ..services.equality import panel_statistics

    with _open(args) as store:
        stats = panel_statistics(store, args.campaign)
    if args.json:
        write_stdout(json.dumps(stats.to_json(), ensure_ascii=False, indent=2) + "\n")
        return 0
    write_stdout("\n".join(stats.lines()) + "\n")
    return 0
