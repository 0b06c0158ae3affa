"""Criterion questions a chair can read aloud, over every criterion in the samples and seeds and over the
realistic criteria in tests/data/criteria_forms.txt. One test per defect class; each has a twin test showing
that its check catches the defect when it is put back (the broken texts reviewers found in earlier packs)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from interview_panel.domain import criterion_questions as CQ
from interview_panel.domain.framework import COMPETENCIES, CVF_2016, VALUES_2016
from interview_panel.domain.items import CRITERION
from interview_panel.domain.profile import Behaviour, Criterion, RoleProfile
from interview_panel.services.profiles import load_profile
from interview_panel.services.questions import build_question_set, place_criterion
from tests.conftest import DATA, real_profiles

FORMS = Path(__file__).resolve().parents[1] / "data" / "criteria_forms.txt"
STOP = {
    "the",
    "and",
    "with",
    "within",
    "of",
    "to",
    "in",
    "a",
    "an",
    "or",
    "for",
    "on",
    "at",
    "by",
    "as",
    "its",
    "that",
    "this",
    "those",
    "these",
    "which",
    "where",
    "including",
    "such",
    "must",
    "possess",
    "experience",
    "knowledge",
    "ability",
    "willing",
    "approach",
    "demonstrates",
    "demonstrate",
    "demonstrable",
    "holds",
    "hold",
    "able",
    "proven",
    "recent",
    "relevant",
    "significant",
    "substantial",
    "good",
    "sound",
    "working",
    "has",
    "have",
    "be",
    "is",
    "are",
    "will",
    "successful",
    "thorough",
    "basic",
    "detailed",
    "clear",
    "comprehensive",
    "full",
    "general",
    "practical",
    "extensive",
    "considerable",
    "wide",
    "broad",
    "capable",
    "prepared",
    "willingness",
    "readiness",
    "ready",
    "possesses",
    "appreciation",
    "using",
    "awareness",
    "understanding",
    "demonstrated",
    "previous",
    "solid",
    "strong",
    "proof",
    "evidence",
    "record",
}


def _written() -> list[str]:
    return [
        line.strip()
        for line in FORMS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _profiled() -> list[str]:
    out = []
    for path in sorted(DATA.glob("sample_*.txt")) + real_profiles():
        out += [c.text for c in load_profile(path).criteria]
    return out


ALL = _written() + _profiled()


def _generated(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return CQ.criterion_text(text)


def _everything(text: str) -> list[str]:
    q, probes, pos, neg, anchors = _generated(text)
    return [q, *probes, *pos, *neg, *anchors]


def test_the_written_criteria_are_many_and_cover_every_form() -> None:
    written = _written()
    assert len(written) >= 80
    kinds = {CQ.classify(t).kind for t in written}
    assert kinds >= {
        "experience",
        "knowledge",
        "ability",
        "willing",
        "approach",
        "hold",
        "skilled",
        "skills",
        "trait",
        "verb",
        "statement",
        "evidence",
        "towards",
    }
    assert len(_profiled()) >= 40


# -- 1. nothing cut off ------------------------------------------------------------------------------------------
CUT = re.compile(r"\u2026|\.\.\.")


def _cut_off(texts: list[str]) -> list[str]:
    return [t for t in texts if CUT.search(t)]


@pytest.mark.parametrize("text", ALL)
def test_nothing_is_cut_off(text: str) -> None:
    assert not _cut_off(_everything(text))
    q, probes, *_ = _generated(text)
    spoken = (q + " " + " ".join(probes)).casefold()
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]{3,}", CQ.clean_phrase(text)) if w.casefold() not in STOP]
    missing = [w for w in words if w.casefold()[: max(3, len(w) - 3)] not in spoken]  # "Manages" -> "manage"
    assert not missing, f"{missing} dropped from {q!r}"


def test_the_cut_off_check_catches_an_ellipsis() -> None:
    assert _cut_off(["How did you make sure the work on taking minutes of meetings and producing\u2026 was accurate?"])


# -- 2. no doubled words or repeated phrases --------------------------------------------------------------------
def _repeats(question: str) -> list[str]:
    words = re.findall(r"[a-z']+", question.casefold())
    doubled = [a for a, b in itertools.pairwise(words) if a == b]
    doubled += [w for i, w in enumerate(words) if len(w) >= 6 and w in words[i + 1 : i + 4]]  # "evidence for evidence"
    grams = [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]
    return doubled + sorted({g for g in grams if grams.count(g) > 1})


@pytest.mark.parametrize("text", ALL)
def test_no_doubled_words_or_repeated_phrases(text: str) -> None:
    q, probes, pos, neg, anchors = _generated(text)
    own = set(_repeats(CQ.clean_phrase(text)))  # "emergency and non-emergency calls" is the profile's own
    for t in (q, *probes, *pos, *neg, *anchors):
        assert not set(_repeats(t)) - own, t


def test_the_repeat_check_catches_the_old_defects() -> None:
    assert _repeats("What would you do if asked at short notice at short notice?")
    assert _repeats("Please give us your evidence for evidence of training.")
    assert _repeats("This post needs a a commitment to learning.")


# -- 3. verb-, adjective-, skill- and holding-led criteria read naturally ----------------------------------------
BROKEN_GRAMMAR = re.compile(
    r"\b(?:a|an|for|of) (?:holds?|possess(?:es)?|demonstrates?|be|able|is|are|has)\b|"
    r"\bto (?:holds|possesses|demonstrates|has|is|are|able|using|being able)\b|\bthe ability to (?:be )?able\b|"
    r"\bexperience of experience\b|\basks for (?:excellent|strong|good|highly|well)\b|\bneeds (?:skilled|proficient)\b",
    re.I,
)


@pytest.mark.parametrize("text", ALL)
def test_verb_adjective_skill_and_holding_criteria_read_as_english(text: str) -> None:
    q, _probes, pos, neg, anchors = _generated(text)
    for t in (q, *pos, *neg, *anchors):
        assert not BROKEN_GRAMMAR.search(t), t
    assert q[0].isupper() and q.endswith(("?", ".")), q
    assert not re.search(r"\b(the|a|an|of|to)\s*[.?,]", q, re.I), q


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Be able to lift and carry equipment weighing up to 20 kg", "the ability to lift and carry equipment"),
        ("Holds a current full UK driving licence", "to hold a current full UK driving licence"),
        ("Skilled in the use of Excel, including pivot tables and formulas", "someone skilled in the use of Excel"),
        ("Excellent communication skills, both written and verbal", "This post needs excellent communication skills"),
        ("Communicates clearly with people at all levels", "had to communicate clearly with people at all levels"),
        ("Capable of using initiative to solve problems", "the ability to use initiative to solve problems"),
        (
            "Holds, or is working towards, a CIPD qualification",
            "a CIPD qualification, or for you to be working towards",
        ),
        ("Well organised, methodical and accurate", "someone well organised, methodical and accurate"),
    ],
)
def test_each_form_reads_as_a_chair_would_say_it(text: str, expected: str) -> None:
    assert expected in _generated(text)[0]


def test_the_grammar_check_catches_the_old_defects() -> None:
    assert BROKEN_GRAMMAR.search("This post asks for a holds a current licence.")
    assert BROKEN_GRAMMAR.search("This post needs the ability to be able to lift.")
    assert BROKEN_GRAMMAR.search("This post asks for excellent communication skills.")


# -- 4. a list reads as a list, or becomes several questions ---------------------------------------------------
@pytest.mark.parametrize("text", ALL)
def test_lists_read_as_lists(text: str) -> None:
    q, _probes, *_ = _generated(text)
    assert "&" not in q and not re.search(r"[A-Za-z]\s*/\s*[A-Za-z]", q), q
    assert "i.e" not in q.lower() and "e.g" not in q.lower(), q


def test_slashes_become_a_spoken_list_and_a_long_list_becomes_several_questions() -> None:
    q = _generated("Intermediate typing/word processing/audio qualification")[0]
    assert "typing, word processing or audio qualification" in q
    long = "Experience of " + ", ".join(
        f"coordinating safeguarding meeting number {n} with partner agencies" for n in range(8)
    )
    q, probes, *_ = _generated(long)
    assert len(q.split()) <= CQ.MAX_WORDS
    follow = [p for p in probes if p.startswith("What about your experience of coordinating")]
    assert follow, probes  # the rest of the list is asked, not dropped
    for n in range(8):
        assert f"number {n} " in q + " ".join(probes)


def test_the_list_check_catches_slashes_and_ampersands() -> None:
    with pytest.raises(AssertionError):
        assert "&" not in "Tell us about Health & Safety."
    assert re.search(r"[A-Za-z]\s*/\s*[A-Za-z]", "administrative/clerical")


# -- 5. probes fit the criterion -----------------------------------------------------------------------------------
ACCURACY = re.compile(r"\baccura|\bon time\b|\bdeadline", re.I)
ACCURACY_WORDS = re.compile(
    r"\baccura|\bdetail|\berror|\bdeadline|\btimely|\bon time|\bquickly|\bpriorit|\btime\b", re.I
)


def _probe_misfits(text: str, probes: tuple[str, ...]) -> list[str]:
    return [p for p in probes if ACCURACY.search(p) and not ACCURACY_WORDS.search(text)]


@pytest.mark.parametrize("text", ALL)
def test_probes_fit_the_criterion(text: str) -> None:
    _q, probes, *_ = _generated(text)
    assert 2 <= len(probes) <= 6
    assert not _probe_misfits(text, probes), probes


def test_criteria_of_one_kind_get_different_probes() -> None:
    experience = [t for t in _written() if CQ.classify(t).kind == "experience"]
    probe_sets = {_generated(t)[1] for t in experience}
    assert len(probe_sets) >= len(experience) // 2


def test_the_probe_check_catches_the_stock_accuracy_probe() -> None:
    assert _probe_misfits(
        "Experience of dealing with members of the public",
        ("How did you make sure the work on dealing with members of the public was accurate and on time?",),
    )


# -- 6. no invitation to disclose protected characteristics or caring responsibilities ---------------------------
DISCLOSURE = re.compile(
    r"\b(?:other|personal|family|outside) commitments\b|\bcaring\b|\bchildcare\b|\bchildren\b|"
    r"\bfamily\b|\bpersonal circumstances\b|\byour health\b|\bdisabilit|\bpregnan|\bhow old\b|"
    r"\bage\b|\breligio|\bmarried\b|\bpartner\b|\bdependants\b|\bhome life\b",
    re.I,
)


def _disclosures(text: str, generated: list[str]) -> list[str]:
    own = {m.group(0).casefold() for m in DISCLOSURE.finditer(text)}
    return [t for t in generated for m in DISCLOSURE.finditer(t) if m.group(0).casefold() not in own]


@pytest.mark.parametrize("text", ALL)
def test_nothing_invites_disclosure(text: str) -> None:
    assert not _disclosures(text, _everything(text))


def test_the_disclosure_check_catches_other_commitments() -> None:
    assert _disclosures("A flexible approach to working hours", ["How would you fit it around your other commitments?"])


# -- 7. no indicator rewards "recent" experience -------------------------------------------------------------------
@pytest.mark.parametrize("text", ALL)
def test_nothing_rewards_recent_experience(text: str) -> None:
    recent = re.compile(r"\brecent|\bdated\b|\bup to date\b", re.I)
    own = {m.group(0).casefold() for m in recent.finditer(CQ.clean_phrase(text).replace("Recent experience", ""))}
    q, probes, pos, neg, anchors = _generated(text)
    assert not [t for t in (*pos, *neg, *anchors) for m in recent.finditer(t)]  # indicators: never
    assert not [t for t in (q, *probes) for m in recent.finditer(t) if m.group(0).casefold() not in own]


def test_the_recent_check_catches_the_old_probe() -> None:
    assert re.search(r"\brecent", "When and where did you gain this experience, and how recent is it?")


# -- 8. 45 words at most ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ALL)
def test_questions_are_45_words_at_most(text: str) -> None:
    assert len(_generated(text)[0].split()) <= CQ.MAX_WORDS


# -- 9. the criterion's key words, 10. no two items share a question ---------------------------------------------
def _key_words(text: str) -> list[str]:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", CQ.clean_phrase(text)) if w.casefold() not in STOP]
    return sorted(dict.fromkeys(words), key=lambda w: (-len(w), w))[:3]


@pytest.mark.parametrize("text", ALL)
def test_each_question_contains_its_criterions_key_words(text: str) -> None:
    q, probes, *_ = _generated(text)
    spoken = (q + " " + " ".join(probes)).casefold()
    for w in _key_words(text):
        assert w.casefold()[: max(3, len(w) - 3)] in spoken, (w, q)  # "Manages" is asked as "manage"


def test_no_two_items_share_a_question_even_when_every_criterion_is_asked() -> None:
    written = _written()
    criteria = tuple(
        Criterion(f"K{n}", "knowledge_experience", "essential", t, ("Interview",))
        for n, t in enumerate(written + written[:5], start=1)
    )  # five criteria appear twice
    profile = RoleProfile(
        source=None,
        framework=CVF_2016,
        post_title="Test Post",
        grade=None,
        behaviours=tuple(Behaviour(c.slug, c.name(CVF_2016), c.cluster, 1, ("Interview",)) for c in COMPETENCIES),
        values=VALUES_2016,
        criteria=criteria,
    )
    qs = build_question_set(profile)
    for c in criteria:
        if qs.item(c.id) is None:
            qs = place_criterion(qs, profile, c.id, "asked")
    assert sum(1 for i in qs.items if i.kind == CRITERION) == len(criteria)
    texts = [qs.question(i.id).text.casefold() for i in qs.items]
    assert len(texts) == len(set(texts))
