"""The window's entry points into dialogs, each imported on first use rather than with the window.

Every function here has the signature of the one it forwards to and imports that dialog's module when
called: the menus and drops of the first window reach every dialog without importing any of them (see the
package docstring).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ..context import AppContext
    from ..dialogs.import_candidates import ImportCandidatesDialog
    from ..dialogs.kits import MakeKitDialog, ReceiveScoresDialog


def start_new_campaign(ctx: AppContext, parent: QWidget, path: Path | None = None) -> None:
    from ..dialogs.new_campaign import start_new_campaign as start

    start(ctx, parent, path)


def open_import(ctx: AppContext, parent: QWidget, path: Path | None = None) -> ImportCandidatesDialog | None:
    from ..dialogs.import_candidates import open_import as start

    return start(ctx, parent, path)


def open_member_kit(ctx: AppContext, parent: QWidget, path: str | Path | None = None) -> None:
    from ..dialogs.kits import open_member_kit as start

    start(ctx, parent, path)


def hand_in_scores(ctx: AppContext, parent: QWidget) -> None:
    from ..dialogs.kits import hand_in_scores as start

    start(ctx, parent)


def receive_scores(ctx: AppContext, parent: QWidget, paths: list[Path] | None = None) -> ReceiveScoresDialog | None:
    from ..dialogs.kits import receive_scores as start

    return start(ctx, parent, paths)


def make_member_kit(ctx: AppContext, parent: QWidget) -> MakeKitDialog | None:
    from ..dialogs.kits import make_member_kit as start

    return start(ctx, parent)


def change_pin(ctx: AppContext, parent: QWidget) -> None:
    from ..dialogs.pin import choose_and_change_pin

    choose_and_change_pin(ctx, parent)


def erase_personal_data(ctx: AppContext, parent: QWidget) -> None:
    from ..dialogs.privacy import erase_personal_data as start

    start(ctx, parent)
