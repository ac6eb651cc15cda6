"""Attach the machine-readable parts, then sign the whole file once: PAdES B-B,
ECDSA P-256 / SHA-256, with a visible stamp in Noto Sans (pyHanko).

pyHanko is imported here only, lazily by callers (it costs ~0.5 s at start-up).
"""

from __future__ import annotations

import io

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pypdf import PdfReader, PdfWriter

from arbocheck.core.common import paths
from arbocheck.core.trust.keys import SigningKey

FIELD = "Signature"

# The stamp font is subset to Latin (assets/fonts/README.md): loading the full Noto
# Sans with fontTools cost ~0.2 s per signature. Other scripts fall back to the full font.
_LATIN = (set(range(0x20, 0x7F)) | set(range(0xA0, 0x180)) | set(range(0x2010, 0x2028))
          | {0x0A, 0x20AC})


def stamp_font(text: str) -> str:
    covered = all(ord(c) in _LATIN for c in text)
    return str(paths.assets_dir() / "fonts" / "NotoSans-Regular-Latin.ttf") if covered else str(paths.font("Regular"))


def attach(pdf: bytes, attachments: dict[str, bytes]) -> bytes:
    """A new single-revision PDF with these embedded files (written before signing)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    for name, data in attachments.items():
        writer.add_attachment(name, data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def _low_s_signer(base):
    """pyHanko's signer, writing the ECDSA signature value in its low-s form.

    (r, s) and (r, n - s) are both valid signatures over the same bytes: without one fixed
    form, anyone could flip s and the file would change while still verifying. The
    verifier (pdf_structure.check_signature) accepts only s <= n/2. The one certificate
    in the container is the signer's own: an empty registry adds no second copy of it.
    """
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

    class LowS(base):
        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            r, s = decode_dss_signature(super().sign_raw(data, digest_algorithm))
            return encode_dss_signature(r, min(s, P256_ORDER - s))

    return LowS


def sign(pdf: bytes, key: SigningKey, *, page: int, box: tuple[int, int, int, int], signer_name: str,
         reason: str, location: str | None = None, stamp_text: str) -> bytes:
    """Sign `pdf` with a visible stamp in `box` on `page` (0-based)."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = asn1_x509.Certificate.load(key.cert.public_bytes(serialization.Encoding.DER))
    pk = asn1_keys.PrivateKeyInfo.load(key.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    signer = _low_s_signer(signers.SimpleSigner)(signing_cert=cert, signing_key=pk,
                                                 cert_registry=SimpleCertificateStore())
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fields.append_signature_field(writer, fields.SigFieldSpec(FIELD, on_page=page, box=box))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        name=signer_name or None, reason=reason, location=location)
    style = TextStampStyle(
        stamp_text=stamp_text,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(stamp_font(stamp_text)), font_size=7, leading=9),
        border_width=1, timestamp_format="%Y-%m-%d %H:%M %Z",
    )
    out = io.BytesIO()
    signers.PdfSigner(meta, signer, stamp_style=style).sign_pdf(writer, output=out,
                                                                bytes_reserved=reserved_bytes(cert))
    return out.getvalue()


def reserved_bytes(cert: asn1_x509.Certificate) -> int:
    """Room for the signature (hex digits in /Contents), from the certificate alone.

    pyHanko would size it from a trial signature, whose length varies by a byte or two
    with the random ECDSA nonce: the file's size would wobble from one export to the
    next. A fixed room keeps it a function of what the employer sees anyway. The CMS
    holds the certificate, the signed attributes (~0.5 KiB) and a 72-byte signature;
    2 KiB beyond the certificate is ample.
    """
    return 2 * (len(cert.dump()) + 2048)
