"""Candidates files (.csv or .xlsx): read strictly, with caps, into candidates and one reason per bad row.

Reading happens in two steps so the GUI can let the chair map columns:
``read_table(path)`` gives the header and the raw cells of every row (``Table``); ``candidates_from_table``
applies a column mapping (``guess_columns`` recognises HR headers: Forename + Surname, "Candidate No.",
"Applicant ID", "Interview time", Date + Time ...) and checks every row. ``parse_candidates_file`` does both.

What is refused, and why:
- anything but a regular file (a FIFO, a device, a folder) before a byte is read, and files over 20 MB;
- CSV: one reader with no guessing of quote characters. A quote that is never closed, or text after a
  closing quote, refuses the file naming the line where the quote opened: it must never fold the rows that
  follow into one candidate's name;
- xlsx: zip members over their size caps, more shared strings than a list of candidates can need, and
  formula cells with no saved value (refused by row). Rows are read to the real end of the sheet, whatever
  its ``<dimension>`` claims;
- more than 5,000 candidates, a cell over 1,000 characters, a name over 200, a reference over 100;
- a reference that a spreadsheet holds as a number or a date: a number loses leading zeros and digits
  beyond 15, a date is no reference at all ("format the column as Text");
- two rows whose references are the same after ``match_key`` (case, width, accents' encoding, invisible
  characters), naming both rows.
Nothing is written anywhere; the services decide what to do with the rows.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from ..domain.campaign import Candidate
from ..domain.errors import ValidationError
from ..domain.identity import match_key, name_problem, reference_problem, tidy_text
from .decode import decode_text
from .safe_open import open_input, size_text
from .slots import SlotError, combine_slot, parse_slot

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5_000  # candidates in one file
MAX_LINES = 100_000  # physical rows read, blank ones included
MAX_CELL = 1_000  # characters in any cell that is read
MAX_XLSX_MEMBERS = 1_000
MAX_XLSX_MEMBER_BYTES = 16 * 1024 * 1024  # uncompressed, each part of the workbook
MAX_XLSX_TOTAL_BYTES = 48 * 1024 * 1024  # uncompressed, all parts together
MAX_SHARED_STRINGS = 100_000

ROLES = ("reference", "name", "forename", "surname", "slot", "date", "time")
ROLE_TITLES = {
    "reference": "Reference",
    "name": "Name",
    "forename": "Forename",
    "surname": "Surname",
    "slot": "Interview slot",
    "date": "Interview date",
    "time": "Interview time",
}

_HEADERS = {
    "reference": (
        "reference",
        "ref",
        "ref no",
        "reference no",
        "reference number",
        "ref number",
        "candidate ref",
        "candidate reference",
        "candidate no",
        "candidate number",
        "candidate id",
        "applicant id",
        "applicant no",
        "applicant number",
        "applicant ref",
        "applicant reference",
        "application id",
        "application no",
        "application number",
        "application ref",
        "application reference",
        "id",
        "urn",
        "candidate urn",
    ),
    "name": (
        "name",
        "full name",
        "candidate name",
        "candidate",
        "applicant name",
        "applicant",
        "fullname",
        "candidate full name",
        "applicant full name",
    ),
    "forename": (
        "forename",
        "forenames",
        "first name",
        "first names",
        "firstname",
        "given name",
        "given names",
        "christian name",
    ),
    "surname": ("surname", "last name", "lastname", "family name"),
    "slot": (
        "slot",
        "interview slot",
        "interview time",
        "interview",
        "interview date and time",
        "interview datetime",
        "date and time",
        "datetime",
        "date time",
        "slot time",
        "appointment",
    ),
    "date": ("date", "interview date", "slot date", "day"),
    "time": ("time", "start time", "start", "slot start"),
}
_HEADER_ROLE = {h: role for role, names in _HEADERS.items() for h in names}


def _header_key(text: object) -> str:
    key = re.sub(r"[^0-9a-z]+", " ", match_key(text).replace("(s)", "s")).strip()
    return re.sub(r"\b(?:number|num|nr)\b", "number", key)


@dataclass
class Table:
    """The raw contents of a candidates file: the header and every non-blank row, with where it came from."""

    file: str  # the file name, for messages
    unit: str  # "line" (CSV) or "row" (xlsx): what the numbers count
    header: list[str]
    header_line: int
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (line, column) of formulas with no value
    multiline: set[tuple[int, int]] = field(default_factory=set)  # CSV (line, column) spanning lines


@dataclass
class CandidateFile:
    """A parsed candidates file: the good rows, and (line number, problem) for every bad one."""

    rows: list[Candidate] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the line each row came from
    file: str = ""
    unit: str = "line"
    header: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # role -> column index used

    def refusal(self, errors: list[tuple[int, str]] | None = None) -> str:
        """One line naming the file and the first 20 problems."""
        errors = self.errors if errors is None else errors
        shown = "; ".join(f"{self.unit} {n}: {msg}" for n, msg in errors[:20])
        more = f"; and {len(errors) - 20} more" if len(errors) > 20 else ""
        return f"{self.file}: {len(errors)} bad row(s), nothing imported: {shown}{more}"


# -- reading -------------------------------------------------------------------------------------------
def read_table(path: str | Path) -> Table:
    """The header and rows of a .csv or .xlsx candidates file. File-level problems raise ValidationError."""
    path = Path(path)
    data = open_input(path, MAX_FILE_BYTES, what="candidates file")
    if not data:
        raise ValidationError(f"{path.name}: the file is empty (expected a header such as reference,name,slot)")
    if path.suffix.lower() in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, path.name)
    return _read_csv(data, path.name)


def _delimiter(text: str) -> str:
    """The separator of the header line: the commonest of comma, semicolon and tab outside quotes."""
    for line in text.splitlines():
        if line.strip():
            bare = re.sub(r'"[^"]*"', "", line)
            counts = {d: bare.count(d) for d in (",", ";", "\t")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] else ","
    return ","


def _read_csv(data: bytes, name: str) -> Table:
    text = decode_text(data, name, kind="text CSV file (save it as CSV UTF-8 or as .xlsx)", error=ValidationError)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=_delimiter(text),
        quotechar='"',
        doublequote=True,
        strict=True,
        skipinitialspace=False,
    )
    records: list[tuple[int, list[object]]] = []
    multiline: set[tuple[int, int]] = set()
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ValidationError(_quote_error(name, start, reader.line_num, str(exc))) from None
        if any(c.strip() for c in row):
            if reader.line_num > start:
                multiline.update((start, i) for i, c in enumerate(row) if "\n" in c or "\r" in c)
            records.append((start, list(row)))
            if len(records) > MAX_ROWS + 1:
                raise ValidationError(
                    f"{name}: has more than {MAX_ROWS:,} candidates (at most {MAX_ROWS:,} in one file)"
                )
        start = reader.line_num + 1
    return _table(name, "line", records, set(), multiline)


def _quote_error(name: str, start: int, at: int, message: str) -> str:
    if "field larger" in message:
        return f"{name}: line {start}: a value is far too long (a quote opened on line {start} may never close)"
    if "expected after" in message and at == start:
        return (
            f"{name}: line {start}: text follows a closing quote (put the whole value in quotes, "
            f'and double any quote inside it: "Ann ""Nan"" Lee")'
        )
    if "expected after" in message:
        return (
            f"{name}: line {start}: a quote opened on line {start} is not closed on that line "
            f"(the next quote is on line {at})"
        )
    return f"{name}: line {start}: a quote opened on line {start} is never closed"


def _table(
    name: str,
    unit: str,
    records: list[tuple[int, list[object]]],
    formulas: set[tuple[int, int]],
    multiline: set[tuple[int, int]] | None = None,
) -> Table:
    if not records:
        raise ValidationError(f"{name}: the file is empty (expected a header such as reference,name,slot)")
    line, header = records[0]
    names = [tidy_text(h) for h in header]
    while names and not names[-1]:
        names.pop()
    return Table(name, unit, names, line, records[1:], formulas, multiline or set())


def _check_zip(data: bytes, name: str) -> tuple[zipfile.ZipFile, bool]:
    """Open the workbook's zip and refuse it before openpyxl parses anything too large.

    Returns the zip and whether any worksheet holds a formula."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ValidationError(f"{name}: not a readable Excel workbook (the zip archive is damaged)") from None
    if len(infos) > MAX_XLSX_MEMBERS:
        raise ValidationError(f"{name}: not a workbook of candidates ({len(infos):,} parts in the archive)")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_XLSX_MEMBER_BYTES:
            raise ValidationError(
                f"{name}: {info.filename} unpacks to {size_text(info.file_size)}, far more than "
                f"a list of candidates needs (at most {size_text(MAX_XLSX_MEMBER_BYTES)})"
            )
        if total > MAX_XLSX_TOTAL_BYTES:
            raise ValidationError(
                f"{name}: unpacks to more than {size_text(MAX_XLSX_TOTAL_BYTES)}, far more than "
                f"a list of candidates needs"
            )
    formulas = False
    for info in infos:
        lower = info.filename.lower()
        if lower.endswith("sharedstrings.xml"):
            count = _count(zf, info, re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]"), MAX_SHARED_STRINGS, name)
            if count > MAX_SHARED_STRINGS:
                raise ValidationError(
                    f"{name}: holds more than {MAX_SHARED_STRINGS:,} different texts, far more "
                    f"than a list of candidates needs"
                )
        elif lower.startswith("xl/worksheets/") and lower.endswith(".xml") and not formulas:
            formulas = _count(zf, info, re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]"), 0, name) > 0
    return zf, formulas


def _count(zf: zipfile.ZipFile, info: zipfile.ZipInfo, pattern: re.Pattern[bytes], limit: int, name: str) -> int:
    """How many times ``pattern`` occurs in a zip member, read in 1 MB chunks; stops once over ``limit``."""
    count, tail = 0, b""
    try:
        with zf.open(info) as fh:
            while count <= limit:
                chunk = fh.read(1 << 20)
                if not chunk:
                    return count + len(pattern.findall(tail))
                buf = tail + chunk
                keep = max(0, len(buf) - 64)  # a match starting in the last 64 bytes is counted next time
                count += sum(1 for m in pattern.finditer(buf) if m.start() < keep)
                tail = buf[keep:]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ValidationError(f"{name}: not a readable Excel workbook ({info.filename} is damaged)") from None
    return count


def _sheet_rows(data: bytes, *, values: bool) -> Generator[tuple[object, ...], None, None]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=values)
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # read to the real last row, whatever <dimension> says
        yield from ws.iter_rows(values_only=True)
    finally:
        wb.close()


def _read_xlsx(data: bytes, name: str) -> Table:
    zf, has_formulas = _check_zip(data, name)
    zf.close()
    values = _sheet_rows(data, values=True)
    formulas = _sheet_rows(data, values=False) if has_formulas else None
    records: list[tuple[int, list[object]]] = []
    missing: set[tuple[int, int]] = set()  # formulas whose value was never saved (data_only gives None)
    try:
        for n, row in enumerate(values, start=1):
            if n > MAX_LINES:
                raise ValidationError(
                    f"{name}: has rows past row {MAX_LINES:,}, far more than a list of candidates needs"
                )
            cells = list(row)
            for i, f in enumerate(next(formulas, ()) if formulas is not None else ()):
                if isinstance(f, str) and f.startswith("=") and (i >= len(cells) or cells[i] is None):
                    missing.add((n, i))
                    cells.extend([None] * (i + 1 - len(cells)))
            if any(c is not None and str(c).strip() for c in cells) or any(m[0] == n for m in missing):
                records.append((n, cells))
                if len(records) > MAX_ROWS + 1:
                    raise ValidationError(
                        f"{name}: has more than {MAX_ROWS:,} candidates (at most {MAX_ROWS:,} in one file)"
                    )
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(f"{name}: not a readable Excel workbook ({exc.__class__.__name__})") from None
    finally:
        values.close()
        if formulas is not None:
            formulas.close()
    return _table(name, "row", records, missing)


# -- columns -------------------------------------------------------------------------------------------
def guess_columns(header: list[str]) -> dict[str, int]:
    """Role -> column index, from the header's wording (the first column wins when two mean the same)."""
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        role = _HEADER_ROLE.get(_header_key(h))
        if role and role not in found:
            found[role] = i
    if "name" in found:
        found.pop("forename", None)
        found.pop("surname", None)
    if "slot" in found and "date" in found and "time" not in found:
        found["time"] = found.pop("slot")  # "Interview date" + "Interview time": the time of that date
    if "slot" in found:
        found.pop("date", None)
        found.pop("time", None)
    return found


def column_problems(columns: dict[str, int]) -> list[str]:
    """What is missing or contradictory in a mapping (empty when it can be used)."""
    problems = []
    if "reference" not in columns:
        problems.append("no reference column")
    if "name" not in columns and "forename" not in columns and "surname" not in columns:
        problems.append("no name column (Name, or Forename and Surname)")
    if "name" in columns and ("forename" in columns or "surname" in columns):
        problems.append("a Name column and Forename/Surname columns: choose one")
    if "slot" in columns and ("date" in columns or "time" in columns):
        problems.append("a slot column and Date/Time columns: choose one")
    if "time" in columns and "date" not in columns:
        problems.append("a Time column needs a Date column")
    used = list(columns.values())
    if len(used) != len(set(used)):
        problems.append("one column is used twice")
    return problems


def parse_candidates_file(path: str | Path, columns: dict[str, int] | None = None) -> CandidateFile:
    """Read and check a candidates file (see the module). Every bad row is reported with its line number."""
    return candidates_from_table(read_table(path), columns)


def candidates_from_table(table: Table, columns: dict[str, int] | None = None) -> CandidateFile:
    """Apply a column mapping (guessed from the header when None) and check every row."""
    cols = guess_columns(table.header) if columns is None else dict(columns)
    result = CandidateFile(file=table.file, unit=table.unit, header=list(table.header), columns=cols)
    problems = column_problems(cols)
    if problems:
        result.errors.append(
            (
                table.header_line,
                "the header must name a reference and a name column, and may "
                "name a slot (" + "; ".join(problems) + f"; found "
                f"{','.join(table.header) or 'nothing'})",
            )
        )
        return result
    seen: dict[str, tuple[int, str]] = {}
    for line, cells in table.rows:
        candidate, problems = _row(table, cols, line, cells)
        if candidate is not None:
            key = match_key(candidate.reference)
            if key in seen:
                first, as_written = seen[key]
                same = (
                    ""
                    if as_written == candidate.reference
                    else (
                        f" as {as_written!r} (references are compared ignoring case, width, accents' encoding and "
                        f"invisible characters)"
                    )
                )
                problems.append(f"reference {candidate.reference!r} is already on {table.unit} {first}{same}")
        if problems:
            result.errors.append((line, "; ".join(problems)))
        elif candidate is not None:
            seen[match_key(candidate.reference)] = (line, candidate.reference)
            result.rows.append(candidate)
            result.lines.append(line)
    return result


_KIND = {
    bool: "a true/false value",
    int: "a number",
    float: "a number",
    datetime: "a date",
    date: "a date",
    time: "a time",
}
_EXCEL_ERRORS = {
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
}
_MISSING = object()


def _raw(table: Table, line: int, cells: list[object], col: int, what: str, problems: list[str]) -> object:
    """The cell's value; ``_MISSING`` after adding the problem when it cannot be used at all."""
    value = cells[col] if col < len(cells) else None
    if (line, col) in table.formulas:
        problems.append(
            f"the {what} is a formula with no saved value (open the file in Excel, save it and "
            f"import it again, or paste the values)"
        )
        return _MISSING
    if isinstance(value, str):
        if len(value) > MAX_CELL:
            problems.append(f"the {what} is {len(value):,} characters long (a cell holds at most {MAX_CELL:,})")
            return _MISSING
        if (line, col) in table.multiline:
            problems.append(
                f"the {what} runs over several lines (a quote opened on line {line} is not closed where it should be)"
            )
            return _MISSING
        if table.unit == "row" and value.strip() in _EXCEL_ERRORS:
            problems.append(f"the {what} is the Excel error {value.strip()}")
            return _MISSING
    return value


def _text(table: Table, line: int, cells: list[object], col: int, what: str, problems: list[str]) -> str:
    value = _raw(table, line, cells, col, what, problems)
    if value is _MISSING or value is None:
        return ""
    if not isinstance(value, str):
        kind = _KIND.get(type(value), "not text")
        problems.append(f"the {what} is {kind} ({value}); format the column as Text and type it again")
        return ""
    return tidy_text(value)


def _slot(table: Table, line: int, cells: list[object], cols: dict[str, int], problems: list[str]) -> datetime | None:
    before = len(problems)
    if "slot" in cols:
        values = [_raw(table, line, cells, cols["slot"], "slot", problems)]
    elif "date" in cols:
        values = [_raw(table, line, cells, cols[r], r, problems) for r in ("date", "time") if r in cols]
    else:
        return None
    if len(problems) > before:
        return None
    try:
        return parse_slot(values[0]) if len(values) == 1 else combine_slot(*values)
    except SlotError as exc:
        problems.append(str(exc))
        return None


def _letter(i: int) -> str:
    """Spreadsheet column letters: 0 -> A, 26 -> AA."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _row(table: Table, cols: dict[str, int], line: int, cells: list[object]) -> tuple[Candidate | None, list[str]]:
    problems: list[str] = []
    ref = _text(table, line, cells, cols["reference"], "reference", problems)
    if not problems:
        p = reference_problem(ref)
        if p:
            problems.append(p)
    before = len(problems)
    if "name" in cols:
        name = _text(table, line, cells, cols["name"], "name", problems)
    else:
        parts = [_text(table, line, cells, cols[r], r, problems) for r in ("forename", "surname") if r in cols]
        name = " ".join(p for p in parts if p)
    if len(problems) == before:
        p = name_problem(name)
        if p:
            problems.append(p)
    slot = _slot(table, line, cells, cols, problems)
    extra = [(i, c) for i, c in enumerate(cells) if i >= len(table.header) and c is not None and str(c).strip()]
    if extra and table.unit == "row":
        i, value = extra[0]
        problems.append(f"column {_letter(i)} holds {str(value)!r} but has no header (give it one, or clear it)")
    elif extra:
        problems.append(
            f"{len(table.header) + len(extra)} values but the header has {len(table.header)} columns "
            f"(a value holding a separator must be in quotes): unexpected {str(extra[0][1])!r}"
        )
    if problems:
        return None, problems
    return Candidate(ref, name, slot), problems
