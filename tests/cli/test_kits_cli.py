"""Several laptops from the command line: kits out, scores in, packs back, merged at the chair, moderated.

Every refusal exits 2 with one line and leaves the chair's database byte-for-byte as it was.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from interview_panel.cli import main

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "data" / "sample_admin_l1.txt"
PANEL = ("Ann Chair", "Bob Member", "Cat Member")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return out


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> str:
    """Run a command that must be refused: exit 2, one line on stderr, ``db`` unchanged byte for byte."""
    before = sha(db)
    code, out, err = run(capsys, *argv)
    assert code == 2, (out, err)
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert sha(db) == before
    return err


@pytest.fixture
def chair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str, list[str]]:
    db = tmp_path / "chair.db"
    cid = ok(capsys, "campaign", "create", "--db", db, "--profile", PROFILE, "--name", "Admin 2026").strip()
    csv = tmp_path / "cands.csv"
    csv.write_text(
        "reference,name,slot\nC1,Dana Kerr,2026-03-02 09:00\nC2,Eli Wood,2026-03-02 10:00\n"
        "C3,Fay Lomax,2026-03-02 11:00\n",
        encoding="utf-8",
    )
    ok(capsys, "candidates", "import", "--db", db, "--campaign", cid, csv)
    ok(capsys, "panel", "add", "--db", db, "--campaign", cid, "--name", PANEL[0], "--chair")
    for name in PANEL[1:]:
        ok(capsys, "panel", "add", "--db", db, "--campaign", cid, "--name", name)
    items = [i["id"] for i in json.loads(ok(capsys, "results", "--db", db, "--campaign", cid, "--json"))["items"]]
    return db, cid, items


def member_laptop(
    capsys: pytest.CaptureFixture[str],
    tmp: Path,
    db: Path,
    cid: str,
    name: str,
    marks: dict[str, int],
    items: list[str],
    *,
    submit: tuple[str, ...] = ("C1", "C2"),
) -> tuple[Path, str]:
    """The chair makes ``name``'s kit; on 'their laptop' they open it, score, submit and hand in a pack."""
    slug = name.split()[0].lower()
    kit = tmp / f"{slug}.ipkit"
    ok(capsys, "member", "kit", "--db", db, "--campaign", cid, "--member", name, "-o", kit)
    mdb = tmp / f"{slug}-laptop.db"
    mcid = ok(capsys, "member", "open", kit, "--db", mdb).strip()
    assert mcid.isdigit()
    for ref, mark in marks.items():
        for item in items:
            ok(
                capsys,
                "score",
                "--db",
                mdb,
                "--campaign",
                mcid,
                "--candidate",
                ref,
                "--member",
                name,
                "--item",
                item,
                "--score",
                str(mark),
                "--note",
                f"{slug} on {ref}/{item}",
            )
        if ref in submit:
            ok(capsys, "submit", "--db", mdb, "--campaign", mcid, "--candidate", ref, "--member", name)
    pack = tmp / f"{slug}.ippack"
    ok(capsys, "scores", "export", "--db", mdb, "--campaign", mcid, "--member", name, "-o", pack)
    return mdb, str(pack)


def test_three_laptops_kits_out_packs_back_merge_and_moderate(
    tmp_path: Path, chair: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, items = chair
    packs = []
    for name, mark in zip(PANEL, (3, 4, 3)):
        _, pack = member_laptop(capsys, tmp_path, db, cid, name, {"C1": mark, "C2": 4, "C3": 2}, items)
        packs.append(pack)
    out = ok(capsys, "scores", "import", "--db", db, *packs)
    assert "merged 6 candidate(s)" in out
    res = json.loads(ok(capsys, "results", "--db", db, "--campaign", cid, "--json"))
    c1 = next(c for c in res["candidates"] if c["reference"] == "C1")
    assert c1["scores"][items[0]] == {"Ann Chair": 3, "Bob Member": 4, "Cat Member": 3}
    c3 = next(c for c in res["candidates"] if c["reference"] == "C3")
    assert not any(c3["scores"].values()), "unsubmitted C3 never left the members' laptops"
    for item in items:
        ok(
            capsys,
            "moderate",
            "--db",
            db,
            "--campaign",
            cid,
            "--candidate",
            "C1",
            "--item",
            item,
            "--score",
            "3",
            "--rationale",
            "agreed at the panel's median",
        )
    res = json.loads(ok(capsys, "results", "--db", db, "--campaign", cid, "--json"))
    assert next(c for c in res["candidates"] if c["reference"] == "C1")["outcome"] is not None
    verify = ok(capsys, "audit", "verify", "--db", db)
    assert "intact" in verify
    # the same packs again: nothing changes
    before = sha(db)
    out = ok(capsys, "scores", "import", "--db", db, *packs)
    assert "nothing new" in out
    assert sha(db) == before


def test_member_database_scores_only_as_its_member(
    tmp_path: Path, chair: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, items = chair
    kit = tmp_path / "bob.ipkit"
    ok(capsys, "member", "kit", "--db", db, "--campaign", cid, "--member", "Bob Member", "-o", kit)
    mdb = tmp_path / "bob.db"
    mcid = ok(capsys, "member", "open", kit, "--db", mdb).strip()
    err = refused(
        capsys,
        mdb,
        "score",
        "--db",
        mdb,
        "--campaign",
        mcid,
        "--candidate",
        "C1",
        "--member",
        "Cat Member",
        "--item",
        items[0],
        "--score",
        "3",
    )
    assert "Bob Member's member kit" in err


@pytest.fixture
def packs(
    tmp_path: Path, chair: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str, dict[str, str]]:
    db, cid, items = chair
    made = {}
    for name in PANEL[1:]:
        made[name] = member_laptop(capsys, tmp_path, db, cid, name, {"C1": 3, "C2": 4}, items)[1]
    return db, cid, made


def test_a_pack_with_any_single_byte_changed_is_refused(
    packs: tuple[Path, str, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, made = packs
    data = Path(made["Bob Member"]).read_bytes()
    # every region of the file: the magic line, the JSON (names, scores, keys), the signature and the last newline
    positions = sorted(
        {0, 5, 29, 40, len(data) // 3, len(data) // 2, len(data) - 140, len(data) - 60, len(data) - 2, len(data) - 1}
        | set(range(30, len(data), max(1, len(data) // 40)))
    )
    for pos in positions:
        for flip in (0x01, 0x20):
            bad = bytearray(data)
            bad[pos] ^= flip
            forged = tmp_path / f"forged-{pos}-{flip}.ippack"
            forged.write_bytes(bytes(bad))
            refused(capsys, db, "scores", "import", "--db", db, forged)


def test_a_truncated_pack_is_refused(
    packs: tuple[Path, str, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, made = packs
    data = Path(made["Cat Member"]).read_bytes()
    for cut in (0, 10, len(data) // 2, len(data) - 65, len(data) - 1):
        short = tmp_path / f"short-{cut}.ippack"
        short.write_bytes(data[:cut])
        refused(capsys, db, "scores", "import", "--db", db, short)


def test_a_pack_for_another_campaign_is_refused(
    packs: tuple[Path, str, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, _ = packs
    other = tmp_path / "other"
    other.mkdir()
    odb = other / "chair.db"
    ocid = ok(capsys, "campaign", "create", "--db", odb, "--profile", PROFILE, "--name", "Other").strip()
    csv = other / "c.csv"
    csv.write_text("reference,name\nC1,Dana Kerr\n", encoding="utf-8")
    ok(capsys, "candidates", "import", "--db", odb, "--campaign", ocid, csv)
    ok(capsys, "panel", "add", "--db", odb, "--campaign", ocid, "--name", "Bob Member")
    items = [i["id"] for i in json.loads(ok(capsys, "results", "--db", odb, "--campaign", ocid, "--json"))["items"]]
    _, pack = member_laptop(capsys, other, odb, ocid, "Bob Member", {"C1": 3}, items, submit=("C1",))
    err = refused(capsys, db, "scores", "import", "--db", db, pack)
    assert "another campaign" in err


def test_a_pack_naming_one_member_made_on_another_members_laptop_is_refused(
    packs: tuple[Path, str, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cat's laptop holds only Cat's key: a pack it makes that names Bob fails, whichever key id it claims."""
    db, _, made = packs
    from interview_panel.services import signing

    cat_db = tmp_path / "cat-laptop.db"
    text = Path(made["Cat Member"]).read_bytes()
    pack = signing.parse(text, signing.PACK_MAGIC, name="cat", what="score pack")
    bob = signing.parse(Path(made["Bob Member"]).read_bytes(), signing.PACK_MAGIC, name="bob", what="score pack")
    import sqlite3

    conn = sqlite3.connect(cat_db)
    pem = conn.execute("SELECT private_key FROM member_keys WHERE private_key IS NOT NULL").fetchone()[0]
    conn.close()
    cat_key = signing.load_private(pem)
    for claimed_key in (pack.payload["key_id"], bob.payload["key_id"]):
        forged_payload = dict(pack.payload, member="Bob Member", key_id=claimed_key)
        forged = tmp_path / f"as-bob-{claimed_key}.ippack"
        forged.write_bytes(signing.sign(signing.PACK_MAGIC, forged_payload, cat_key))
        err = refused(capsys, db, "scores", "import", "--db", db, forged)
        assert "Bob Member" in err


def test_a_pack_in_conflict_with_the_chairs_database_is_refused_listing_the_conflicts(
    packs: tuple[Path, str, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, made = packs
    items = [i["id"] for i in json.loads(ok(capsys, "results", "--db", db, "--campaign", cid, "--json"))["items"]]
    # Bob also scored C1 on the chair's laptop, differently
    ok(
        capsys,
        "score",
        "--db",
        db,
        "--campaign",
        cid,
        "--candidate",
        "C1",
        "--member",
        "Bob Member",
        "--item",
        items[0],
        "--score",
        "5",
    )
    err = refused(capsys, db, "scores", "import", "--db", db, made["Bob Member"])
    assert "conflicts" in err and f"C1/{items[0]}" in err


def test_a_refused_pack_among_good_ones_imports_nothing(
    packs: tuple[Path, str, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, made = packs
    bad = tmp_path / "bad.ippack"
    bad.write_bytes(Path(made["Cat Member"]).read_bytes()[:-3])
    refused(capsys, db, "scores", "import", "--db", db, made["Bob Member"], bad)


def test_a_newer_kit_adds_candidates_and_moves_slots_and_keeps_every_score(
    tmp_path: Path, chair: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, items = chair
    mdb, _ = member_laptop(capsys, tmp_path, db, cid, "Bob Member", {"C1": 4}, items, submit=("C1",))
    csv = tmp_path / "more.csv"
    csv.write_text("reference,name,slot\nC4,Gus Prior,2026-03-03 09:00\n", encoding="utf-8")
    ok(capsys, "candidates", "import", "--db", db, "--campaign", cid, csv)
    kit2 = tmp_path / "bob2.ipkit"
    ok(capsys, "member", "kit", "--db", db, "--campaign", cid, "--member", "Bob Member", "-o", kit2)
    mcid = ok(capsys, "member", "open", kit2, "--db", mdb).strip()
    res = json.loads(ok(capsys, "results", "--db", mdb, "--campaign", mcid, "--json"))
    refs = [c["reference"] for c in res["candidates"]]
    assert "C4" in refs
    c1 = next(c for c in res["candidates"] if c["reference"] == "C1")
    assert c1["scores"][items[0]] == {"Bob Member": 4}
    # the older kit is now refused and changes nothing
    refused(capsys, mdb, "member", "open", tmp_path / "bob.ipkit", "--db", mdb)
    # and a pack from the updated database still merges at the chair
    pack = tmp_path / "bob2.ippack"
    ok(capsys, "scores", "export", "--db", mdb, "--campaign", mcid, "--member", "Bob Member", "-o", pack)
    assert "merged 1 candidate(s)" in ok(capsys, "scores", "import", "--db", db, pack)
    assert "intact" in ok(capsys, "audit", "verify", "--db", db)


def test_an_altered_kit_is_refused_before_any_database_is_made(
    tmp_path: Path, chair: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, _ = chair
    kit = tmp_path / "bob.ipkit"
    ok(capsys, "member", "kit", "--db", db, "--campaign", cid, "--member", "Bob Member", "-o", kit)
    data = bytearray(kit.read_bytes())
    data[len(data) // 2] ^= 1
    kit.write_bytes(bytes(data))
    code, _out, err = run(capsys, "member", "open", kit, "--db", tmp_path / "new.db")
    assert code == 2 and err.count("\n") == 1
    assert not (tmp_path / "new.db").exists()


# -- PINs -----------------------------------------------------------------------------------------------------
def test_pins_wrong_pin_refused_lockout_and_environment_variable(
    tmp_path: Path,
    chair: tuple[Path, str, list[str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, cid, items = chair
    ok(capsys, "panel", "add", "--db", db, "--campaign", cid, "--name", "Pat Pinned", "--pin", "4821")
    score = (
        "score",
        "--db",
        db,
        "--campaign",
        cid,
        "--candidate",
        "C1",
        "--member",
        "Pat Pinned",
        "--item",
        items[0],
        "--score",
        "3",
    )
    assert "has a PIN" in run(capsys, *score)[2]
    code, _, err = run(capsys, *score, "--pin", "1111")
    assert code == 2 and "wrong PIN" in err
    ok(capsys, *score, "--pin", "4821")
    monkeypatch.setenv("INTERVIEW_PANEL_PIN", "4821")
    ok(capsys, *score[:-1], "4")
    monkeypatch.setenv("INTERVIEW_PANEL_PIN", "0000")
    for _ in range(5):
        assert run(capsys, *score)[0] == 2
    monkeypatch.delenv("INTERVIEW_PANEL_PIN")
    code, _, err = run(capsys, *score, "--pin", "4821")
    assert code == 2 and "locked" in err, "the right PIN is refused during the lockout"


def test_pin_lockout_ends_after_a_minute(
    tmp_path: Path, chair: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import timedelta

    from interview_panel.services import pins
    from interview_panel.services import store as store_mod
    from interview_panel.services.store import open_store

    db, cid, _ = chair
    ok(capsys, "panel", "add", "--db", db, "--campaign", cid, "--name", "Pat Pinned", "--pin", "4821")
    with open_store(db) as st:
        for _ in range(5):
            with pytest.raises(Exception):
                pins.unlock(st, int(cid), "Pat Pinned", "9999")
        with pytest.raises(Exception, match="locked"):
            pins.unlock(st, int(cid), "Pat Pinned", "4821")
        real_now = store_mod.now
        try:
            pins.now = lambda: real_now() + timedelta(seconds=61)  # type: ignore[assignment]
            pins.unlock(st, int(cid), "Pat Pinned", "4821")
        finally:
            pins.now = real_now  # type: ignore[assignment]


def test_pin_is_stored_as_a_slow_salted_hash(
    tmp_path: Path, chair: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    db, cid, _ = chair
    ok(capsys, "panel", "add", "--db", db, "--campaign", cid, "--name", "Pat Pinned", "--pin", "4821")
    ok(capsys, "panel", "add", "--db", db, "--campaign", cid, "--name", "Quin Pinned", "--pin", "4821")
    conn = sqlite3.connect(db)
    hashes = [r[0] for r in conn.execute("SELECT pin_hash FROM member_pins")]
    conn.close()
    assert len(hashes) == 2 and hashes[0] != hashes[1], "salted: the same PIN hashes differently"
    assert all(h.startswith("scrypt$") and "4821" not in h for h in hashes)
    assert b"4821" not in db.read_bytes()


def test_scores_export_needs_the_members_pin(
    tmp_path: Path, chair: tuple[Path, str, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, items = chair
    ok(capsys, "panel", "add", "--db", db, "--campaign", cid, "--name", "Pat Pinned", "--pin", "4821")
    kit = tmp_path / "pat.ipkit"
    ok(capsys, "member", "kit", "--db", db, "--campaign", cid, "--member", "Pat Pinned", "-o", kit)
    mdb = tmp_path / "pat.db"
    mcid = ok(capsys, "member", "open", kit, "--db", mdb).strip()
    for item in items:
        ok(
            capsys,
            "score",
            "--db",
            mdb,
            "--campaign",
            mcid,
            "--candidate",
            "C1",
            "--member",
            "Pat Pinned",
            "--item",
            item,
            "--score",
            "3",
            "--pin",
            "4821",
        )
    ok(
        capsys,
        "submit",
        "--db",
        mdb,
        "--campaign",
        mcid,
        "--candidate",
        "C1",
        "--member",
        "Pat Pinned",
        "--pin",
        "4821",
    )
    out = tmp_path / "pat.ippack"
    code, _, err = run(capsys, "scores", "export", "--db", mdb, "--campaign", mcid, "--member", "Pat Pinned", "-o", out)
    assert code == 2 and "PIN" in err and not out.exists()
    ok(
        capsys,
        "scores",
        "export",
        "--db",
        mdb,
        "--campaign",
        mcid,
        "--member",
        "Pat Pinned",
        "-o",
        out,
        "--pin",
        "4821",
    )
    assert "merged 1" in ok(capsys, "scores", "import", "--db", db, out)


def test_commands_run_as_a_real_process_print_no_traceback(tmp_path: Path, chair: tuple[Path, str, list[str]]) -> None:
    db, _, _ = chair
    junk = tmp_path / "junk.ippack"
    junk.write_bytes(b"\x00\xff" * 100)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from interview_panel.cli import main; sys.exit(main())",
            "scores",
            "import",
            "--db",
            str(db),
            str(junk),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_text_arguments_that_are_not_valid_text_are_refused_in_one_line(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 in a name, reference, note or campaign name: exit 2, one line, nothing created."""
    import os

    exe = [sys.executable, "-c", "import sys; from interview_panel.cli import main; sys.exit(main())"]
    db = tmp_path / "bad.db"
    for argv in (
        ["campaign", "create", "--db", str(db), "--profile", str(PROFILE), "--name", b"Camp\x9b"],
        [
            "score",
            "--db",
            str(db),
            "--campaign",
            "1",
            "--candidate",
            b"A\xff",
            "--member",
            "M",
            "--item",
            "values",
            "--score",
            "3",
        ],
    ):
        args = [os.fsencode(a) if isinstance(a, str) else a for a in argv]
        proc = subprocess.run([*map(os.fsencode, exe), *args], capture_output=True, timeout=60, cwd=ROOT)
        err = proc.stderr.decode("utf-8", "replace")
        assert proc.returncode == 2, err
        assert err.count("\n") == 1 and "not valid text" in err and "Traceback" not in err
        assert not db.exists()
