"""Use cases for role profiles: load one from a file, and describe it for a chair to check.

``load_profile(path)`` reads ``.txt`` (Word or LibreOffice text exports, any Windows encoding), ``.docx`` or ``.pdf``
and returns a :class:`RoleProfile`; anything that is not a readable role profile raises
:class:`~interview_panel.domain.errors.ProfileImportError` with one line naming the file.
``profile_summary(profile)`` is the plain-text view ``interview-panel profile show FILE`` prints.
"""

from __future__ import annotations

import textwrap
from os import PathLike

from ..domain.profile import SECTION_TITLES, SECTIONS, RoleProfile
from ..importing import document_text, import_profile

_WIDTH = 100


def load_profile(path: str | PathLike[str]) -> RoleProfile:
    """The role profile in ``path`` (.txt or .docx). Raises ProfileImportError when it is not one."""
    return import_profile(path)


def profile_source_text(path: str | PathLike[str]) -> str:
    """The document's text as the importer reads it (shown beside the parsed form)."""
    return document_text(path)


def _methods(methods: tuple[str, ...]) -> str:
    return " / ".join(methods) if methods else "(method not stated)"


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=_WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent)) or [
        indent.rstrip()
    ]


def profile_summary(profile: RoleProfile) -> str:
    """A plain-text summary a chair can check at a glance.

    Header fields (post, grade, JE, location, responsible to), each behaviour with its level and how it is
    identified, the criteria by section with E/D and methods, and at the end the list of what will be
    asked at interview: behaviours and criteria identified by Interview, and the values. Missing fields
    read "(not given)". Ends with a newline.
    """

    def field(label: str, value: str | None) -> str:
        return f"{label:<16}{value if value else '(not given)'}"

    lines = [
        field("Post:", profile.post_title),
        field("Grade:", profile.grade),
        field("JE:", profile.job_evaluation),
        field("Location:", profile.location),
        field("Responsible to:", profile.responsible_to),
        field("Framework:", profile.framework),
        field("Last updated:", profile.last_updated),
    ]
    if profile.source is not None:
        lines.append(field("Source:", f"{profile.source.file} (sha256 {profile.source.sha256[:12]}…)"))
    if profile.warnings:
        lines.append("")
        lines.append("Warnings:")
        lines.extend(f"  ! {w}" for w in profile.warnings)
    lines.append("")
    lines.append(f"Key responsibilities: {len(profile.key_responsibilities)}")
    lines.append("")
    lines.append(f"Behaviours ({len(profile.behaviours)}):")
    for b in profile.behaviours:
        lines.append(f"  {b.name:<36} level {b.level}   by {_methods(b.identified_by)}")
    if not profile.behaviours:
        lines.append("  (none found)")
    lines.append("")
    lines.append(f"Criteria ({len(profile.criteria)}):")
    for section in SECTIONS:
        crits = profile.criteria_in(section)
        if not crits:
            continue
        lines.append(f"  {SECTION_TITLES[section]}")
        for c in crits:
            tag = "E" if c.essential else "D"
            lines.extend(_wrap(c.text, f"    {c.id:<4}{tag}  "))
            lines.append(f"{'':10}by {_methods(c.identified_by)}")
    if not profile.criteria:
        lines.append("  (none found)")
    lines.append("")
    lines.append(f"Values: {', '.join(profile.values) if profile.values else '(none found)'}")
    lines.append("")

    at_b = [b for b in profile.behaviours if b.at_interview]
    at_c = [c for c in profile.criteria if c.at_interview]
    lines.append(
        f"Asked at interview ({len(at_b)} behaviours, {len(at_c)} criteria{', values' if profile.values else ''}):"
    )
    for b in at_b:
        lines.append(f"  - {b.name} (level {b.level})")
    for c in at_c:
        lines.append(f"  - {c.id} {'E' if c.essential else 'D'} {_short(c.text)}")
    if profile.values:
        lines.append(f"  - Values: {', '.join(profile.values)}")
    if not (at_b or at_c or profile.values):
        lines.append("  (nothing)")
    not_b = [b for b in profile.behaviours if not b.at_interview]
    not_c = [c for c in profile.criteria if not c.at_interview]
    if not_b or not_c:
        lines.append("")
        lines.append(f"Not asked at interview ({len(not_b) + len(not_c)}):")
        for b in not_b:
            lines.append(f"  - {b.name} (level {b.level}) by {_methods(b.identified_by)}")
        for c in not_c:
            lines.append(f"  - {c.id} {'E' if c.essential else 'D'} {_short(c.text)} by {_methods(c.identified_by)}")
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
