"""The chart figures (domain.charts) are one set of numbers: the Results page's charts, the PDF record and
``report panel`` give the same ones."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.services import exports, moderation
from interview_panel.services.store import open_store

from .live_fixtures import make_ctx  # noqa: F401
from .test_results import demo_db, open_page  # noqa: F401


def test_the_page_the_pdf_and_the_cli_show_the_same_figures(
    qtbot, demo_db, make_ctx, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    db, cid = demo_db
    with open_store(db) as store:  # some candidates still to moderate: the figures count what is agreed
        res = moderation.results(store, cid, audit=False)
    assert any(c.total is None for c in res.candidates) and any(c.total is not None for c in res.candidates)
    page = open_page(qtbot, make_ctx(db), cid)
    spreads, calibration = page.spread_chart.data, page.calibration_chart.data
    assert [s.item_id for s in spreads] == [i.id for i in res.items]
    assert [c.member for c in calibration] == [m.name for m in res.members]
    assert any(s.flagged for s in spreads) and any(c.bias for c in calibration)  # not all zero

    # the command line: report panel --json holds the page's figures
    assert main(["report", "panel", "--db", str(db), "--campaign", str(cid), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["charts"]["items"] == [s.to_json() for s in spreads]
    assert doc["charts"]["members_against_agreed"] == [c.to_json() for c in calibration]
    assert main(["report", "panel", "--db", str(db), "--campaign", str(cid)]) == 0
    text = capsys.readouterr().out
    for s in spreads:
        assert "{}: agreed {} / {} / {}; spread {}; {} flagged".format(*s.cells()) in text
    for c in calibration:
        assert "{}: {} vs {} ({}, n={})".format(*c.cells()) in text

    # the PDF record: the same rows in its figures tables
    out = tmp_path / "record.pdf"
    with open_store(db) as store:
        exports.export_pdf(store, cid, out)
    pdf = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in pdf.splitlines()]
    for s in spreads:
        assert " ".join(s.cells()) in lines, s
    for c in calibration:
        assert " ".join(c.cells()) in lines, c
    # and the widgets say them too (accessible description, for screen readers)
    desc = page.calibration_chart.accessibleDescription()
    for c in calibration:
        mean, agreed = c.cells()[1:3]
        assert mean in desc and agreed in desc
