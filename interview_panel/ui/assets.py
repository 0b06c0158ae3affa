"""Files shipped in the ``interview_panel.resources`` package (icons, the style sheet), found quickly.

``importlib.resources`` is kept off the start-up path (see ``ui/startup``): the package is an ordinary
folder once installed (wheel or editable), so its files are found next to its ``__init__``. Anything else
(a zip import) still goes through ``importlib.resources``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def resource(name: str) -> Traversable:
    """``name`` (may contain "/") inside the resources package: a Path, or a Traversable in a zip.

    Both offer ``is_file()``, ``read_text()`` and ``read_bytes()``.
    """
    package = importlib.import_module("interview_panel.resources")
    where = getattr(package, "__file__", None)
    if where:
        return Path(where).parent.joinpath(*name.split("/"))
    from importlib import resources  # pragma: no cover - not an ordinary folder

    return resources.files(package).joinpath(*name.split("/"))  # pragma: no cover
