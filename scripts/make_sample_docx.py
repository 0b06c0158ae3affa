"""Write the fictional sample role profiles in data/ in all three forms the importer reads.

Each sample is defined once below (paragraphs, bullet lists and Word tables) and written as:
- ``data/<name>.txt``: Word "save as text" layout (tab-indented cells, blank lines between rows, a method cell
  wrapped onto a second line without a tab, a behaviour level after a blank line, "·" bullets);
- ``data/<name>_libreoffice.txt``: LibreOffice "save as text" layout (one cell per line, no tabs, empty cells
  as empty lines, merged cells once, no row separators), CRLF line ends as on Windows;
- ``data/<name>.docx``: a real Word document made with python-docx (tables, merged heading cells, a cell of
  two paragraphs, "List Bullet" paragraphs).

The force, posts and wording are fictional and written for this project. Run from the repo root:
``.venv/bin/python scripts/make_sample_docx.py``. The output is deterministic apart from the .docx zip
timestamps, so the committed files can be regenerated at any time.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@dataclass(frozen=True)
class Lines:
    """A cell of several lines (paragraphs in Word; Word's text export wraps it without a tab)."""

    parts: tuple[str, ...]

    def __init__(self, *parts: str) -> None:
        object.__setattr__(self, "parts", parts)


Cell = "str | Lines"


@dataclass
class Table:
    rows: list[list]
    cols: int
    gap_after_first: set[int] = field(default_factory=set)  # rows whose Word text has a blank after cell 1
    cse_style: bool = False  # Word text: "\t" then the text on the next line, blank line after each cell


@dataclass
class Para:
    text: str


@dataclass
class Bullets:
    items: list[str]


def _parts(cell) -> tuple[str, ...]:
    return cell.parts if isinstance(cell, Lines) else (cell,)


# -- the samples -----------------------------------------------------------------------------------
FORCE = "Northmoor Police"

ADMIN_L1 = [
    Para("ROLE PROFILE"),
    Table(
        cols=3,
        cse_style=True,
        rows=[
            ["Post Title:", "Administration Support Officer (Criminal Justice Unit)"],
            ["Grade:", "Scale 3", "JE: 2104"],
            ["Location:", "Hartfield Police Station"],
            ["Responsible to:", "Criminal Justice Unit Supervisor"],
        ],
    ),
    Table(
        cols=1,
        rows=[
            ["Job Purpose:"],
            [
                f"To give accurate and timely administrative support to the {FORCE} Criminal Justice Unit, so that "
                "case files, court results and correspondence reach the right people on time and records can be "
                "relied on by officers, the courts and partner agencies."
            ],
        ],
    ),
    Table(
        cols=1,
        rows=[
            ["Key Responsibilities:"],
            [
                "The list below shows the kind of work the post holder will do; it is a guide to the level of the "
                "role, not a complete list of every task."
            ],
        ],
    ),
    Bullets(
        [
            "Create, update and close case records on the force case management system, checking that "
            "every entry is complete and correct.",
            "Prepare and send out routine letters, court warnings and witness notifications using standard templates.",
            "Answer telephone and email enquiries from officers, witnesses and the public, passing on anything "
            "outside the role to the right person.",
            "Scan, index and file documents so that they can be found quickly when a case is reviewed.",
            "Record court results accurately and tell the officer in the case about them on the same working day.",
            "Keep stationery and office supplies at the agreed levels and report faults with office equipment.",
            "Handle personal and sensitive information in line with data protection rules and force policy.",
            "Undertake any other duties that fit the nature and grade of the post.",
        ]
    ),
    Table(
        cols=1,
        rows=[
            ["Behaviours :"],
            [
                "This role uses the Competency and Values Framework (CVF). The behaviours below will be "
                "assessed at interview at the level shown."
            ],
        ],
    ),
    Table(
        cols=3,
        gap_after_first={1, 3, 5},
        rows=[
            ["Resolute, compassionate and committed"],
            ["Behaviour", "Level", "To be Identified by"],
            ["We are emotionally aware", "1", "Interview"],
            ["We take ownership", "1", "Interview"],
            ["Inclusive, enabling and visionary leadership"],
            ["We are collaborative", "1", "Interview"],
            ["We deliver, support and inspire", "1", "Interview"],
            ["Intelligent, creative and informed policing"],
            ["We analyse critically", "1", "Interview"],
            ["We are innovative and open minded", "1", "Interview"],
        ],
    ),
    Table(
        cols=2,
        rows=[
            ["Values :"],
            [
                "Every member of staff is expected to understand and act on the values of the police service; they "
                "are considered at each stage of selection."
            ],
            ["Integrity", "Impartiality"],
            ["Public Service", "Transparency"],
        ],
    ),
    Table(
        cols=3,
        rows=[
            ["Qualifications"],
            ["Essential", "Desirable", "To be identified by"],
            [
                "GCSE grade 4 (C) or above in English and Maths, or an equivalent qualification",
                "A recognised keyboard skills certificate, for example OCR Text Processing Level 2",
                "Application Form",
            ],
            ["Able to type accurately at 40 words per minute or more", "", "Typing Test"],
            ["Knowledge / Experience"],
            [
                "Experience of office administration, including keeping paper and electronic records up to date",
                "Experience of working in a criminal justice, legal or other public sector setting",
                Lines("Application Form /", "Interview"),
            ],
            [
                "Experience of using Microsoft Word, Excel and Outlook for everyday office work",
                "",
                "Application Form / Typing Test",
            ],
            [
                "Experience of dealing politely and helpfully with callers and visitors, including people who are "
                "upset or angry",
                "",
                "Interview",
            ],
            [
                "Experience of planning your own workload so that deadlines are met",
                "Knowledge of how case files pass between the police and the Crown Prosecution Service",
                "Application Form / Interview",
            ],
            ["An understanding of why personal and sensitive information must be kept confidential", "", "Interview"],
            ["Other"],
            [
                "A good attendance record",
                "",
                "Attendance to be checked after interview by HR for internal applicants, and through references "
                "for external applicants",
            ],
            [
                "Willing to work a flexible pattern of hours between 07:00 and 19:00, Monday to Saturday",
                "",
                "Interview",
            ],
            ["Successful completion of force vetting before appointment", "", "Pre-employment checks"],
        ],
    ),
    Para(
        "Please note that \u201cAssessment & Interview\u201d applies only to candidates who are shortlisted. "
        "The force may use any mix of the assessments above to choose the most suitable candidate."
    ),
    Para("Date last updated: March 2025"),
]

SUPERVISOR_L2 = [
    Para("ROLE PROFILE"),
    Table(
        cols=2,
        rows=[
            ["Post Title:", "Contact Centre Team Supervisor"],
            ["Grade:", "PO1 JE: 3318"],
            ["Location:", "Force Contact Centre, Kellbrook"],
            ["Responsible to:", "Contact Centre Duty Manager"],
        ],
    ),
    Table(
        cols=1,
        rows=[
            ["Job Purpose:"],
            [
                "To lead a team of call handlers in the Force Contact Centre, making sure that emergency and "
                "non-emergency contact from the public is answered promptly, that risk is judged correctly and that "
                "callers get a fair and consistent service."
            ],
        ],
    ),
    Table(
        cols=1,
        rows=[
            ["Key Responsibilities:"],
            ["The following shows the general nature and level of the work; it is not a complete list of tasks."],
        ],
    ),
    Bullets(
        [
            "Supervise a shift team of call handlers, setting clear expectations and checking that calls are "
            "graded and recorded correctly.",
            "Monitor live call demand and move staff between queues so that answer times stay within target.",
            "Review a sample of each team member's calls every month and give balanced, constructive feedback.",
            "Hold regular one-to-one meetings, agree development plans and deal with attendance and "
            "performance issues at an early stage.",
            "Act as the first point of contact for difficult calls and complaints, and support staff after "
            "distressing incidents.",
            "Brief the duty manager on emerging incidents, staffing gaps and risks to the service.",
            "Plan shift rotas and leave so that demand is covered and training time is protected.",
            "Contribute ideas to improve contact centre processes and help put agreed changes into practice.",
            "Carry out any other duties consistent with the nature and grade of the post.",
        ]
    ),
    Table(
        cols=1,
        rows=[
            ["Behaviours :"],
            [
                "The behaviours below come from the Competency and Values Framework and are required at the "
                "levels shown; some are assessed before the interview."
            ],
        ],
    ),
    Table(
        cols=3,
        rows=[
            ["Behaviour", "Level", "To be Identified by"],
            ["Resolute, compassionate and committed"],
            ["We are emotionally aware", "2", "Interview"],
            ["We take ownership", "2", "Interview / Assessment Centre"],
            ["Inclusive, enabling and visionary leadership"],
            ["We collaborate", "2", "Application Form / Interview"],
            ["We support and inspire", "3", "Assessment Centre / Interview"],
            ["Intelligent, creative and informed policing"],
            ["We analyse critically", "2", "Presentation"],
            ["We are innovative and open\u2011minded", "2", "Presentation / Interview"],
        ],
    ),
    Table(
        cols=1,
        rows=[
            ["Values :"],
            ["Everyone in the force is expected to show these values in their daily work."],
            ["Courage"],
            ["Respect and empathy"],
            ["Public service"],
        ],
    ),
    Table(
        cols=3,
        rows=[
            ["Qualification"],
            ["Essential", "Desirable", "To be identified by"],
            [
                "Educated to A level standard or equivalent, or able to show the same level of learning through work",
                "A recognised supervisory or team leader qualification, such as ILM Level 3",
                "Application Form",
            ],
            ["Knowledge/Experience"],
            [
                "Experience of supervising a team that handles a high volume of calls, emails or live chats",
                "Experience of working in a police control room or another emergency service",
                Lines("Application Form /", "Interview"),
            ],
            [
                "Experience of checking the quality of other people's work and giving clear, fair feedback",
                "",
                "Interview / Assessment Centre",
            ],
            [
                "Knowledge of how risk and vulnerability are judged when deciding how quickly to respond to a call",
                "",
                "Interview",
            ],
            [
                "",
                "Experience of building staff rotas that balance demand, leave and training",
                "Application Form / Interview",
            ],
            [
                "Experience of handling complaints and resolving them at the first point of contact",
                "",
                "Presentation / Interview",
            ],
            ["Others"],
            [
                "A satisfactory attendance record",
                "",
                "Sickness absence to be checked by HR after interview, using references for external candidates",
            ],
            ["Able to work a 24/7 shift pattern, including weekends and bank holidays", "", "Interview"],
            ["Must hold, or be able to obtain, Management Vetting clearance", "", "Pre-employment checks"],
        ],
    ),
    Para("Please note: the assessments shown apply to shortlisted candidates only."),
    Para("Date last updated: January 2026"),
    Para("PROGRESSION ARRANGEMENTS"),
    Para("Progression depends on the needs of the post and is not automatic."),
    Para("PO1 on appointment."),
    Para("PO2 when the post holder has shown, over at least twelve months, that they:"),
    Bullets(
        [
            "consistently meet the contact centre's quality and answer-time standards across their team;",
            "manage attendance and performance matters with little guidance;",
            "deputise for the duty manager when required.",
        ]
    ),
]

SAMPLES = {"sample_admin_l1": ADMIN_L1, "sample_supervisor_l2": SUPERVISOR_L2}


# -- writers ---------------------------------------------------------------------------------------
def word_text(blocks: list) -> str:
    """Word "save as text" layout (tab cells, blank lines between rows, wrapped cells without a tab)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            out += [block.text, ""]
        elif isinstance(block, Bullets):
            for item in block.items:
                out += [f"\u00b7 {item}", ""]
        else:
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    first, *rest = _parts(cell)
                    if block.cse_style:
                        out += ["\t", first, *rest, ""]
                    else:
                        out += [f"\t{first}", *rest]
                        if c == 0 and r in block.gap_after_first and len(row) > 1:
                            out.append("")
                if not block.cse_style:
                    out.append("")
            out.append("")
    return "\n".join(out) + "\n"


def libreoffice_text(blocks: list) -> str:
    """LibreOffice "save as text": one cell/paragraph per line, empty cells as empty lines, CRLF."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            out += [block.text, ""]  # an empty paragraph after each one, as typed documents often have
        elif isinstance(block, Bullets):
            out += [f"\u2022 {item}" for item in block.items]
        else:
            for row in block.rows:
                for cell in row:
                    out += list(_parts(cell))
    return "\r\n".join(out) + "\r\n"


def make_docx(blocks: list, target: Path) -> None:
    """A real Word document: paragraphs, List Bullet items and tables with merged heading rows."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.author = FORCE
    document.core_properties.title = "Role profile (fictional sample)"
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    for block in blocks:
        if isinstance(block, Para):
            document.add_paragraph(block.text)
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            table = document.add_table(rows=len(block.rows), cols=block.cols)
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                cells = table.rows[r].cells
                if len(row) < block.cols:  # the last cell spans the rest of the row
                    cells[len(row) - 1].merge(cells[block.cols - 1])
                for c, cell in enumerate(row):
                    first, *rest = _parts(cell)
                    target_cell = table.cell(r, c)
                    target_cell.paragraphs[0].text = first
                    for extra in rest:
                        target_cell.add_paragraph(extra)
            document.add_paragraph("")
    document.save(str(target))


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else DATA
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, blocks in SAMPLES.items():
        (out_dir / f"{name}.txt").write_text(word_text(blocks), encoding="utf-8", newline="")
        (out_dir / f"{name}_libreoffice.txt").write_text(libreoffice_text(blocks), encoding="utf-8", newline="")
        make_docx(blocks, out_dir / f"{name}.docx")
        print(f"wrote {name}.txt, {name}_libreoffice.txt, {name}.docx in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
