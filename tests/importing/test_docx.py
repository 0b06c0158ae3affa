"""Details of .docx reading: document order, merged cells, bullets, content controls."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from interview_panel.importing import import_profile


def _save(document, tmp_path: Path, name: str = "p.docx") -> Path:
    path = tmp_path / name
    buf = io.BytesIO()
    document.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def test_order_merges_bullets_and_line_breaks(tmp_path: Path) -> None:
    d = docx.Document()
    header = d.add_table(rows=2, cols=3)
    header.cell(0, 1).merge(header.cell(0, 2))  # the title spans two columns: read once
    header.cell(0, 0).text, header.cell(0, 1).text = "Post Title:", "Scheduling Officer"
    header.cell(1, 0).text, header.cell(1, 1).text, header.cell(1, 2).text = "Grade:", "Band C", "JE: 777"
    d.add_paragraph("Key Responsibilities:")
    d.add_paragraph("The list shows the general nature of the work.")
    d.add_paragraph("Keep the rota up to date", style="List Bullet")
    d.add_paragraph("Book rooms for training", style="List Bullet")
    p = d.add_paragraph("Behaviours :")
    p.add_run().add_break()
    p.add_run("This role uses the CVF.")
    b = d.add_table(rows=1, cols=3)
    for c, text in enumerate(["We take ownership", "2", "Interview"]):
        b.cell(0, c).text = text
    d.add_paragraph("Other")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "Essential", "Desirable", "To be identified by"
    t.cell(1, 0).text = "Able to work weekends"
    t.cell(2, 0).text = "Able to travel"
    method = t.cell(1, 2).merge(t.cell(2, 2))  # one method cell for both rows (vertical merge)
    method.text = "Application Form / Interview"
    prof = import_profile(_save(d, tmp_path))
    assert (prof.post_title, prof.grade, prof.job_evaluation) == ("Scheduling Officer", "Band C", "777")
    assert prof.key_responsibilities == ("Keep the rota up to date", "Book rooms for training")
    assert [(b.competency, b.level) for b in prof.behaviours] == [("ownership", 2)]
    assert [(c.id, c.text, c.identified_by) for c in prof.criteria] == [
        ("O1", "Able to work weekends", ("Application Form", "Interview")),
        ("O2", "Able to travel", ("Application Form", "Interview")),
    ]


def test_content_controls_are_read_in_place(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Post Title:")
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Data Officer</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    d.element.body.insert(1, sdt)
    t = d.add_table(rows=1, cols=3)
    for c, text in enumerate(["We analyse critically", "1", "Interview"]):
        t.cell(0, c).text = text
    prof = import_profile(_save(d, tmp_path))
    assert prof.post_title == "Data Officer"
    assert prof.behaviours[0].competency == "analyse-critically"
