"""A sample campaign for trying the app (``interview-panel --demo``), and a role profile built in code.

``create_demo_campaign`` is deterministic: the same database content every time (seeded random), apart from
timestamps. Everything is fictional.
"""

from __future__ import annotations

import importlib.resources
import random
from pathlib import Path

from ..domain.errors import InterviewPanelError
from ..domain.framework import BY_SLUG, CVF_2016, VALUES
from ..domain.profile import Behaviour, Criterion, RoleProfile
from ..domain.scoring import flags
from .campaigns import add_member, create_campaign, import_candidates, list_candidates
from .moderation import agree_unflagged_at_median, moderate
from .scoring import record_score, submit
from .store import Store, context

DEMO_PANEL: tuple[tuple[str, bool], ...] = (
    ("Insp. Priya Raman", True),
    ("Gareth Llewellyn", False),
    ("Aoife Byrne", False),
)
DEMO_NAME = "Demo: Supervisor recruitment, spring 2026"
_PROFILE_FILES = (
    "sample_supervisor_l2.docx",
    "sample_supervisor_l2.txt",
    "sample_admin_l1.docx",
    "sample_admin_l1.txt",
)
_CRITERION_TOPICS = (
    "Experience of supervising a small team in a busy public-facing setting",
    "Knowledge of data protection duties when handling personal information",
    "Experience of planning rotas so that cover is kept at all times",
    "Ability to write clear, accurate reports for managers and partners",
    "Experience of resolving complaints from members of the public",
    "Knowledge of health and safety responsibilities for a team",
    "Experience of using case management or records systems accurately",
    "Ability to prioritise competing deadlines without losing quality",
    "Experience of coaching colleagues to improve their performance",
    "Knowledge of equality and diversity duties in service delivery",
    "Experience of managing a small budget or stock of equipment",
    "Ability to handle sensitive information with discretion",
    "Experience of working with partner agencies to solve a shared problem",
    "Experience of introducing a change to a working practice",
    "Ability to stay calm and effective when under pressure",
    "Knowledge of performance management processes",
    "Experience of running team briefings or meetings",
    "Willingness to work flexible hours, including some weekends",
    "Experience of checking the quality of others' work",
    "Ability to use spreadsheets to track and report performance",
)


def synthetic_profile(
    *,
    behaviours: int = 6,
    criteria: int = 18,
    level: int = 2,
    framework: str = CVF_2016,
    desirable_every: int = 4,
    title: str = "Team Supervisor (Synthetic)",
) -> RoleProfile:
    """A fictional role profile built in code: ``behaviours`` (up to six) at ``level`` plus ``criteria`` interview
    criteria (every ``desirable_every``-th one desirable) and the framework's values.

    With the defaults that is 6 + 18 + 1 = 25 assessment items (the design's large-campaign scale).
    """
    behs = tuple(
        Behaviour(c.slug, c.name(framework), c.cluster, level, ("Application Form", "Interview"))
        for c in list(BY_SLUG.values())[:behaviours]
    )
    crits = []
    counts = {"K": 0}
    for n in range(criteria):
        counts["K"] += 1
        topic = _CRITERION_TOPICS[n % len(_CRITERION_TOPICS)]
        if n >= len(_CRITERION_TOPICS):
            topic = f"{topic} (part {n // len(_CRITERION_TOPICS) + 1})"
        req = "desirable" if desirable_every and (n + 1) % desirable_every == 0 else "essential"
        crits.append(
            Criterion(f"K{counts['K']}", "knowledge_experience", req, topic, ("Application Form", "Interview"))
        )
    return RoleProfile(
        source=None,
        framework=framework,
        post_title=title,
        grade="SO1",
        job_evaluation="2001",
        location="Force headquarters",
        responsible_to="Operations Manager",
        job_purpose="Lead a small team that delivers a reliable service to the public.",
        key_responsibilities=(
            "Supervise the daily work of the team.",
            "Make sure records are accurate and kept safely.",
        ),
        behaviours=behs,
        values=VALUES[framework],
        criteria=tuple(crits),
        last_updated="January 2026",
    )


def _data_file(name: str) -> Path | None:
    try:
        p = Path(str(importlib.resources.files("interview_panel.sample_data") / name))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - running from an odd layout
        p = Path(__file__).resolve().parents[2] / "data" / name
    return p if p.exists() else None


def demo_profile() -> RoleProfile:
    """The sample supervisor profile (or the admin one) shipped with the app; a built one if neither reads."""
    from .profiles import load_profile

    for name in _PROFILE_FILES:
        path = _data_file(name)
        if path is None:
            continue
        try:
            return load_profile(path)
        except InterviewPanelError:
            continue
    return synthetic_profile(criteria=6)


def _panel_scores(rng: random.Random, ability: float, lo: int, hi: int, n: int) -> list[int]:
    return [max(lo, min(hi, round(ability + rng.uniform(-0.6, 0.6)))) for _ in range(n)]


_NOTES = (
    "Clear example with a measurable result.",
    "Relied on 'we' - probed for own actions.",
    "Good reflection on what they would change.",
    "Situation described; result vague.",
    "Strong evidence of supporting colleagues.",
)


def create_demo_campaign(store: Store) -> int:
    """A campaign with a dozen candidates (one interview day), a panel of three, and a realistic mix:
    five moderated, three submitted awaiting moderation (one with a flagged disagreement), two partly
    scored, two not started. Returns the campaign id."""
    csv_path = _data_file("demo_candidates.csv")
    if csv_path is None:  # pragma: no cover - the file ships with the package
        raise InterviewPanelError("the demo candidates file is missing from this installation")
    rng = random.Random(20260302)
    with store.batch():
        cid = create_campaign(store, profile=demo_profile(), name=DEMO_NAME, actor="demo")
        import_candidates(store, cid, csv_path, actor="demo")
        for name, is_chair in DEMO_PANEL:
            add_member(store, cid, name, chair=is_chair, actor="demo")
        members = [m for m, _ in DEMO_PANEL]
        chair = members[0]
        refs = [c.reference for c in list_candidates(store, cid)]
        ctx = store.read(lambda repo: context(store, repo, cid))
        items = [i.id for i in ctx.items]
        lo, hi = ctx.rules.scale.minimum, ctx.rules.scale.maximum
        for pos, ref in enumerate(refs):
            if pos >= 10:
                break  # the last two are not started
            ability = rng.uniform(2.2, 4.6)
            partial = pos >= 8
            flagged_item = items[pos % len(items)] if pos == 5 else None
            for m_index, member in enumerate(members):
                if partial and m_index == 2:
                    continue
                for i_index, item in enumerate(items):
                    if partial and m_index == 1 and i_index >= len(items) // 2:
                        break
                    score = _panel_scores(rng, ability, lo, hi, 1)[0]
                    if item == flagged_item:
                        score = (lo + 1, lo + 3, hi)[m_index]  # a wide spread the chair must discuss
                    note = rng.choice(_NOTES) if rng.random() < 0.3 else None
                    record_score(store, cid, candidate=ref, member=member, item=item, score=score, note=note)
                if not partial or m_index == 0:
                    submit(store, cid, candidate=ref, member=member)
            if pos < 5:
                agree_unflagged_at_median(store, cid, candidate=ref, actor=chair)
                _settle_flagged(store, cid, ref, items, chair)
    return cid


def _settle_flagged(store: Store, cid: int, ref: str, items: list[str], chair: str) -> None:
    """Agree the flagged items of a candidate the way a chair would: a reasoned score near the middle."""
    from .scoring import member_scores

    rules = store.read(lambda repo: context(store, repo, cid)).rules
    for item in items:
        panel = [member_scores(store, cid, candidate=ref, member=m)[item].score for m, _ in DEMO_PANEL]
        panel_ok = [s for s in panel if s is not None]
        if not flags(panel_ok, rules):
            continue
        agreed = sorted(panel_ok)[len(panel_ok) // 2]
        moderate(
            store,
            cid,
            candidate=ref,
            item=item,
            score=agreed,
            actor=chair,
            rationale="Panel discussed the evidence; the middle score reflects the example given.",
        )


__all__ = ["create_demo_campaign", "demo_profile", "synthetic_profile"]
