"""Accepting a report (DESIGN.md §4.2): every check, or one plain reason why not.

Order matters: the signature is checked before any attachment is read, and
only the known attachments are read, with a size limit on decompression.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass, field
from typing import Any

from arbocheck.core.common.reasons import Refusal
from arbocheck.core.common.shown import shown

MAX_FILE = 64 * 1024 * 1024  # a report with ten photos is a few MB
MAX_ATTACHMENT = {"assessment.json": 256 * 1024, "confidential.age": 48 * 1024 * 1024,
                  "advice.json": 4 * 1024 * 1024, "rollup.json": 4 * 1024 * 1024}
DOCUMENTS = {"assessment.json": "arbocheck-assessment", "advice.json": "arbocheck-advice",
             "rollup.json": "arbocheck-rollup"}
# The embedded files each kind of document has: exactly what arbocheck attaches, nothing else.
ATTACHMENTS = {"assessment.json": {"assessment.json", "confidential.age"}, "advice.json": {"advice.json"},
               "rollup.json": {"rollup.json"}}


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
    report: Any = None
    """A worker's report: assessment.json as its typed model (assessment_model.Assessment); None
    for an expert's advice and an employer's roll-up, which have no model of their own."""


def verify(data: bytes, pinned_spki: bytes | None = None) -> Verified:
    """Check a signed report. Raises Rejected with the reason."""
    from cryptography import x509 as cx509

    from arbocheck.core.trust.keys import fingerprint, spki_der

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
    from arbocheck.core.trust import assessment_model, pdf_structure

    try:
        pdf_structure.check_signature(sig, data)
        files, refs = _attachments(reader)
        names = [n for n in DOCUMENTS if n in files]
        if len(names) != 1:
            raise Rejected("no_assessment" if not names else "two_kinds")
        name = names[0]
        other = sorted(set(files) - ATTACHMENTS[name])
        if other:
            raise Rejected("attachment_unexpected", name=repr(other[0]))
        pdf_structure.check_document(reader, refs, len(files), data)
        model = None
        if name == "assessment.json":
            assessment, model = assessment_model.load(files[name], name)
        else:
            assessment = assessment_model.parse_json(files[name], name, MAX_ATTACHMENT[name])
    except Refusal as e:
        raise Rejected(e.key, **e.params) from None
    if not isinstance(assessment, dict) or assessment.get("format") != DOCUMENTS[name]:
        raise Rejected("not_arbocheck", name=name, kind=DOCUMENTS[name].split("-")[1])
    signer = assessment.get("signer") if isinstance(assessment.get("signer"), dict) else {}
    if signer.get("fingerprint") != fingerprint(spki):
        raise Rejected("named_key_differs")
    return Verified(assessment, files.get("confidential.age"), spki, fingerprint(spki),
                    str(signer.get("name", "")), st.signer_reported_dt.isoformat() if st.signer_reported_dt else None,
                    sorted(files), model)


def check_campaign(assessment: dict[str, Any], camp) -> None:
    """Raises Rejected when a verified report does not belong to this campaign (campaign.Campaign)."""
    if assessment.get("campaign_id") != camp.campaign_id:
        raise Rejected("other_campaign", got=repr(assessment.get("campaign_id")), want=repr(camp.campaign_id))
    q = assessment.get("questionnaire") or {}
    if (q.get("id"), q.get("version")) != (camp.questionnaire_id, camp.questionnaire_version):
        raise Rejected("other_questionnaire")


def _attachments(reader) -> tuple[dict[str, bytes], set[tuple[int, int]]]:
    """The known embedded files, decompressed with a limit, and the (idnum, generation) of
    their streams. Anything else rejects the file."""
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
    refs: set[tuple[int, int]] = set()
    if len(flat) % 2 or len(flat) > 2 * len(MAX_ATTACHMENT):
        raise Rejected("attachments_structure")
    for i in range(0, len(flat) - 1, 2):
        name = deref(flat[i])
        if not isinstance(name, (generic.TextStringObject, generic.ByteStringObject)):
            raise Rejected("attachments_structure")
        name = str(name)
        if name not in MAX_ATTACHMENT:
            raise Rejected("attachment_unexpected", name=repr(shown(name, 40)))
        if name in out:
            raise Rejected("attachment_twice", name=repr(name))
        try:
            spec = deref(flat[i + 1])
            ef = deref(spec.raw_get("/EF"))
            if set(ef.keys()) != {"/F"}:  # one file, not other versions of it (/UF, /DOS, /Mac, /Unix)
                raise Rejected("attachment_damaged", name=repr(name))
            link = ef.raw_get("/F")
            if not isinstance(link, generic.IndirectObject):
                raise Rejected("attachment_damaged", name=repr(name))
            stream = link.get_object()
            if not isinstance(stream, generic.StreamObject):
                raise Rejected("attachment_damaged", name=repr(name))
            refs.add((link.reference.idnum, link.reference.generation))
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
    return out, refs


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
