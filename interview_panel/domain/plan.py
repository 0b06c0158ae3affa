"""The interview plan: what is asked, folded or checked, and how the questions fit the slot.

Pure rules, no I/O. The plan lives beside the question set (``QuestionSet.plan``):
- every criterion assessed at interview has one :class:`Placement`: *asked* (an item of its own),
  *folded* under a behaviour or values item whose answer evidences it ("also listen for"), or *checked*
  (an eligibility or pre-employment condition the chair records once per candidate);
- the slot has minutes to open and to close, and each item has its minutes; the planned total is what the
  chair compares with the slot.
Checks are never items: members never score them and they are never part of a total.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

ASKED = "asked"
FOLDED = "folded"
CHECKED = "checked"
MODES = (ASKED, FOLDED, CHECKED)

CONFIRMED = "confirmed"
NOT_CONFIRMED = "not confirmed"
PENDING = "pending"
CHECK_STATES = (CONFIRMED, NOT_CONFIRMED, PENDING)

DEFAULT_SLOT = 45
DEFAULT_OPEN = 3
DEFAULT_CLOSE = 3
MIN_MINUTES = 4


@dataclass(frozen=True)
class Placement:
    """Where one interview criterion sits in the plan. ``under`` is the item id it is folded under."""

    criterion: str
    mode: str
    under: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"criterion": self.criterion, "mode": self.mode, "under": self.under}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Placement:
        return cls(str(d["criterion"]), str(d["mode"]), d.get("under"))


@dataclass(frozen=True)
class Plan:
    """Slot, timings and placements. Minutes are whole minutes; an item without minutes counts as 0."""

    slot_minutes: int = DEFAULT_SLOT
    open_minutes: int = DEFAULT_OPEN
    close_minutes: int = DEFAULT_CLOSE
    minutes: tuple[tuple[str, int], ...] = ()
    placements: tuple[Placement, ...] = ()
    min_minutes: int = field(default=MIN_MINUTES)

    # -- reading ---------------------------------------------------------------------------------------
    def minutes_for(self, item_id: str) -> int:
        return dict(self.minutes).get(item_id, 0)

    def placement(self, criterion: str) -> Placement | None:
        return next((p for p in self.placements if p.criterion == criterion), None)

    def covers(self, item_id: str) -> list[str]:
        """Criterion ids folded under this item, in profile order."""
        return [p.criterion for p in self.placements if p.mode == FOLDED and p.under == item_id]

    @property
    def checks(self) -> list[str]:
        """Criterion ids the chair checks, in profile order."""
        return [p.criterion for p in self.placements if p.mode == CHECKED]

    def planned_minutes(self, item_ids: Iterable[str]) -> int:
        """Opening + closing + the minutes of the given items (the plan's questions)."""
        return self.open_minutes + self.close_minutes + sum(self.minutes_for(i) for i in item_ids)

    def over_by(self, item_ids: Iterable[str]) -> int:
        """Minutes the plan runs over the slot (0 when it fits)."""
        return max(0, self.planned_minutes(item_ids) - self.slot_minutes)

    def short(self, item_ids: Iterable[str]) -> list[str]:
        """Items given fewer than the minimum minutes a question needs."""
        return [i for i in item_ids if self.minutes_for(i) < self.min_minutes]

    def problems(self, item_ids: Sequence[str]) -> list[str]:
        """Plain sentences for the chair: what makes this plan unworkable (empty when it fits)."""
        out = []
        over = self.over_by(item_ids)
        if over:
            out.append(
                f"the plan runs {over} minute{'s' if over != 1 else ''} over the {self.slot_minutes}-minute "
                f"slot ({self.planned_minutes(item_ids)} planned)"
            )
        short = self.short(item_ids)
        if short:
            out.append(f"{', '.join(short)}: under {self.min_minutes} minutes a question")
        return out

    # -- changing --------------------------------------------------------------------------------------
    def with_minutes(self, item_id: str, minutes: int) -> Plan:
        m = dict(self.minutes)
        m[item_id] = max(0, int(minutes))
        return replace(self, minutes=tuple(m.items()))

    def without_item(self, item_id: str) -> Plan:
        return replace(
            self,
            minutes=tuple((k, v) for k, v in self.minutes if k != item_id),
            placements=tuple(
                p for p in self.placements if p.criterion != item_id and not (p.mode == FOLDED and p.under == item_id)
            ),
        )

    def with_placement(self, placement: Placement) -> Plan:
        if placement.mode not in MODES:
            raise ValueError(f"{placement.mode!r} is not one of {', '.join(MODES)}")
        if placement.mode == FOLDED and not placement.under:
            raise ValueError(f"{placement.criterion}: a folded criterion needs the item it is folded under")
        rest = [p for p in self.placements if p.criterion != placement.criterion]
        order = [p.criterion for p in self.placements]
        rest.append(placement if placement.mode == FOLDED else replace(placement, under=None))
        rest.sort(key=lambda p: order.index(p.criterion) if p.criterion in order else len(order))
        return replace(self, placements=tuple(rest))

    def with_timing(
        self, *, slot: int | None = None, open_minutes: int | None = None, close_minutes: int | None = None
    ) -> Plan:
        return replace(
            self,
            slot_minutes=self.slot_minutes if slot is None else int(slot),
            open_minutes=self.open_minutes if open_minutes is None else int(open_minutes),
            close_minutes=self.close_minutes if close_minutes is None else int(close_minutes),
        )

    # -- JSON ------------------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "slot_minutes": self.slot_minutes,
            "open_minutes": self.open_minutes,
            "close_minutes": self.close_minutes,
            "min_minutes": self.min_minutes,
            "minutes": dict(self.minutes),
            "placements": [p.to_json() for p in self.placements],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Plan:
        return cls(
            slot_minutes=int(d.get("slot_minutes", DEFAULT_SLOT)),
            open_minutes=int(d.get("open_minutes", DEFAULT_OPEN)),
            close_minutes=int(d.get("close_minutes", DEFAULT_CLOSE)),
            min_minutes=int(d.get("min_minutes", MIN_MINUTES)),
            minutes=tuple((str(k), int(v)) for k, v in (d.get("minutes") or {}).items()),
            placements=tuple(Placement.from_json(p) for p in d.get("placements") or ()),
        )


def share_minutes(
    item_ids: Sequence[str], *, available: int, maximum: int, minimum: int = MIN_MINUTES
) -> dict[str, int]:
    """Share ``available`` minutes over the items: equal whole minutes (at least ``minimum``, at most
    ``maximum``), the spare minutes one each to the first items. When the items cannot all have the minimum,
    each gets it anyway and the plan runs over the slot, for the chair to see and settle."""
    n = len(item_ids)
    if not n:
        return {}
    base = min(maximum, max(minimum, available // n))
    spare = max(0, available - base * n) if base < maximum else 0
    return {iid: base + (1 if k < spare else 0) for k, iid in enumerate(item_ids)}


# -- checks ------------------------------------------------------------------------------------------------
def check_state(states: Mapping[str, str], criterion: str) -> str:
    """The recorded state of one check for a candidate; pending until the chair records one."""
    return states.get(criterion) or PENDING


def check_conditions(checks: Sequence[tuple[str, str]], states: Mapping[str, str]) -> list[str]:
    """Sentences naming each check that is not confirmed, for a candidate's reasons and conditions.

    ``checks`` is (criterion id, criterion text) in plan order; ``states`` the candidate's {id: state}.
    A pending check is a condition of any offer; a check recorded as not confirmed says so.
    """
    out = []
    for cid, text in checks:
        state = check_state(states, cid)
        short = _short(text)
        if state == NOT_CONFIRMED:
            out.append(f"{cid} not confirmed: {short}.")
        elif state == PENDING:
            out.append(f"Subject to {cid} (pending): {short}.")
    return out


def _short(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(" .;:")
