"""Creating campaigns, editing them before scoring, importing candidates, building the panel."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from interview_panel.domain.campaign import Candidate, Member
from interview_panel.domain.errors import RefusedError, ValidationError
from interview_panel.domain.items import Question
from interview_panel.domain.scoring import SCALE_1_7, ScoringRules
from interview_panel.services.audit import audit_log, verify_audit
from interview_panel.services.campaigns import (
    add_candidate,
    add_member,
    create_campaign,
    get_campaign,
    import_candidates,
    list_campaigns,
    list_candidates,
    list_members,
    parse_candidates_file,
    update_candidate,
    update_profile,
    update_question_set,
    update_rules,
)
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.questions import build_question_set
from interview_panel.services.scoring import record_score
from interview_panel.services.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = open_store(tmp_path / "c.db")
    yield s
    s.close()


def small(store: Store, **kw: object) -> int:
    return create_campaign(
        store, profile=synthetic_profile(behaviours=2, criteria=2, desirable_every=2), name="Small", **kw
    )  # type: ignore[arg-type]


def test_create_campaign_freezes_a_copy_of_the_profile_with_items_from_the_question_set(store: Store) -> None:
    profile = synthetic_profile(behaviours=2, criteria=2, desirable_every=2)
    cid = create_campaign(store, profile=profile, name="  Spring   2026 ")
    c = get_campaign(store, cid)
    assert c.name == "Spring 2026"
    assert c.profile == profile
    assert len(c.profile_sha256) == 64
    assert [i.id for i in c.items] == [i.id for i in build_question_set(profile).items]
    assert [i.id for i in c.items] == ["emotionally-aware", "ownership", "K1", "K2", "values"]
    assert c.rules == ScoringRules()
    assert not c.scoring_started
    assert set(c.question_set.questions) == {i.id for i in c.items}
    assert any(e.action == "campaign" for e in audit_log(store, cid))


def test_the_source_documents_sha256_is_recorded(store: Store) -> None:
    from interview_panel.domain.profile import Source

    profile = synthetic_profile(criteria=1).with_changes(source=Source("role.docx", "ab" * 32))
    cid = create_campaign(store, profile=profile, name="X")
    assert get_campaign(store, cid).profile_sha256 == "ab" * 32


def test_a_campaign_needs_a_name_and_valid_rules(store: Store) -> None:
    with pytest.raises(ValidationError, match="name"):
        create_campaign(store, profile=synthetic_profile(), name="  ")
    with pytest.raises(ValidationError, match="pass mark 9"):
        create_campaign(store, profile=synthetic_profile(), name="X", rules=ScoringRules(pass_mark=9))
    assert list_campaigns(store) == []


def test_list_campaigns_counts_candidates_members_and_moderated(store: Store) -> None:
    cid = small(store)
    add_candidate(store, cid, Candidate("A1", "Ana"))
    add_member(store, cid, "Ann", chair=True)
    [s] = list_campaigns(store)
    assert (s.id, s.name, s.post_title, s.candidates, s.members, s.moderated) == (
        cid,
        "Small",
        "Team Supervisor (Synthetic)",
        1,
        1,
        0,
    )
    assert json.loads(json.dumps(s.to_json()))["candidates"] == 1


def test_unknown_campaign_is_a_validation_error(store: Store) -> None:
    with pytest.raises(ValidationError, match="campaign 42 does not exist"):
        get_campaign(store, 42)


def test_items_questions_and_rules_can_be_edited_until_the_first_score(store: Store) -> None:
    cid = small(store)
    c = get_campaign(store, cid)
    qs = c.question_set.without("K2").moved("values", -2)
    qs = qs.with_question(qs.question("K1").reworded("Describe a rota you planned under pressure?"))
    c2 = update_question_set(store, cid, qs, actor="Ann")
    assert [i.id for i in c2.items] == ["emotionally-aware", "values", "ownership", "K1"]
    assert c2.question_set.question("K1").text == "Describe a rota you planned under pressure?"
    rules = ScoringRules().with_scale("1-7")
    assert update_rules(store, cid, rules, actor="Ann").rules.scale == SCALE_1_7
    actions = [(e.action, e.target) for e in audit_log(store, cid)]
    assert ("item", "K2") in actions and ("question", "K1") in actions and ("items", "order") in actions
    assert ("rules", "Small") in actions
    # scoring starts: everything is frozen
    add_candidate(store, cid, Candidate("A1", "Ana"))
    add_member(store, cid, "Ann", chair=True)
    record_score(store, cid, candidate="A1", member="Ann", item="K1", score=5)
    assert get_campaign(store, cid).scoring_started
    with pytest.raises(RefusedError, match="scoring has started"):
        update_question_set(store, cid, c2.question_set.without("K1"), actor="Ann")
    with pytest.raises(RefusedError, match="scoring has started"):
        update_rules(store, cid, ScoringRules(), actor="Ann")
    with pytest.raises(RefusedError, match="scoring has started"):
        update_profile(store, cid, synthetic_profile(criteria=1), actor="Ann")
    assert [i.id for i in get_campaign(store, cid).items] == ["emotionally-aware", "values", "ownership", "K1"]


def test_update_profile_rebuilds_items(store: Store) -> None:
    cid = small(store)
    c = update_profile(store, cid, synthetic_profile(behaviours=1, criteria=3), actor="Ann")
    assert [i.id for i in c.items] == ["emotionally-aware", "K1", "K2", "K3", "values"]


def test_a_custom_item_can_be_added_before_scoring(store: Store) -> None:
    from interview_panel.domain.items import CRITERION, Item

    cid = small(store)
    qs = get_campaign(store, cid).question_set.with_item(
        Item("O9", CRITERION, "Able to travel across the force area", requirement="essential", section="other"),
        Question("O9", "How would you get to a 7am shift at the far side of the county?", origin="custom"),
    )
    assert [i.id for i in update_question_set(store, cid, qs, actor="Ann").items][-1] == "O9"
    record_score(
        store,
        cid,
        candidate=add_candidate(store, cid, Candidate("A1", "Ana")).reference,
        member=add_member(store, cid, "Ann").name,
        item="O9",
        score=2,
    )


# -- candidates files -------------------------------------------------------------------------------
def test_csv_in_utf8_with_bom_and_both_slot_formats(tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_bytes(
        "\ufeffReference,Name,Slot\r\nC1,Zoë Łukasz,2026-03-02T09:30\r\nC2,Ngozi Okafor,02/03/2026 10:15\r\n"
        "C3,Seán Ó Briain,\r\n".encode("utf-8")
    )
    parsed = parse_candidates_file(f)
    assert parsed.errors == []
    assert parsed.rows == [
        Candidate("C1", "Zoë Łukasz", datetime(2026, 3, 2, 9, 30)),
        Candidate("C2", "Ngozi Okafor", datetime(2026, 3, 2, 10, 15)),
        Candidate("C3", "Seán Ó Briain", None),
    ]


def test_csv_saved_by_excel_in_windows_1252(tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_bytes("reference,name\nC1,José Núñez\nC2,Chloë O’Neill\n".encode("cp1252"))
    assert [c.name for c in parse_candidates_file(f).rows] == ["José Núñez", "Chloë O’Neill"]


def test_unicode_text_saved_by_excel_utf16_tab_separated(tmp_path: Path) -> None:
    """Excel's "Unicode Text" format: UTF-16 LE with a byte-order mark, tab-separated, CRLF."""
    f = tmp_path / "c.csv"
    f.write_bytes(
        "reference\tname\tslot\r\nC1\tŁucja Wiśniewska\t2026-03-02T09:30\r\nC2\t李小龙\t\r\n".encode("utf-16")
    )
    parsed = parse_candidates_file(f)
    assert parsed.errors == []
    assert [(c.reference, c.name, c.slot) for c in parsed.rows] == [
        ("C1", "Łucja Wiśniewska", datetime(2026, 3, 2, 9, 30)),
        ("C2", "李小龙", None),
    ]


def test_utf16_without_a_byte_order_mark_is_read_as_role_profiles_are_and_binary_is_refused(tmp_path: Path) -> None:
    """The candidates reader shares importing/decode.py with the role-profile reader."""
    f = tmp_path / "c.csv"
    f.write_bytes("reference,name\nC1,Ana\n".encode("utf-16-le"))
    assert parse_candidates_file(f).rows == [Candidate("C1", "Ana")]
    f.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ValidationError, match="c.csv: is binary data, not a text CSV file"):
        parse_candidates_file(f)


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(store: Store, tmp_path: Path) -> None:
    cid = small(store)
    f = tmp_path / "bad.csv"
    f.write_text(
        "reference,name,slot\nC1,Ana,2026-03-02T09:00\n,No Reference,\nC3,,\nC1,Again,\n"
        "C5,Bad Slot,next tuesday\nC6,Fine,\n",
        encoding="utf-8",
    )
    parsed = parse_candidates_file(f)
    assert [n for n, _ in parsed.errors] == [3, 4, 5, 6]
    msgs = dict(parsed.errors)
    assert "reference is empty" in msgs[3] and "name is empty" in msgs[4]
    assert "already on line 2" in msgs[5] and "next tuesday" in msgs[6]
    with pytest.raises(ValidationError) as err:
        import_candidates(store, cid, f)
    text = str(err.value)
    assert "bad.csv" in text and "line 3" in text and "line 6" in text and "nothing imported" in text
    assert "\n" not in text
    assert list_candidates(store, cid) == []


def test_a_wrong_header_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text("code,person\nC1,Ana\n")
    parsed = parse_candidates_file(f)
    assert parsed.rows == [] and parsed.errors[0][0] == 1 and "header" in parsed.errors[0][1]


def test_references_already_in_the_campaign_are_refused_all_or_nothing(store: Store, tmp_path: Path) -> None:
    cid = small(store)
    add_candidate(store, cid, Candidate("C2", "Existing Person"))
    f = tmp_path / "c.csv"
    f.write_text("reference,name\nC1,Ana\nC2,Ben\n")
    with pytest.raises(
        RefusedError,
        match=r"1 row\(s\) change candidates already in campaign .*line 3: 'C2' name "
        r"'Existing Person' → 'Ben'",
    ):
        import_candidates(store, cid, f)
    assert [c.reference for c in list_candidates(store, cid)] == ["C2"]


def test_xlsx_with_datetime_cells(store: Store, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["reference", "name", "slot"])
    ws.append(["X2", "Ifeoma Chukwu", datetime(2026, 3, 3, 14, 0)])
    ws.append(["X1", "Rhiannon Price", "03/03/2026 09:00"])
    ws.append(["1003", "Numbered Ref", None])
    f = tmp_path / "c.xlsx"
    wb.save(f)
    cid = small(store)
    assert len(import_candidates(store, cid, f).added) == 3
    # listed by slot, unscheduled last
    assert [(c.reference, c.slot) for c in list_candidates(store, cid)] == [
        ("X1", datetime(2026, 3, 3, 9, 0)),
        ("X2", datetime(2026, 3, 3, 14, 0)),
        ("1003", None),
    ]


def test_a_file_that_is_not_a_workbook_is_one_line(tmp_path: Path) -> None:
    f = tmp_path / "c.xlsx"
    f.write_text("not a zip")
    with pytest.raises(ValidationError, match="not a readable Excel workbook"):
        parse_candidates_file(f)


def test_update_candidate_changes_name_and_slot_and_is_audited(store: Store) -> None:
    cid = small(store)
    add_candidate(store, cid, Candidate("C1", "Ana"))
    update_candidate(store, cid, "C1", name="Ana Maria", slot=datetime(2026, 3, 4, 11, 0), actor="Ann")
    assert list_candidates(store, cid) == [Candidate("C1", "Ana Maria", datetime(2026, 3, 4, 11, 0))]
    assert audit_log(store, cid)[-1].old == "Ana"
    with pytest.raises(ValidationError, match="unknown candidate"):
        update_candidate(store, cid, "ZZ", name="x", slot=None)


# -- panel ------------------------------------------------------------------------------------------
def test_one_chair_per_campaign(store: Store) -> None:
    cid = small(store)
    add_member(store, cid, "Insp. Ann Lee", chair=True)
    with pytest.raises(RefusedError, match="already has a chair"):
        add_member(store, cid, "Sgt Bob", chair=True)
    add_member(store, cid, "Sgt Bob")
    with pytest.raises(ValidationError, match="already on the panel"):
        add_member(store, cid, "Sgt Bob")
    assert list_members(store, cid) == [Member("Insp. Ann Lee", True), Member("Sgt Bob", False)]
    assert verify_audit(store).ok
