"""Campaign use cases: create, list, read, edit before scoring, candidates and the panel.

Every change is one write transaction and is appended to the audit log. Items, questions and rules are
frozen once the first score is recorded (``Campaign.scoring_started``): edits are then refused.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.campaign import Campaign, Candidate, Member
from ..domain.errors import RefusedError, ValidationError
from ..domain.items import QuestionSet
from ..domain.profile import RoleProfile
from ..domain.scoring import ScoringRules
from ..storage import Repository
from .campaign_list import CampaignSummary, list_campaigns  # noqa: F401 - part of this module's API
from .store import (Store, campaign_from_row, dumps, load_campaign, now, profile_sha256, question_set_to_json)


@dataclass
class CandidateFile:
    """A parsed candidates file: the good rows, and (line number, problem) for every bad one."""

    rows: list[Candidate] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the line each row came from


# -- campaigns ------------------------------------------------------------------------------------------
def _check_question_set(qs: QuestionSet) -> None:
    if not qs.items:
        raise ValidationError("the campaign needs at least one item assessed at interview")
    ids = [i.id for i in qs.items]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValidationError(f"item ids must be unique (repeated: {', '.join(dup)})")
    missing = [i for i in ids if i not in qs.questions]
    if missing:
        raise ValidationError(f"every item needs a question (none for {', '.join(missing)})")


def _check_rules(rules: ScoringRules) -> None:
    problems = rules.problems()
    if problems:
        raise ValidationError("scoring rules: " + "; ".join(problems))


def _item_rows(qs: QuestionSet) -> list[tuple[str, str, str]]:
    return [(i.id, i.kind, i.text) for i in qs.items]


def create_campaign(store: Store, *, profile: RoleProfile, name: str, rules: ScoringRules | None = None,
                    question_set: QuestionSet | None = None, actor: str = "chair") -> int:
    """Create a campaign from a role profile (frozen copy + sha256); items come from the question set."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("a campaign needs a name")
    rules = rules or ScoringRules()
    _check_rules(rules)
    if question_set is None:
        from .questions import build_question_set

        question_set = build_question_set(profile)
    _check_question_set(question_set)
    sha = profile_sha256(profile)
    at = now().isoformat()

    def action(repo: Repository) -> int:
        cid = repo.insert_campaign(name=name, created_at=at, profile_json=dumps(profile.to_json()),
                                   profile_sha256=sha, rules_json=dumps(rules.to_json()),
                                   question_set_json=dumps(question_set_to_json(question_set)))
        repo.replace_items(cid, _item_rows(question_set))
        repo.append_audit(at=at, actor=actor, action="campaign", target=name, campaign_id=cid,
                          new=f"{profile.post_title or 'untitled post'}; profile sha256 {sha}; items "
                              + ", ".join(i.id for i in question_set.items))
        return cid

    return store.write(action)


def get_campaign(store: Store, campaign_id: int) -> Campaign:
    return store.read(lambda repo: load_campaign(repo, campaign_id))


def _refuse_if_started(c: Campaign, what: str) -> None:
    if c.scoring_started:
        raise RefusedError(f"campaign {c.id}: scoring has started, so the {what} can no longer be changed")


def _audit_question_set(repo: Repository, cid: int, old: QuestionSet, new: QuestionSet, actor: str, at: str) -> None:
    """One audit row per item added, dropped or reworded, per question changed, and for a new order."""
    old_items = {i.id: i for i in old.items}
    new_items = {i.id: i for i in new.items}
    for iid in old_items.keys() - new_items.keys():
        repo.append_audit(at=at, actor=actor, action="item", target=iid, campaign_id=cid, item=iid,
                          old=old_items[iid].text, new=None)
    for it in new.items:
        prev = old_items.get(it.id)
        if prev is None:
            repo.append_audit(at=at, actor=actor, action="item", target=it.id, campaign_id=cid, item=it.id,
                              old=None, new=it.text)
        elif prev.text != it.text:
            repo.append_audit(at=at, actor=actor, action="item", target=it.id, campaign_id=cid, item=it.id,
                              old=prev.text, new=it.text)
        oq, nq = old.questions.get(it.id), new.questions.get(it.id)
        if (oq.text if oq else None) != (nq.text if nq else None) or (oq and nq and oq.probes != nq.probes):
            repo.append_audit(at=at, actor=actor, action="question", target=it.id, campaign_id=cid, item=it.id,
                              old=oq.text if oq else None, new=nq.text if nq else None)
    old_order = [i.id for i in old.items if i.id in new_items]
    new_order = [i.id for i in new.items if i.id in old_items]
    if old_order != new_order:
        repo.append_audit(at=at, actor=actor, action="items", target="order", campaign_id=cid,
                          old=", ".join(i.id for i in old.items), new=", ".join(i.id for i in new.items))


def update_profile(store: Store, cid: int, profile: RoleProfile, *, actor: str) -> Campaign:
    """Replace the role profile and rebuild items and questions from it. Refused once scoring started."""
    from .questions import build_question_set

    qs = build_question_set(profile)
    _check_question_set(qs)
    sha = profile_sha256(profile)
    at = now().isoformat()

    def action(repo: Repository) -> Campaign:
        c = load_campaign(repo, cid)
        _refuse_if_started(c, "role profile")
        repo.update_campaign(cid, profile_json=dumps(profile.to_json()), profile_sha256=sha,
                             question_set_json=dumps(question_set_to_json(qs)))
        repo.replace_items(cid, _item_rows(qs))
        repo.append_audit(at=at, actor=actor, action="profile", target=c.name, campaign_id=cid,
                          old=c.profile_sha256, new=sha)
        _audit_question_set(repo, cid, c.question_set, qs, actor, at)
        return load_campaign(repo, cid)

    return store.write(action)


def update_question_set(store: Store, cid: int, question_set: QuestionSet, *, actor: str) -> Campaign:
    """Replace items and questions (add, drop, reword, reorder). Refused once scoring started."""
    _check_question_set(question_set)
    at = now().isoformat()

    def action(repo: Repository) -> Campaign:
        c = load_campaign(repo, cid)
        _refuse_if_started(c, "items and questions")
        repo.update_campaign(cid, question_set_json=dumps(question_set_to_json(question_set)))
        repo.replace_items(cid, _item_rows(question_set))
        _audit_question_set(repo, cid, c.question_set, question_set, actor, at)
        return load_campaign(repo, cid)

    return store.write(action)


def update_rules(store: Store, cid: int, rules: ScoringRules, *, actor: str) -> Campaign:
    """Replace the scoring rules. Refused once scoring started."""
    _check_rules(rules)
    at = now().isoformat()

    def action(repo: Repository) -> Campaign:
        c = load_campaign(repo, cid)
        _refuse_if_started(c, "scoring rules")
        if c.rules != rules:
            repo.update_campaign(cid, rules_json=dumps(rules.to_json()))
            repo.append_audit(at=at, actor=actor, action="rules", target=c.name, campaign_id=cid,
                              old=dumps(c.rules.to_json()), new=dumps(rules.to_json()))
        return load_campaign(repo, cid)

    return store.write(action)


def rename_campaign(store: Store, cid: int, name: str, *, actor: str) -> Campaign:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("a campaign needs a name")

    def action(repo: Repository) -> Campaign:
        c = load_campaign(repo, cid)
        if c.name != name:
            repo.update_campaign(cid, name=name)
            repo.append_audit(at=now().isoformat(), actor=actor, action="campaign", target="name",
                              campaign_id=cid, old=c.name, new=name)
        return campaign_from_row(repo.campaign(cid) or {})

    return store.write(action)


# -- candidates file ------------------------------------------------------------------------------------
_SLOT_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%y %H:%M")


def parse_slot(value: object) -> datetime | None:
    """An interview slot: a datetime cell, an ISO date-time, or "dd/mm/yyyy HH:MM". Blank gives None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0) if value.tzinfo is None else value
    text = str(value).strip()
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text)
        if "T" in text or " " in text or ":" in text:
            return dt
    except ValueError:
        pass
    for fmt in _SLOT_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(f"slot {text!r} is not a date and time (use 2026-03-02T09:30 or 02/03/2026 09:30)")


def _read_rows(path: Path) -> list[tuple[int, list[object]]]:
    """(line number, cells) of every row of a CSV or XLSX file."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one line for the user
            raise ValidationError(f"{path.name}: not a readable Excel workbook ({exc.__class__.__name__})") from None
        try:
            ws = wb.worksheets[0]
            return [(n, list(r)) for n, r in enumerate(ws.iter_rows(values_only=True), start=1)]
        finally:
            wb.close()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"{path}: cannot read the candidates file ({exc.strerror or exc})") from None
    # Excel's "Unicode Text" and some HR exports are UTF-16 with a byte-order mark (tab-separated)
    encodings = ("utf-16",) if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else ("utf-8-sig", "cp1252")
    for enc in encodings:
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(f"{path.name}: starts like UTF-16 text but is not valid UTF-16 "
                              "(save it as CSV UTF-8 or as .xlsx)")
    if "\x00" in text:
        raise ValidationError(f"{path.name}: not a text CSV file (save it as CSV UTF-8 or as .xlsx)")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    out = []
    start = 1
    try:
        for row in reader:
            out.append((start, list(row)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError(f"{path.name}: line {reader.line_num}: {exc}") from None
    return out


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return " ".join(str(v).split())


def parse_candidates_file(path: str | os.PathLike[str]) -> CandidateFile:
    """Read ``reference,name[,slot]`` rows from .csv (UTF-8, UTF-8 with BOM, Windows-1252, UTF-16 with BOM;
    comma, semicolon or tab separated) or .xlsx.

    Every problem is reported with its line number; nothing is written anywhere.
    """
    path = Path(path)
    if not path.exists():
        raise ValidationError(f"{path}: no such candidates file")
    result = CandidateFile()
    rows = [(n, cells) for n, cells in _read_rows(path) if any(_cell(c) for c in cells)]
    if not rows:
        raise ValidationError(f"{path.name}: the file is empty (expected a header reference,name[,slot])")
    line, header = rows[0]
    names = [_cell(h).casefold() for h in header]
    while names and not names[-1]:
        names.pop()
    if names[:2] != ["reference", "name"] or names[2:] not in ([], ["slot"]):
        result.errors.append((line, "the header must be reference,name or reference,name,slot "
                                    f"(found {','.join(names) or 'nothing'})"))
        return result
    seen: dict[str, int] = {}
    for line, cells in rows[1:]:
        values = [_cell(c) for c in cells]
        raw = list(cells) + [None] * 3
        ref, name = (values + ["", ""])[:2]
        problems = []
        if not ref:
            problems.append("the reference is empty")
        if not name:
            problems.append("the name is empty")
        extra = [v for v in values[len(names):] if v]
        if extra:
            problems.append(f"unexpected extra value {extra[0]!r}")
        slot = None
        if len(names) == 3:
            try:
                slot = parse_slot(raw[2])
            except ValueError as exc:
                problems.append(str(exc))
        if ref and ref in seen:
            problems.append(f"reference {ref!r} is already on line {seen[ref]}")
        if problems:
            result.errors.append((line, "; ".join(problems)))
        else:
            seen[ref] = line
            result.rows.append(Candidate(ref, name, slot))
            result.lines.append(line)
    return result


def _errors_line(path: Path, errors: list[tuple[int, str]]) -> str:
    shown = "; ".join(f"line {n}: {msg}" for n, msg in errors[:20])
    more = f"; and {len(errors) - 20} more" if len(errors) > 20 else ""
    return f"{path.name}: {len(errors)} bad row(s), nothing imported: {shown}{more}"


def _slot_text(slot: datetime | None) -> str | None:
    return None if slot is None else slot.isoformat(timespec="minutes")


def _candidate_from_row(row: tuple[Any, ...]) -> Candidate:
    return Candidate(row[1], row[2], datetime.fromisoformat(row[3]) if row[3] else None)


def import_candidates(store: Store, cid: int, path: str | os.PathLike[str], *, actor: str = "chair") -> list[Candidate]:
    """Add every candidate in the file, or none: a bad row or a reference already in the campaign refuses all."""
    path = Path(path)
    parsed = parse_candidates_file(path)
    if parsed.errors:
        raise ValidationError(_errors_line(path, parsed.errors))
    if not parsed.rows:
        raise ValidationError(f"{path.name}: no candidates found under the header")
    at = now().isoformat()

    def action(repo: Repository) -> list[Candidate]:
        load_campaign(repo, cid)
        existing = repo.references(cid)
        clashes = [(n, f"reference {c.reference!r} is already in campaign {cid}")
                   for n, c in zip(parsed.lines, parsed.rows) if c.reference in existing]
        if clashes:
            raise ValidationError(_errors_line(path, clashes))
        repo.insert_candidates(cid, [(c.reference, c.name, _slot_text(c.slot)) for c in parsed.rows])
        for c in parsed.rows:
            repo.append_audit(at=at, actor=actor, action="candidate", target=c.reference, campaign_id=cid,
                              candidate=c.reference, new=_describe(c), reason=f"imported from {path.name}")
        return list(parsed.rows)

    return store.write(action)


def _describe(c: Candidate) -> str:
    return c.name + (f" ({_slot_text(c.slot)})" if c.slot else "")


def add_candidate(store: Store, cid: int, candidate: Candidate, *, actor: str = "chair") -> Candidate:
    """Add one candidate; the reference must be new in this campaign."""
    ref, name = _cell(candidate.reference), _cell(candidate.name)
    if not ref or not name:
        raise ValidationError("a candidate needs a reference and a name")
    c = Candidate(ref, name, candidate.slot)

    def action(repo: Repository) -> Candidate:
        load_campaign(repo, cid)
        if repo.candidate_id(cid, ref) is not None:
            raise ValidationError(f"reference {ref!r} is already in campaign {cid}")
        repo.insert_candidates(cid, [(ref, name, _slot_text(c.slot))])
        repo.append_audit(at=now().isoformat(), actor=actor, action="candidate", target=ref, campaign_id=cid,
                          candidate=ref, new=_describe(c))
        return c

    return store.write(action)


def update_candidate(store: Store, cid: int, reference: str, *, name: str, slot: datetime | None,
                     actor: str = "chair") -> Candidate:
    """Correct a candidate's name or interview slot (the reference never changes)."""
    name = _cell(name)
    if not name:
        raise ValidationError("a candidate needs a name")

    def action(repo: Repository) -> Candidate:
        row = repo.candidate(cid, reference)
        if row is None:
            raise ValidationError(f"unknown candidate {reference!r} in campaign {cid}")
        old = _candidate_from_row(row)
        new = Candidate(reference, name, slot)
        if old != new:
            repo.update_candidate(int(row[0]), name, _slot_text(slot))
            repo.append_audit(at=now().isoformat(), actor=actor, action="candidate", target=reference,
                              campaign_id=cid, candidate=reference, old=_describe(old), new=_describe(new))
        return new

    return store.write(action)


def list_candidates(store: Store, cid: int) -> list[Candidate]:
    """Candidates by interview slot (unscheduled last), then reference."""
    def query(repo: Repository) -> list[Candidate]:
        load_campaign(repo, cid)
        return [_candidate_from_row(r) for r in repo.candidates(cid)]

    return store.read(query)


# -- panel ----------------------------------------------------------------------------------------------
def add_member(store: Store, cid: int, name: str, *, chair: bool = False, actor: str = "chair") -> Member:
    """Add a panel member. A campaign has at most one chair: a second is refused."""
    name = _cell(name)
    if not name:
        raise ValidationError("a panel member needs a name")

    def action(repo: Repository) -> Member:
        load_campaign(repo, cid)
        if repo.member_id(cid, name) is not None:
            raise ValidationError(f"{name!r} is already on the panel of campaign {cid}")
        if chair:
            current = repo.chair(cid)
            if current is not None:
                raise RefusedError(f"campaign {cid} already has a chair ({current}); a panel has one chair")
        repo.insert_member(cid, name, chair)
        repo.append_audit(at=now().isoformat(), actor=actor, action="member", target=name, campaign_id=cid,
                          member=name, new="chair" if chair else "member")
        return Member(name, chair)

    return store.write(action)


def list_members(store: Store, cid: int) -> list[Member]:
    """The panel in the order members were added."""
    def query(repo: Repository) -> list[Member]:
        load_campaign(repo, cid)
        return [Member(n, bool(c)) for _, n, c in repo.members(cid)]

    return store.read(query)

