"""The question the member asks for the selected item, with its probes and indicators (read-only).

Colours come from the palette (quiet text for the item's description, the positive and negative pairs for
the indicator headings); the question is set a little larger than the user's font, never at a fixed size.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from ...domain.items import Item, Question
from ..context import tr
from . import colours


class QuestionView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionView")
        self.setAccessibleName(tr("Question, probes and indicators"))
        self.setOpenLinks(False)

    def show_nothing(self) -> None:
        self.setHtml(f"<p>{html.escape(tr('Choose yourself and a candidate to start scoring.'))}</p>")

    def show_item(self, number: int, item: Item, question: Question | None, *, gating_mark: int | None) -> None:
        """Item ``number`` (1-based) with its ``question``; ``gating_mark`` is the pass mark of a gating item."""
        self.setHtml(self.item_html(number, item, question, gating_mark=gating_mark))

    def item_html(self, number: int, item: Item, question: Question | None, *, gating_mark: int | None) -> str:
        e = html.escape
        pal = self.palette()
        quiet = colours.quiet(pal, colours.Role.Base, colours.Role.Text).name()
        gating = e(tr(" — gating: must reach {n}")).format(n=gating_mark) if gating_mark is not None else ""
        parts = [f"<h3>{number}. {e(item.label)}</h3>", f"<p style='color:{quiet}'>{e(item.describe)}{gating}</p>"]
        if question is None:
            parts.append(f"<p><i>{e(tr('No question set for this item.'))}</i></p>")
            return "".join(parts)
        parts.append(f"<p style='font-size:large'><b>{e(question.text)}</b></p>")  # relative: follows the user's font
        for title, lines, colour in (
            (tr("Probes"), question.probes, None),
            (tr("Positive indicators"), question.positive, colours.css(colours.POSITIVE, pal)),
            (tr("Negative indicators"), question.negative, colours.css(colours.NEGATIVE, pal)),
        ):
            if lines:
                style = f" style='color:{colour}'" if colour else ""
                items = "".join(f"<li>{e(p)}</li>" for p in lines)
                parts.append(f"<p><b{style}>{e(title)}</b></p><ul>{items}</ul>")
        return "".join(parts)
