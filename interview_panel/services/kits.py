"""Several laptops: member kits out, signed score packs back, merged at the chair's database.

Keys (who holds what, and what the chair checks):

* The chair's database holds the campaign's identity: a random ``uid`` and an Ed25519 *campaign key*. The
  private half never leaves that database. Every member kit is signed with it, so a member's laptop can tell
  a newer kit from the same chair from anybody else's file.
* Each kit issues the member a fresh Ed25519 *member key*. Its private half travels only in that member's kit
  and is kept only in the database the kit opens into; the chair's database keeps the public half, under the
  member's name, with a key id.
* A score pack names its campaign (``uid``), its member and the key id, and is signed with the member key.
  On import the chair's database looks the key id up: it must be one it issued, to the member the pack names,
  for the campaign the pack names, and the signature must verify with it. A pack made on another member's
  laptop is signed with that other member's key, so it can never pass as this member's; a pack for another
  campaign names a uid this database does not hold; any changed or missing byte breaks the signature.
* Whoever holds a member's kit file (or their member database) holds that member's private key: hand kits
  over directly (a USB stick, not e-mail) and delete them once opened.

Only *submitted* candidates travel in a pack, so a member's unsubmitted scores never leave their laptop.
Importing merges every new candidate of every pack in one transaction, with audit rows that record the pack's
sha256; a pack already merged changes nothing; any refused pack refuses the whole import and leaves the
chair's database as it was.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .. import __version__
from ..domain.campaign import Candidate
from ..domain.errors import RefusedError, ValidationError
from ..domain.items import QuestionSet
from ..domain.profile import RoleProfile
from ..domain.scoring import ScoringRules
from ..storage import Repository
from ..storage import kits as kitrepo
from . import signing
from .output import output_path
from .store import (
    Store,
    candidate_id,
    context,
    load_campaign,
    member_id,
    now,
)

KIT_SUFFIX = ".ipkit"
PACK_SUFFIX = ".ippack"
KIT_FORMAT = "interview-panel/member-kit/1"
PACK_FORMAT = "interview-panel/score-pack/1"
Progress = Callable[[int, int], None]


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` so that a failure never leaves a half-written file there."""
    from ..exports.atomic import atomic_path

    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


@dataclass(frozen=True)
class KitMade:
    path: Path
    member: str
    kit_version: int
    candidates: int


@dataclass(frozen=True)
class KitOpened:
    campaign_id: int
    campaign_name: str
    member: str
    kit_version: int
    created: bool  # a new campaign in this database (else an update of the one a previous kit made)
    added: tuple[str, ...] = ()  # candidate references added by this kit
    changed: tuple[str, ...] = ()  # candidate references whose name or slot this kit changed

    @property
    def up_to_date(self) -> bool:
        return not self.created and not self.added and not self.changed


@dataclass(frozen=True)
class PackMade:
    path: Path
    member: str
    candidates: int
    scores: int
    sha256: str


@dataclass(frozen=True)
class PackCheck:
    """What one verified pack would do to the chair's database."""

    path: Path
    sha256: str
    campaign_id: int
    campaign_name: str
    member: str
    new: tuple[str, ...]  # candidates this pack adds
    unchanged: tuple[str, ...]  # candidates already merged, identical
    scores: int  # scores it adds

    def describe(self) -> str:
        if not self.new:
            return f"{self.path.name}: {self.member}, nothing new ({len(self.unchanged)} candidate(s) already merged)"
        return f"{self.path.name}: {self.member}, {len(self.new)} candidate(s), {self.scores} score(s) to add" + (
            f", {len(self.unchanged)} already merged" if self.unchanged else ""
        )


@dataclass
class PacksImported:
    packs: list[PackCheck] = field(default_factory=list)

    @property
    def candidates(self) -> int:
        return sum(len(p.new) for p in self.packs)

    @property
    def scores(self) -> int:
        return sum(p.scores for p in self.packs)


# -- the chair: member kits ---------------------------------------------------------------------------------
def _chair_keys(repo: Repository, cid: int) -> kitrepo.CampaignKeys:
    keys = kitrepo.campaign_keys(repo, cid)
    if keys is not None and keys.role != "chair":
        raise RefusedError(
            f"campaign {cid} here was opened from {keys.member_name}'s member kit: only the chair's "
            "database makes kits and receives score packs"
        )
    if keys is None:
        key = signing.new_key()
        keys = kitrepo.CampaignKeys(
            secrets.token_hex(16), "chair", signing.public_hex(key), signing.private_pem(key), None, 0
        )
    return keys


def _slot(c: Candidate) -> str | None:
    return None if c.slot is None else c.slot.isoformat(timespec="minutes")


def make_member_kit(
    store: Store, cid: int, member: str, out: str | os.PathLike[str], *, actor: str = "chair", force: bool = False
) -> KitMade:
    """Write ``out`` (.ipkit): the campaign's setup and a new signing key for ``member``, signed by the chair.

    The new key and the kit's version are recorded in the chair's database (audited) in the same transaction
    as the file is written: a failed write records nothing.
    """
    target = output_path(out, KIT_SUFFIX, force=force, protect=(store.path,))

    def action(repo: Repository) -> KitMade:
        campaign = load_campaign(repo, cid)
        mid = member_id(store, repo, cid, member)
        keys = _chair_keys(repo, cid)
        version = keys.kit_version + 1
        keys = keys._replace(kit_version=version)
        kitrepo.put_campaign_keys(repo, cid, keys)
        member_key = signing.new_key()
        public = signing.public_hex(member_key)
        kid = signing.key_id(public)
        at = now().isoformat()
        kitrepo.put_member_key(repo, cid, mid, kitrepo.MemberKey(kid, member, public, None, at))
        pin = kitrepo.pin(repo, cid, mid)
        candidates = [
            Candidate(r[1], r[2], datetime.fromisoformat(r[3]) if r[3] else None) for r in repo.candidates(cid)
        ]
        payload: dict[str, Any] = {
            "format": KIT_FORMAT,
            "app_version": __version__,
            "made_at": at,
            "kit_version": version,
            "campaign": {
                "uid": keys.uid,
                "name": campaign.name,
                "signing_public": keys.signing_public,
                "profile": campaign.profile.to_json(),
                "rules": campaign.rules.to_json(),
                "question_set": campaign.question_set.to_json(),
            },
            "candidates": [{"reference": c.reference, "name": c.name, "slot": _slot(c)} for c in candidates],
            "panel": [{"name": n, "chair": bool(ch)} for _, n, ch in repo.members(cid)],
            "member": {
                "name": member,
                "key_id": kid,
                "private_key": signing.private_pem(member_key),
                "pin_hash": pin.pin_hash if pin else None,
            },
        }
        data = signing.sign(signing.KIT_MAGIC, payload, signing.load_private(keys.signing_private or ""))
        repo.append_audit(
            at=at,
            actor=actor,
            action="kit",
            target=member,
            campaign_id=cid,
            member=member,
            new=f"member kit {version}, key {kid}",
        )
        write_bytes_atomically(target, data)
        return KitMade(target, member, version, len(candidates))

    return store.write(action)


# -- a member's laptop: opening a kit -----------------------------------------------------------------------
def _kit_part(payload: dict[str, Any], key: str, kind: type, name: str) -> Any:
    value = payload.get(key)
    if not isinstance(value, kind):
        raise ValidationError(f"{name}: this member kit is incomplete ({key} missing)")
    return value


def read_kit(path: str | os.PathLike[str]) -> signing.SignedFile:
    """Read and check a kit file on its own: layout, format and the chair's signature over it."""
    p = Path(path)
    data = signing.read_bounded(p, "member kit")
    kit = signing.parse(data, signing.KIT_MAGIC, name=p.name, what="member kit")
    if kit.payload.get("format") != KIT_FORMAT:
        raise ValidationError(
            f"{p.name}: a member kit of another version ({kit.payload.get('format')!r}); "
            "ask the chair for a kit made by this version of Interview Panel"
        )
    camp = _kit_part(kit.payload, "campaign", dict, p.name)
    public = camp.get("signing_public")
    if not isinstance(public, str) or not signing.verify(kit, public):
        raise ValidationError(f"{p.name}: the chair's signature on this member kit does not match: it was altered")
    return kit


@dataclass(frozen=True)
class _Kit:
    """What a member kit carries, read and checked (its signature, its parts, the member key matching its id)."""

    file: str  # the kit's file name, for messages
    sha256: str
    version: int
    uid: str
    campaign_name: str
    signing_public: str
    member: str
    key: Ed25519PrivateKey
    private: str
    key_id: str
    pin_hash: str | None
    profile: RoleProfile
    rules: ScoringRules
    question_set: QuestionSet
    candidates: list[Candidate]
    panel: list[tuple[str, bool]]  # (name, chair)


def _unpack_kit(path: Path) -> _Kit:
    kit = read_kit(path)
    pl, fname = kit.payload, path.name
    camp = _kit_part(pl, "campaign", dict, fname)
    me = _kit_part(pl, "member", dict, fname)
    cands = _kit_part(pl, "candidates", list, fname)
    panel = _kit_part(pl, "panel", list, fname)
    version = pl.get("kit_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValidationError(f"{fname}: this member kit is incomplete (kit_version missing)")
    name, uid = str(me.get("name") or ""), str(camp.get("uid") or "")
    private, kid = me.get("private_key"), me.get("key_id")
    if not name or not uid or not isinstance(private, str) or not isinstance(kid, str):
        raise ValidationError(f"{fname}: this member kit is incomplete")
    key = signing.load_private(private)
    if signing.key_id(signing.public_hex(key)) != kid:
        raise ValidationError(f"{fname}: this member kit's key does not match its key id: it was altered")
    try:
        profile = RoleProfile.from_json(camp["profile"])
        rules = ScoringRules.from_json(camp["rules"])
        qs = QuestionSet.from_json(camp["question_set"])
        people = [
            Candidate(str(c["reference"]), str(c["name"]), datetime.fromisoformat(c["slot"]) if c.get("slot") else None)
            for c in cands
        ]
        members = [(str(m["name"]), bool(m.get("chair"))) for m in panel]
        signing_public = str(camp["signing_public"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(f"{fname}: this member kit cannot be read ({exc.__class__.__name__})") from None
    if name not in {m for m, _ in members}:
        raise ValidationError(f"{fname}: this member kit names {name}, who is not on its panel")
    pin_hash = me.get("pin_hash")
    return _Kit(
        fname,
        kit.sha256,
        version,
        uid,
        str(camp.get("name") or ""),
        signing_public,
        name,
        key,
        private,
        kid,
        pin_hash if isinstance(pin_hash, str) and pin_hash else None,
        profile,
        rules,
        qs,
        people,
        members,
    )


def open_member_kit(store: Store, path: str | os.PathLike[str]) -> KitOpened:
    """Open a kit into ``store`` (the member's database): a new campaign the first time, then updates.

    A newer kit for the same member adds candidates and panel members and moves slots or corrects names;
    every score already recorded is kept. An older kit, another member's kit for the same campaign, or a kit
    signed with another key than the first one are refused.
    """
    kit = _unpack_kit(Path(path))
    from .campaigns import create_campaign

    found = store.read(lambda repo: kitrepo.campaign_by_uid(repo, kit.uid))
    at = now().isoformat()
    with store.batch():
        if found is None:
            cid = create_campaign(
                store,
                profile=kit.profile,
                name=kit.campaign_name or "Campaign",
                rules=kit.rules,
                question_set=kit.question_set,
                actor=kit.member,
            )
            existing: dict[str, Candidate] = {}
            on_panel: set[str] = set()
        else:
            cid, keys = found
            _check_newer_kit(kit, cid, keys)
            if kit.version == keys.kit_version:
                return KitOpened(cid, load_campaign_name(store, cid), kit.member, kit.version, False)
            existing = {c.reference: c for c in _candidates(store, cid)}
            on_panel = {m for m, _ in _members(store, cid)}
        added, changed = _apply_kit_people(store, cid, kit, existing, on_panel)
        store.write(lambda repo: _keep_kit_keys(store, repo, cid, kit, at))
    return KitOpened(cid, kit.campaign_name, kit.member, kit.version, found is None, tuple(added), tuple(changed))


def _check_newer_kit(kit: _Kit, cid: int, keys: kitrepo.CampaignKeys) -> None:
    """Refuse a kit that cannot update campaign ``cid`` opened here from an earlier kit."""
    if keys.role != "member":
        raise RefusedError(
            f"{kit.file}: this database is the chair's database for campaign {cid}; open the "
            "kit on the member's own laptop (or into another database file)"
        )
    if keys.signing_public != kit.signing_public:
        raise RefusedError(
            f"{kit.file}: this kit was signed with another key than the kit that made campaign "
            f"{cid} here; it does not come from the same chair's database"
        )
    if keys.member_name != kit.member:
        raise RefusedError(
            f"{kit.file}: campaign {cid} here holds {keys.member_name}'s kit; open {kit.member}'s kit "
            "into another database file"
        )
    if kit.version < keys.kit_version:
        raise RefusedError(
            f"{kit.file}: an older kit (version {kit.version}) than the one already opened here "
            f"(version {keys.kit_version}); nothing was changed"
        )


def _apply_kit_people(
    store: Store, cid: int, kit: _Kit, existing: dict[str, Candidate], on_panel: set[str]
) -> tuple[list[str], list[str]]:
    """Add the kit's new panel members and candidates, and move or rename the candidates it changed; the
    references added and changed."""
    from .campaigns import add_candidate, add_member, update_candidate

    actor = kit.member
    for cname, chair in kit.panel:
        if cname not in on_panel:
            add_member(store, cid, cname, chair=chair and not any(ch for _, ch in _members(store, cid)), actor=actor)
    added, changed = [], []
    for c in kit.candidates:
        old = existing.get(c.reference)
        if old is None:
            add_candidate(store, cid, c, actor=actor)
            added.append(c.reference)
        elif (old.name, old.slot) != (c.name, c.slot):
            update_candidate(store, cid, c.reference, name=c.name, slot=c.slot, actor=actor)
            changed.append(c.reference)
    return added, changed


def _keep_kit_keys(store: Store, repo: Repository, cid: int, kit: _Kit, at: str) -> None:
    """Record the campaign's keys and the member's key and PIN from the kit, and the opening in the audit log."""
    name, version = kit.member, kit.version
    mid = member_id(store, repo, cid, name)
    kitrepo.put_campaign_keys(
        repo, cid, kitrepo.CampaignKeys(kit.uid, "member", kit.signing_public, None, name, version)
    )
    kitrepo.drop_private_keys(repo, cid, mid)
    if kitrepo.member_key(repo, cid, kit.key_id) is None:
        kitrepo.put_member_key(
            repo, cid, mid, kitrepo.MemberKey(kit.key_id, name, signing.public_hex(kit.key), kit.private, at)
        )
    if kit.pin_hash is not None and kitrepo.pin(repo, cid, mid) is None:
        kitrepo.put_pin(repo, cid, mid, kit.pin_hash)
    repo.append_audit(
        at=at,
        actor=name,
        action="kit",
        target=name,
        campaign_id=cid,
        member=name,
        new=f"member kit {kit.version} opened, key {kit.key_id}",
        reason=f"kit sha256 {kit.sha256}",
    )


def load_campaign_name(store: Store, cid: int) -> str:
    return store.read(lambda repo: load_campaign(repo, cid).name)


def _candidates(store: Store, cid: int) -> list[Candidate]:
    from .campaigns import list_candidates

    return list_candidates(store, cid)


def _members(store: Store, cid: int) -> list[tuple[str, bool]]:
    from .campaigns import list_members

    return [(m.name, m.chair) for m in list_members(store, cid)]


def kit_member(store: Store, cid: int) -> str | None:
    """In a member's database, whose kit made campaign ``cid``; None in the chair's (or a shared) database."""
    return store.read(lambda repo: kitrepo.kit_member(repo, cid))


# -- a member's laptop: handing in scores --------------------------------------------------------------------
def export_scores(
    store: Store, cid: int, member: str, out: str | os.PathLike[str], *, pin: str | None = None, force: bool = False
) -> PackMade:
    """Write ``out`` (.ippack): ``member``'s submitted scores, notes and submission times, signed with their key.

    Needs the database a kit for ``member`` opened into (it holds their private key) and their PIN if they
    have one. Only submitted candidates travel.
    """
    from .pins import unlock

    target = output_path(out, PACK_SUFFIX, force=force, protect=(store.path,))
    unlock(store, cid, member, pin)

    def query(repo: Repository) -> tuple[bytes, int, int]:
        campaign = load_campaign(repo, cid)
        keys = kitrepo.campaign_keys(repo, cid)
        mid = member_id(store, repo, cid, member)
        mine = [k for k in kitrepo.member_keys(repo, cid, mid) if k.private_key]
        if keys is None or not mine:
            raise RefusedError(
                f"this database holds no signing key for {member} in campaign {cid}: hand in "
                f"scores from the database {member}'s member kit was opened into"
            )
        key = mine[-1]
        by_id = {int(r[0]): r for r in repo.candidates(cid)}
        subs = sorted(
            (
                (by_id[int(c)][1], at)
                for c, m, at in repo.campaign_submissions(cid)
                if int(m) == mid and int(c) in by_id
            ),
            key=lambda t: t[1],
        )
        if not subs:
            raise RefusedError(f"{member} has not submitted any candidate in campaign {cid} yet: nothing to hand in")
        people, count = [], 0
        for ref, at in subs:
            cand = candidate_id(store, repo, cid, ref)
            rows = sorted(repo.member_scores(cid, cand, mid))
            people.append(
                {
                    "reference": ref,
                    "submitted_at": at,
                    "scores": [{"item": i, "score": s, "note": n, "updated_at": u} for i, s, n, u in rows],
                }
            )
            count += sum(1 for r in rows if r[1] is not None)
        payload = {
            "format": PACK_FORMAT,
            "app_version": __version__,
            "made_at": now().isoformat(),
            "campaign": {"uid": keys.uid, "name": campaign.name},
            "kit_version": keys.kit_version,
            "member": member,
            "key_id": key.key_id,
            "candidates": people,
        }
        return (
            signing.sign(signing.PACK_MAGIC, payload, signing.load_private(key.private_key or "")),
            len(people),
            count,
        )

    data, n, scores = store.read(query)
    write_bytes_atomically(target, data)
    import hashlib

    return PackMade(target, member, n, scores, hashlib.sha256(data).hexdigest())


# -- the chair: receiving packs -------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Pack:
    check: PackCheck
    cid: int
    rows: tuple[tuple[str, str, tuple[tuple[str, int | None, str], ...]], ...]  # (ref, submitted_at, scores)


def _read_pack(repo: Repository, store: Store, path: Path) -> _Pack:
    name = path.name
    data = signing.read_bounded(path, "score pack")
    pack = signing.parse(data, signing.PACK_MAGIC, name=name, what="score pack")
    pl = pack.payload
    if pl.get("format") != PACK_FORMAT:
        raise ValidationError(f"{name}: a score pack of another version ({pl.get('format')!r})")
    camp, member, kid = pl.get("campaign"), pl.get("member"), pl.get("key_id")
    if not isinstance(camp, dict) or not isinstance(member, str) or not isinstance(kid, str):
        raise ValidationError(f"{name}: this score pack is incomplete")
    found = kitrepo.campaign_by_uid(repo, str(camp.get("uid")))
    if found is None:
        raise RefusedError(f"{name}: made for another campaign ({camp.get('name')!r}), not one in this database")
    cid, keys = found
    if keys.role != "chair":
        raise RefusedError(
            f"{name}: this database is {keys.member_name}'s member database; receive score packs "
            "in the chair's database"
        )
    key = kitrepo.member_key(repo, cid, kid)
    if key is None:
        raise RefusedError(
            f"{name}: signed with a key that campaign {cid} never issued to {member}; it was not made "
            f"from {member}'s member kit"
        )
    if key.member != member:
        raise RefusedError(
            f"{name}: names {member} but was signed with {key.member}'s key: it was made on {key.member}'s laptop"
        )
    if not signing.verify(pack, key.public_key):
        raise RefusedError(f"{name}: the signature does not match: the pack was altered after {member} handed it in")
    ctx = context(store, repo, cid)
    items = {i.id for i in ctx.items}
    mid = member_id(store, repo, cid, member)
    new, unchanged, conflicts, rows = [], [], [], []
    count = 0
    try:
        for c in pl["candidates"]:
            ref, at = str(c["reference"]), str(c["submitted_at"])
            datetime.fromisoformat(at)
            scores = tuple((str(s["item"]), s["score"], str(s.get("note") or "")) for s in c["scores"])
            for item, score, _ in scores:
                if item not in items:
                    raise RefusedError(f"{name}: scores item {item!r}, which campaign {cid} does not have")
                if score is not None and (isinstance(score, bool) or not isinstance(score, int)):
                    raise ValidationError(f"{name}: this score pack was altered (a score is not a number)")
            cand = repo.candidate_id(cid, ref)
            if cand is None:
                conflicts.append(f"{ref} is not a candidate here")
                continue
            held = {i: (s, n) for i, s, n, _ in repo.member_scores(cid, cand, mid)}
            theirs = {i: (s, n) for i, s, n in scores}
            submitted = repo.submitted_at(cid, cand, mid)
            differ = [
                f"{ref}/{i} (here {held[i][0]}, pack {theirs.get(i, (None,))[0]})"
                for i in sorted(held)
                if held[i] != (None, "") and held[i] != theirs.get(i)
            ]
            if differ:
                conflicts.extend(differ)
            elif submitted is not None:
                if any(theirs[i] != held.get(i, (None, "")) for i in theirs):
                    conflicts.append(f"{ref} (already submitted here with other scores)")
                else:
                    unchanged.append(ref)
            else:
                new.append(ref)
                rows.append((ref, at, scores))
                count += sum(1 for _, s, _ in scores if s is not None)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"{name}: this score pack cannot be read ({exc.__class__.__name__})") from None
    if conflicts:
        shown = "; ".join(conflicts[:10]) + (f"; and {len(conflicts) - 10} more" if len(conflicts) > 10 else "")
        raise RefusedError(f"{name}: conflicts with what this database holds for {member}, nothing imported: {shown}")
    check = PackCheck(
        path, pack.sha256, cid, load_campaign(repo, cid).name, member, tuple(new), tuple(unchanged), count
    )
    return _Pack(check, cid, tuple(rows))


def check_packs(store: Store, paths: Iterable[str | os.PathLike[str]]) -> list[PackCheck]:
    """Verify every pack and say what each would add, without writing anything. Raises on the first refusal."""
    ps = [Path(p) for p in paths]
    return store.read(lambda repo: [_read_pack(repo, store, p).check for p in ps])


def import_packs(
    store: Store, paths: Iterable[str | os.PathLike[str]], *, progress: Progress | None = None
) -> PacksImported:
    """Verify and merge score packs into the chair's database: all of them in one transaction, or none.

    Refused (nothing written) when any pack is altered, cut short, made for another campaign, signed by anyone
    but the member it names, or in conflict with what this database holds for that member. A pack already
    merged changes nothing.
    """
    from .scoring import _record, _submit

    ps = [Path(p) for p in paths]
    if not ps:
        raise ValidationError("no score packs given")
    checked = store.read(lambda repo: [_read_pack(repo, store, p) for p in ps])
    report = PacksImported([p.check for p in checked])
    todo = [p for p in checked if p.rows]
    if not todo:
        return report
    total = sum(len(p.rows) for p in todo)

    def action(repo: Repository) -> None:
        done = 0
        seen: set[tuple[int, str, str]] = set()
        for pack in todo:
            again = _read_pack(repo, store, pack.check.path)  # the state may have moved since the read above
            member, cid = again.check.member, again.cid
            for ref, at, scores in again.rows:
                if (cid, member, ref) in seen:
                    continue
                seen.add((cid, member, ref))
                for item, score, note in scores:
                    _record(store, repo, cid, ref, member, item, score, note)
                _submit(store, repo, cid, ref, member, at=datetime.fromisoformat(at))
                done += 1
                if progress:
                    progress(done, total)
            stamp = now().isoformat()
            repo.append_audit(
                at=stamp,
                actor=repo.chair(cid) or "chair",
                action="pack",
                target=member,
                campaign_id=cid,
                member=member,
                new=f"score pack sha256 {again.check.sha256}",
                reason=f"{again.check.path.name}: {len(again.rows)} candidate(s), {again.check.scores} score(s)",
            )
            kitrepo.record_pack(repo, again.check.sha256, cid, member, stamp, len(again.rows))

    store.write(action)
    return report


__all__ = [
    "KIT_SUFFIX",
    "PACK_SUFFIX",
    "KitMade",
    "KitOpened",
    "PackCheck",
    "PackMade",
    "PacksImported",
    "check_packs",
    "export_scores",
    "import_packs",
    "kit_member",
    "make_member_kit",
    "open_member_kit",
    "read_kit",
]
