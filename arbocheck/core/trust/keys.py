"""The worker's signing key: ECDSA P-256 with a self-signed certificate.

Created on first use in the user data folder with owner-only permissions,
optionally protected by a passphrase. Its fingerprint (SHA-256 of the public
key, SubjectPublicKeyInfo DER) is shown in the UI and printed in reports, and
is what an employer pins at enrolment.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from arbocheck.core.common import paths
from arbocheck.core.common.errors import Refusal
from arbocheck.core.common.storage import atomic_write

KEY_FILE, CERT_FILE = "worker-key.pem", "worker-cert.pem"


class KeyFileError(Refusal):
    """A key that cannot be used (wrong passphrase, damaged file): a key of arbocheck/texts."""


@dataclass(frozen=True)
class SigningKey:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def spki_der(self) -> bytes:
        return spki_der(self.cert)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.spki_der)

    def key_pem(self) -> bytes:
        return self.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())

    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def spki_der(cert: x509.Certificate) -> bytes:
    return cert.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)


def fingerprint(spki: bytes) -> str:
    """SHA-256 of the public key as 16 groups of 4 hex digits."""
    h = hashlib.sha256(spki).hexdigest().upper()
    return " ".join(h[i:i + 4] for i in range(0, len(h), 4))


def short_fingerprint(spki: bytes) -> str:
    return fingerprint(spki)[:39]  # the first 8 groups: enough to compare by eye


def generate(common_name: str = "arbocheck", years: int = 10) -> SigningKey:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64] or "arbocheck"),
                      x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "arbocheck worker key")])
    now = _dt.datetime.now(_dt.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _dt.timedelta(minutes=5))
            .not_valid_after(now + _dt.timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return SigningKey(key, cert)


def load_or_create(folder: Path | None = None, passphrase: str | None = None,
                   common_name: str = "arbocheck") -> SigningKey:
    """The worker's key, created on first use. Raises KeyFileError on a wrong passphrase."""
    folder = folder or paths.home() / "keys"
    key_path, cert_path = folder / KEY_FILE, folder / CERT_FILE
    if key_path.exists() and cert_path.exists():
        try:
            key = serialization.load_pem_private_key(key_path.read_bytes(),
                                                     passphrase.encode() if passphrase else None)
            cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        except (TypeError, ValueError) as e:
            raise KeyFileError("keys.worker_unopenable") from e
        if not isinstance(key, ec.EllipticCurvePrivateKey) or spki_der(cert) != key.public_key().public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
            raise KeyFileError("keys.worker_mismatch")
        return SigningKey(key, cert)
    sk = generate(common_name)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass
    enc = (serialization.BestAvailableEncryption(passphrase.encode()) if passphrase
           else serialization.NoEncryption())
    atomic_write(key_path, sk.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc),
                 keep_previous=False, mode=0o600)
    atomic_write(cert_path, sk.cert_pem(), keep_previous=False, mode=0o644)
    return sk
