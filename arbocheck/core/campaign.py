"""The campaign file an employer hands out, and the enrolment proof (DESIGN.md §3, §4.3).

A campaign file is JSON: the campaign (organisation, id, questionnaire,
deadline, the expert's age recipient and its fingerprint, the employer's
certificate) and an ECDSA P-256 signature over its canonical JSON, made with
the employer's key. The worker's program checks the signature on loading and
shows the employer's key fingerprint.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from .keys import SigningKey, fingerprint, spki_der
from .reasons import Refusal

FORMAT = "arbocheck-campaign"
ENROL_CONTEXT = b"arbocheck-enrol-v1"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class CampaignError(Refusal, ValueError):
    """A campaign file that cannot be used; the message says why (reasons.py)."""


@dataclass(frozen=True)
class Campaign:
    organisation: str
    campaign_id: str
    questionnaire_id: str
    questionnaire_version: str
    deadline: str
    expert_recipient: str | None
    expert_fingerprint: str | None
    employer_fingerprint: str
    employer_spki: bytes


def recipient_fingerprint(recipient: str) -> str:
    return fingerprint(recipient.strip().encode("ascii"))


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def create(employer: SigningKey, *, organisation: str, campaign_id: str, questionnaire_id: str,
           questionnaire_version: str, deadline: str, expert_recipient: str | None) -> bytes:
    """A signed campaign file (bytes)."""
    if not organisation.strip():
        raise CampaignError("campaign.no_organisation")
    if not _ID.match(campaign_id):
        raise CampaignError("campaign.bad_id")
    try:
        _dt.date.fromisoformat(deadline)
    except (TypeError, ValueError) as e:
        raise CampaignError("campaign.bad_deadline") from e
    if expert_recipient is not None:
        from .seal import SealError, parse_recipient

        try:
            parse_recipient(expert_recipient)
        except SealError as e:
            raise CampaignError("campaign.bad_expert") from e
    body = {
        "organisation": organisation.strip(),
        "campaign_id": campaign_id,
        "questionnaire": {"id": questionnaire_id, "version": questionnaire_version},
        "deadline": deadline,
        "expert_recipient": expert_recipient.strip() if expert_recipient else None,
        "expert_fingerprint": recipient_fingerprint(expert_recipient) if expert_recipient else None,
        "employer_certificate": employer.cert_pem().decode("ascii"),
    }
    sig = employer.key.sign(_canonical(body), ec.ECDSA(hashes.SHA256()))
    doc = {"format": FORMAT, "format_version": 1, "campaign": body,
           "signature": base64.b64encode(sig).decode("ascii")}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def load(data: bytes) -> Campaign:
    """Check a campaign file's signature and shape. Raises CampaignError."""
    if len(data) > 1024 * 1024:
        raise CampaignError("campaign.too_large")
    try:
        doc = json.loads(data)
        body, sig = doc["campaign"], base64.b64decode(doc["signature"], validate=True)
        if doc.get("format") != FORMAT:
            raise CampaignError("campaign.not_campaign")
        cert = x509.load_pem_x509_certificate(body["employer_certificate"].encode("ascii"))
    except CampaignError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise CampaignError("campaign.unreadable") from e
    pub = cert.public_key()
    if not isinstance(pub, ec.EllipticCurvePublicKey):
        raise CampaignError("campaign.key_type")
    try:
        pub.verify(sig, _canonical(body), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as e:
        raise CampaignError("campaign.changed") from e
    try:
        q = body["questionnaire"]
        recipient = body.get("expert_recipient")
        if recipient is not None and body.get("expert_fingerprint") != recipient_fingerprint(recipient):
            raise CampaignError("campaign.expert_mismatch")
        if not _ID.match(body["campaign_id"]):
            raise CampaignError("campaign.invalid_id")
        _dt.date.fromisoformat(body["deadline"])
        spki = spki_der(cert)
        return Campaign(str(body["organisation"]), body["campaign_id"], str(q["id"]), str(q["version"]),
                        body["deadline"], recipient, body.get("expert_fingerprint"), fingerprint(spki), spki)
    except CampaignError:
        raise
    except (KeyError, TypeError, ValueError) as e:
        raise CampaignError("campaign.incomplete") from e


def enrolment_proof(code: str, campaign_id: str, employee_id: str, worker_spki: bytes) -> str:
    """HMAC-SHA256(code, "arbocheck-enrol-v1" | campaign_id | employee_id | sha256(SPKI)), hex."""
    msg = b"|".join([ENROL_CONTEXT, campaign_id.encode("utf-8"), employee_id.encode("utf-8"),
                     hashlib.sha256(worker_spki).hexdigest().encode("ascii")])
    return hmac.new(normalise_code(code).encode("utf-8"), msg, hashlib.sha256).hexdigest()


def check_enrolment(proof: str, code: str, campaign_id: str, employee_id: str, worker_spki: bytes) -> bool:
    return hmac.compare_digest(proof, enrolment_proof(code, campaign_id, employee_id, worker_spki))


CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed over


def new_code() -> str:
    """A one-time enrolment code like 'K7QF-2MXD' (40 bits)."""
    import secrets

    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def read_employees(text: str) -> list[dict[str, str]]:
    """Employees from CSV text with at least an 'employee_id' column (',' or ';' separated).

    Raises CampaignError naming the line of every problem.
    """
    import csv
    import io

    # The header decides the separator: Dutch Excel writes ';', others ','; one column has neither.
    header = text.lstrip().partition("\n")[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    rows = [(reader.line_num, row) for row in reader]  # line numbers as an editor shows them
    if "employee_id" not in (reader.fieldnames or []):
        raise CampaignError("employees.no_column")
    problems, seen, out = [], set(), []
    for n, row in rows:
        eid = (row.get("employee_id") or "").strip()
        if not eid:
            problems.append(CampaignError("employees.no_id", n=n))
        elif len(eid) > 64 or any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in eid):
            # What a report's assessment.json may carry (assessment_model): longer ids would be refused.
            problems.append(CampaignError("employees.bad_id", n=n))
        elif eid in seen:
            problems.append(CampaignError("employees.twice", n=n, id=repr(eid)))
        else:
            seen.add(eid)
            out.append({"employee_id": eid, "name": (row.get("name") or "").strip()})
    if problems:
        raise CampaignError("employees.problems", lines=problems)
    if not out:
        raise CampaignError("employees.empty")
    return out


def codes_csv(employees: list[dict[str, str]]) -> tuple[str, dict[str, str]]:
    """(CSV text, {employee_id: code}) with a fresh one-time code per employee."""
    import csv
    import io

    codes = {e["employee_id"]: new_code() for e in employees}
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["employee_id", "name", "code"])
    for e in employees:
        w.writerow([e["employee_id"], e["name"], codes[e["employee_id"]]])
    return buf.getvalue(), codes


def normalise_code(code: str) -> str:
    """Codes are read aloud or typed over: ignore case, spaces and dashes."""
    return re.sub(r"[\s-]", "", code).upper()
