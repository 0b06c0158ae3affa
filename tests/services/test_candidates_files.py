"""Hostile and sloppy candidates files (issue 11, finding 5 and the caps of 9 and 10).

Each case is what a red-team review did to the importer: an unclosed quote, an xlsx whose <dimension>
lies, formulas with no saved value, look-alike references, dates and long numbers as references, slots
with UTC offsets, and files built to exhaust memory. Every test goes through the service the CLI and
the GUI call.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from interview_panel.domain.campaign import Candidate
from interview_panel.domain.errors import InterviewPanelError, ValidationError
from interview_panel.services.audit import verify_audit
from interview_panel.services.campaigns import (
    add_candidate,
    add_member,
    create_campaign,
    import_candidates,
    list_candidates,
    list_members,
    parse_candidates_file,
)
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = open_store(tmp_path / "c.db")
    yield s
    s.close()


@pytest.fixture
def cid(store: Store) -> int:
    return create_campaign(store, profile=synthetic_profile(behaviours=2, criteria=2), name="Files")


def csv_file(tmp_path: Path, text: str, name: str = "c.csv") -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def xlsx_file(tmp_path: Path, rows: list[list[object]], name: str = "c.xlsx") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    f = tmp_path / name
    wb.save(f)
    return f


def rewrite_member(path: Path, member: str, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite one part of a zip (an xlsx) in place; ``change(b"")`` makes it when it is missing."""
    with zipfile.ZipFile(path) as zin:
        parts = {i.filename: zin.read(i) for i in zin.infolist()}
    parts[member] = change(parts.get(member, b""))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)


def refusal(store: Store, cid: int, path: Path) -> str:
    with pytest.raises(InterviewPanelError) as err:
        import_candidates(store, cid, path)
    assert list_candidates(store, cid) == []
    text = str(err.value)
    assert "\n" not in text
    return text


# -- CSV quotes ----------------------------------------------------------------------------------------
def test_an_unclosed_quote_never_folds_the_following_rows_into_a_name(store: Store, cid: int, tmp_path: Path) -> None:
    f = csv_file(tmp_path, 'reference,name\nC1,Ann Lee\nC2,"Ben Ode\nC3,Cal Poe\nC4,Dee Ray\n')
    text = refusal(store, cid, f)
    assert "c.csv" in text and "line 3" in text and "quote" in text


def test_an_unclosed_quote_closed_by_a_later_quote_is_refused_at_the_line_it_opened(
    store: Store, cid: int, tmp_path: Path
) -> None:
    f = csv_file(tmp_path, 'reference,name\nC1,"Ann Lee\nC2,Ben Ode\nC3,"Poe, Cal"\n')
    text = refusal(store, cid, f)
    assert "line 2" in text and "quote" in text


def test_a_quoted_value_that_swallows_a_line_break_is_refused_for_that_row(
    store: Store, cid: int, tmp_path: Path
) -> None:
    f = csv_file(tmp_path, 'reference,name\nC1,"Ann Lee\nC2,Ben Ode"\nC3,Cal Poe\n')
    text = refusal(store, cid, f)
    assert "line 2" in text and "several lines" in text


def test_quotes_used_properly_still_work(tmp_path: Path) -> None:
    f = csv_file(tmp_path, 'reference,name\nC1,"Lee, Ann"\nC2,"Ben ""Benny"" Ode"\nC3,Cal "Cal" Poe\n')
    assert [c.name for c in parse_candidates_file(f).rows] == ["Lee, Ann", 'Ben "Benny" Ode', 'Cal "Cal" Poe']


# -- xlsx extents and formulas -------------------------------------------------------------------------
def test_an_xlsx_whose_dimension_understates_its_rows_loses_none(store: Store, cid: int, tmp_path: Path) -> None:
    rows: list[list[object]] = [["reference", "name"]] + [[f"R{i:02d}", f"Person {i}"] for i in range(1, 21)]
    f = xlsx_file(tmp_path, rows)
    rewrite_member(
        f, "xl/worksheets/sheet1.xml", lambda b: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B3"', b)
    )
    assert b'<dimension ref="A1:B3"' in zipfile.ZipFile(f).read("xl/worksheets/sheet1.xml")
    assert len(import_candidates(store, cid, f).added) == 20
    assert sorted(c.reference for c in list_candidates(store, cid)) == [f"R{i:02d}" for i in range(1, 21)]


def test_formula_cells_with_no_saved_value_are_refused_by_row(store: Store, cid: int, tmp_path: Path) -> None:
    f = xlsx_file(tmp_path, [["reference", "name"], ["C1", "Ann Lee"], ['="C"&2', '="Ben "&"Ode"'], ["C3", "Cal Poe"]])
    text = refusal(store, cid, f)
    assert "row 3" in text and "formula" in text and "row 2" not in text


# -- look-alike references and names ---------------------------------------------------------------------
@pytest.mark.parametrize("twin", ["a1", "\uff21\uff11", "A1\u200b", "\u2060A1", "A\u200d1", "\ufeffA1"])
def test_look_alike_references_in_one_file_are_refused_naming_both_rows(
    store: Store, cid: int, tmp_path: Path, twin: str
) -> None:
    f = csv_file(tmp_path, f"reference,name\nA1,Ann Lee\nB2,Ben Ode\n{twin},Cal Poe\n")
    text = refusal(store, cid, f)
    assert "line 4" in text and "already on line 2" in text


def test_nfc_and_nfd_spellings_of_one_reference_are_one_reference(store: Store, cid: int, tmp_path: Path) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "José-7"), unicodedata.normalize("NFD", "José-7")
    assert nfc != nfd
    f = csv_file(tmp_path, f"reference,name\n{nfc},Ann Lee\n{nfd},Ben Ode\n")
    text = refusal(store, cid, f)
    assert "line 3" in text and "already on line 2" in text


def test_a_look_alike_of_a_reference_already_in_the_campaign_is_not_a_new_candidate(
    store: Store, cid: int, tmp_path: Path
) -> None:
    add_candidate(store, cid, Candidate("A1", "Ann Lee"))
    f = csv_file(tmp_path, "reference,name\nＡ1,Someone Else\nB2,Ben Ode\n")
    with pytest.raises(InterviewPanelError, match=r"line 2: 'A1' name 'Ann Lee' → 'Someone Else'"):
        import_candidates(store, cid, f)
    assert list_candidates(store, cid) == [Candidate("A1", "Ann Lee")]
    for twin in ("a1", "A1\u200b", "\uff41\uff11"):
        with pytest.raises(ValidationError, match="already in campaign"):
            add_candidate(store, cid, Candidate(twin, "Another Person"))
    assert len(list_candidates(store, cid)) == 1


def test_look_alike_member_names_are_one_member(store: Store, cid: int) -> None:
    add_member(store, cid, unicodedata.normalize("NFC", "José Núñez"), chair=True)
    for twin in (unicodedata.normalize("NFD", "José Núñez"), "josé núñez", "José\u200b Núñez", "ＪＯＳÉ NÚÑEZ"):
        with pytest.raises(ValidationError, match="already on the panel"):
            add_member(store, cid, twin)
    assert len(list_members(store, cid)) == 1


def test_invisible_characters_are_not_stored(store: Store, cid: int, tmp_path: Path) -> None:
    f = csv_file(tmp_path, "reference,name\nC\u200b1,Ann\u2060 Lee\n")
    import_candidates(store, cid, f)
    assert list_candidates(store, cid) == [Candidate("C1", "Ann Lee")]


# -- references that are not text -----------------------------------------------------------------------
def test_a_date_in_the_reference_column_is_refused_not_turned_into_text(store: Store, cid: int, tmp_path: Path) -> None:
    f = xlsx_file(tmp_path, [["reference", "name"], ["C1", "Ann Lee"], [datetime(2026, 1, 1), "Ben Ode"]])
    text = refusal(store, cid, f)
    assert "row 3: the reference is a date" in text and "format the column as Text" in text
    assert "00:00:00" not in text.split("(")[0]


def test_a_twenty_digit_number_in_an_xlsx_is_refused_not_rounded(store: Store, cid: int, tmp_path: Path) -> None:
    f = xlsx_file(tmp_path, [["reference", "name"], [12345678901234567890, "Ann Lee"]])
    text = refusal(store, cid, f)
    assert "row 2: the reference is a number" in text and "format the column as Text" in text


def test_a_twenty_digit_reference_in_a_csv_is_text_and_kept_exactly(store: Store, cid: int, tmp_path: Path) -> None:
    f = csv_file(tmp_path, "reference,name\n12345678901234567890,Ann Lee\n00042,Ben Ode\n")
    import_candidates(store, cid, f)
    assert sorted(c.reference for c in list_candidates(store, cid)) == ["00042", "12345678901234567890"]


def test_a_reference_typed_as_text_in_an_xlsx_is_fine(store: Store, cid: int, tmp_path: Path) -> None:
    f = xlsx_file(tmp_path, [["reference", "name"], ["00042", "Ann Lee"]])
    import_candidates(store, cid, f)
    assert list_candidates(store, cid)[0].reference == "00042"


# -- slots as instants -----------------------------------------------------------------------------------
def local(y: int, mo: int, d: int, h: int, mi: int) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC).astimezone().replace(tzinfo=None)


def test_slots_with_utc_offsets_are_stored_and_sorted_as_instants(store: Store, cid: int, tmp_path: Path) -> None:
    # by text B < A < C; by time A (08:00Z) < B (09:00Z) < C (09:30Z)
    f = csv_file(
        tmp_path,
        "reference,name,slot\nA,Ann Lee,2026-03-02T10:00+02:00\nB,Ben Ode,2026-03-02T09:00+00:00\n"
        "C,Cal Poe,2026-03-02 09:30Z\n",
    )
    import_candidates(store, cid, f)
    got = list_candidates(store, cid)
    assert [c.reference for c in got] == ["A", "B", "C"]
    assert [c.slot for c in got] == [local(2026, 3, 2, 8, 0), local(2026, 3, 2, 9, 0), local(2026, 3, 2, 9, 30)]
    assert all(c.slot is not None and c.slot.tzinfo is None for c in got)


def test_an_aware_slot_added_by_hand_is_stored_in_the_same_form(store: Store, cid: int) -> None:
    add_candidate(store, cid, Candidate("A", "Ann Lee", datetime(2026, 3, 2, 10, 0, tzinfo=UTC)))
    add_candidate(store, cid, Candidate("B", "Ben Ode", local(2026, 3, 2, 9, 0)))
    assert [(c.reference, c.slot) for c in list_candidates(store, cid)] == [
        ("B", local(2026, 3, 2, 9, 0)),
        ("A", local(2026, 3, 2, 10, 0)),
    ]


@pytest.mark.parametrize(
    ("slot", "reason"),
    [
        ("31/11/2026 09:00", "31/11/2026: November has 30 days"),
        ("2026-02-29 10:00", "2026-02-29: 2026 is not a leap year"),
        ("29/02/2026 10:00", "29/02/2026: 2026 is not a leap year"),
        ("02/03/2026 25:00", "25:00 is not a time of day"),
        ("02/03/2026 09:75", "09:75 is not a time of day"),
        ("02/13/2026 09:00", "02/13/2026: there is no month 13"),
        ("2026-03-02", "has no time of day"),
        ("next tuesday", "'next tuesday' is not a date and time"),
    ],
)
def test_each_bad_slot_gets_its_real_reason(tmp_path: Path, slot: str, reason: str) -> None:
    f = csv_file(tmp_path, f"reference,name,slot\nC1,Ann Lee,{slot}\n")
    errors = parse_candidates_file(f).errors
    assert len(errors) == 1 and errors[0][0] == 2 and reason in errors[0][1]


# -- caps ------------------------------------------------------------------------------------------------
def test_a_name_over_200_characters_is_refused_at_import_and_when_added(store: Store, cid: int, tmp_path: Path) -> None:
    long_name = "Ann " + "x" * 7996
    f = csv_file(tmp_path, f"reference,name\nC1,{'y' * 201}\nC2,Ben Ode\n")
    text = refusal(store, cid, f)
    assert "line 2" in text and "201 characters" in text and "200" in text
    with pytest.raises(ValidationError, match="at most 200"):
        add_candidate(store, cid, Candidate("C9", long_name))
    with pytest.raises(ValidationError, match="at most 200"):
        add_member(store, cid, long_name)
    import_candidates(store, cid, csv_file(tmp_path, f"reference,name\nC1,{'y' * 200}\n"))
    assert len(list_candidates(store, cid)[0].name) == 200


def test_a_cell_over_1000_characters_is_refused(store: Store, cid: int, tmp_path: Path) -> None:
    f = csv_file(tmp_path, f"reference,name\n{'R' * 1001},Ann Lee\n")
    assert "1,001 characters" in refusal(store, cid, f)


def test_more_than_5000_candidates_are_refused(store: Store, cid: int, tmp_path: Path) -> None:
    f = csv_file(tmp_path, "reference,name\n" + "".join(f"C{i},Person {i}\n" for i in range(5001)))
    assert "more than 5,000 candidates" in refusal(store, cid, f)
    f = csv_file(tmp_path, "reference,name\n" + "".join(f"C{i},Person {i}\n" for i in range(5000)))
    assert len(import_candidates(store, cid, f).added) == 5000


def test_a_file_over_20_mb_is_refused_before_it_is_read(store: Store, cid: int, tmp_path: Path) -> None:
    f = tmp_path / "big.csv"
    with f.open("wb") as fh:
        fh.write(b"reference,name\n")
        fh.truncate(21 * 1024 * 1024)
    assert "over 20 MB" in refusal(store, cid, f)


def _with_shared_strings(tmp_path: Path, body: bytes, count: int) -> Path:
    f = xlsx_file(tmp_path, [["reference", "name"], ["C1", "Ann Lee"]])
    sst = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" count="%d" uniqueCount="%d">' % (count, count)
    )
    rewrite_member(f, "xl/sharedStrings.xml", lambda _b: sst + body + b"</sst>")
    rewrite_member(
        f,
        "[Content_Types].xml",
        lambda b: b.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        ),
    )
    return f


def test_an_xlsx_with_too_many_shared_strings_is_refused_before_openpyxl_reads_it(
    store: Store, cid: int, tmp_path: Path
) -> None:
    n = 150_000
    f = _with_shared_strings(tmp_path, b"<si><t>reference</t></si><si><t>name</t></si>" + b"<si/>" * n, n + 2)
    assert f.stat().st_size < 100_000
    assert "more than 100,000 different texts" in refusal(store, cid, f)


def test_an_xlsx_that_unpacks_to_hundreds_of_megabytes_is_refused(store: Store, cid: int, tmp_path: Path) -> None:
    f = xlsx_file(tmp_path, [["reference", "name"], ["C1", "Ann Lee"]])
    with (
        zipfile.ZipFile(f, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("xl/media/padding.bin", "w", force_zip64=True) as out,
    ):
        block = b"\0" * (1 << 20)
        for _ in range(100):
            out.write(block)
    assert f.stat().st_size < 1_000_000
    assert "xl/media/padding.bin unpacks to 100 MB" in refusal(store, cid, f)
    assert verify_audit(store).ok


def test_a_value_beyond_the_header_is_named_by_its_column_in_an_xlsx_and_by_the_separator_in_a_csv(
    tmp_path: Path,
) -> None:
    f = xlsx_file(tmp_path, [["reference", "name"], ["C1", "Ann Lee", "stray note"]])
    assert parse_candidates_file(f).errors == [
        (2, "column C holds 'stray note' but has no header (give it one, or clear it)")
    ]
    f = csv_file(tmp_path, "reference,name\nC1,Lee, Ann\n")
    ((line, msg),) = parse_candidates_file(f).errors
    assert line == 2 and "must be in quotes" in msg and "' Ann'" in msg
