"""The arbo expert's key: an age identity, made on first use and never kept in clear.

The identity opens the sealed part of a worker's report; its public recipient goes into the
campaign file, so only this bedrijfsarts or arbodienst can read what is sealed for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from arbocheck.core.common import paths
from arbocheck.core.trust import seal
from arbocheck.core.trust.campaign import recipient_fingerprint
from arbocheck.core.trust.keyguard import KeyLocked as ExpertError  # the expert's identity cannot be used (reasons.py)
from arbocheck.core.common.environment import environment

IDENTITY_FILE = "expert-identity.age"

PASSPHRASE_ENV = "ARBOCHECK_EXPERT_PASSPHRASE"


@dataclass(frozen=True)
class Identity:
    secret: str
    recipient: str

    @property
    def fingerprint(self) -> str:
        return recipient_fingerprint(self.recipient)


def expert_dir() -> Path:
    return paths.home() / "expert"


def trail_path() -> Path:
    """The expert's review trail (review_trail.ReviewTrail)."""
    return expert_dir() / "review.jsonl"


def key_method(folder: Path | None = None) -> str | None:
    """passphrase | keyring | clear (made by an earlier version), or None before the first identity."""
    from arbocheck.core.trust import keyguard

    return keyguard.method_of(folder or expert_dir(), IDENTITY_FILE)


def load_or_create(folder: Path | None = None, passphrase: str | None = None, method: str | None = None) -> Identity:
    """The expert's age identity, made on first use and never kept in clear
    (keyguard.py: a passphrase, or the system keyring). The passphrase comes from the argument or
    ARBOCHECK_EXPERT_PASSPHRASE. Raises ExpertError (keyguard.KeyLocked)."""
    from pyrage import x25519

    from arbocheck.core.trust import keyguard

    folder = folder or expert_dir()
    passphrase = passphrase or environment().expert_passphrase
    if keyguard.method_of(folder, IDENTITY_FILE) is None:
        method = method or keyguard.first_use_method(passphrase)
        secret, recipient = seal.new_identity()
        keyguard.save_identity(folder, IDENTITY_FILE, secret, method, passphrase)
    else:
        secret = keyguard.open_identity(folder, IDENTITY_FILE, passphrase)
        try:
            recipient = str(x25519.Identity.from_str(secret).to_public())
        except Exception as e:  # noqa: BLE001 - pyrage has several error types; one plain reason
            raise ExpertError("keys.damaged") from e
    return Identity(secret, recipient)


def protect(method: str, passphrase: str | None = None, old_passphrase: str | None = None,
            folder: Path | None = None) -> None:
    """Keep the expert's identity another way (a clear one from an earlier version, or a change)."""
    from arbocheck.core.trust import keyguard

    folder = folder or expert_dir()
    ident = load_or_create(folder, old_passphrase)
    keyguard.save_identity(folder, IDENTITY_FILE, ident.secret, method, passphrase)
