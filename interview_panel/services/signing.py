"""Signed exchange files (member kits and score packs) and the Ed25519 keys behind them.

A signed file is three lines of ASCII, so that any change to any byte is caught:

```
interview-panel score pack 1                      <- the kind and version (the "magic" line)
{"campaign": {...}, "member": "...", ...}         <- the payload: compact JSON, ASCII only, one line
ed25519 <128 lowercase hex digits>                <- the signature over the first two lines, newlines included
```

The layout is matched exactly (a regular expression over the whole file), the signature covers every byte
before it, and its hex is accepted in one spelling only, so a changed, added or removed byte anywhere either
breaks the layout or the signature. The cryptography is `cryptography`'s Ed25519; nothing here is hand-made.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..domain.errors import ValidationError
from ..importing.safe_open import open_input

KIT_MAGIC = b"interview-panel member kit 1"
PACK_MAGIC = b"interview-panel score pack 1"
MAX_BYTES = 64 * 1024 * 1024  # a kit for 2,000 candidates is well under 2 MB; packs are smaller still


@dataclass(frozen=True)
class SignedFile:
    payload: dict[str, Any]
    body: bytes  # the signed bytes (magic line and payload line)
    signature: bytes
    sha256: str  # of the whole file, as handed over


def new_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def key_id(public: str) -> str:
    """A short, stable name for a public key (hex): the first 16 hex digits of its sha256."""
    return hashlib.sha256(bytes.fromhex(public)).hexdigest()[:16]


def private_pem(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


def load_private(pem: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    except (ValueError, TypeError, UnicodeError) as exc:
        raise ValidationError(f"the stored signing key cannot be read ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ValidationError("the stored signing key is not an Ed25519 key")
    return key


def sign(magic: bytes, payload: dict[str, Any], key: Ed25519PrivateKey) -> bytes:
    """The bytes of a signed file holding ``payload``."""
    line = json.dumps(payload, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode("ascii")
    body = magic + b"\n" + line + b"\n"
    return body + b"ed25519 " + key.sign(body).hex().encode("ascii") + b"\n"


def _layout(magic: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"\A(" + re.escape(magic) + rb"\n(\{[\x20-\x7e]*\})\n)ed25519 ([0-9a-f]{128})\n\Z")


def read_bounded(path: str | os.PathLike[str], what: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is refused before it is read
    (the one input-file check every reader shares: importing.safe_open)."""
    return open_input(path, limit, what=what)


def parse(data: bytes, magic: bytes, *, name: str, what: str) -> SignedFile:
    """Split a signed file into its parts, refusing anything not laid out exactly as :func:`sign` writes it.

    The signature is not checked here (the caller knows which key must have made it): see :func:`verify`.
    """
    m = _layout(magic).match(data)
    if m is None:
        if not data.startswith(magic + b"\n"):
            raise ValidationError(f"{name}: is not a {what}")
        raise ValidationError(f"{name}: this {what} was altered or cut short (its layout is broken)")
    try:
        payload = json.loads(m.group(2))
    except ValueError:
        raise ValidationError(f"{name}: this {what} was altered (its contents are not readable)") from None
    if not isinstance(payload, dict):
        raise ValidationError(f"{name}: this {what} was altered (its contents are not readable)")
    return SignedFile(payload, m.group(1), bytes.fromhex(m.group(3).decode("ascii")), hashlib.sha256(data).hexdigest())


def verify(signed: SignedFile, public: str) -> bool:
    """True when ``signed`` was made by the private half of ``public`` (hex) and not changed since."""
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(signed.signature, signed.body)
    except (InvalidSignature, ValueError):
        return False
    return True
