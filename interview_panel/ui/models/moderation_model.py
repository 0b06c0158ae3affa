"""Moderation grid: candidates × items, built once from ``CampaignResults`` (no per-cell queries).

Each item cell shows the members' scores in panel order ("3 4 2"), the agreed score once set ("→ 3") and
the flags as text as well as colour ("⚠ spread", "± pass"). Members' scores are shown only once every member
has submitted for that candidate (independence); until then the cell says how many have submitted.

:class:`CandidateFilter` narrows the grid to the candidates the chair is working on (ready to moderate, with
flagged items still to agree, waiting for submissions, moderated); see :data:`FILTERS`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QGuiApplication

from ...domain.campaign import CampaignResults, CandidateResult, Member
from ...domain.items import Item
from ...domain.moderation import Provisional
from ...domain.scoring import FLAG_SPREAD, FLAG_STRADDLE, ScoringRules, spread
from ...domain.status import CandidateStatus, ModerationFilter, filter_counts, matches
from ..context import tr
from ..times import local
from ..widgets import colours
from .base import HeadedRowsModel

Index = QModelIndex | QPersistentModelIndex
# status, running total, outcome (final, or provisional while moderating); the candidate is the vertical
# header, so it stays in view when scrolling across the items
FIXED_COLUMNS = 3
COL_STATUS, COL_TOTAL, COL_OUTCOME = range(FIXED_COLUMNS)
ItemRole = Qt.ItemDataRole.UserRole + 1  # the item id of a cell (None for fixed columns)
StateRole = Qt.ItemDataRole.UserRole + 2  # "waiting" | "flagged" | "agreed" | "open"


def flag_text(flags: list[str]) -> str:
    """The flags as short words, so they do not depend on colour alone."""
    words = {FLAG_SPREAD: tr("⚠ spread"), FLAG_STRADDLE: tr("± pass")}
    return " ".join(words.get(f, f) for f in flags)


# the grid's candidate filters: the domain's (domain.status.ModerationFilter), with their labels (through tr()
# where shown); every candidate is in exactly one of ready / waiting / moderated, and "flagged" is the part of
# "ready" that still has a flagged item to agree
FILTER_ALL, FILTER_READY, FILTER_FLAGGED, FILTER_WAITING, FILTER_MODERATED = (
    ModerationFilter.ALL,
    ModerationFilter.READY,
    ModerationFilter.FLAGGED,
    ModerationFilter.WAITING,
    ModerationFilter.MODERATED,
)
FILTERS: tuple[tuple[ModerationFilter, str], ...] = (
    (FILTER_ALL, "All candidates"),
    (FILTER_READY, "Ready to moderate"),
    (FILTER_FLAGGED, "With flagged items still to agree"),
    (FILTER_WAITING, "Waiting for submissions"),
    (FILTER_MODERATED, "Moderated"),
)
_INACTIVE = (CandidateStatus.WITHDRAWN, CandidateStatus.ABSENT)


class ModerationModel(QAbstractTableModel):
    """Rows: candidates (in the order given); columns: status, total, outcome, one per item.

    Shows what the domain worked out for each candidate (``CandidateResult``: status, readiness, flags,
    the items still to agree, the provisional outcome); it works none of it out again."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CandidateResult] = []
        self._row_of: dict[str, int] = {}
        self._items: list[Item] = []
        self._members: list[Member] = []
        self._rules = ScoringRules()
        # (row, column) -> (text, state): cells are painted far more often than they change
        self._cells: dict[tuple[int, int], tuple[str, str]] = {}
        self._awaiting = tr("awaiting")
        self._flag_words = {FLAG_SPREAD: tr("⚠ spread"), FLAG_STRADDLE: tr("± pass")}
        self._flag_marks = {FLAG_SPREAD: "⚠", FLAG_STRADDLE: "±"}  # compact cells: the words are in the tooltip
        self._column: dict[str, int] = {}  # item id -> its column
        self._fixed: dict[tuple[int, int], str] = {}

    # -- loading -------------------------------------------------------------------------------
    def set_results(self, results: CampaignResults) -> None:
        self.beginResetModel()
        self._items = list(results.items)
        self._members = list(results.members)
        self._rules = results.rules
        self._rows = list(results.candidates)
        self._row_of = {cr.reference: i for i, cr in enumerate(self._rows)}
        self._cells = {}
        self._fixed = {}
        self._column = {it.id: FIXED_COLUMNS + n for n, it in enumerate(self._items)}
        self.endResetModel()

    def update_candidate(self, cr: CandidateResult) -> None:
        """Replace one candidate's row after moderating it (the rest of the grid is untouched)."""
        r = self._row_of.get(cr.reference)
        if r is None:
            return
        self._rows[r] = cr
        for col in range(self.columnCount()):  # drop this row's cached texts only: no new dict of every cell
            self._cells.pop((r, col), None)
            self._fixed.pop((r, col), None)
        self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))

    # -- queries -------------------------------------------------------------------------------
    @property
    def items(self) -> list[Item]:
        return self._items

    @property
    def members(self) -> list[Member]:
        return self._members

    @property
    def rules(self) -> ScoringRules:
        return self._rules

    def candidate(self, r: int) -> CandidateResult:
        return self._rows[r]

    def row_of(self, reference: str) -> int:
        return self._row_of[reference]

    def has_candidate(self, reference: str) -> bool:
        return reference in self._row_of

    def item_at(self, column: int) -> Item | None:
        i = column - FIXED_COLUMNS
        return self._items[i] if 0 <= i < len(self._items) else None

    def column_of(self, item_id: str) -> int:
        return self._column[item_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._column

    def is_ready(self, r: int) -> bool:
        return self._rows[r].ready

    def open_flagged_columns(self, r: int) -> list[int]:
        """The columns of row ``r`` whose item is flagged and not yet agreed, left to right (none until every
        member has submitted: flags are not shown before then)."""
        return [self._column[i] for i in self._rows[r].open_flags]

    def matches(self, r: int, key: str) -> bool:
        """Whether row ``r`` belongs under the filter ``key`` (one of :data:`FILTERS`)."""
        return matches(self._rows[r], key)

    def counts(self) -> dict[str, int]:
        """How many candidates each filter shows, plus ``"flagged_items"``: flagged items still to agree."""
        return filter_counts(self._rows)

    def cell_state(self, r: int, item_id: str) -> str:
        """ "waiting" (not everyone submitted), "agreed", "flagged" or "open"."""
        return self._cell(r, self.column_of(item_id))[1]

    def cell_text(self, r: int, item_id: str) -> str:
        return self._cell(r, self.column_of(item_id))[0]

    def _cell(self, r: int, col: int) -> tuple[str, str]:
        hit = self._cells.get((r, col))
        if hit is not None:
            return hit
        cr = self._rows[r]
        item_id = self._items[col - FIXED_COLUMNS].id
        if cr.status in _INACTIVE:
            out = (tr(str(cr.status)), "waiting")
        elif not cr.ready:
            out = (self._awaiting, "waiting")
        else:
            by_member = cr.scores.get(item_id, {})
            scores = " ".join(
                str(by_member[m.name]) if by_member.get(m.name) is not None else "·" for m in self._members
            )
            agreed = item_id in cr.agreed
            line1 = scores + (f" →{cr.agreed[item_id]}" if agreed else "")
            flags = cr.flags.get(item_id) or []
            marks = " ".join(self._flag_marks.get(f, f) for f in flags)
            text = f"{line1}\n{marks}" if marks else line1
            out = (text, "agreed" if agreed else "flagged" if flags else "open")
        self._cells[(r, col)] = out
        return out

    def provisional(self, r: int) -> Provisional | None:
        """The running total and provisional outcome of row ``r`` (the domain's answer; None unless it is
        being moderated)."""
        return self._rows[r].provisional

    def _fixed_text(self, r: int, col: int) -> str:
        hit = self._fixed.get((r, col))
        if hit is not None:
            return hit
        cr = self._rows[r]
        p = cr.provisional
        if col == COL_STATUS:
            text = self._status_text(r)
        elif not cr.candidate.active:
            text = "" if col == COL_TOTAL else tr("none")
        elif cr.status == CandidateStatus.MODERATED:
            text = str(cr.total) if col == COL_TOTAL else tr(cr.outcome or "")
        elif p is None:
            text = ""
        elif col == COL_TOTAL:
            text = str(p.agreed_total) if p.agreed_count else ""
        else:
            text = "" if p.outcome is None else tr("{o}?").format(o=tr(p.outcome.result))
        self._fixed[(r, col)] = text
        return text

    def _status_text(self, r: int) -> str:
        cr = self._rows[r]
        if cr.status == CandidateStatus.MODERATED or cr.status in _INACTIVE:
            return tr(str(cr.status))
        if cr.ready:
            return tr("ready — {n} to agree").format(n=len(cr.to_agree))
        n = len(self._members)
        return tr("{done}/{n} submitted").format(done=n - len(cr.waiting), n=n)

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self._items)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) and 0 <= section < len(
                self._rows
            ):
                cr = self._rows[section]
                return f"{cr.reference}  {cr.candidate.name}"
            return None
        item = self.item_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if item is None:
                return (tr("Status"), tr("Total"), tr("Outcome"))[section] if 0 <= section < FIXED_COLUMNS else None
            return _two_lines(item.id) + (" *" if self._rules.is_gating(item) else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if item is not None:
                return f"{item.id}: " + item.describe + (tr(" (gating)") if self._rules.is_gating(item) else "")
            if section == COL_TOTAL:
                return tr("Agreed so far (the total once every item is agreed)")
            if section == COL_OUTCOME:
                return tr(
                    "The outcome; with a question mark while moderating: the outcome if the items still to "
                    "agree were agreed at the panel median"
                )
        return None

    _HANDLED = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
            ItemRole,
            StateRole,
        }
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in self._HANDLED or not index.isValid():
            return None  # the view asks for many roles per painted cell: answer the rest at once
        r, col = index.row(), index.column()
        item_col = FIXED_COLUMNS <= col < FIXED_COLUMNS + len(self._items)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(r, col)[0] if item_col else self._fixed_text(r, col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if not item_col:
                return self._fixed_text(r, col)
            text = self._cell(r, col)[0]
            flags = self._rows[r].flags.get(self._items[col - FIXED_COLUMNS].id) if self._rows[r].ready else None
            return text.split("\n")[0] + (" " + flag_text(flags) if flags else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            if item_col:
                colour = _STATE_COLOURS.get(self._cell(r, col)[1])
                return _brush(colour, 0) if colour else None
            return _brush("grey", 0) if col == 0 and not self.is_ready(r) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            # the state colours come in light/dark pairs with their own text colour (widgets/colours.py)
            state = (
                _STATE_COLOURS.get(self._cell(r, col)[1])
                if item_col
                else ("grey" if col == 0 and not self.is_ready(r) else None)
            )
            return _brush(state, 1) if state else None
        if not item_col:
            return None
        item = self._items[col - FIXED_COLUMNS]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER
        if role == ItemRole:
            return item.id
        if role == StateRole:
            return self._cell(r, col)[1]
        # tooltip
        cr = self._rows[r]
        if not cr.ready:
            return cr.not_ready or tr("Scores are hidden until every member has submitted")
        s = spread([v for v in cr.scores.get(item.id, {}).values() if v is not None])
        parts = [f"{m.name}: {cr.scores.get(item.id, {}).get(m.name, '–')}" for m in self._members]
        if s is not None:
            parts.append(tr("spread {w}, median {m:g}").format(w=s.width, m=s.median))
        if item.id in cr.agreed:
            parts.append(tr("agreed {n}").format(n=cr.agreed[item.id]))
        return "\n".join(parts)


def _two_lines(item_id: str) -> str:
    """Break a long item id ("deliver-support-inspire") at the hyphen nearest its middle, for the header."""
    if len(item_id) <= 14 or "-" not in item_id:
        return item_id
    cuts = [i for i, ch in enumerate(item_id) if ch == "-"]
    cut = min(cuts, key=lambda i: abs(i - len(item_id) / 2))
    return item_id[: cut + 1] + "\n" + item_id[cut + 1 :]


_STATE_COLOURS = {"waiting": "grey", "flagged": "amber", "agreed": "green"}
_CELLS = {"grey": colours.GREY_CELL, "amber": colours.AMBER_CELL, "green": colours.GREEN_CELL}


def _brush(state: str, part: int) -> QBrush:
    """The background (``part`` 0) or text (1) of a state colour, for the application's palette."""
    return QBrush(colours.cell(_CELLS[state], QGuiApplication.palette())[part])


_CENTER = int(Qt.AlignmentFlag.AlignCenter)


class CandidateFilter(QSortFilterProxyModel):
    """The grid's rows narrowed to one of :data:`FILTERS` (columns untouched, source order kept).

    Filtering runs only when the filter is set (:meth:`set_filter`) or the source is reset (a reload), not on
    every change of a row: a candidate the chair has just finished stays in view (so the current cell does
    not jump away) until the filter is chosen again or the grid is refreshed.
    """

    def __init__(self, source: ModerationModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._key: str = FILTER_ALL
        self.setDynamicSortFilter(False)
        self.setSourceModel(source)

    @property
    def key(self) -> str:
        return self._key

    def set_filter(self, key: str) -> None:
        """Show only the candidates under ``key`` (re-applied even when ``key`` is the current filter)."""
        if key not in {k for k, _ in FILTERS}:
            raise ValueError(f"unknown candidate filter: {key}")
        self.beginFilterChange()
        self._key = key
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return self._key == FILTER_ALL or self._source.matches(source_row, self._key)


class MemberScoresModel(HeadedRowsModel):
    """The detail pane: each member's score and notes for one candidate and item."""

    headers = ("Member", "Score", "Notes", "Submitted")
    _rows: list[tuple[str, int | None, str, str]]

    def show(self, cr: CandidateResult | None, item_id: str | None, members: list[Member]) -> None:
        self.beginResetModel()
        self._rows = []
        if cr is not None and item_id is not None:
            for m in members:
                when = cr.submitted_at.get(m.name)
                self._rows.append(
                    (
                        m.name,
                        cr.scores.get(item_id, {}).get(m.name),
                        cr.notes.get(item_id, {}).get(m.name, ""),
                        local(when).strftime("%d %b %H:%M") if when else tr("not submitted"),
                    )
                )
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        name, score, note, when = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (name, "–" if score is None else str(score), note, when)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2 and note:
            return note
        return None
