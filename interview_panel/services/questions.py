"""Questions for a campaign: bank questions for behaviours and values, generated ones for criteria.

Contract:
- :func:`build_question_set` is deterministic: the same profile always gives an equal :class:`QuestionSet`.
- Behaviours get a question from the bundled question bank (``interview_panel.resources/question_bank.json``)
  chosen by a stable hash of the post title and competency, so different posts vary but a post never does.
  Their indicators are cumulative: a level-2 item shows the level-1 and level-2 indicators, each prefixed
  with the level it comes from ("Level 1: ...").
- Criteria identified by Interview get a question generated from the criterion's own words (see
  :mod:`interview_panel.services.criterion_questions` style rules below); no two items share a question text.
- When the bank file is missing or lacks an entry, a plain generated question is used instead (origin
  "generated"), so a question set can always be built.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any

from ..domain import criterion_questions as CQ
from ..domain.errors import InterviewPanelError, ValidationError
from ..domain.framework import BY_SLUG, CVF_2016, CVF_2024, LEVEL_SCOPE
from ..domain.items import BEHAVIOUR, CRITERION, VALUES, Item, Question, QuestionSet, items_from_profile
from ..domain.plan import ASKED, FOLDED, MODES, Placement, Plan
from ..domain.profile import RoleProfile

BANK_FILE = "question_bank.json"
BANK_SCHEMA = "interview-panel/question-bank/1"
VALUES_PER_VALUE = 2  # indicators shown per value on the values item (each side)


# ---------------------------------------------------------------------------------------------
# The bank
# ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def load_bank() -> dict[str, Any] | None:
    """The parsed question bank, or None when the resource is not there. Cached for the process.

    Raises InterviewPanelError when the file exists but is not a question bank.
    """
    try:
        text = (resources.files("interview_panel.resources") / BANK_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InterviewPanelError(f"{BANK_FILE}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != BANK_SCHEMA:
        raise InterviewPanelError(f"{BANK_FILE}: not a question bank (schema {BANK_SCHEMA!r} expected)")
    return data


def _level_entry(bank: dict[str, Any] | None, slug: str, level: int) -> dict[str, Any] | None:
    if not bank:
        return None
    comp = (bank.get("competencies") or {}).get(slug) or {}
    return (comp.get("levels") or {}).get(str(level))


def _level_questions(bank: dict[str, Any] | None, slug: str, level: int, framework: str) -> list[dict[str, Any]]:
    """The bank's questions for a competency at a level: the 2024 texts when the framework is 2024 and the
    bank has them (the renamed competencies), else the shared ones."""
    if not bank:
        return []
    comp = (bank.get("competencies") or {}).get(slug) or {}
    if framework == CVF_2024:
        own = ((comp.get("levels_2024") or {}).get(str(level)) or {}).get("questions")
        if own:
            return list(own)
    return list((_level_entry(bank, slug, level) or {}).get("questions") or ())


def indicators(slug: str, level: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Cumulative (positive, negative) indicators for a competency at a level, each labelled with its level.

    Level 2 gives the level-1 then the level-2 indicators: "Level 1: ...", "Level 2: ...". Empty tuples when
    the bank has nothing for that competency.
    """
    bank = load_bank()
    pos: list[str] = []
    neg: list[str] = []
    for n in range(1, level + 1):
        entry = _level_entry(bank, slug, n) or {}
        pos += [f"Level {n}: {t}" for t in entry.get("positive") or ()]
        neg += [f"Level {n}: {t}" for t in entry.get("negative") or ()]
    return tuple(pos), tuple(neg)


def values_indicators(
    framework: str, values: tuple[str, ...] | list[str], per_value: int = VALUES_PER_VALUE
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(positive, negative) indicators for the given values only, each labelled "<Value>: ...".

    At most ``per_value`` per value and side, so the values item stays readable.
    """
    bank = load_bank() or {}
    table = (bank.get("values") or {}).get(framework) or {}
    folded = {k.casefold(): v for k, v in table.items()}
    pos: list[str] = []
    neg: list[str] = []
    for value in values:
        entry = table.get(value) or folded.get(value.casefold()) or {}
        pos += [f"{value}: {t}" for t in (entry.get("positive") or ())[:per_value]]
        neg += [f"{value}: {t}" for t in (entry.get("negative") or ())[:per_value]]
    return tuple(pos), tuple(neg)


def _star_probes(bank: dict[str, Any] | None) -> list[str]:
    return [p["text"] for p in (bank or {}).get("star_probes") or () if p.get("text")]


def _stable_index(seed: str, n: int) -> int:
    return int(hashlib.sha256(seed.encode("utf-8")).hexdigest()[:8], 16) % n if n else 0


# ---------------------------------------------------------------------------------------------
# Bank questions for behaviours and values
# ---------------------------------------------------------------------------------------------
def bank_questions_for(item: Item, framework: str = CVF_2016) -> list[Question]:
    """Every bank question that fits this item, as ready-to-use Questions (origin "bank:<key>").

    Behaviours: the bank questions for the item's competency at its level (the 2024 texts for a 2024
    profile where the bank has them), each with the indicators and anchors written for that question (the
    level's cumulative indicators only for a bank entry without its own).
    Values: the values questions of the framework; each names the values it targets and carries only those
    values' indicators.
    Criteria (and anything the bank lacks): an empty list.
    """
    bank = load_bank()
    if item.kind == BEHAVIOUR:
        slug, level = item.competency or item.id, item.level or 1
        qs = _level_questions(bank, slug, level, framework)
        if not qs:
            return []
        pos, neg = indicators(slug, level)
        return [
            _from_bank(item.id, q, tuple(q.get("positive") or pos), tuple(q.get("negative") or neg), bank)
            for q in qs
            if q.get("text")
        ]
    if item.kind == VALUES:
        out = []
        for q in ((bank or {}).get("values_questions") or {}).get(framework) or []:
            if not q.get("text"):
                continue
            targets = _targets(q.get("values") or (), item.values)
            pos, neg = values_indicators(framework, targets, per_value=max(VALUES_PER_VALUE, 6 // len(targets)))
            asked = _from_bank(item.id, q, pos, neg, bank)
            out.append(replace(asked, text=f"{_values_intro(targets)} {asked.text}", focus=targets))
        return out
    return []


def _targets(wanted: Any, values: tuple[str, ...]) -> tuple[str, ...]:
    """The values a values question targets, spelt as the profile spells them; all of them when the
    question names none of the profile's values."""
    have = {v.casefold(): v for v in values}
    picked = tuple(have[w.casefold()] for w in wanted if w.casefold() in have)
    return picked or tuple(values)


def _values_intro(targets: tuple[str, ...]) -> str:
    """ "This question is about our values of Integrity and Transparency." (a list joins with commas)."""
    if not targets:
        return "This question is about the values of the police service."
    if len(targets) == 1:
        return f"This question is about our value of {targets[0]}."
    sep = ", and " if any(" and " in t for t in targets) or len(targets) > 2 else " and "
    return f"This question is about our values of {', '.join(targets[:-1])}{sep}{targets[-1]}."


def _from_bank(
    item_id: str, q: dict[str, Any], pos: tuple[str, ...], neg: tuple[str, ...], bank: dict[str, Any] | None
) -> Question:
    probes = [p for p in q.get("probes") or () if p]
    for extra in _star_probes(bank):  # top up thin probe lists with the general STAR probes
        if len(probes) >= 4:
            break
        if extra not in probes:
            probes.append(extra)
    return Question(
        item_id=item_id,
        text=_tidy(q["text"]),
        probes=tuple(probes),
        positive=pos,
        negative=neg,
        origin=f"bank:{q.get('key') or 'unknown'}",
        anchors=tuple(q.get("anchors") or ()),
    )


def _pick(item: Item, options: list[Question], profile: RoleProfile) -> Question:
    """Choose one option by a stable hash of the post title and item; the rest become alternatives."""
    i = _stable_index(f"{profile.post_title or ''}|{item.id}", len(options))
    chosen = options[i]
    others = tuple(o.text for n, o in enumerate(options) if n != i)
    return replace(chosen, alternatives=others)


# ---------------------------------------------------------------------------------------------
# Generated fallbacks (no bank entry)
# ---------------------------------------------------------------------------------------------
def _fallback_behaviour(item: Item, framework: str) -> Question:
    comp = BY_SLUG.get(item.competency or item.id)
    name = comp.name(framework) if comp else item.text
    scope = LEVEL_SCOPE.get(item.level or 1, "").lower()
    text = (
        f"The behaviour \u201c{name}\u201d matters in this post. Tell us about a time when you "
        f"showed it in your work. What did you do, and what happened as a result?"
    )
    probes = (
        "What was the situation, and why did it matter?",
        "What did you do yourself, as opposed to others?",
        "How did the people involved respond?",
        "What was the outcome, and what would you do differently next time?",
    )
    pos, neg = indicators(item.competency or item.id, item.level or 1)
    if not pos:
        pos = (
            f"Gives a specific example fitting the scope of the post ({scope})",
            "Makes their own actions and reasons clear",
            "Describes a result and what they learned from it",
        )
    if not neg:
        neg = (
            "Speaks in general terms without a real example",
            "Describes what the team did; own part unclear",
            "No outcome or reflection",
        )
    anchors = (
        f"No real example of \u201c{name}\u201d, or the candidate's own part is unclear.",
        f"A real example of \u201c{name}\u201d at the scope of this post: own actions and the result clear.",
        f"A strong, specific example of \u201c{name}\u201d: own actions, reasons and result clear, "
        "with honest reflection on what they would change.",
    )
    return Question(item.id, text, probes, pos, neg, origin="generated", anchors=anchors)


def _fallback_values(item: Item, framework: str) -> Question:
    text = (
        f"{_values_intro(item.values)} Tell us about a time when acting on one of "
        f"these values was difficult for you. What did you do, and why?"
    )
    probes = (
        "What made it difficult?",
        "What options did you consider?",
        "What happened as a result?",
        "What would you do if it happened again?",
    )
    pos, neg = values_indicators(framework, item.values)
    if not pos:
        pos = (
            "Describes a real dilemma and acts on the value despite pressure",
            "Explains their reasoning openly",
            "Treats people fairly and with respect",
        )
    if not neg:
        neg = (
            "Cannot give a real example",
            "Puts convenience ahead of doing the right thing",
            "Shows bias or lacks openness",
        )
    anchors = (
        "No real example, or the candidate did what was easiest rather than what the values ask.",
        "Acted on one of these values in a genuinely difficult situation, and can say why.",
        "Acted on the values at some personal cost, was open about it, and reflects on the choice.",
    )
    return Question(item.id, text, probes, pos, neg, origin="generated", anchors=anchors, focus=tuple(item.values))


# ---------------------------------------------------------------------------------------------
# Criterion questions generated from the criterion's own words (rules in domain.criterion_questions)
# ---------------------------------------------------------------------------------------------
_TEMPLATES = CQ.TEMPLATES
_tidy = CQ.tidy


def classify_criterion(text: str) -> tuple[str, str]:
    """(kind, subject) for a criterion: kind is experience, knowledge, ability, willing, approach, hold,
    skilled, skills, trait, verb, statement or evidence; subject is the phrase the question is about."""
    c = CQ.classify(text)
    return c.kind, c.subject


def criterion_question(item: Item, variant: int = 0) -> Question:
    """A question for one criterion item, written from the criterion's own words.

    ``variant`` picks one of several phrasings of the same kind (used to keep texts unique in a set).
    """
    text, probes, pos, neg, anchors = CQ.criterion_text(item.text, variant)
    return Question(item.id, text, probes, pos, neg, origin="generated", anchors=anchors)


# ---------------------------------------------------------------------------------------------
# The question set
# ---------------------------------------------------------------------------------------------
def question_for(item: Item, profile: RoleProfile) -> Question:
    """The default question for one item of this profile (deterministic)."""
    if item.kind == CRITERION:
        return criterion_question(item)
    options = bank_questions_for(item, profile.framework)
    if options:
        return _pick(item, options, profile)
    if item.kind == VALUES:
        return _fallback_values(item, profile.framework)
    return _fallback_behaviour(item, profile.framework)


def build_question_set(profile: RoleProfile, *, slot: int | None = None) -> QuestionSet:
    """The default interview plan for the profile: items (behaviours, asked criteria, values), each with its
    default question, and the plan (slot, minutes, and every interview criterion asked, folded or checked,
    by ``resources/plan_rules.json``).

    Deterministic; no two items get the same question text (a criterion whose wording would repeat
    another's gets a different phrasing, and as a last resort names its own id).
    """
    from .plan import default_plan, load_rules

    rules = load_rules()
    if slot is not None:
        rules = replace(rules, slot_minutes=int(slot))
    items = items_from_profile(profile)
    plan = default_plan(profile, items, rules)
    asked = {p.criterion for p in plan.placements if p.mode == ASKED}
    items = [i for i in items if i.kind != CRITERION or i.id in asked]
    questions: dict[str, Question] = {}
    used: set[str] = set()
    seen_kinds: dict[str, int] = {}
    for item in items:
        if item.kind == CRITERION:  # vary the phrasing between criteria of the same kind
            kind = classify_criterion(item.text)[0]
            q = criterion_question(item, seen_kinds.get(kind, 0))
            seen_kinds[kind] = seen_kinds.get(kind, 0) + 1
        else:
            q = question_for(item, profile)
        if q.text.casefold() in used:
            q = _unique(item, q, used, profile)
        used.add(q.text.casefold())
        questions[item.id] = q
    return QuestionSet(tuple(items), questions, plan)


def plan_of(qs: QuestionSet) -> Plan:
    """The set's plan; for a set saved before plans existed, one with its criteria asked and minutes shared."""
    if qs.plan is not None:
        return qs.plan
    from .plan import replan

    placements = tuple(Placement(i.id, ASKED) for i in qs.items if i.kind == CRITERION)
    return replan(Plan(placements=placements), [i.id for i in qs.items])


def place_criterion(
    qs: QuestionSet, profile: RoleProfile, criterion: str, mode: str, under: str | None = None
) -> QuestionSet:
    """The set with one interview criterion moved to asked, folded (under ``under``, or its best match)
    or checked; the minutes are shared afresh. Raises ValidationError for an unknown criterion or target."""
    from .plan import fold_target, load_rules, replan

    if mode not in MODES:
        raise ValidationError(f"{mode!r} is not one of {', '.join(MODES)}")
    crit = next((c for c in profile.criteria if c.id == criterion), None)
    plan = plan_of(qs)
    if crit is None and plan.placement(criterion) is None:
        raise ValidationError(
            f"unknown criterion {criterion!r} (criteria: {', '.join(c.id for c in profile.criteria) or 'none'})"
        )
    targets = [i.id for i in qs.items if i.kind in (BEHAVIOUR, VALUES)]
    if mode == FOLDED:
        if under is None:
            under = fold_target(load_rules(), crit.text if crit else criterion, targets, fallback=True)
        if under not in targets:
            raise ValidationError(
                f"{criterion} can only be folded under a behaviour or the values item "
                f"({', '.join(targets) or 'none in this plan'})"
            )
    was_item = qs.item(criterion) is not None
    if mode != ASKED and was_item:
        keep_plan = plan
        qs = qs.without(criterion).with_plan(keep_plan)
    elif mode == ASKED and not was_item:
        if crit is None:
            raise ValidationError(f"{criterion} is not in the role profile, so it cannot be asked")
        item = Item(id=crit.id, kind=CRITERION, text=crit.text, requirement=crit.requirement, section=crit.section)
        used = {q.text.casefold() for q in qs.questions.values()}
        q = next(
            (
                criterion_question(item, v)
                for v in range(len(_TEMPLATES["evidence"]))
                if criterion_question(item, v).text.casefold() not in used
            ),
            criterion_question(item),
        )
        if q.text.casefold() in used:
            q = _unique(item, q, used, profile)
        order = {c.id: n for n, c in enumerate(profile.criteria)}
        mine = order.get(item.id, len(order))
        at = next(
            (
                n
                for n, i in enumerate(qs.items)  # in profile order among the asked criteria
                if i.kind == VALUES or (i.kind == CRITERION and order.get(i.id, len(order)) > mine)
            ),
            len(qs.items),
        )
        items = list(qs.items)
        items.insert(at, item)
        questions = dict(qs.questions)
        questions[item.id] = q
        qs = QuestionSet(tuple(items), questions, plan)
    plan = plan.with_placement(Placement(criterion, mode, under if mode == FOLDED else None))
    return qs.with_plan(replan(plan, [i.id for i in qs.items]))


def _unique(item: Item, q: Question, used: set[str], profile: RoleProfile) -> Question:
    if item.kind == CRITERION:
        for v in range(1, len(_TEMPLATES["evidence"])):
            alt = criterion_question(item, v)
            if alt.text.casefold() not in used:
                return alt
    else:
        for text in q.alternatives:
            if text.casefold() not in used:
                banked = next((o for o in bank_questions_for(item, profile.framework) if o.text == text), None)
                if banked is not None:
                    return banked
    return replace(q, text=f"On criterion {item.id}: {q.text}")
