"""The first window's campaign list: fetched once by the app's probe and handed to the campaigns page.

The probe is the first call queued on the database thread, before any page's own load: it opens the store
(a bad database is reported once, by it) and lists the campaigns, which the window shows without the page
querying them again (``MainWindow(campaigns_given=True)``, ``CampaignsPage.expect_rows``/``show_rows``).

``INTERVIEW_PANEL_EXIT_WHEN_READY`` is the hook of ``bench/startup.py`` and the start-up tests: ``1`` prints
``ready <epoch seconds>`` and quits once the list is shown; ``shown`` quits as soon as the window is on screen.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ...services.campaign_list import CampaignSummary
    from ...services.store import Store

EXIT_WHEN_READY_ENV = "INTERVIEW_PANEL_EXIT_WHEN_READY"


def probe_campaigns(store: Store) -> list[CampaignSummary]:
    """Runs on the database thread: the campaign list (the service is imported there, not on the GUI's)."""
    from ...services.campaign_list import list_campaigns

    return list_campaigns(store)


def quit_when_shown(app: QApplication) -> None:
    """``EXIT_WHEN_READY=shown``: quit on the first turn of the event loop, the window on screen."""
    if os.environ.get(EXIT_WHEN_READY_ENV) == "shown":
        QTimer.singleShot(0, app.quit)


def report_ready(app: QApplication) -> None:
    """The list is shown: with the bench's hook set, print when and quit."""
    if os.environ.get(EXIT_WHEN_READY_ENV):
        import time

        print(f"ready {time.time():.6f}", flush=True)  # read by bench/startup.py
        QTimer.singleShot(0, app.quit)
