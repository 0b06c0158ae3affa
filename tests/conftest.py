"""Shared test set-up: Qt offscreen, paths to sample and real role profiles."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app's data folder (scratch folders for exports and --demo) in a temporary place, never the user's own.
_DATA_DIR = tempfile.mkdtemp(prefix="interview-panel-test-data-")
os.environ.setdefault("INTERVIEW_PANEL_DATA_DIR", _DATA_DIR)
atexit.register(shutil.rmtree, _DATA_DIR, True)
# The audit chain's keys live outside the database, in the user's data folder: keep the tests' keys (and the
# subprocesses they start) in a folder of their own, removed at the end.
if not os.environ.get("INTERVIEW_PANEL_KEY_DIR"):
    import atexit
    import shutil
    import tempfile

    _KEYS = tempfile.mkdtemp(prefix="interview-panel-test-keys-")
    os.environ["INTERVIEW_PANEL_KEY_DIR"] = _KEYS
    atexit.register(shutil.rmtree, _KEYS, True)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED_PROFILES = ROOT.parent / "shared" / "role-profiles"
SEED_CSE = SHARED_PROFILES / "000_71239bd9c7f6cf67.txt"
SEED_IACT = SHARED_PROFILES / "003_a7d9d8b4bb590b77.txt"


def real_profiles() -> list[Path]:
    """The real role profiles beside the repo, when that folder exists (CI and developer machines)."""
    return sorted(SHARED_PROFILES.glob("*.txt")) if SHARED_PROFILES.is_dir() else []


@pytest.fixture
def seed_cse() -> Path:
    if not SEED_CSE.exists():
        pytest.skip("real role profiles (../shared/role-profiles) not present")
    return SEED_CSE


@pytest.fixture
def seed_iact() -> Path:
    if not SEED_IACT.exists():
        pytest.skip("real role profiles (../shared/role-profiles) not present")
    return SEED_IACT
