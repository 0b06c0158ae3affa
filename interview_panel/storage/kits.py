"""SQL for several laptops: the campaign's identity and keys, members' keys, PINs and merged score packs.

Plain functions over a :class:`Repository`'s connection, called inside ``Database.write``/``read`` like the
repository's own methods. Keys are stored as text: public keys as 64 hex digits (raw Ed25519), private keys as
PEM (PKCS#8, encrypted when the member has a PIN).
"""

from __future__ import annotations

from typing import NamedTuple

from .repository import Repository


class CampaignKeys(NamedTuple):
    uid: str
    role: str  # "chair" or "member"
    signing_public: str
    signing_private: str | None  # only in the chair's database
    member_name: str | None  # in a member's database: whose kit it is
    kit_version: int


class MemberKey(NamedTuple):
    key_id: str
    member: str
    public_key: str
    private_key: str | None
    issued_at: str


class PinRow(NamedTuple):
    pin_hash: str
    failures: int
    locked_until: str | None


def campaign_keys(repo: Repository, cid: int) -> CampaignKeys | None:
    row = repo.conn.execute(
        "SELECT uid, role, signing_public, signing_private, member_name, kit_version "
        "FROM campaign_keys WHERE campaign_id = ?",
        (cid,),
    ).fetchone()
    return None if row is None else CampaignKeys(row[0], row[1], row[2], row[3], row[4], int(row[5]))


def campaign_by_uid(repo: Repository, uid: str) -> tuple[int, CampaignKeys] | None:
    row = repo.conn.execute("SELECT campaign_id FROM campaign_keys WHERE uid = ?", (uid,)).fetchone()
    if row is None:
        return None
    keys = campaign_keys(repo, int(row[0]))
    return None if keys is None else (int(row[0]), keys)


def put_campaign_keys(repo: Repository, cid: int, keys: CampaignKeys) -> None:
    repo.conn.execute(
        "INSERT INTO campaign_keys (campaign_id, uid, role, signing_public, signing_private, member_name, "
        "kit_version) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign_id) DO UPDATE SET uid = excluded.uid, "
        "role = excluded.role, signing_public = excluded.signing_public, signing_private = excluded.signing_private, "
        "member_name = excluded.member_name, kit_version = excluded.kit_version",
        (cid, keys.uid, keys.role, keys.signing_public, keys.signing_private, keys.member_name, keys.kit_version),
    )


def kit_member(repo: Repository, cid: int) -> str | None:
    """In a member's database, the member whose kit made the campaign; None in a chair's database."""
    row = repo.conn.execute(
        "SELECT member_name FROM campaign_keys WHERE campaign_id = ? AND role = 'member'", (cid,)
    ).fetchone()
    return None if row is None else str(row[0])


def member_keys(repo: Repository, cid: int, member_id: int | None = None) -> list[MemberKey]:
    """Keys issued in a campaign (to one member when ``member_id`` is given), oldest first."""
    sql = (
        "SELECT k.key_id, m.name, k.public_key, k.private_key, k.issued_at FROM member_keys k "
        "JOIN members m ON m.id = k.member_id WHERE k.campaign_id = ?"
    )
    args: tuple[int, ...] = (cid,)
    if member_id is not None:
        sql += " AND k.member_id = ?"
        args = (cid, member_id)
    return [MemberKey(*r) for r in repo.conn.execute(sql + " ORDER BY k.issued_at, k.rowid", args)]


def member_key(repo: Repository, cid: int, key_id: str) -> MemberKey | None:
    row = repo.conn.execute(
        "SELECT k.key_id, m.name, k.public_key, k.private_key, k.issued_at FROM member_keys k "
        "JOIN members m ON m.id = k.member_id WHERE k.campaign_id = ? AND k.key_id = ?",
        (cid, key_id),
    ).fetchone()
    return None if row is None else MemberKey(*row)


def put_member_key(repo: Repository, cid: int, member_id: int, key: MemberKey) -> None:
    repo.conn.execute(
        "INSERT INTO member_keys (campaign_id, key_id, member_id, public_key, private_key, issued_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (cid, key.key_id, member_id, key.public_key, key.private_key, key.issued_at),
    )


def drop_private_keys(repo: Repository, cid: int, member_id: int) -> None:
    """A newer kit replaces the member's signing key: the older private halves are no longer kept."""
    repo.conn.execute(
        "UPDATE member_keys SET private_key = NULL WHERE campaign_id = ? AND member_id = ?", (cid, member_id)
    )


def pin(repo: Repository, cid: int, member_id: int) -> PinRow | None:
    row = repo.conn.execute(
        "SELECT pin_hash, failures, locked_until FROM member_pins WHERE campaign_id = ? AND member_id = ?",
        (cid, member_id),
    ).fetchone()
    return None if row is None else PinRow(row[0], int(row[1]), row[2])


def members_with_pins(repo: Repository, cid: int) -> set[str]:
    return {
        r[0]
        for r in repo.conn.execute(
            "SELECT m.name FROM member_pins p JOIN members m ON m.id = p.member_id WHERE p.campaign_id = ?", (cid,)
        )
    }


def put_pin(repo: Repository, cid: int, member_id: int, pin_hash: str) -> None:
    repo.conn.execute(
        "INSERT INTO member_pins (campaign_id, member_id, pin_hash) VALUES (?, ?, ?) "
        "ON CONFLICT (campaign_id, member_id) DO UPDATE SET pin_hash = excluded.pin_hash, "
        "failures = 0, locked_until = NULL",
        (cid, member_id, pin_hash),
    )


def clear_pin(repo: Repository, cid: int, member_id: int) -> None:
    repo.conn.execute("DELETE FROM member_pins WHERE campaign_id = ? AND member_id = ?", (cid, member_id))


def set_pin_failures(repo: Repository, cid: int, member_id: int, failures: int, locked_until: str | None) -> None:
    repo.conn.execute(
        "UPDATE member_pins SET failures = ?, locked_until = ? WHERE campaign_id = ? AND member_id = ?",
        (failures, locked_until, cid, member_id),
    )


def pack_imported(repo: Repository, sha256: str) -> bool:
    return repo.conn.execute("SELECT 1 FROM imported_packs WHERE sha256 = ?", (sha256,)).fetchone() is not None


def record_pack(repo: Repository, sha256: str, cid: int, member: str, at: str, candidates: int) -> None:
    repo.conn.execute(
        "INSERT OR IGNORE INTO imported_packs (sha256, campaign_id, member, imported_at, candidates) "
        "VALUES (?, ?, ?, ?, ?)",
        (sha256, cid, member, at, candidates),
    )
