"""Panel members' PINs: a slow salted hash (scrypt from the standard library), checks and the lockout.

A PIN keeps other people at the same laptop out of a member's unsubmitted scores and out of the chair's
moderation. It does not protect the database file itself: anyone who can copy the file can read it with
other tools, so keep campaign databases on encrypted storage.

Five wrong PINs in a row lock that member for a minute; the count lives in the database, so it holds across
the GUI and every command-line call.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import datetime, timedelta

from ..domain.errors import RefusedError, ValidationError
from ..storage import Repository
from ..storage import kits as kitrepo
from .store import Store, member_id, now

PIN_MIN, PIN_MAX = 4, 64
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=1)
PIN_ENV = "INTERVIEW_PANEL_PIN"
# scrypt cost: 2**15 x 8 takes about 0.1 s and 32 MiB here, slow enough to make guessing a copied hash costly
# while a member waits only a moment.
_N, _R, _P = 2**15, 8, 1


def check_pin_text(pin: str) -> str:
    if not isinstance(pin, str) or not pin.strip():
        raise ValidationError("a PIN cannot be empty")
    if pin != pin.strip():
        raise ValidationError("a PIN cannot start or end with a space")
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        raise ValidationError(f"a PIN has {PIN_MIN} to {PIN_MAX} characters")
    return pin


def hash_pin(pin: str) -> str:
    """``scrypt$N$r$p$salt$hash`` (hex) for a new PIN."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, maxmem=64 * 1024 * 1024, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def pin_matches(stored: str, pin: str) -> bool:
    try:
        kind, n, r, p, salt, want = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(
            pin.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=128 * 1024 * 1024,
            dklen=len(want) // 2,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), want)


def has_pin(store: Store, cid: int, member: str) -> bool:
    def query(repo: Repository) -> bool:
        return kitrepo.pin(repo, cid, member_id(store, repo, cid, member)) is not None

    return store.read(query)


def members_with_pins(store: Store, cid: int) -> set[str]:
    return store.read(lambda repo: kitrepo.members_with_pins(repo, cid))


def set_pin(store: Store, cid: int, member: str, pin: str | None, *, actor: str) -> None:
    """Give ``member`` a PIN (replacing any), or remove it with ``pin=None``. Audited (the PIN itself is not)."""
    stored = None if pin is None else hash_pin(check_pin_text(pin))

    def action(repo: Repository) -> None:
        mid = member_id(store, repo, cid, member)
        had = kitrepo.pin(repo, cid, mid) is not None
        if stored is None:
            if not had:
                return
            kitrepo.clear_pin(repo, cid, mid)
        else:
            kitrepo.put_pin(repo, cid, mid, stored)
        repo.append_audit(
            at=now().isoformat(),
            actor=actor,
            action="pin",
            target=member,
            campaign_id=cid,
            member=member,
            new="removed" if stored is None else ("changed" if had else "set"),
        )

    store.write(action)


def _locked_for(locked_until: str | None, at: datetime) -> int:
    if not locked_until:
        return 0
    left = (datetime.fromisoformat(locked_until) - at).total_seconds()
    return max(0, int(left + 0.999))


def unlock(store: Store, cid: int, member: str, pin: str | None) -> None:
    """Return when ``member`` has no PIN or ``pin`` is theirs; otherwise raise RefusedError with one line.

    A wrong PIN is counted (in its own committed transaction); the fifth in a row locks the member for a
    minute, during which even the right PIN is refused.
    """
    at = now()
    outcome: list[str] = []

    def action(repo: Repository) -> None:
        mid = member_id(store, repo, cid, member)
        row = kitrepo.pin(repo, cid, mid)
        if row is None:
            return
        left = _locked_for(row.locked_until, at)
        if left:
            outcome.append(f"{member} is locked for {left} more second(s) after {LOCK_AFTER} wrong PINs")
            return
        if not pin:
            outcome.append(f"{member} has a PIN: give it with --pin PIN or in {PIN_ENV}")
            return
        if pin_matches(row.pin_hash, pin):
            if row.failures or row.locked_until:
                kitrepo.set_pin_failures(repo, cid, mid, 0, None)
            return
        failures = row.failures + 1
        if failures >= LOCK_AFTER:
            kitrepo.set_pin_failures(repo, cid, mid, 0, (at + LOCK_FOR).isoformat())
            repo.append_audit(
                at=at.isoformat(),
                actor=member,
                action="pin",
                target=member,
                campaign_id=cid,
                member=member,
                new="locked",
                reason=f"{LOCK_AFTER} wrong PINs in a row",
            )
            outcome.append(f"wrong PIN for {member}; {LOCK_AFTER} wrong PINs in a row lock {member} for a minute")
        else:
            kitrepo.set_pin_failures(repo, cid, mid, failures, None)
            outcome.append(f"wrong PIN for {member} ({LOCK_AFTER - failures} tries left before a minute's lock)")

    store.write(action)
    if outcome:
        raise RefusedError(outcome[0])


def pin_from(given: str | None) -> str | None:
    """The PIN given on the command line, else the one in the environment (``INTERVIEW_PANEL_PIN``)."""
    return given if given is not None else os.environ.get(PIN_ENV) or None
