"""Write the sample role profiles of an invented force (Hollowmere Constabulary) in six different templates.

Each template is written as a Word document (python-docx) and as the text Word saves from it ("save as
text": a table cell per tab-indented line, rows separated by blank lines), into ``tests/data/templates/``.
``scripts/make_profile_pdfs.py`` turns three of the .docx files into PDFs with LibreOffice.

Every word here is our own: no force's real profile and no College of Policing text is copied. Together the
six templates show every form that DESIGN.md "Role profiles" says the importer must read:

==================  ============================================================================
template            forms it shows
==================  ============================================================================
analyst             labels without colon, value in the next cell; Rank/Grade, a JE with letters,
                    ignored labels (Directorate, Role Code); "Main purpose of the role"; duties
                    numbered "1."; a behaviour table with the level column first and cluster rows
                    (CVF 2024 names, "Level 2"); values as a table (2024); a person specification
                    with row labels, an E/D column, several numbered requirements in one cell,
                    method codes explained by a key
dispatcher          "Label: value" on one line (Role, Band, JE No., Base, Line Manager,
                    Division/Department ignored), "Role purpose: ..." inline; Main Duties bullets;
                    behaviour lines "We collaborate - Level 2" with L1 / level one; "All behaviours
                    will be assessed at interview"; values as bullets (2016); Essential / Desirable
                    headings with lists under them; one sentence giving the method of each list
custody             Position, Current Grade, JE, Station, Accountable to in the next cell;
                    "a. OVERALL PURPOSE OF THE ROLE: Defines..."; "Key outputs for role" with a
                    number cell and a % time column; "Level 1 in all six competencies"; values in
                    one sentence (2024); inline (E)/(D); numbered requirements in one cell; methods
                    joined by "and" and line breaks; unfamiliar methods (Occupational Health assessment)
supervisor          "Role Title: ..." in one cell, Band level, Job Evaluation Reference, Area,
                    Reporting to, Division ignored; "Part A - Role purpose", Key Result Areas;
                    "Part C - Competency and Values Framework" table with no method column
                    (cluster, competency, level); a method sentence for all behaviours; values table
                    (2016); Essential and Desirable columns with row labels (Education, Experience,
                    Special requirements), methods joined by "/" and "&", a row with no method
forensic            Post Title, Scale, JE Number, Location, Responsible to; Job Purpose; duties
                    numbered "1<tab>"; a behaviour table with columns competency, method, level and
                    levels written L2 / Level 1; values in one sentence (2016); Knowledge / Skills /
                    Abilities sections; an "Essential or Desirable" column; unfamiliar methods
                    (Portfolio review, Practical test) kept as written; a criterion with no method
volunteer           labels without colon, value on the next line; no behaviours at all (the import
                    warns and the editor asks for them); "Overall purpose of role"; Main
                    Responsibilities; values as bullets (2024); Training / Others sections with
                    inline (D), codes with a key
==================  ============================================================================

Run: ``.venv/bin/python scripts/make_profile_templates.py`` (rewrites the files; commit them).
"""

from __future__ import annotations

import io
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "templates"

# A document is a list of blocks: ("h", text) a bold heading paragraph, ("p", text) a paragraph,
# ("b", [items]) bullet paragraphs, ("n", [items]) paragraphs numbered "1." ..., ("t", [[cell, ...], ...])
# a table (a cell's "\n" starts a new paragraph in the cell; "· " at the start of one makes it a bullet).
Doc = list[tuple[str, object]]

ANALYST: Doc = [
    ("h", "Hollowmere Constabulary - Role Profile"),
    (
        "t",
        [
            ["Job Title", "Performance Analyst"],
            ["Rank/Grade", "SO1"],
            ["Job Evaluation Number", "A671"],
            ["Directorate", "Corporate Services"],
            ["Work Location", "Force Headquarters, Hollowmere"],
            ["Reports to", "Head of Performance and Insight"],
            ["Role Code", "PA-204"],
        ],
    ),
    ("h", "Main purpose of the role"),
    (
        "p",
        "To turn crime, demand and workforce data into clear findings that help senior officers decide "
        "where to put people and money, and to check whether the changes they make are working.",
    ),
    ("h", "Key Accountabilities"),
    (
        "n",
        [
            "Build and maintain monthly performance packs for each local policing area.",
            "Answer ad hoc questions from command teams with short, plainly written notes.",
            "Check the quality of recorded data and report gaps to the owners of the systems.",
            "Explain findings in person to groups of officers and staff of every rank.",
        ],
    ),
    ("h", "Behaviours"),
    (
        "t",
        [
            ["Level", "Competency", "How assessed"],
            ["Resolute, compassionate and committed", "", ""],
            ["Level 2", "We are emotionally aware", "I"],
            ["Level 2", "We take ownership", "I"],
            ["Inclusive, enabling and visionary leadership", "", ""],
            ["Level 2", "We collaborate", "I"],
            ["Level 1", "We support and inspire", "I"],
            ["Intelligent, creative and informed policing", "", ""],
            ["Level 2", "We analyse critically", "P, I"],
            ["Level 2", "We are innovative and open-minded", "I"],
        ],
    ),
    ("h", "Values"),
    (
        "t",
        [
            ["Courage", "Saying what the evidence shows even when it is unwelcome."],
            ["Respect and empathy", "Treating colleagues and the public fairly and with care."],
            ["Public service", "Keeping the people of Hollowmere at the centre of the work."],
        ],
    ),
    ("h", "Person specification"),
    (
        "t",
        [
            ["", "Criteria", "E/D", "How assessed"],
            ["Qualifications", "A degree in a numerate subject, or equivalent work experience", "E", "A"],
            ["", "Membership of a recognised statistics or analysis body", "D", "A"],
            [
                "Knowledge and Experience",
                "1. Experience of producing regular performance reports for managers\n"
                "2. Experience of cleaning and joining data from more than one system\n"
                "3. Experience of presenting numbers to people who are not analysts",
                "E",
                "A/I",
            ],
            ["", "Knowledge of how police recorded crime is counted", "D", "I"],
            ["Skills and Abilities", "Able to write short, accurate summaries for senior readers", "E", "P, I"],
            ["Special requirements", "Able to obtain and keep management vetting clearance", "E", "V"],
        ],
    ),
    ("p", "Key: A = Application form, I = Interview, P = Presentation, V = Vetting check"),
]

DISPATCHER: Doc = [
    ("h", "HOLLOWMERE CONSTABULARY"),
    ("p", "Role: Control Room Dispatcher"),
    ("p", "Band: 4"),
    ("p", "JE No. 2204"),
    ("p", "Division/Department: Contact Management"),
    ("p", "Base: Northgate Police Station"),
    ("p", "Line Manager: Control Room Supervisor"),
    (
        "p",
        "Role purpose: To send the right officers to incidents quickly, keep track of them while they "
        "are deployed, and keep callers and officers informed until each incident is closed.",
    ),
    ("h", "Main Duties"),
    (
        "b",
        [
            "Assign officers to incidents in order of risk, using the command and control system.",
            "Keep an accurate log of every deployment and every update received on the radio.",
            "Pass information between officers, partner agencies and the call handlers.",
            "Support colleagues during busy periods and at the start and end of each shift.",
        ],
    ),
    ("h", "CVF Behaviours"),
    ("p", "We are emotionally aware - Level 1"),
    ("p", "We take ownership - L1"),
    ("p", "We are collaborative - level one"),
    ("p", "We deliver, support and inspire - Level 1"),
    ("p", "We analyse critically - Level 1"),
    ("p", "We are innovative and open-minded - L1"),
    ("p", "All behaviours will be assessed at interview."),
    ("h", "Values"),
    (
        "b",
        [
            "Integrity - we do the right thing when no one is watching.",
            "Impartiality - we treat every caller and colleague on the same footing.",
            "Public Service - we put the safety of the public first.",
            "Transparency - we explain our decisions and record them honestly.",
        ],
    ),
    ("p", "Essential criteria"),
    ("h", "Knowledge and Experience"),
    (
        "b",
        [
            "Experience of working under time pressure in a customer-facing or emergency setting",
            "Experience of using a computer system while speaking to someone on the phone or radio",
        ],
    ),
    ("h", "Skills"),
    ("b", ["Able to stay calm and speak clearly when callers or officers are distressed"]),
    ("p", "Desirable criteria"),
    ("h", "Knowledge and Experience"),
    ("b", ["Knowledge of the geography of the Hollowmere force area"]),
    ("p", "Essential criteria will be assessed at application form and interview."),
    ("p", "Desirable criteria will be assessed at shortlisting."),
]

CUSTODY: Doc = [
    ("h", "Hollowmere Constabulary"),
    (
        "t",
        [
            ["Position", "Custody Detention Officer"],
            ["Current Grade", "Scale 5"],
            ["JE", "1733"],
            ["Department", "Criminal Justice"],
            ["Station", "Hollowmere Central Custody Suite"],
            ["Accountable to", "Custody Sergeant"],
        ],
    ),
    ("p", "a. OVERALL PURPOSE OF THE ROLE: Defines why the role exists."),
    (
        "p",
        "To look after people held in custody safely and with dignity, and to support the custody "
        "sergeant in keeping every detention lawful and properly recorded.",
    ),
    ("h", "b. Key outputs for role"),
    (
        "t",
        [
            ["", "Key outputs for role", "% time"],
            ["1", "Book detained people in and out and record their property accurately", "30%"],
            ["2", "Carry out and record regular checks on each detained person", "40%"],
            ["3", "Arrange meals, medical visits and legal calls when they are needed", "20%"],
            ["4", "Keep the cell area clean, safe and ready for use", "10%"],
        ],
    ),
    ("h", "c. Behaviours"),
    ("p", "This role requires Level 1 in all six competencies of the Competency and Values Framework."),
    ("p", "All behaviours will be assessed at interview."),
    ("h", "d. Values"),
    ("p", "Our values are Courage, Respect and empathy, and Public service."),
    ("h", "e. Qualifications"),
    (
        "t",
        [
            ["Requirement", "How assessed"],
            ["A current first aid at work certificate (D)", "Certificate check"],
            ["Good standard of written English, shown by a GCSE or similar (E)", "Application form"],
        ],
    ),
    ("h", "Knowledge and experience"),
    (
        "t",
        [
            ["Requirement", "How assessed"],
            [
                "1. Experience of dealing calmly with people who are upset or hostile (E)\n"
                "2. Experience of keeping accurate written records of what was done and when (E)",
                "Application form and\nInterview",
            ],
            ["Experience of working in a secure or custodial setting (D)", "Application form"],
        ],
    ),
    ("h", "Other requirements"),
    (
        "t",
        [
            ["Requirement", "How assessed"],
            ["Willing to work a rotating shift pattern that includes nights and weekends (E)", "Interview"],
            ["Fit to restrain a person safely when trained to do so (E)", "Occupational Health assessment"],
        ],
    ),
]

SUPERVISOR: Doc = [
    ("h", "HOLLOWMERE CONSTABULARY - ROLE PROFILE"),
    (
        "t",
        [
            ["Role Title: Response Team Supervisor"],
            ["Band level", "B2"],
            ["Job Evaluation Reference", "1902"],
            ["Division", "Local Policing"],
            ["Area", "Eastern Area"],
            ["Reporting to", "Response Inspector"],
        ],
    ),
    ("h", "Part A - Role purpose"),
    (
        "p",
        "To lead a shift of response officers, making sure calls for help are met promptly and that "
        "officers are supported, supervised and developed.",
    ),
    ("h", "Part B - Key Result Areas"),
    (
        "b",
        [
            "Brief the team at the start of each tour of duty and review incidents at the end.",
            "Check the quality of investigations and records made by the team.",
            "Manage attendance, welfare and development conversations for each team member.",
        ],
    ),
    ("h", "Part C - Competency and Values Framework"),
    (
        "t",
        [
            ["Cluster", "Competency", "Level required"],
            ["Resolute, compassionate and committed", "We are emotionally aware", "2"],
            ["", "We take ownership", "2"],
            ["Inclusive, enabling and visionary leadership", "We are collaborative", "2"],
            ["", "We deliver, support and inspire", "2"],
            ["Intelligent, creative and informed policing", "We analyse critically", "2"],
            ["", "We are innovative and open-minded", "1"],
        ],
    ),
    ("p", "The behaviours above will be assessed at the assessment centre and interview."),
    ("h", "Values"),
    (
        "t",
        [
            ["Value", "What it means in this role"],
            ["Integrity", "Setting an honest example for the team."],
            ["Impartiality", "Treating every officer and member of the public fairly."],
            ["Public Service", "Keeping the needs of the community first."],
            ["Transparency", "Being open about decisions and the reasons for them."],
        ],
    ),
    ("h", "Part D - Person specification"),
    (
        "t",
        [
            ["", "Essential", "Desirable", "Assessed by"],
            [
                "Education",
                "A level 3 qualification or equivalent experience",
                "A recognised leadership or management qualification",
                "Shortlisting / Assessment Centre",
            ],
            ["Experience", "Experience of supervising or coaching colleagues", "", "Shortlisting & Interview"],
            [
                "",
                "Experience of making decisions about risk at incidents",
                "Experience of acting as a supervisor on a response team",
                "Interview",
            ],
            ["Special requirements", "Hold a full UK driving licence", "", "Pre-employment checks"],
            ["", "Willing to work a shift pattern covering every day of the year", "", ""],
        ],
    ),
]

FORENSIC: Doc = [
    ("h", "Hollowmere Constabulary role profile"),
    (
        "t",
        [
            ["Post Title:", "Forensic Collision Investigator"],
            ["Scale:", "SO2"],
            ["JE Number:", "3019"],
            ["Location:", "Roads Policing Unit, Hollowmere"],
            ["Responsible to:", "Collision Investigation Manager"],
        ],
    ),
    ("h", "Job Purpose:"),
    (
        "p",
        "To examine the scenes of serious road collisions, record what is found and give an impartial, "
        "evidence-based account of how each collision happened.",
    ),
    ("h", "Key Responsibilities:"),
    ("p", "1\tAttend collision scenes and record measurements, marks and vehicle positions."),
    ("p", "2\tExamine vehicles for defects and damage and record the findings."),
    ("p", "3\tWrite reports and give evidence at inquests and in court."),
    ("h", "Behaviours:"),
    (
        "t",
        [
            ["Competency", "Method", "Level"],
            ["We are emotionally aware", "Interview", "Level 1"],
            ["We take ownership", "Interview", "L2"],
            ["We are collaborative", "Interview", "Level 1"],
            ["We deliver, support and inspire", "Interview", "Level 1"],
            ["We analyse critically", "Presentation / Interview", "L2"],
            ["We are innovative and open-minded", "Interview", "Level 1"],
        ],
    ),
    ("h", "Values:"),
    ("p", "Our values are Integrity, Impartiality, Public Service and Transparency."),
    ("h", "Knowledge"),
    (
        "t",
        [
            ["Requirement", "Essential or Desirable", "Method"],
            ["Knowledge of the laws of motion as they apply to vehicles", "Essential", "Portfolio review"],
            ["Knowledge of the rules on disclosure of evidence", "Desirable", "Interview"],
        ],
    ),
    ("h", "Skills"),
    (
        "t",
        [
            ["Requirement", "Essential or Desirable", "Method"],
            ["Able to produce accurate scale plans of a scene", "Essential", "Practical test, Interview"],
            ["Able to explain technical findings to a jury in plain words", "Essential", ""],
        ],
    ),
    ("h", "Abilities"),
    (
        "t",
        [
            ["Requirement", "Essential or Desirable", "Method"],
            ["Able to work outdoors in all weathers for long periods", "Essential", "Occupational Health assessment"],
        ],
    ),
]

VOLUNTEER: Doc = [
    ("h", "Hollowmere Constabulary"),
    ("p", "Job Title"),
    ("p", "Volunteer Programme Coordinator"),
    ("p", "Grade"),
    ("p", "SO2"),
    ("h", "Overall purpose of role"),
    (
        "p",
        "To recruit, train and support the force's volunteers so that they can help local teams safely "
        "and feel valued for what they give.",
    ),
    ("h", "Main Responsibilities"),
    (
        "b",
        [
            "Plan and run recruitment events for new volunteers.",
            "Arrange induction and refresher training for every volunteer.",
            "Keep volunteer records up to date and confidential.",
        ],
    ),
    ("h", "Values"),
    (
        "b",
        [
            "Courage - we speak up for volunteers when something is wrong.",
            "Respect and empathy - we listen to the people who give their time.",
            "Public service - we link volunteers to the needs of local communities.",
        ],
    ),
    ("h", "Training"),
    ("b", ["A recognised qualification in training adults (D)"]),
    ("h", "Experience"),
    (
        "t",
        [
            ["Requirement", "Method"],
            ["Experience of recruiting or managing volunteers (E)", "S, I"],
            ["Experience of planning events for groups of people (E)", "S"],
            ["Experience of working with community groups (D)", "I"],
        ],
    ),
    ("h", "Others"),
    ("b", ["Able to travel across the force area, sometimes in the evening (E)"]),
    ("p", "Methods: S = Shortlisting, I = Interview"),
]

TEMPLATES: dict[str, Doc] = {
    "hollowmere_analyst": ANALYST,
    "hollowmere_dispatcher": DISPATCHER,
    "hollowmere_custody": CUSTODY,
    "hollowmere_supervisor": SUPERVISOR,
    "hollowmere_forensic": FORENSIC,
    "hollowmere_volunteer": VOLUNTEER,
}
PDF_TEMPLATES = ("hollowmere_analyst", "hollowmere_custody", "hollowmere_supervisor")


def to_word_text(doc: Doc) -> str:
    """What Word's "save as text" writes: paragraphs as lines, table cells as tab-indented lines (a cell's
    later paragraphs on lines of their own), a blank line after each paragraph and each table row."""
    out: list[str] = []
    for kind, content in doc:
        if kind in ("h", "p"):
            out += [str(content), ""]
        elif kind == "b":
            for item in content:  # type: ignore[union-attr]
                out += [f"\u00b7 {item}", ""]
        elif kind == "n":
            for n, item in enumerate(content, 1):  # type: ignore[arg-type]
                out += [f"{n}.\t{item}", ""]
        elif kind == "t":
            for row in content:  # type: ignore[union-attr]
                for cell in row:
                    first, *rest = cell.split("\n")
                    out.append(f"\t{first}")
                    out += rest
                out.append("")
    return "\r\n".join(out) + "\r\n"


def to_docx(doc: Doc) -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    for kind, content in doc:
        if kind == "h":
            para = document.add_paragraph()
            para.add_run(str(content)).bold = True
            para.paragraph_format.space_before = Pt(10)
        elif kind == "p":
            document.add_paragraph(str(content))
        elif kind == "b":
            for item in content:  # type: ignore[union-attr]
                document.add_paragraph(item, style="List Bullet")
        elif kind == "n":
            for n, item in enumerate(content, 1):  # type: ignore[arg-type]
                document.add_paragraph(f"{n}.\t{item}")
        elif kind == "t":
            rows = content  # type: ignore[assignment]
            cols = max(len(r) for r in rows)  # type: ignore[union-attr]
            table = document.add_table(rows=len(rows), cols=cols)  # type: ignore[arg-type]
            table.style = "Table Grid"
            for r, row in enumerate(rows):  # type: ignore[arg-type]
                if len(row) < cols:
                    table.cell(r, len(row) - 1).merge(table.cell(r, cols - 1))
                for c, text in enumerate(row):
                    cell = table.cell(r, c)
                    lines = text.split("\n")
                    for k, line in enumerate(lines):
                        para = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                        if line.startswith("\u00b7 "):
                            para.style = document.styles["List Bullet"]
                            line = line[2:]
                        para.add_run(line)
            document.add_paragraph("")
    buf = io.BytesIO()
    document.core_properties.author = "Interview Panel samples"
    document.save(buf)
    return buf.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, doc in TEMPLATES.items():
        (OUT / f"{name}.docx").write_bytes(to_docx(doc))
        (OUT / f"{name}.txt").write_bytes(to_word_text(doc).encode("utf-8"))
        print(f"wrote {name}.docx and {name}.txt")


if __name__ == "__main__":
    main()
