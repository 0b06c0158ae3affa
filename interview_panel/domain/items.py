"""Assessment items (what the panel scores) and the questions asked for them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .framework import BY_SLUG, LEVEL_SCOPE
from .plan import Plan
from .profile import SECTION_TITLES, RoleProfile

BEHAVIOUR = "behaviour"
CRITERION = "criterion"
VALUES = "values"
KINDS = (BEHAVIOUR, CRITERION, VALUES)
VALUES_ITEM_ID = "values"


@dataclass(frozen=True)
class Item:
    """One thing scored per candidate. ``id`` is a contract: competency slug, criterion id, or "values"."""

    id: str
    kind: str
    text: str  # what is assessed, as shown to the panel and HR
    level: int | None = None  # behaviours: the required CVF level
    requirement: str | None = None  # criteria: "essential" | "desirable"
    section: str | None = None  # criteria: profile section
    competency: str | None = None  # behaviours: slug (== id)
    values: tuple[str, ...] = ()  # the values item: which values

    @property
    def label(self) -> str:
        """A short heading: "We take ownership — level 1", "K3 Essential", "Values"."""
        if self.kind == BEHAVIOUR:
            return f"{self.text} — level {self.level}"
        if self.kind == CRITERION:
            req = (self.requirement or "").capitalize()
            return f"{self.id} {req} ({SECTION_TITLES.get(self.section or '', '')})"
        return "Values"

    @property
    def short_label(self) -> str:
        """A readable name to show beside the id: "We take ownership", the criterion's words (shortened),
        "Values"."""
        if self.kind == CRITERION:
            text = " ".join(self.text.split())
            return text if len(text) <= 60 else text[:59].rstrip() + "…"
        if self.kind == BEHAVIOUR:
            return self.text
        return "Values"

    @property
    def describe(self) -> str:
        """What is being assessed, one line, for sheets and exports."""
        if self.kind == BEHAVIOUR:
            return f"{self.text} (CVF level {self.level}: {LEVEL_SCOPE.get(self.level or 1, '')})"
        if self.kind == CRITERION:
            return f"{(self.requirement or '').capitalize()} criterion {self.id}: {self.text}"
        return "Values: " + ", ".join(self.values)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "level": self.level,
            "requirement": self.requirement,
            "section": self.section,
            "competency": self.competency,
            "values": list(self.values),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Item:
        return cls(
            id=d["id"],
            kind=d["kind"],
            text=d["text"],
            level=d.get("level"),
            requirement=d.get("requirement"),
            section=d.get("section"),
            competency=d.get("competency"),
            values=tuple(d.get("values") or ()),
        )


def items_from_profile(profile: RoleProfile) -> list[Item]:
    """The default items, in interview order: behaviours (framework order), interview criteria, values."""
    items: list[Item] = []
    order = {c.slug: i for i, c in enumerate(BY_SLUG.values())}
    for b in sorted(profile.behaviours, key=lambda b: order.get(b.competency, 99)):
        if b.at_interview:
            items.append(Item(id=b.competency, kind=BEHAVIOUR, text=b.name, level=b.level, competency=b.competency))
    for c in profile.criteria:
        if c.at_interview:
            items.append(Item(id=c.id, kind=CRITERION, text=c.text, requirement=c.requirement, section=c.section))
    if profile.values:
        items.append(Item(id=VALUES_ITEM_ID, kind=VALUES, text="Values", values=tuple(profile.values)))
    return items


@dataclass(frozen=True)
class Question:
    """The question asked for one item, with its probes and indicators of a good and a poor answer."""

    item_id: str
    text: str
    probes: tuple[str, ...] = ()
    positive: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    origin: str = "generated"  # "bank:<key>" | "generated" | "custom"
    anchors: tuple[str, ...] = ()  # what a weak, an acceptable and a strong answer to this question sound like
    focus: tuple[str, ...] = ()  # a values question: the values it targets and is scored against
    alternatives: tuple[str, ...] = field(default=(), compare=False)  # other bank questions to pick from

    def reworded(self, text: str) -> Question:
        return replace(self, text=text, origin="custom")

    def to_json(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "text": self.text,
            "probes": list(self.probes),
            "positive": list(self.positive),
            "negative": list(self.negative),
            "origin": self.origin,
            "anchors": list(self.anchors),
            "focus": list(self.focus),
            "alternatives": list(self.alternatives),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Question:
        return cls(
            item_id=d["item_id"],
            text=d["text"],
            probes=tuple(d.get("probes") or ()),
            positive=tuple(d.get("positive") or ()),
            negative=tuple(d.get("negative") or ()),
            origin=d.get("origin") or "generated",
            anchors=tuple(d.get("anchors") or ()),
            focus=tuple(d.get("focus") or ()),
            alternatives=tuple(d.get("alternatives") or ()),
        )

    def anchors_on(self, points: range) -> dict[str, str]:
        """The anchors keyed by scale point: bottom, middle and top of ``points`` ({} when there are none)."""
        if len(self.anchors) < 3 or len(points) < 3:
            return {}
        lo, hi = points[0], points[-1]
        return {str(lo): self.anchors[0], str((lo + hi) // 2): self.anchors[1], str(hi): self.anchors[2]}


@dataclass(frozen=True)
class QuestionSet:
    """Items in interview order, each with its question. Editing returns a new set."""

    items: tuple[Item, ...]
    questions: dict[str, Question]
    plan: Plan | None = None  # slot, minutes and where each interview criterion sits (None: an older set)

    def question(self, item_id: str) -> Question:
        return self.questions[item_id]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "items": [i.to_json() for i in self.items],
            "questions": {k: q.to_json() for k, q in self.questions.items()},
        }
        if self.plan is not None:
            out["plan"] = self.plan.to_json()
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> QuestionSet:
        return cls(
            tuple(Item.from_json(i) for i in d.get("items") or ()),
            {k: Question.from_json(q) for k, q in (d.get("questions") or {}).items()},
            Plan.from_json(d["plan"]) if d.get("plan") else None,
        )

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def without(self, item_id: str) -> QuestionSet:
        return QuestionSet(
            tuple(i for i in self.items if i.id != item_id),
            {k: v for k, v in self.questions.items() if k != item_id},
            self.plan.without_item(item_id) if self.plan else None,
        )

    def with_question(self, q: Question) -> QuestionSet:
        qs = dict(self.questions)
        qs[q.item_id] = q
        return QuestionSet(self.items, qs, self.plan)

    def moved(self, item_id: str, offset: int) -> QuestionSet:
        items = list(self.items)
        i = next(n for n, it in enumerate(items) if it.id == item_id)
        j = max(0, min(len(items) - 1, i + offset))
        items.insert(j, items.pop(i))
        return QuestionSet(tuple(items), self.questions, self.plan)

    def with_item(self, item: Item, question: Question) -> QuestionSet:
        if any(i.id == item.id for i in self.items):
            raise ValueError(f"item {item.id!r} already exists")
        qs = dict(self.questions)
        qs[item.id] = question
        return QuestionSet(self.items + (item,), qs, self.plan)

    def with_plan(self, plan: Plan | None) -> QuestionSet:
        return QuestionSet(self.items, self.questions, plan)
