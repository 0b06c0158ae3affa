"""Editable models over a role profile's behaviours and criteria (the chair's corrections after import).

Rows are immutable domain objects; an edit replaces the row with a changed copy and emits ``edited``.
Rows assessed at interview are shown bold: they are what the panel will ask about.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from ...domain.framework import LEVEL_SCOPE, LEVELS
from ...domain.profile import REQUIREMENTS, SECTION_PREFIX, SECTION_TITLES, SECTIONS, Behaviour, Criterion
from ..context import tr
from .base import Column, ListTableModel

Index = QModelIndex | QPersistentModelIndex


def split_methods(text: str) -> tuple[str, ...]:
    """ "Application Form / Interview" -> ("Application Form", "Interview")."""
    return tuple(p.strip() for p in str(text).split("/") if p.strip())


def join_methods(methods: tuple[str, ...]) -> str:
    return " / ".join(methods)


_BOLD: list[QFont] = []


def _bold() -> QFont:
    if not _BOLD:
        f = QFont()
        f.setBold(True)
        _BOLD.append(f)
    return _BOLD[0]


def _asked(obj: Any) -> str:
    return tr("Yes — asked") if obj.at_interview else tr("No")


class _Editable(ListTableModel[Any]):
    edited = Signal()
    editable_columns: tuple[int, ...] = ()

    def flags(self, index: Index) -> Qt.ItemFlag:
        f = super().flags(index)
        if index.isValid() and index.column() in self.editable_columns:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def extra_data(self, obj: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and obj.at_interview:
            return _bold()
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(obj, column)
        return None

    def edit_value(self, obj: Any, column: int) -> Any:
        return None

    def replace_row(self, row: int, obj: Any) -> None:
        self.rows[row] = obj
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.edited.emit()

    def insert(self, obj: Any) -> int:
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(obj)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
            self.edited.emit()


class BehavioursModel(_Editable):
    LEVEL, METHODS = 1, 2
    editable_columns = (LEVEL, METHODS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(tr("Behaviour"), lambda b: b.name, tooltip=lambda b: b.cluster),
                Column(tr("Level"), lambda b: b.level, tooltip=lambda b: LEVEL_SCOPE.get(b.level, "")),
                Column(tr("Assessed by"), lambda b: join_methods(b.identified_by)),
                Column(tr("At interview"), _asked),
            ],
            parent,
        )

    def edit_value(self, obj: Behaviour, column: int) -> Any:
        return obj.level if column == self.LEVEL else join_methods(obj.identified_by)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        b: Behaviour = self.rows[index.row()]
        if index.column() == self.LEVEL:
            try:
                level = int(value)
            except (TypeError, ValueError):
                return False
            if level not in LEVELS or level == b.level:
                return False
            self.replace_row(index.row(), replace(b, level=level))
            return True
        if index.column() == self.METHODS:
            methods = split_methods(value)
            if methods == b.identified_by:
                return False
            self.replace_row(index.row(), replace(b, identified_by=methods))
            return True
        return False


class CriteriaModel(_Editable):
    ID, SECTION, REQUIREMENT, TEXT, METHODS = range(5)
    editable_columns = (SECTION, REQUIREMENT, TEXT, METHODS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(tr("Id"), lambda c: c.id),
                Column(tr("Section"), lambda c: SECTION_TITLES.get(c.section, c.section)),
                Column(tr("Requirement"), lambda c: c.requirement.capitalize()),
                Column(tr("Criterion"), lambda c: c.text, tooltip=lambda c: c.text),
                Column(tr("Assessed by"), lambda c: join_methods(c.identified_by)),
                Column(tr("At interview"), _asked),
            ],
            parent,
        )

    def edit_value(self, obj: Criterion, column: int) -> Any:
        return {
            self.SECTION: obj.section,
            self.REQUIREMENT: obj.requirement,
            self.TEXT: obj.text,
            self.METHODS: join_methods(obj.identified_by),
        }.get(column)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        c: Criterion = self.rows[index.row()]
        col = index.column()
        if col == self.SECTION and value in SECTIONS:
            new = replace(c, section=value)
        elif col == self.REQUIREMENT and value in REQUIREMENTS:
            new = replace(c, requirement=value)
        elif col == self.TEXT and str(value).strip():
            new = replace(c, text=" ".join(str(value).split()))
        elif col == self.METHODS:
            new = replace(c, identified_by=split_methods(value))
        else:
            return False
        if new == c:
            return False
        self.replace_row(index.row(), new)
        return True

    def new_criterion(self) -> Criterion:
        """A blank essential knowledge/experience criterion assessed at interview (ids are redone on save)."""
        n = sum(1 for c in self.rows if c.section == "knowledge_experience") + 1
        return Criterion(
            id=f"{SECTION_PREFIX['knowledge_experience']}{n}",
            section="knowledge_experience",
            requirement="essential",
            text=tr("New criterion"),
            identified_by=("Interview",),
        )
