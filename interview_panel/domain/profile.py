"""A role profile as published by a force, after import: the contract behind ``profile show --json``."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .framework import BY_SLUG, CVF_2016, FRAMEWORKS, LEVELS

SCHEMA = "interview-panel/role-profile/1"

SECTIONS = ("qualification", "knowledge_experience", "other")
SECTION_PREFIX = {"qualification": "Q", "knowledge_experience": "K", "other": "O"}
SECTION_TITLES = {
    "qualification": "Qualifications",
    "knowledge_experience": "Knowledge / experience",
    "other": "Other",
}
REQUIREMENTS = ("essential", "desirable")
INTERVIEW = "interview"


def is_interview(methods: tuple[str, ...] | list[str]) -> bool:
    """True when one method *is* "Interview" (case-insensitive), not merely mentions the word."""
    return any(m.strip().casefold() == INTERVIEW for m in methods)


@dataclass(frozen=True)
class Source:
    file: str
    sha256: str


@dataclass(frozen=True)
class Behaviour:
    competency: str  # contract slug, see framework.COMPETENCIES
    name: str
    cluster: str
    level: int
    identified_by: tuple[str, ...] = ("Interview",)

    @property
    def at_interview(self) -> bool:
        return is_interview(self.identified_by)

    def to_json(self) -> dict[str, Any]:
        return {
            "competency": self.competency,
            "name": self.name,
            "cluster": self.cluster,
            "level": self.level,
            "identified_by": list(self.identified_by),
        }


@dataclass(frozen=True)
class Criterion:
    id: str
    section: str
    requirement: str
    text: str
    identified_by: tuple[str, ...] = ()

    @property
    def at_interview(self) -> bool:
        return is_interview(self.identified_by)

    @property
    def essential(self) -> bool:
        return self.requirement == "essential"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "requirement": self.requirement,
            "text": self.text,
            "identified_by": list(self.identified_by),
        }


@dataclass(frozen=True)
class RoleProfile:
    source: Source | None
    framework: str = CVF_2016
    post_title: str | None = None
    grade: str | None = None
    job_evaluation: str | None = None
    location: str | None = None
    responsible_to: str | None = None
    job_purpose: str | None = None
    key_responsibilities: tuple[str, ...] = ()
    behaviours: tuple[Behaviour, ...] = ()
    values: tuple[str, ...] = ()
    criteria: tuple[Criterion, ...] = field(default_factory=tuple)
    progression: str | None = None
    last_updated: str | None = None
    warnings: tuple[str, ...] = ()  # what the import could not read (plain sentences); see read_warnings()

    # -- queries -------------------------------------------------------------------------------
    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def behaviour(self, slug: str) -> Behaviour | None:
        return next((b for b in self.behaviours if b.competency == slug), None)

    def criteria_in(self, section: str) -> list[Criterion]:
        return [c for c in self.criteria if c.section == section]

    def problems(self) -> list[str]:
        """Reasons this is not a usable role profile (empty when it is)."""
        out = []
        if not self.post_title:
            out.append("no post title found")
        if not self.behaviours and not self.criteria:
            out.append("no behaviours or criteria found")
        if self.framework not in FRAMEWORKS:
            out.append(f"unknown framework {self.framework!r}")
        for b in self.behaviours:
            if b.competency not in BY_SLUG:
                out.append(f"unknown competency {b.competency!r}")
            if b.level not in LEVELS:
                out.append(f"{b.name}: level {b.level} is not 1, 2 or 3")
        return out

    # -- edits (the chair corrects what the import got wrong) ------------------------------------
    def with_changes(self, **changes: Any) -> RoleProfile:
        return replace(self, **changes)

    def renumbered(self) -> RoleProfile:
        """Give criteria contract ids Q1.., K1.., O1.. in their current order (after edits)."""
        counters = dict.fromkeys(SECTIONS, 0)
        out = []
        for c in self.criteria:
            counters[c.section] += 1
            out.append(replace(c, id=f"{SECTION_PREFIX[c.section]}{counters[c.section]}"))
        return replace(self, criteria=tuple(out))

    # -- JSON contract -------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": None if self.source is None else {"file": self.source.file, "sha256": self.source.sha256},
            "framework": self.framework,
            "post_title": self.post_title,
            "grade": self.grade,
            "job_evaluation": self.job_evaluation,
            "location": self.location,
            "responsible_to": self.responsible_to,
            "job_purpose": self.job_purpose,
            "key_responsibilities": list(self.key_responsibilities),
            "behaviours": [b.to_json() for b in self.behaviours],
            "values": list(self.values),
            "criteria": [c.to_json() for c in self.criteria],
            "progression": self.progression,
            "last_updated": self.last_updated,
            **({"warnings": list(self.warnings)} if self.warnings else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoleProfile:
        src = data.get("source")
        return cls(
            source=Source(src["file"], src["sha256"]) if src else None,
            framework=data.get("framework") or CVF_2016,
            post_title=data.get("post_title"),
            grade=data.get("grade"),
            job_evaluation=data.get("job_evaluation"),
            location=data.get("location"),
            responsible_to=data.get("responsible_to"),
            job_purpose=data.get("job_purpose"),
            key_responsibilities=tuple(data.get("key_responsibilities") or ()),
            behaviours=tuple(
                Behaviour(b["competency"], b["name"], b["cluster"], int(b["level"]), tuple(b["identified_by"]))
                for b in data.get("behaviours") or ()
            ),
            values=tuple(data.get("values") or ()),
            criteria=tuple(
                Criterion(c["id"], c["section"], c["requirement"], c["text"], tuple(c["identified_by"]))
                for c in data.get("criteria") or ()
            ),
            progression=data.get("progression"),
            last_updated=data.get("last_updated"),
            warnings=tuple(data.get("warnings") or ()),
        )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def read_warnings(profile: RoleProfile) -> tuple[str, ...]:
    """Plain sentences saying what a profile still lacks for an interview plan (empty when nothing does).

    Used by the importer (the ``warnings`` key of the JSON contract) and by the profile editor, which
    recomputes them as the chair fills the gaps.
    """
    out = []
    if not profile.post_title:
        out.append("No post title found: enter it in the editor")
    if not profile.behaviours:
        out.append("No CVF behaviours found: add them in the editor")
    no_method_b = sum(1 for b in profile.behaviours if not b.identified_by)
    if no_method_b:
        out.append(
            f"{_count(no_method_b, 'behaviour has', 'behaviours have')} no assessment method: set one in the editor"
        )
    if not profile.criteria:
        out.append("No essential or desirable criteria found: add them in the editor")
    no_method_c = sum(1 for c in profile.criteria if not c.identified_by)
    if no_method_c:
        out.append(f"{_count(no_method_c, 'criterion has', 'criteria have')} no assessment method")
    if not profile.values:
        out.append("No police values found")
    return tuple(out)
