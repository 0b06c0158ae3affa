"""docs/data-protection.md is linked from the README and names every table the schema creates (a new table
holding personal data must be described there)."""

from __future__ import annotations

from pathlib import Path

from interview_panel.storage.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent


def test_the_data_protection_page_is_linked_and_covers_every_table() -> None:
    doc = (ROOT / "docs" / "data-protection.md").read_text(encoding="utf-8")
    assert "docs/data-protection.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [t for t in TABLES if f"`{t}`" not in doc]
    assert not missing, f"docs/data-protection.md does not describe {missing}"
    for topic in (
        "6 months",
        "legal hold",
        "PINs **do not protect the file**",
        "Purge does not",
        "Subject access",
        "Anonymised export",
        "Equality monitoring kept apart",
        ".bak-v",
        ".backups/",
    ):
        assert topic in doc, topic
