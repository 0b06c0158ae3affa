"""Pages made when first shown, and brought up to date when shown (see the package docstring).

The window lists every page in :data:`PAGES` but imports a page's module and builds it only when it is
first shown (:func:`page_class`). A :class:`LazyPage` does its catching up in ``setVisible(True)``:
switching to it in the window, or ``show()`` on its own.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ..context import AppContext


class PageSpec(NamedTuple):
    key: str
    module: str  # relative to interview_panel.ui; imported when the page is first shown
    cls: str
    icon: str
    title: str  # untranslated; shown through tr()
    needs_campaign: bool = True


# Navigation order; Ctrl+1 … Ctrl+9, Ctrl+0 follow it.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("campaigns", ".pages.campaigns", "CampaignsPage", "campaigns", "Campaigns", needs_campaign=False),
    PageSpec("profile", ".pages.profile_review", "ProfilePage", "profile", "Role profile"),
    PageSpec("items", ".pages.items", "ItemsPage", "items", "Items and questions"),
    PageSpec("rules", ".pages.rules", "RulesPage", "rules", "Scoring rules"),
    PageSpec("candidates", ".pages.candidates", "CandidatesPage", "candidates", "Candidates"),
    PageSpec("panel", ".pages.panel", "PanelPage", "panel", "Panel"),
    PageSpec("packs", ".pages.packs", "PacksPage", "packs", "Print packs"),
    PageSpec("scoring", ".pages.scoring", "ScoringPage", "scoring", "Scoring"),
    PageSpec("moderation", ".pages.moderation", "ModerationPage", "moderation", "Moderation"),
    PageSpec("results", ".pages.results", "ResultsPage", "results", "Results"),
)


def page_row(key: str) -> int:
    """The navigation row of page ``key``."""
    return next(n for n, spec in enumerate(PAGES) if spec.key == key)


def page_class(spec: PageSpec) -> Callable[[AppContext], QWidget]:
    """The page's class, its module imported now (the first time the page is shown)."""
    cls: Callable[[AppContext], QWidget] = getattr(importlib.import_module(spec.module, "interview_panel.ui"), spec.cls)
    return cls


class LazyPage(QWidget):
    """A widget that catches up (:meth:`shown`) each time it is shown.

    Not ``showEvent``: Python receiving a ``QShowEvent`` builds ``QEvent``'s enum, and the campaigns page,
    on the first window, is one of these pages."""

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if visible:
            self.shown()

    def shown(self) -> None:
        """Called each time the widget is shown; nothing by default."""
