"""The frame the small edit dialogs share: their form, a bold error line under it, OK and Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from ..widgets.look import bold


def lay_out_form(dialog: QDialog, form: QFormLayout, on_ok: Callable[[], None]) -> QLabel:
    """Put ``form`` in ``dialog`` with OK (calls ``on_ok``, which accepts or shows an error) and Cancel.

    Returns the error line (empty until ``on_ok`` sets it)."""
    error = QLabel()
    error.setObjectName("formError")
    bold(error)
    error.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    lay = QVBoxLayout(dialog)
    lay.addLayout(form)
    lay.addWidget(error)
    lay.addWidget(buttons)
    return error
