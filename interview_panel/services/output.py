"""Checks on a file the user asked us to write (PDF packs, exports), made before any work starts."""
from __future__ import annotations

import os
from pathlib import Path

from ..domain.errors import ValidationError


def output_path(out: str | os.PathLike[str], suffix: str) -> Path:
    """``out`` as a Path, refused in one line when it is a folder or its folder does not exist."""
    path = Path(out)
    if path.is_dir():
        raise ValidationError(f"{path}: is a folder; give a file name ending in {suffix}")
    if not path.parent.exists():
        raise ValidationError(f"{path}: the folder {path.parent} does not exist")
    return path
