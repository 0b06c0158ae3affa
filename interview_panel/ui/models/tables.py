"""The table models of the set-up pages: items, candidates, panel members (campaigns: campaign_list.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from ..context import tr
from ..times import fmt_when
from .base import Column, ListTableModel

if TYPE_CHECKING:  # the campaigns page (the first one shown) needs no domain module at start-up
    from ...domain.campaign import Candidate, Member
    from ...domain.items import Item, QuestionSet


def candidates_model(parent: Any = None) -> ListTableModel[Candidate]:
    return ListTableModel(
        [
            Column(tr("Reference"), lambda c: c.reference),
            Column(tr("Name"), lambda c: c.name),
            Column(tr("Interview slot"), lambda c: fmt_when(c.slot) or tr("not scheduled")),
            Column(
                tr("Status"),
                lambda c: tr(str(c.attendance)) + (f" — {c.attendance_reason}" if c.attendance_reason else ""),
            ),
        ],
        parent,
    )


class MembersModel(ListTableModel["Member"]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(tr("Name"), lambda m: m.name),
                Column(tr("Role"), lambda m: tr("Chair") if m.chair else tr("Panel member")),
            ],
            parent,
        )

    def extra_data(self, obj: Member, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and obj.chair:
            from PySide6.QtGui import QFont  # built on first use (see ui/startup)

            f = QFont()
            f.setBold(True)
            return f
        return None


def _kind(item: Item) -> str:
    from ...domain.items import BEHAVIOUR, CRITERION

    if item.kind == BEHAVIOUR:
        return tr("Behaviour (level {n})").format(n=item.level)
    if item.kind == CRITERION:
        return tr("Essential criterion") if item.requirement == "essential" else tr("Desirable criterion")
    return tr("Values")


def _origin(origin: str) -> str:
    if origin.startswith("bank"):
        return tr("Question bank")
    return {"custom": tr("Custom"), "generated": tr("Generated")}.get(origin, origin)


class ItemsModel(ListTableModel["Item"]):
    """The items of a QuestionSet in interview order, with their question."""

    def __init__(self, parent: Any = None) -> None:
        self.question_set: QuestionSet | None = None
        super().__init__(
            [
                Column("#", lambda it: self.rows.index(it) + 1, align=Qt.AlignmentFlag.AlignRight),
                Column(tr("Item"), lambda it: it.id),
                Column(
                    tr("Assesses"),
                    lambda it: it.text if it.kind != "values" else ", ".join(it.values),
                    tooltip=lambda it: it.describe,
                ),
                Column(tr("Question"), lambda it: self._q(it, "text"), tooltip=lambda it: self._q(it, "text")),
                Column(tr("Type"), _kind),
                Column(tr("Source"), lambda it: _origin(self._q(it, "origin"))),
            ],
            parent,
        )

    def _q(self, item: Item, attr: str) -> str:
        if self.question_set is None or item.id not in self.question_set.questions:
            return ""
        return str(getattr(self.question_set.questions[item.id], attr))

    def set_question_set(self, qs: QuestionSet | None) -> None:
        self.question_set = qs
        self.set_rows(list(qs.items) if qs else [])

    def row_of(self, item_id: str) -> int:
        return next((n for n, it in enumerate(self.rows) if it.id == item_id), -1)
