"""Accepting a report (DESIGN.md §4.2): every check, or one plain reason why not.

Order matters: the signature is checked before any attachment is read, and
only the known attachments are read, with a size limit on decompression.
"""

from __future__ import annotations

import hashlib
import io
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from .reasons import Refusal

MAX_FILE = 64 * 1024 * 1024  # a report with ten photos is a few MB
MAX_ATTACHMENT = {"assessment.json": 4 * 1024 * 1024, "confidential.age": 48 * 1024 * 1024,
                  "advice.json": 4 * 1024 * 1024, "rollup.json": 4 * 1024 * 1024}
DOCUMENTS = {"assessment.json": "arbocheck-assessment", "advice.json": "arbocheck-advice",
             "rollup.json": "arbocheck-rollup"}


class Rejected(Refusal):
    """A report that is not accepted; the message says why, in plain words (reasons.py)."""


@dataclass
class Verified:
    assessment: dict[str, Any]
    """The signed data: assessment.json for a worker's report, advice.json for an expert's advice."""
    confidential: bytes | None
    signer_spki: bytes
    signer_fingerprint: str
    signer_name: str
    signed_at: str | None
    attachments: list[str] = field(default_factory=list)


def verify(data: bytes, pinned_spki: bytes | None = None) -> Verified:
    """Check a signed report. Raises Rejected with the reason."""
    from cryptography import x509 as cx509

    from .keys import fingerprint, spki_der

    if len(data) > MAX_FILE:
        raise Rejected("file_too_large", mb=MAX_FILE // (1024 * 1024))
    if not data.startswith(b"%PDF-"):
        raise Rejected("not_pdf")
    import logging

    # pyHanko logs a full traceback for every rejected incremental update; the reason a
    # user needs is the one Rejected carries, in one line.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko.sign.validation.status import SignatureCoverageLevel
        from pyhanko.sign.diff_analysis import ModificationLevel
        from pyhanko_certvalidator import ValidationContext

        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = reader.embedded_signatures
    except Rejected:
        raise
    except Exception as e:  # noqa: BLE001 - a damaged or hostile file: one plain reason
        raise Rejected("pdf_unreadable", kind=type(e).__name__) from e
    if len(sigs) != 1:
        raise Rejected("no_signature") if not sigs else Rejected("many_signatures", n=len(sigs))
    sig = sigs[0]
    try:
        cert = sig.signer_cert
        spki = spki_der(cx509.load_der_x509_certificate(cert.dump()))
        vc = ValidationContext(trust_roots=[cert], allow_fetching=False)
        st = validate_pdf_signature(sig, vc)
    except Exception as e:  # noqa: BLE001
        raise Rejected("signature_unreadable", kind=type(e).__name__) from e
    if not st.intact:
        raise Rejected("content_changed")
    if not st.valid:
        raise Rejected("signature_invalid")
    if pinned_spki is not None and spki != pinned_spki:
        raise Rejected("signed_by_other_key")
    if not st.trusted:
        raise Rejected("certificate_unusable")
    if st.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise Rejected("extended_after_signing")
    if st.modification_level not in (None, ModificationLevel.NONE) or not st.docmdp_ok:
        raise Rejected("changed_after_signing")
    if not _only_zeros_after_signature(data, sig):
        raise Rejected("changed_after_signing")
    files = _attachments(reader)
    names = [n for n in DOCUMENTS if n in files]
    if len(names) != 1:
        raise Rejected("no_assessment" if not names else "two_kinds")
    name = names[0]
    try:
        assessment = json.loads(files[name])
    except (ValueError, UnicodeDecodeError) as e:
        raise Rejected("bad_json", name=name) from e
    if not isinstance(assessment, dict) or assessment.get("format") != DOCUMENTS[name]:
        raise Rejected("not_arbocheck", name=name, kind=DOCUMENTS[name].split("-")[1])
    signer = assessment.get("signer") if isinstance(assessment.get("signer"), dict) else {}
    if signer.get("fingerprint") != fingerprint(spki):
        raise Rejected("named_key_differs")
    return Verified(assessment, files.get("confidential.age"), spki, fingerprint(spki),
                    str(signer.get("name", "")), st.signer_reported_dt.isoformat() if st.signer_reported_dt else None,
                    sorted(files))


def _only_zeros_after_signature(data: bytes, sig) -> bool:
    """Whether the room reserved for the signature holds the signature and then only zeros.

    That room (/Contents) is the one part of the file the signature cannot cover; a
    PDF reader ignores what follows the signature's own DER length there, so a byte
    changed in it would otherwise go unnoticed.
    """
    try:
        _, start, end, _ = (int(x) for x in sig.byte_range)
        hexed = data[start:end]
        if hexed[:1] != b"<" or hexed[-1:] != b">":
            return False
        der = bytes.fromhex(hexed[1:-1].decode("ascii"))
    except (ValueError, TypeError, UnicodeDecodeError):
        return False
    if len(der) < 2 or der[0] != 0x30:
        return False
    if der[1] < 0x80:
        length, head = der[1], 2
    else:
        n = der[1] & 0x7F
        if n == 0 or n > 4 or len(der) < 2 + n:
            return False
        length, head = int.from_bytes(der[2:2 + n], "big"), 2 + n
    used = 2 * (head + length)  # hex digits of the signature itself
    return used <= len(hexed) - 2 and set(hexed[1 + used:-1]) <= {ord("0")}


def check_campaign(assessment: dict[str, Any], camp) -> None:
    """Raises Rejected when a verified report does not belong to this campaign (campaign.Campaign)."""
    if assessment.get("campaign_id") != camp.campaign_id:
        raise Rejected("other_campaign", got=repr(assessment.get("campaign_id")), want=repr(camp.campaign_id))
    q = assessment.get("questionnaire") or {}
    if (q.get("id"), q.get("version")) != (camp.questionnaire_id, camp.questionnaire_version):
        raise Rejected("other_questionnaire")


def _attachments(reader) -> dict[str, bytes]:
    """The known embedded files, decompressed with a limit. Anything else rejects the file."""
    from pyhanko.pdf_utils import generic

    def deref(x):
        return x.get_object() if isinstance(x, generic.IndirectObject) else x

    try:
        names = deref(reader.root.raw_get("/Names")) if "/Names" in reader.root else None
        tree = deref(names.raw_get("/EmbeddedFiles")) if names is not None and "/EmbeddedFiles" in names else None
        flat = list(deref(tree.raw_get("/Names"))) if tree is not None and "/Names" in tree else []
        if tree is not None and "/Kids" in tree:
            raise Rejected("attachments_structure")
    except Rejected:
        raise
    except Exception as e:  # noqa: BLE001
        raise Rejected("attachments_unreadable") from e
    out: dict[str, bytes] = {}
    for i in range(0, len(flat) - 1, 2):
        name = str(deref(flat[i]))
        if name not in MAX_ATTACHMENT:
            raise Rejected("attachment_unexpected", name=repr(name[:40]))
        if name in out:
            raise Rejected("attachment_twice", name=repr(name))
        try:
            spec = deref(flat[i + 1])
            stream = deref(deref(spec.raw_get("/EF")).raw_get("/F"))
            if not isinstance(stream, generic.StreamObject):
                raise Rejected("attachment_damaged", name=repr(name))
            filters = stream.get("/Filter")
            filters = [] if filters is None else ([filters] if isinstance(filters, generic.NameObject) else list(filters))
            raw = stream.encoded_data
        except Rejected:
            raise
        except Exception as e:  # noqa: BLE001
            raise Rejected("attachment_damaged", name=repr(name)) from e
        limit = MAX_ATTACHMENT[name]
        if filters == ["/FlateDecode"]:
            d = zlib.decompressobj()
            try:
                body = d.decompress(raw, limit + 1)
            except zlib.error as e:
                raise Rejected("attachment_damaged", name=repr(name)) from e
            if len(body) > limit or d.unconsumed_tail:
                raise Rejected("attachment_too_large", name=repr(name))
        elif not filters:
            body = bytes(raw)
            if len(body) > limit:
                raise Rejected("attachment_too_large", name=repr(name))
        else:
            raise Rejected("attachment_encoding", name=repr(name))
        out[name] = body
    return out


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
