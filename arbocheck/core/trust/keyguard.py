"""Keys at rest: the employer's signing key and the expert's age identity are never on disk in clear.

The expert's identity opens every sealed health part ever made for them; the employer's key
signs the campaign files and the register's checkpoints. Each is protected one of two ways,
chosen on first use (there is no unprotected default):

- passphrase: the expert's identity is an age file encrypted with the passphrase (age's own
  scrypt passphrase encryption: `age -d` opens it too); the employer's PKCS#8 key is
  encrypted (PBES2, AES-256) with a password stretched from the passphrase by scrypt
  (N = 2^17, r = 8, p = 1: 128 MiB and about a third of a second per guess; salt and cost
  in `protection.json` beside it).
- keyring: the key itself is kept in the operating system's keychain through the `keyring`
  library (Windows Credential Locker, macOS Keychain, Secret Service on Linux); the folder
  keeps only the public part and `protection.json` naming the entry.

A key made by an earlier version is "clear": it still opens, and `protect_*` (the GUI offers
it, `arbocheck keys protect` does it) encrypts it in place. The test setting
ARBOCHECK_TEST_FAST_KDF=1 makes the passphrase stretch cheap; it only applies when a key is
protected, the cost is stored with it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from pathlib import Path

from arbocheck.core.trust.keys import KeyFileError
from arbocheck.core.common.storage import atomic_write
from arbocheck.core.common.environment import environment

SERVICE = "arbocheck"
PROTECTION_FILE = "protection.json"
METHODS = ("passphrase", "keyring")
MIN_PASSPHRASE = 8
STRETCH_N, STRETCH_R, STRETCH_P = 2 ** 17, 8, 1


class KeyLocked(KeyFileError):
    """A key that cannot be opened or protected as asked; the message says why (reasons.py)."""


# -- the keyring -----------------------------------------------------------------------

def keyring_available() -> bool:
    """Whether the operating system offers a keychain arbocheck can use."""
    try:
        import keyring
        from keyring.backends import fail

        kr = keyring.get_keyring()
        return not isinstance(kr, fail.Keyring) and getattr(kr, "priority", 0) > 0
    except Exception:  # noqa: BLE001 - a broken keyring set-up is no keyring
        return False


def _keyring_set(user: str, secret: str) -> None:
    if not keyring_available():
        raise KeyLocked("keys.no_keyring")
    import keyring

    try:
        keyring.set_password(SERVICE, user, secret)
    except Exception as e:  # noqa: BLE001 - each backend has its own errors
        raise KeyLocked("keys.keyring_failed", why=str(e) or type(e).__name__) from e


def _keyring_get(user: str) -> str:
    import keyring

    try:
        secret = keyring.get_password(SERVICE, user) if keyring_available() else None
    except Exception as e:  # noqa: BLE001
        raise KeyLocked("keys.keyring_failed", why=str(e) or type(e).__name__) from e
    if not secret:
        raise KeyLocked("keys.keyring_missing")
    return secret


# -- protection.json -------------------------------------------------------------------

def method_of(folder: Path, key_file: str) -> str | None:
    """How the key in `folder` is kept: passphrase | keyring | clear, or None when there is none."""
    info = _info(folder)
    if info is not None:
        return info.get("method")
    path = folder / key_file
    if not path.exists():
        return None
    head = path.read_bytes()[:64]
    if head.startswith(b"age-encryption.org/") or b"ENCRYPTED" in head:
        return "passphrase"  # protected by an earlier version, with the passphrase as it is
    return "clear"


def _info(folder: Path) -> dict | None:
    try:
        info = json.loads((folder / PROTECTION_FILE).read_text(encoding="utf-8"))
        return info if isinstance(info, dict) and info.get("method") in METHODS else None
    except (OSError, ValueError):
        return None


def _write_info(folder: Path, info: dict) -> None:
    atomic_write(folder / PROTECTION_FILE, json.dumps(info, indent=1).encode("utf-8"), keep_previous=False,
                 mode=0o600)


def check_new_passphrase(passphrase: str | None) -> str:
    if not passphrase or len(passphrase) < MIN_PASSPHRASE:
        raise KeyLocked("keys.passphrase_short", n=MIN_PASSPHRASE)
    return passphrase


def _stretch(passphrase: str, info: dict) -> bytes:
    s = info["stretch"]
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=base64.b64decode(s["salt"]), n=int(s["n"]),
                          r=int(s["r"]), p=int(s["p"]), maxmem=256 * 1024 * 1024, dklen=32).hex().encode("ascii")


def _new_stretch() -> dict:
    n = 2 ** 10 if environment().test_fast_kdf else STRETCH_N
    return {"name": "scrypt", "n": n, "r": STRETCH_R, "p": STRETCH_P,
            "salt": base64.b64encode(secrets.token_bytes(16)).decode("ascii")}


def _folder_ready(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass


# -- the employer's signing key (keys.SigningKey, PKCS#8) ---------------------------------

def _user(kind: str, folder: Path) -> str:
    return f"{kind}:{hashlib.sha256(str(folder.resolve()).encode('utf-8')).hexdigest()[:16]}"


def save_signing_key(folder: Path, sk, method: str, passphrase: str | None = None) -> None:
    """Write `sk` protected by `method` (replacing a clear copy)."""
    from cryptography.hazmat.primitives import serialization

    from arbocheck.core.trust.keys import CERT_FILE, KEY_FILE

    if method not in METHODS:
        raise KeyLocked("keys.choose")
    _folder_ready(folder)
    clear = sk.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())
    if method == "keyring":
        user = _user("signing-key", folder)
        _keyring_set(user, clear.decode("ascii"))
        info = {"method": "keyring", "service": SERVICE, "username": user}
        atomic_write(folder / CERT_FILE, sk.cert_pem(), keep_previous=False, mode=0o644)
        _write_info(folder, info)
        try:
            (folder / KEY_FILE).unlink()
        except FileNotFoundError:
            pass
        return
    info = {"method": "passphrase", "stretch": _new_stretch()}
    pem = sk.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.BestAvailableEncryption(_stretch(check_new_passphrase(passphrase), info)))
    atomic_write(folder / CERT_FILE, sk.cert_pem(), keep_previous=False, mode=0o644)
    _write_info(folder, info)
    atomic_write(folder / KEY_FILE, pem, keep_previous=False, mode=0o600)


def create_signing_key(folder: Path, method: str, passphrase: str | None = None, common_name: str = "arbocheck"):
    from arbocheck.core.trust.keys import generate

    if method == "passphrase":
        check_new_passphrase(passphrase)
    sk = generate(common_name)
    save_signing_key(folder, sk, method, passphrase)
    return sk


def open_signing_key(folder: Path, passphrase: str | None = None):
    """The protected (or, from an earlier version, clear) signing key in `folder`. Raises KeyLocked."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from arbocheck.core.trust.keys import CERT_FILE, KEY_FILE, SigningKey, spki_der

    method = method_of(folder, KEY_FILE)
    if method is None:
        raise KeyLocked("keys.none")
    info = _info(folder) or {}
    try:
        cert = x509.load_pem_x509_certificate((folder / CERT_FILE).read_bytes())
    except (OSError, ValueError) as e:
        raise KeyLocked("keys.damaged") from e
    if method == "keyring":
        pem, password = _keyring_get(info["username"]).encode("ascii"), None
    else:
        try:
            pem = (folder / KEY_FILE).read_bytes()
        except OSError as e:
            raise KeyLocked("keys.damaged") from e
        password = None
        if method == "passphrase":
            if not passphrase:
                raise KeyLocked("keys.needs_passphrase")
            password = _stretch(passphrase, info) if "stretch" in info else passphrase.encode("utf-8")
    try:
        key = serialization.load_pem_private_key(pem, password)
    except (TypeError, ValueError) as e:
        raise KeyLocked("keys.wrong_passphrase" if method == "passphrase" else "keys.damaged") from e
    if not isinstance(key, ec.EllipticCurvePrivateKey) or spki_der(cert) != key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
        raise KeyLocked("keys.mismatch")
    return SigningKey(key, cert)


# -- the expert's age identity ------------------------------------------------------------

def save_identity(folder: Path, file_name: str, secret: str, method: str, passphrase: str | None = None) -> None:
    from pyrage import passphrase as age_pass

    if method not in METHODS:
        raise KeyLocked("keys.choose")
    _folder_ready(folder)
    if method == "keyring":
        user = _user("age-identity", folder)
        _keyring_set(user, secret)
        _write_info(folder, {"method": "keyring", "service": SERVICE, "username": user})
        try:
            (folder / file_name).unlink()
        except FileNotFoundError:
            pass
        return
    body = age_pass.encrypt(secret.encode("ascii") + b"\n", check_new_passphrase(passphrase))
    _write_info(folder, {"method": "passphrase", "format": "age"})
    atomic_write(folder / file_name, body, keep_previous=False, mode=0o600)


def open_identity(folder: Path, file_name: str, passphrase: str | None = None) -> str:
    """The expert's age identity string (AGE-SECRET-KEY-1…). Raises KeyLocked."""
    from pyrage import passphrase as age_pass

    method = method_of(folder, file_name)
    if method is None:
        raise KeyLocked("keys.none")
    if method == "keyring":
        return _keyring_get((_info(folder) or {})["username"]).strip()
    try:
        data = (folder / file_name).read_bytes()
    except OSError as e:
        raise KeyLocked("keys.damaged") from e
    if data.startswith(b"age-encryption.org/"):
        if not passphrase:
            raise KeyLocked("keys.needs_passphrase")
        try:
            data = age_pass.decrypt(data, passphrase)
        except Exception as e:  # noqa: BLE001 - pyrage has several error types; one plain reason
            raise KeyLocked("keys.wrong_passphrase") from e
    try:
        return data.decode("ascii").strip()
    except UnicodeDecodeError as e:
        raise KeyLocked("keys.damaged") from e


# -- choosing on first use -----------------------------------------------------------------

PROTECTION_ENV = "ARBOCHECK_KEY_PROTECTION"  # passphrase | keyring: for scripts, how a new key is kept


def first_use_method(passphrase: str | None) -> str:
    """How a key made without a dialog is kept: ARBOCHECK_KEY_PROTECTION, else passphrase when
    one is given; otherwise the caller has to ask (KeyLocked 'keys.choose')."""
    method = environment().key_protection
    if method in METHODS:
        return method
    if passphrase:
        return "passphrase"
    raise KeyLocked("keys.choose")
