"""Equality monitoring and panel statistics (issue 17): import HR's monitoring categories, report adverse impact
per stage, and the per-member figures FOI requests ask for.

Monitoring is optional and off by default: nothing is held until HR's file is imported, and ``clear_monitoring``
removes it again. The data lives in its own tables; no screen the panel uses, no pack and no results export
reads it. The audit log records that monitoring data was imported or cleared, and how much, never the groups.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..domain.equality import EqualityReport, equality_report, selection
from ..domain.errors import ValidationError
from ..domain.identity import tidy_text
from ..domain.panel_stats import PanelStats, panel_stats
from ..domain.scoring import APPOINTABLE
from ..storage import Repository
from ..storage import monitoring as monrepo
from .store import Store, load_campaign, now

_NOT_CATEGORIES = {"name", "forename", "surname", "slot", "date", "time"}
_APPOINTED = {"appointed", "appointment", "offer made", "appointed?", "offered"}
_YES = {"yes", "y", "true", "1", "appointed", "offered"}
_NO = {"no", "n", "false", "0", "not appointed", "not offered", ""}
MAX_CATEGORY = 60
MAX_GROUP = 80


@dataclass(frozen=True)
class MonitoringImport:
    candidates: int
    categories: tuple[str, ...]
    appointments: int


def import_monitoring(store: Store, cid: int, path: str | os.PathLike[str], *, actor: str = "HR") -> MonitoringImport:
    """Replace the campaign's monitoring data with HR's file (.csv or .xlsx: a reference column, one column per
    category, optionally ``Appointed`` yes/no). All or nothing: an unknown reference or a bad value refuses it."""
    from ..importing.candidates import guess_columns, read_table

    p = Path(path)
    table = read_table(p)
    cols = guess_columns(table.header)
    if "reference" not in cols:
        raise ValidationError(f"{p.name}: no reference column (expected a header such as Reference or Candidate No.)")
    ref_col = cols["reference"]
    skip = {i for role, i in cols.items() if role in _NOT_CATEGORIES}
    appointed_col = next((i for i, h in enumerate(table.header) if tidy_text(h).lower() in _APPOINTED), None)
    categories = [
        (i, tidy_text(h))
        for i, h in enumerate(table.header)
        if i not in skip and i != ref_col and i != appointed_col and tidy_text(h)
    ]
    if not categories and appointed_col is None:
        raise ValidationError(f"{p.name}: no monitoring columns besides the reference")
    for _, cat in categories:
        if len(cat) > MAX_CATEGORY:
            raise ValidationError(f"{p.name}: the column name {cat[:40]!r}… is too long for a category")

    def action(repo: Repository) -> MonitoringImport:
        load_campaign(repo, cid)
        problems: list[str] = []
        rows: list[tuple[int, str, str]] = []
        appointed: list[tuple[int, bool]] = []
        seen: set[int] = set()
        for line, cells in table.rows:
            ref = tidy_text(cells[ref_col] if ref_col < len(cells) else "")
            if not ref:
                continue
            cand = repo.candidate_id(cid, ref)
            if cand is None:
                problems.append(f"{table.unit} {line}: {ref!r} is not a candidate in campaign {cid}")
                continue
            if cand in seen:
                problems.append(f"{table.unit} {line}: {ref!r} appears twice")
                continue
            seen.add(cand)
            for i, cat in categories:
                group = tidy_text(cells[i] if i < len(cells) else "")
                if len(group) > MAX_GROUP:
                    problems.append(f"{table.unit} {line}: the {cat} value is too long")
                elif group:
                    rows.append((cand, cat, group))
            if appointed_col is not None:
                raw = tidy_text(cells[appointed_col] if appointed_col < len(cells) else "").lower()
                if raw in _YES:
                    appointed.append((cand, True))
                elif raw in _NO:
                    if raw:
                        appointed.append((cand, False))
                else:
                    problems.append(f"{table.unit} {line}: Appointed {raw!r} is not yes or no")
        if problems:
            shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
            raise ValidationError(f"{p.name}: {len(problems)} problem(s), nothing imported: {shown}")
        monrepo.replace_monitoring(repo, cid, rows)
        if appointed_col is not None:
            monrepo.replace_appointments(repo, cid, appointed)
        names = tuple(cat for _, cat in categories)
        repo.append_audit(
            at=now().isoformat(),
            actor=actor,
            action="monitoring",
            target="imported",
            campaign_id=cid,
            new=f"{len(seen)} candidate(s), categories: {', '.join(names) or 'none'}"
            + (f"; {len(appointed)} appointment decision(s)" if appointed_col is not None else ""),
            reason=f"from {p.name}",
        )
        return MonitoringImport(len(seen), names, len(appointed))

    return store.write(action)


def clear_monitoring(store: Store, cid: int, *, actor: str = "HR") -> None:
    def action(repo: Repository) -> None:
        load_campaign(repo, cid)
        monrepo.clear(repo, cid)
        repo.append_audit(at=now().isoformat(), actor=actor, action="monitoring", target="cleared", campaign_id=cid)

    store.write(action)


def monitoring_counts(store: Store, cid: int) -> tuple[int, int]:
    """(candidates with monitoring data, categories): (0, 0) means monitoring is off for this campaign."""
    return store.read(lambda repo: monrepo.counts(repo, cid))


def equality(store: Store, cid: int) -> EqualityReport:
    """The adverse-impact report: interview outcome, and appointment when HR recorded it."""
    from .moderation import results

    res = results(store, cid, audit=False, notes=False)
    data, appointed = store.read(lambda repo: (monrepo.monitoring(repo, cid), monrepo.appointments(repo, cid)))
    interview = selection(((c.reference, c.outcome) for c in res.candidates), APPOINTABLE)
    return equality_report(data, interview, appointed)


def panel_statistics(store: Store, cid: int) -> PanelStats:
    from .moderation import results

    return panel_stats(results(store, cid, audit=False, notes=False))
