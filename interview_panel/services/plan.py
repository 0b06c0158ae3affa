"""The default interview plan from a role profile, by the rules in ``resources/plan_rules.json``.

Contract:
- :func:`default_placements` gives every criterion identified by Interview one placement (asked, folded or
  checked), deterministically, from the profile's words and the rules file;
- :func:`default_plan` adds the slot and minutes: equal whole minutes per item (at most ``max_minutes``),
  the spare minutes to the first items; when the items cannot have ``min_minutes`` each, criteria are
  folded (desirable first, last first) until they can or none is left;
- :func:`replan` re-shares the minutes after the chair moves criteria or changes the slot.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..domain.errors import InterviewPanelError
from ..domain.items import BEHAVIOUR, CRITERION, VALUES_ITEM_ID, Item
from ..domain.plan import ASKED, CHECKED, FOLDED, Placement, Plan, share_minutes
from ..domain.profile import Criterion, RoleProfile

if TYPE_CHECKING:
    from ..domain.items import Question, QuestionSet
    from ..domain.scoring import ScoringRules

RULES_FILE = "plan_rules.json"
RULES_SCHEMA = "interview-panel/plan-rules/1"


@dataclass(frozen=True)
class PlanRules:
    slot_minutes: int
    open_minutes: int
    close_minutes: int
    min_minutes: int
    max_minutes: int
    values_gate: bool
    check: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]
    ask: tuple[tuple[str, re.Pattern[str]], ...]
    fold: tuple[tuple[str, tuple[tuple[re.Pattern[str], int], ...]], ...]
    fallback: tuple[str, ...]
    check_sections: tuple[str, ...] = ("qualification",)

    def check_kind(self, criterion: Criterion) -> str | None:
        """Which kind of eligibility or pre-employment check a criterion is, or None."""
        for kind, pattern, unless in self.check:
            if pattern.search(criterion.text) and not (unless and unless.search(criterion.text)):
                return kind
        if criterion.section in self.check_sections:
            return "qualification held"
        return None

    def distinctive(self, text: str) -> str | None:
        return next((kind for kind, pattern in self.ask if pattern.search(text)), None)

    def fold_scores(self, text: str) -> dict[str, int]:
        """Weighted pattern hits per fold target (competency slug or "values"), only those above 0."""
        out = {}
        for target, patterns in self.fold:
            n = sum(w for p, w in patterns if p.search(text))
            if n:
                out[target] = n
        return out


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.I)
    except re.error as exc:
        raise InterviewPanelError(f"{RULES_FILE}: {where}: bad pattern {pattern!r} ({exc})") from None


def rules_from_json(d: dict[str, Any]) -> PlanRules:
    if not isinstance(d, dict) or d.get("schema") != RULES_SCHEMA:
        raise InterviewPanelError(f"{RULES_FILE}: not plan rules (schema {RULES_SCHEMA!r} expected)")
    fold = []
    for target, pats in (d.get("fold") or {}).items():
        compiled = []
        for p in pats:
            pat, weight = (p[0], int(p[1])) if isinstance(p, list) else (p, 1)
            compiled.append((_compile(pat, f"fold {target}"), weight))
        fold.append((target, tuple(compiled)))
    return PlanRules(
        slot_minutes=int(d.get("slot_minutes", 45)),
        open_minutes=int(d.get("open_minutes", 3)),
        close_minutes=int(d.get("close_minutes", 3)),
        min_minutes=int(d.get("min_minutes", 4)),
        max_minutes=int(d.get("max_minutes", 8)),
        values_gate=bool(d.get("values_gate", True)),
        check=tuple(
            (
                c["kind"],
                _compile(c["pattern"], f"check {c['kind']}"),
                _compile(c["unless"], f"check {c['kind']}") if c.get("unless") else None,
            )
            for c in d.get("check") or ()
        ),
        ask=tuple((a["kind"], _compile(a["pattern"], f"ask {a['kind']}")) for a in d.get("ask") or ()),
        fold=tuple(fold),
        fallback=tuple(d.get("fallback") or ()),
        check_sections=tuple(d.get("check_sections") or ("qualification",)),
    )


@lru_cache(maxsize=1)
def load_rules() -> PlanRules:
    """The bundled plan rules (cached). Raises InterviewPanelError when the file is missing or malformed."""
    try:
        text = (resources.files("interview_panel.resources") / RULES_FILE).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ModuleNotFoundError, ValueError) as exc:
        raise InterviewPanelError(f"{RULES_FILE}: cannot be read ({exc})") from None
    return rules_from_json(data)


def fold_target(rules: PlanRules, text: str, targets: Sequence[str], *, fallback: bool = False) -> str | None:
    """The item a criterion's text folds under: the best-scoring target among ``targets`` (ties: the order
    of the rules file); with ``fallback``, the first of the rules' fallbacks present when nothing matches."""
    scores = rules.fold_scores(text)
    order = [t for t, _ in rules.fold]
    best = sorted((t for t in scores if t in targets), key=lambda t: (-scores[t], order.index(t)))
    if best:
        return best[0]
    if fallback:
        return next((t for t in rules.fallback if t in targets), targets[0] if targets else None)
    return None


def default_placements(profile: RoleProfile, rules: PlanRules | None = None) -> list[Placement]:
    """One placement per interview criterion, in profile order (checks, then distinctive, then folds)."""
    rules = rules or load_rules()
    targets = _targets(profile)
    out = []
    for c in profile.criteria:
        if not c.at_interview:
            continue
        if rules.check_kind(c):
            out.append(Placement(c.id, CHECKED))
        elif rules.distinctive(c.text):
            out.append(Placement(c.id, ASKED))
        elif (under := fold_target(rules, c.text, targets)) is not None:
            out.append(Placement(c.id, FOLDED, under))
        else:
            out.append(Placement(c.id, ASKED))
    return out


def _targets(profile: RoleProfile) -> list[str]:
    """Item ids a criterion can fold under: behaviours at interview, then values."""
    out = [b.competency for b in profile.behaviours if b.at_interview]
    if profile.values:
        out.append(VALUES_ITEM_ID)
    return out


def fit(items: Sequence[Item], placements: list[Placement], profile: RoleProfile, rules: PlanRules) -> list[Placement]:
    """Fold asked criteria (desirable first, last first) until every item can have the minimum minutes."""
    available = rules.slot_minutes - rules.open_minutes - rules.close_minutes
    targets = _targets(profile)
    by_id = {c.id: c for c in profile.criteria}
    placements = list(placements)
    asked = [p.criterion for p in placements if p.mode == ASKED]
    n_items = sum(1 for i in items if i.kind != CRITERION) + len(asked)
    order = [c for c in reversed(asked) if by_id[c].requirement != "essential"] + [
        c for c in reversed(asked) if by_id[c].requirement == "essential"
    ]
    for cid in order:
        if n_items * rules.min_minutes <= available or not targets:
            break
        under = fold_target(rules, by_id[cid].text, targets, fallback=True)
        placements = [Placement(cid, FOLDED, under) if p.criterion == cid else p for p in placements]
        n_items -= 1
    return placements


def default_plan(profile: RoleProfile, items: Sequence[Item], rules: PlanRules | None = None) -> Plan:
    """Placements fitted to the slot, and minutes for the items that remain asked."""
    rules = rules or load_rules()
    placements = fit(items, default_placements(profile, rules), profile, rules)
    plan = Plan(
        slot_minutes=rules.slot_minutes,
        open_minutes=rules.open_minutes,
        close_minutes=rules.close_minutes,
        min_minutes=rules.min_minutes,
        placements=tuple(placements),
    )
    asked = {p.criterion for p in placements if p.mode == ASKED}
    kept = [i.id for i in items if i.kind != CRITERION or i.id in asked]
    return replan(plan, kept, rules)


def replan(plan: Plan, item_ids: Sequence[str], rules: PlanRules | None = None) -> Plan:
    """The same plan with its minutes shared afresh over ``item_ids`` within its slot."""
    rules = rules or load_rules()
    available = plan.slot_minutes - plan.open_minutes - plan.close_minutes
    shared = share_minutes(item_ids, available=max(0, available), maximum=rules.max_minutes, minimum=plan.min_minutes)
    return Plan(
        plan.slot_minutes,
        plan.open_minutes,
        plan.close_minutes,
        tuple(shared.items()),
        plan.placements,
        plan.min_minutes,
    )


def behaviour_or_values(item: Item) -> bool:
    return item.kind == BEHAVIOUR or item.id == VALUES_ITEM_ID


# -- the plan as HR and the CLI see it (contract: interview-panel/questions/1) -----------------------------
PLAN_SCHEMA = "interview-panel/questions/1"


def item_heading(item: Item, framework: str, question: Question | None = None) -> str:
    """ "We take ownership (level 1)", the criterion's text, or "Values: Integrity, …"."""
    from ..domain.framework import BY_SLUG

    if item.kind == BEHAVIOUR:
        comp = BY_SLUG.get(item.competency or item.id)
        name = comp.name(framework) if comp else item.text
        return f"{name} (level {item.level})"
    if item.kind == CRITERION:
        return item.text
    return "Values: " + ", ".join(question.focus if question is not None and question.focus else item.values)


def plan_document(profile: RoleProfile, qs: QuestionSet, rules: ScoringRules) -> dict[str, Any]:
    """The interview plan as the ``interview-panel/questions/1`` JSON document."""
    from .questions import plan_of

    plan = plan_of(qs)
    ids = [i.id for i in qs.items]
    by_id = {c.id: c for c in profile.criteria}
    items = []
    for it in qs.items:
        q = qs.questions[it.id]
        items.append(
            {
                "id": it.id,
                "kind": it.kind,
                "text": item_heading(it, profile.framework, q),
                "gating": rules.is_gating(it),
                "minutes": plan.minutes_for(it.id),
                "covers": plan.covers(it.id),
                "question": q.text,
                "probes": list(q.probes),
                "positive": list(q.positive),
                "negative": list(q.negative),
                "anchors": q.anchors_on(rules.scale.points),
            }
        )
    checks = [
        {
            "id": c,
            "text": by_id[c].text if c in by_id else c,
            "requirement": by_id[c].requirement if c in by_id else None,
        }
        for c in plan.checks
    ]
    return {
        "schema": PLAN_SCHEMA,
        "post_title": profile.post_title,
        "framework": profile.framework,
        "slot_minutes": plan.slot_minutes,
        "planned_minutes": plan.planned_minutes(ids),
        "items": items,
        "checks": checks,
    }


def plan_text(doc: dict[str, Any], profile: RoleProfile) -> str:
    """The plan for reading in a terminal: timing first, then each question with what it covers, then checks."""
    texts = {c.id: c.text for c in profile.criteria}
    slot, planned = doc["slot_minutes"], doc["planned_minutes"]
    state = (
        f"runs {planned - slot} min OVER the slot"
        if planned > slot
        else f"fits, {slot - planned} min to spare"
        if planned < slot
        else "fits exactly"
    )
    lines = [
        f"{doc['post_title'] or 'Untitled post'} ({doc['framework']})",
        f"Slot {slot} min; planned {planned} min: {state}",
        "",
    ]
    for n, it in enumerate(doc["items"], start=1):
        gate = "gating" if it["gating"] else "adds to total"
        lines.append(f"{n}. [{it['minutes']} min] {it['id']}: {it['text']} ({gate})")
        lines.append(f"   Q: {it['question']}")
        for c in it["covers"]:
            lines.append(f"   also listen for {c}: {texts.get(c, c)}")
    lines.append("")
    if doc["checks"]:
        lines.append("Checked by the chair (not scored):")
        lines += [f"  {c['id']} ({c['requirement']}): {c['text']}" for c in doc["checks"]]
    else:
        lines.append("No pre-employment checks in this plan.")
    return "\n".join(lines) + "\n"
