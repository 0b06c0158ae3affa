"""Profiles that import today keep importing to exactly the same JSON (issue 12: other templates must not
change what the real profiles and the shipped samples give).

The real profiles (``../shared/role-profiles``) are checked by the sha256 of their canonical JSON, taken
before the importer was generalised, so no real profile text is copied into the repository; the samples'
full JSON is kept beside this file so that a change shows as a readable diff.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from interview_panel.importing import import_profile

from ..conftest import DATA, real_profiles

SNAPSHOTS = Path(__file__).with_name("snapshots")
HASHES = json.loads((SNAPSHOTS / "sha256.json").read_text(encoding="utf-8"))


def _canonical(path: Path) -> str:
    return json.dumps(import_profile(path).to_json(), sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("name", sorted(n for n in HASHES if not n.startswith("sample_")))
def test_real_profile_json_unchanged(name: str) -> None:
    path = next((p for p in real_profiles() if p.name == name), None)
    if path is None:
        pytest.skip("real role profiles (../shared/role-profiles) not present")
    assert hashlib.sha256(_canonical(path).encode("utf-8")).hexdigest() == HASHES[name]


@pytest.mark.parametrize("name", sorted(n for n in HASHES if n.startswith("sample_")))
def test_sample_profile_json_unchanged(name: str) -> None:
    expected = json.loads((SNAPSHOTS / f"{name}.json").read_text(encoding="utf-8"))
    assert import_profile(DATA / name).to_json() == expected
    assert hashlib.sha256(_canonical(DATA / name).encode("utf-8")).hexdigest() == HASHES[name]
