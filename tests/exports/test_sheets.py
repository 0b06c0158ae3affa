"""Printed question packs and the chair's grid: what a panel member and the chair see on paper."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from interview_panel.domain.campaign import Candidate
from interview_panel.domain.framework import COMPETENCIES, CVF_2016, VALUES_2016
from interview_panel.domain.items import CRITERION
from interview_panel.domain.profile import Behaviour, Criterion, RoleProfile
from interview_panel.domain.progress import Cancelled, Progress
from interview_panel.domain.scoring import SCALE_1_7, ScoringRules
from interview_panel.exports.sheets import render_pack
from interview_panel.services.profiles import load_profile
from interview_panel.services.questions import build_question_set, load_bank

NAME = "Łukasz Żółć-Nguyễn"
GREEK = "Ελένη Παπαδοπούλου"
CYRILLIC = "Иван Петров"
LONG = (
    "Experience of "
    + ", ".join(
        f"coordinating multi agency safeguarding meeting series {n} and keeping its actions, decisions and minutes"
        for n in range(12)
    )
)[:600]


def _profile(level: int = 1, *criteria: Criterion, title: str = "Case Support Officer") -> RoleProfile:
    return RoleProfile(
        source=None,
        framework=CVF_2016,
        post_title=title,
        grade="SO1",
        behaviours=tuple(Behaviour(c.slug, c.name_2016, c.cluster, level, ("Interview",)) for c in COMPETENCIES),
        values=VALUES_2016,
        criteria=criteria,
    )


def _render(tmp_path: Path, profile: RoleProfile, packs=None, **kw) -> Path:
    out = tmp_path / "sheets.pdf"
    render_pack(
        out,
        profile=profile,
        question_set=build_question_set(profile),
        rules=kw.pop("rules", ScoringRules()),
        packs=packs if packs is not None else [(None, None)],
        **kw,
    )
    return out


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(p.split()) for p in text.split("\f")[:-1]]


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def _qpdf_ok(pdf: Path) -> None:
    r = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


# -- the seed role profile -------------------------------------------------------------------------
def test_seed_pack_shows_every_behaviour_criterion_and_values_and_nothing_form_only(
    tmp_path: Path, seed_cse: Path
) -> None:
    profile = load_profile(seed_cse)
    out = _render(tmp_path, profile)
    _qpdf_ok(out)
    text = " ".join(_pages(out))
    for b in profile.behaviours:
        assert f"{b.name} — level {b.level}" in text, b.name
    asked = {i.id for i in build_question_set(profile).items}
    for c in profile.criteria:
        heading = f"{c.id} — {c.requirement.capitalize()} criterion"
        if c.id in asked:
            assert heading in text, c.id
        else:  # form-only, or folded under a behaviour, or checked by the chair
            assert heading not in text, c.id
    assert "driving licence" not in text and "35 wpm" not in text  # Q1 (form), Q2 (typing test)
    assert "sickness absence" not in text  # O1: checked after interview
    values_q = build_question_set(profile).question("values")
    assert "Values" in text and values_q.focus and all(v in text for v in values_q.focus)


def test_every_page_carries_marking_top_and_bottom_post_title_and_page_n_of_n_per_pack(tmp_path: Path) -> None:
    profile = _profile(1, Criterion("K1", "knowledge_experience", "essential", "Experience of filing", ("Interview",)))
    packs = [(Candidate("C001", NAME), GREEK), (Candidate("C002", CYRILLIC), GREEK)]
    out = _render(tmp_path, profile, packs, grid=[p[0] for p in packs])
    pages = _pages(out)
    for page in pages:
        assert page.count("OFFICIAL-SENSITIVE") == 2, page[:80]
        assert "Case Support Officer" in page
    numbers = [tuple(map(int, re.search(r"Page (\d+) of (\d+)", p).groups())) for p in pages]
    items = len(build_question_set(profile).items)
    total = numbers[0][1]
    assert total >= items + 3  # cover, guidance, at least a page per item, checks
    per_pack = [(n, total) for n in range(1, total + 1)]
    assert numbers == per_pack + per_pack + [(1, 1)]


def test_cover_names_candidate_member_and_date_in_any_script(tmp_path: Path) -> None:
    out = _render(
        tmp_path,
        _profile(),
        [(Candidate("C001", NAME), GREEK)],
        interview_date=date(2026, 3, 2),
        grid=[Candidate("C001", NAME), Candidate("C002", CYRILLIC)],
    )
    pages = _pages(out)
    cover = pages[0]
    assert "C001" in cover and NAME in cover and GREEK in cover and "02 March 2026" in cover
    assert "SO1" in cover
    assert CYRILLIC in pages[-1] and NAME in pages[-1]


def test_blank_pack_has_lines_to_write_on_instead_of_a_candidate(tmp_path: Path) -> None:
    out = _render(tmp_path, _profile())
    cover = _pages(out)[0]
    assert "Candidate reference Candidate name Panel member Date of interview" in cover


def test_item_page_has_question_probes_indicators_notes_and_anchored_score_boxes(tmp_path: Path) -> None:
    profile = _profile(1)
    qs = build_question_set(profile)
    out = _render(tmp_path, profile, rules=ScoringRules().with_scale("1-7"))
    pages = _pages(out)
    first = next(n for n, p in enumerate(pages) if "We take ownership — level 1" in p and "Question" in p)
    page = " ".join(pages[first : first + 2])  # the score boxes may run onto the next page
    q = qs.question("ownership")
    assert " ".join(q.text.split()) in page
    assert q.probes[0] in page
    assert "Positive indicators" in page and "Negative indicators" in page
    assert "Notes" in page
    for n in SCALE_1_7.points:
        assert SCALE_1_7.anchor(n).split()[0] in page
    assert "Gating: must reach 4" in page


def test_a_sheet_prints_its_own_questions_indicators_and_anchors_not_the_levels_bullets(tmp_path: Path) -> None:
    profile = _profile(2)
    qs = build_question_set(profile)
    out = _render(tmp_path, profile)
    text = " ".join(_pages(out))
    levels = load_bank()["competencies"]["analyse-critically"]["levels"]

    def opening(s: str) -> str:  # the words that start an indicator, before the cell wraps
        return " ".join(s.split()[:3])

    start = text.index("We analyse critically — level 2 · about")  # the item page, not the cover's list
    section = text[start : text.index("We are innovative and open-minded — level 2 · about")]
    q = qs.question("analyse-critically")
    for s in q.positive + q.negative:
        assert opening(s) in section, s
    for a in q.anchors:
        assert opening(a) in section, a
    assert "Anchors: what an answer to this question sounds like" in section
    assert "Level 1:" not in section and "Level 3:" not in text
    for s in levels["1"]["positive"]:  # the level's list of bullets is not printed
        assert s not in section


def test_chair_grid_is_one_landscape_page_with_item_ids_and_a_key(tmp_path: Path) -> None:
    crit = Criterion(
        "K1", "knowledge_experience", "desirable", "Experience of giving evidence in court", ("Interview",)
    )
    profile = _profile(1, crit)
    cands = [Candidate(f"C{n:03d}", f"Candidate {n}") for n in range(1, 13)]
    out = _render(tmp_path, profile, [(None, None)], grid=cands)
    sizes = _page_sizes(out)
    assert len(sizes) == len(_pages(out))
    w, h = sizes[-1]
    assert w > h  # landscape
    assert all(sw < sh for sw, sh in sizes[:-1])  # packs are portrait
    grid = _pages(out)[-1]
    assert "Chair’s grid" in grid and "Page 1 of 1" in grid
    for c in cands:
        assert c.reference in grid
    assert "Key" in grid and "Desirable: Experience of giving evidence in court" in grid
    for i in build_question_set(profile).items:
        assert i.id in grid


def test_a_600_character_criterion_wraps_inside_the_page(tmp_path: Path) -> None:
    crit = Criterion("O3", "other", "desirable", LONG, ("Interview",))
    out = _render(tmp_path, _profile(1, crit), [(Candidate("C001", NAME), None)], grid=[Candidate("C001", NAME)])
    _qpdf_ok(out)
    html = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    assert pages
    for w, h, body in pages:
        for x0, y0, x1, y1 in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', body):
            assert float(x0) >= 20 and float(x1) <= float(w) - 20, "text runs off the page"
            assert float(y0) >= 10 and float(y1) <= float(h) - 10, "text runs off the page"
    text = " ".join(_pages(out))
    assert " ".join(LONG.split()[-4:]) in text  # the end of the long criterion is printed, not cut off


def test_cancelling_leaves_no_file_and_keeps_an_older_one(tmp_path: Path) -> None:
    out = tmp_path / "sheets.pdf"
    out.write_bytes(b"older sheets")
    seen: list[tuple[int, int]] = []
    progress = Progress(lambda done, total, msg: seen.append((done, total)))
    real_step = progress.step

    def step(done: int, total: int, msg: str = "") -> None:
        if done == 3:
            progress.cancel()
        real_step(done, total, msg)

    progress.step = step  # type: ignore[method-assign]
    profile = _profile()
    with pytest.raises(Cancelled):
        render_pack(
            out,
            profile=profile,
            question_set=build_question_set(profile),
            rules=ScoringRules(),
            packs=[(None, None), (None, None)],
            progress=progress,
        )
    assert out.read_bytes() == b"older sheets"
    assert list(tmp_path.iterdir()) == [out]  # no half-written temporary file either
    assert seen[-1][0] == 2 and seen[-1][1] == 2 * (len(build_question_set(profile).items) + 1) + 1


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    profile = _profile()
    _render(tmp_path, profile, [(None, "A"), (None, "B")], progress=Progress(lambda d, t, m: seen.append((d, t, m))))
    total = 2 * (len(build_question_set(profile).items) + 1) + 1
    assert seen[-1][:2] == (total, total)
    assert [d for d, _, _ in seen] == list(range(total + 1))


def test_criterion_item_shows_id_requirement_section_and_text(tmp_path: Path) -> None:
    crit = Criterion(
        "K1", "knowledge_experience", "essential", "Knowledge of Health & Safety legislation", ("Interview",)
    )
    profile = _profile(1, crit)
    out = _render(tmp_path, profile)
    page = next(p for p in _pages(out) if "K1 — Essential criterion" in p and "Question" in p)
    assert "Section: Knowledge / experience" in page
    assert "Knowledge of Health & Safety legislation" in page  # the criterion exactly as written
    assert [i.id for i in build_question_set(profile).items if i.kind == CRITERION] == ["K1"]


# -- names in any script -------------------------------------------------------------------------------
WORLD = ["王小明", "佐藤 花子", "김민준", "Łukasz Żółć-Nguyễn", "Παπαδόπουλος", "Иванова"]


def _embedded(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {
        cols[0].split("+", 1)[-1]
        for cols in (line.split() for line in out.splitlines()[2:])
        if len(cols) >= 7 and cols[-5] == "yes"
    }


def test_names_in_chinese_japanese_korean_and_european_scripts_render_with_an_embedded_fallback(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics

    from interview_panel.exports.fonts import runs

    cands = [Candidate(f"C{k:03d}", n) for k, n in enumerate(WORLD, start=1)]
    packs = [(c, WORLD[(k + 1) % len(WORLD)]) for k, c in enumerate(cands)]
    out = _render(tmp_path, _profile(title="事務 Officer 佐藤"), packs, grid=cands)
    _qpdf_ok(out)
    pages = _pages(out)
    for n, (cand, member) in enumerate(packs, start=1):
        cover = next(p for p in pages if f"Pack {n}: {cand.reference} / {member}" in p)
        assert cand.name in cover and member in cover  # cover facts and the running header
    assert all("事務 Officer 佐藤" in p for p in pages)  # running title on every page
    assert all(name in pages[-1] for name in WORLD)  # chair's grid
    ((cjk_font, _),) = runs("王小明")
    ((hangul_font, _),) = runs("김민준")
    assert cjk_font and hangul_font
    embedded = _embedded(out)
    for font in (cjk_font, hangul_font):
        face = pdfmetrics.getFont(font).face.name
        assert (face.decode() if isinstance(face, bytes) else face) in embedded


def test_each_pack_has_a_guidance_page_minutes_on_each_question_and_a_checks_page(tmp_path: Path) -> None:
    crits = (
        Criterion(
            "K1",
            "knowledge_experience",
            "essential",
            "Experience of working on own initiative and organising own workload",
            ("Interview",),
        ),
        Criterion("O1", "other", "essential", "Holds a current full UK driving licence", ("Interview",)),
        Criterion("O2", "other", "essential", "Knowledge of court procedures", ("Interview",)),
    )
    profile = _profile(1, *crits)
    qs = build_question_set(profile)
    a, b = Candidate("A1", "Ann Example"), Candidate("B2", "Bo Example")
    out = _render(
        tmp_path,
        profile,
        [(a, "Sam Chair"), (b, "Sam Chair")],
        adjustments={"A1": "Needs a ground-floor room and extra reading time"},
        check_states={"B2": {"O1": "confirmed"}},
    )
    pages = _pages(out)
    guidance = [p for p in pages if "Guidance for the panel" in p]
    assert len(guidance) == 2
    for g in guidance:
        assert "Opening (the chair reads this aloud)" in g and "Probing without leading" in g
        assert "Conflict of interest declaration" in g and "Signature" in g and "Timing plan" in g
        assert f"Planned total (slot {qs.plan.slot_minutes} minutes)" in g
    assert "ground-floor room" in guidance[0] and "ground-floor room" not in " ".join(pages[1:]).replace(
        guidance[0], ""
    )  # on that candidate's guidance page only
    assert "None recorded." in guidance[1]
    item_pages = [p for p in pages if "about " in p and " minutes" in p and "Question" in p]
    assert any(f"about {qs.plan.minutes_for('ownership')} minutes" in p for p in item_pages)
    own = next(p for p in pages if "We take ownership — level 1" in p and "Also listen for" in p)
    assert "K1 Experience of working on own initiative" in own  # folded under ownership
    checks = [p for p in pages if "Pre-employment checks (the chair records these" in p]
    assert len(checks) == 2 and all("O1" in p and "driving licence" in p for p in checks)
    assert "✔" in checks[1] and "✔" not in checks[0]  # B2's recorded check, A1's boxes left to tick
    assert "O1 — Essential criterion" not in " ".join(pages)  # never an item page: not scored


def test_the_chair_grid_has_room_for_the_rationale(tmp_path: Path) -> None:
    out = _render(tmp_path, _profile(1), [], grid=[Candidate("C1", "Cat Example")])
    grid = _pages(out)[-1]
    assert "Rationale:" in grid and "where the panel disagreed" in grid
