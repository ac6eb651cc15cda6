"""Seal the confidential part for the arbo expert with age (X25519), padded to a fixed size.

A report's sealed part is padded to a size that is fixed in advance (`room`, from
`sealed_size`: the questionnaire's worst case plus a photo budget), so its length
says nothing about what was answered. Without `room` a payload is padded to the
next size bucket (4 KiB × 4^i), which hides only small differences.

age (rage) adds a random "grease" stanza to every header, so a bare age file
varies in length by up to a few hundred bytes per encryption. The sealed part is
therefore a small container: MAGIC, the length of the age file, the age file
(whose plaintext is padded to a bucket), then zeros up to a fixed size for that
bucket. `age -d` opens the age file inside it; `unseal` does it all.
"""

from __future__ import annotations

import struct

import pyrage
from pyrage import x25519

from arbocheck.core.common.errors import Refusal

BUCKETS = tuple(4096 * 4 ** i for i in range(10))  # 4 KiB … 1 GiB
_LEN = struct.Struct(">Q")


class SealError(Refusal, ValueError):
    """The part cannot be sealed or opened (wrong identity, damaged data): a key of arbocheck/texts."""


def pad(data: bytes, room: int | None = None) -> bytes:
    """The length of `data`, `data`, then zeros: `room` bytes of payload in all, or the
    next bucket without `room`. Never shorter than asked: too much data is an error."""
    need = _LEN.size + len(data)
    if room is not None:
        size = _LEN.size + room
        if need > size:  # never emit a telling length
            raise SealError("seal.over_room", size=len(data), room=room)
    else:
        size = next((b for b in BUCKETS if b >= need), None)
        if size is None:
            raise SealError("seal.too_large")
    return _LEN.pack(len(data)) + data + bytes(size - need)


def unpad(padded: bytes) -> bytes:
    if len(padded) < _LEN.size:
        raise SealError("seal.padding_damaged")
    (n,) = _LEN.unpack_from(padded)
    if n > len(padded) - _LEN.size or any(padded[_LEN.size + n:]):
        raise SealError("seal.padding_damaged")
    return padded[_LEN.size:_LEN.size + n]


MAGIC = b"arbocheck-sealed-v1\n"
_SLACK = 1024  # room for the age header including its random grease (measured: under 400 bytes)


def _container_size(bucket: int) -> int:
    chunks = -(-bucket // 65536)
    return len(MAGIC) + _LEN.size + bucket + 16 * chunks + 16 + _SLACK


def parse_recipient(recipient: str) -> x25519.Recipient:
    try:
        return x25519.Recipient.from_str(recipient.strip())
    except Exception as e:  # pyrage raises its own error types for bad strings
        raise SealError("seal.bad_recipient", start=recipient.strip()[:20]) from e


def seal(payload: bytes, recipient: str, room: int | None = None) -> bytes:
    """The sealed part: always the same length for the same `room` (or bucket)."""
    padded = pad(payload, room)
    age_file = pyrage.encrypt(padded, [parse_recipient(recipient)])
    size = _container_size(len(padded))
    body = MAGIC + _LEN.pack(len(age_file)) + age_file
    if len(body) > size:  # cannot happen with age as specified; never emit a telling length
        raise SealError("seal.over_bucket")
    return body + bytes(size - len(body))


def age_file(blob: bytes) -> bytes:
    """The age file inside a sealed part (for `age -d`)."""
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + _LEN.size:
        raise SealError("seal.not_sealed_part")
    (n,) = _LEN.unpack_from(blob, len(MAGIC))
    start = len(MAGIC) + _LEN.size
    if n > len(blob) - start:
        raise SealError("seal.damaged")
    return blob[start:start + n]


def unseal(blob: bytes, identity: str) -> bytes:
    try:
        ident = x25519.Identity.from_str(identity.strip())
    except Exception as e:
        raise SealError("seal.bad_identity") from e
    try:
        return unpad(pyrage.decrypt(age_file(blob), [ident]))
    except pyrage.DecryptError as e:
        raise SealError("seal.someone_else") from e


def new_identity() -> tuple[str, str]:
    """(identity, recipient) strings for a fresh X25519 key pair."""
    ident = x25519.Identity.generate()
    return str(ident), str(ident.to_public())
