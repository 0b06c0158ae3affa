"""`campaign create` refuses a profile with nothing to ask at interview, naming what is missing (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_panel.cli import main

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"


def test_profile_without_interview_items_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "coordinator.txt"
    profile.write_text(
        "Job Title\nVolunteer Coordinator\n\nKey Responsibilities\n\u00b7 Run recruitment events\n\n"
        "Experience\n\u00b7 Experience of managing volunteers (E)\n",
        encoding="utf-8",
    )
    db = tmp_path / "c.db"
    code = main(["campaign", "create", "--db", str(db), "--profile", str(profile), "--name", "X"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert str(profile) in err and "nothing to ask at interview" in err
    assert "no CVF behaviours" in err and "1 have no assessment method" in err
    assert not db.exists()


def test_profile_with_criteria_at_interview_but_no_behaviours_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.db"
    code = main(
        [
            "campaign",
            "create",
            "--db",
            str(db),
            "--profile",
            str(TEMPLATES / "hollowmere_volunteer.docx"),
            "--name",
            "Volunteers",
        ]
    )
    assert code == 0 and capsys.readouterr().out.strip().isdigit()
