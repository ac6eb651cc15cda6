"""The campaign file an employer hands out, and the enrolment proof (DESIGN.md §3, §4.3).

A campaign file is JSON: the campaign (organisation, id, questionnaire,
deadline, the expert's age recipient and its fingerprint, the employer's
certificate) and an ECDSA P-256 signature over its canonical JSON, made with
the employer's key. The worker's program checks the signature on loading and
shows the employer's key fingerprint.

Enrolment (DESIGN.md §4.3, version 2). Each employee gets a one-time code of 16 symbols
from a 32-symbol alphabet without look-alikes (80 bits), written in groups of four
(`K7QF-2MXD-9TRA-BC4E`). Both sides derive a key from it with the memory-hard scrypt:

    K     = scrypt(code, salt = "arbocheck-enrol-v2" | campaign_id | employee_id,
                   N = 2^15, r = 8, p = 1, 32 bytes)            (32 MiB, about 80 ms)
    proof = HMAC-SHA256(K, "arbocheck-enrol-v2" | campaign_id | employee_id | hex(sha256(SPKI)))

The worker's report carries the proof; the employer's register keeps only K (never the
code), checks the proof with one HMAC, burns the code and pins the worker's key. Someone
who has one report and wants its code must run scrypt once per guess: at 80-95 ms a guess
the 2^80 codes take about 3.6 * 10^15 CPU-years (`python -m arbocheck.core.trust.campaign`
measures this machine). The code is normalised first (case, spaces and dashes ignored),
the employee id by identity.normalise.

The keyed check (optional; campaign files without it still load). So the worker's welcome page can
catch a mistyped code or an unknown employee number before the report goes out, the campaign file may
carry, for every employee, a tag

    tag = HMAC-SHA256(K, "arbocheck-enrol-check-v1" | campaign_id | employee_id)[:8 bytes]

sorted and padded with random tags up to a multiple of 32, so the file shows neither the codes, nor the
employee numbers, nor (exactly) how many there are. Whoever holds the file and wants a code must still
derive K with scrypt for every guess of (code, employee id): the same 2^80 codes times 80-95 ms a guess,
about 3.6 * 10^15 CPU-years per employee id; an employee id alone cannot be tested without its code. The
64-bit tag makes a wrong pair pass by chance with a probability of n / 2^64 (10^-15 for 10,000 employees).
A campaign may also carry `hand_in`: how to hand the report in (to whom, by which channel), shown when
the report is ready, and `recheck_months`: after how many months the check is due again (1-36; a file
without it means 12, the yearly reassessment).
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from arbocheck.core.trust.keys import SigningKey, fingerprint, spki_der
from arbocheck.core.common.reasons import Refusal
from arbocheck.core.common.environment import environment

FORMAT = "arbocheck-campaign"
ENROL_CONTEXT = b"arbocheck-enrol-v2"
CHECK_CONTEXT = b"arbocheck-enrol-check-v1"
CHECK_TAG_BYTES = 8
CHECK_PAD = 32  # tags are padded to a multiple of this: the count of employees stays approximate
HAND_IN_MAX = 600
RECHECK_DEFAULT, RECHECK_MIN, RECHECK_MAX = 12, 1, 36  # months until the check is due again
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1  # 32 MiB and about 80 ms per derivation
TEST_FAST_KDF = "ARBOCHECK_TEST_FAST_KDF"  # test setting only: "1" makes scrypt cheap (N = 2^10)
CODE_LENGTH = 16
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
    check_tags: frozenset[str] | None = None
    """The keyed check of code and employee number (None: this campaign file carries none)."""
    hand_in: str | None = None
    """How to hand the report in, in the employer's words (None: not said)."""
    recheck_months: int = RECHECK_DEFAULT
    """After how many months the check is due again (signed; 12 when the file does not say)."""


def _recheck_ok(months: object) -> bool:
    return isinstance(months, int) and not isinstance(months, bool) and RECHECK_MIN <= months <= RECHECK_MAX


def check_tag(key: bytes, campaign_id: str, employee_id: str) -> str:
    """The tag of one employee's enrolment key K in the campaign file's keyed check (hex, 8 bytes)."""
    msg = b"|".join([CHECK_CONTEXT, campaign_id.encode("utf-8"), employee_id.encode("utf-8")])
    return hmac.new(key, msg, hashlib.sha256).digest()[:CHECK_TAG_BYTES].hex()


def check_tags(campaign_id: str, keys: dict[str, bytes]) -> list[str]:
    """Every employee's tag, padded with random ones to a multiple of CHECK_PAD, sorted."""
    tags = {check_tag(k, campaign_id, eid) for eid, k in keys.items()}
    while len(tags) % CHECK_PAD or not tags:
        tags.add(os.urandom(CHECK_TAG_BYTES).hex())
    return sorted(tags)


def code_fits(camp: Campaign, code: str, employee_id: str) -> bool | None:
    """Whether this code belongs to this employee number in this campaign: True or False, or None
    when the campaign file carries no keyed check. (One scrypt: about 80 ms.)"""
    if camp.check_tags is None:
        return None
    from arbocheck.core.trust.identity import EmployeeIdError, normalise

    try:
        eid = normalise(employee_id)
    except EmployeeIdError:
        return False
    if not normalise_code(code):
        return False
    return check_tag(enrolment_key(code, camp.campaign_id, eid), camp.campaign_id, eid) in camp.check_tags


def recipient_fingerprint(recipient: str) -> str:
    return fingerprint(recipient.strip().encode("ascii"))


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def create(employer: SigningKey, *, organisation: str, campaign_id: str, questionnaire_id: str,
           questionnaire_version: str, deadline: str, expert_recipient: str | None,
           enrolment_keys: dict[str, bytes] | None = None, hand_in: str | None = None,
           recheck_months: int | None = None) -> bytes:
    """A signed campaign file (bytes). With `enrolment_keys` ({employee_id: K}) it carries the keyed check
    of code and employee number; with `hand_in` the words that say how to hand the report in; with
    `recheck_months` the interval after which the check is due again (absent: 12)."""
    if not organisation.strip():
        raise CampaignError("campaign.no_organisation")
    if not _ID.match(campaign_id):
        raise CampaignError("campaign.bad_id")
    try:
        _dt.date.fromisoformat(deadline)
    except (TypeError, ValueError) as e:
        raise CampaignError("campaign.bad_deadline") from e
    if expert_recipient is not None:
        from arbocheck.core.trust.seal import SealError, parse_recipient

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
    if enrolment_keys:
        body["enrolment_check"] = {"version": 1, "tags": check_tags(campaign_id, enrolment_keys)}
    if hand_in is not None and hand_in.strip():
        if len(hand_in) > HAND_IN_MAX:
            raise CampaignError("campaign.hand_in_long", n=HAND_IN_MAX)
        body["hand_in"] = hand_in.strip()
    if recheck_months is not None:
        if not _recheck_ok(recheck_months):
            raise CampaignError("campaign.bad_recheck", lo=RECHECK_MIN, hi=RECHECK_MAX)
        body["recheck_months"] = recheck_months
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
        tags = None
        check = body.get("enrolment_check")
        if check is not None:
            if check.get("version") != 1 or not isinstance(check.get("tags"), list) or not all(
                    isinstance(x, str) and re.fullmatch(r"[0-9a-f]{16}", x) for x in check["tags"]):
                raise CampaignError("campaign.incomplete")
            tags = frozenset(check["tags"])
        hand_in = body.get("hand_in")
        if hand_in is not None and (not isinstance(hand_in, str) or len(hand_in) > HAND_IN_MAX):
            raise CampaignError("campaign.incomplete")
        recheck = body.get("recheck_months", RECHECK_DEFAULT)
        if not _recheck_ok(recheck):
            raise CampaignError("campaign.incomplete")
        return Campaign(str(body["organisation"]), body["campaign_id"], str(q["id"]), str(q["version"]),
                        body["deadline"], recipient, body.get("expert_fingerprint"), fingerprint(spki), spki,
                        tags, hand_in or None, recheck)
    except CampaignError:
        raise
    except (KeyError, TypeError, ValueError) as e:
        raise CampaignError("campaign.incomplete") from e


def _scrypt_n() -> int:
    return 2 ** 10 if environment().test_fast_kdf else SCRYPT_N


def enrolment_key(code: str, campaign_id: str, employee_id: str) -> bytes:
    """K = scrypt(code, "arbocheck-enrol-v2" | campaign_id | employee_id): what verifying a proof needs."""
    salt = b"|".join([ENROL_CONTEXT, campaign_id.encode("utf-8"), employee_id.encode("utf-8")])
    return hashlib.scrypt(normalise_code(code).encode("utf-8"), salt=salt, n=_scrypt_n(), r=SCRYPT_R, p=SCRYPT_P,
                          maxmem=128 * SCRYPT_R * SCRYPT_N * 2, dklen=32)


def enrolment_keys(campaign_id: str, codes: dict[str, str]) -> dict[str, bytes]:
    """{employee_id: K} for a campaign's codes, on every core (hashlib's scrypt releases the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    items = [(eid, code) for eid, code in codes.items() if code]
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        derived = pool.map(lambda item: enrolment_key(item[1], campaign_id, item[0]), items)
        return {eid: k for (eid, _), k in zip(items, derived)}


def proof_from_key(key: bytes, campaign_id: str, employee_id: str, worker_spki: bytes) -> str:
    """HMAC-SHA256(K, "arbocheck-enrol-v2" | campaign_id | employee_id | sha256(SPKI)), hex."""
    msg = b"|".join([ENROL_CONTEXT, campaign_id.encode("utf-8"), employee_id.encode("utf-8"),
                     hashlib.sha256(worker_spki).hexdigest().encode("ascii")])
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def enrolment_proof(code: str, campaign_id: str, employee_id: str, worker_spki: bytes) -> str:
    """The worker's side: the proof for this code, campaign, employee and signing key."""
    return proof_from_key(enrolment_key(code, campaign_id, employee_id), campaign_id, employee_id, worker_spki)


def check_enrolment(proof: str, key: bytes, campaign_id: str, employee_id: str, worker_spki: bytes) -> bool:
    """The employer's side: does the proof fit the stored key K of this employee? (one HMAC)"""
    return hmac.compare_digest(str(proof).encode("utf-8"),
                               proof_from_key(key, campaign_id, employee_id, worker_spki).encode("ascii"))


def key_check(key: bytes) -> str:
    """What the register's chained rows keep of K: its SHA-256, so a swapped K is found."""
    return hashlib.sha256(b"arbocheck-enrol-key|" + key).hexdigest()


CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed over


def new_code() -> str:
    """A one-time enrolment code like 'K7QF-2MXD-9TRA-BC4E' (16 symbols of 32: 80 bits)."""
    import secrets

    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


# The organisation's structure an employees CSV may carry (optional columns), Dutch or English headers.
GROUPS = ("department", "team", "location", "manager")
HEADERS = {"employee_id": "employee_id", "personeelsnummer": "employee_id", "name": "name", "naam": "name",
           "department": "department", "afdeling": "department", "team": "team", "location": "location",
           "locatie": "location", "vestiging": "location", "manager": "manager", "leidinggevende": "manager"}


def read_employees(text: str) -> list[dict[str, str]]:
    """Employees from CSV text with at least an 'employee_id' column (',' or ';' separated), and
    optionally name, department, team, location and manager (Dutch headers too: personeelsnummer,
    naam, afdeling, team, locatie or vestiging, leidinggevende). Each employee: employee_id, name
    and those of the optional columns the file has ("" where a line leaves one empty).

    Raises CampaignError naming the line of every problem.
    """
    import csv
    import io

    # The header decides the separator: Dutch Excel writes ';', others ','; one column has neither.
    header = text.lstrip().partition("\n")[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if reader.fieldnames:
        reader.fieldnames = [HEADERS.get((f or "").strip().lower(), f) for f in reader.fieldnames]
    rows = [(reader.line_num, row) for row in reader]  # line numbers as an editor shows them
    if "employee_id" not in (reader.fieldnames or []):
        raise CampaignError("employees.no_column")
    from arbocheck.core.trust.identity import EmployeeIdError, normalise

    problems, seen, out = [], set(), []
    for n, row in rows:
        eid = (row.get("employee_id") or "").strip()
        if not eid:
            problems.append(CampaignError("employees.no_id", n=n))
            continue
        try:
            eid = normalise(eid)
        except EmployeeIdError as e:
            problems.append(CampaignError("employees.bad_id", n=n, id=repr(row.get("employee_id")), why=e))
            continue
        if eid in seen:
            problems.append(CampaignError("employees.twice", n=n, id=repr(eid)))
        else:
            seen.add(eid)
            out.append({"employee_id": eid, "name": (row.get("name") or "").strip(),
                        **{g: (row.get(g) or "").strip()[:200] for g in GROUPS if g in reader.fieldnames}})
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
    """Codes are read aloud or typed over: ignore case, spaces and dashes (and fullwidth forms)."""
    import unicodedata

    return re.sub(r"[\s\-\u2010-\u2015]", "", unicodedata.normalize("NFKC", code)).upper()


def expert_recipient(meta: dict[str, Any] | None) -> str | None:
    """The age recipient of the bedrijfsarts or arbodienst named by the draft's campaign, if any."""
    raw = (meta or {}).get("campaign_file")
    if not raw:
        return None
    try:
        camp = load(str(raw).encode("utf-8"))
    except CampaignError:
        return None
    return camp.expert_recipient or None


def _benchmark() -> None:  # pragma: no cover - python -m arbocheck.core.trust.campaign
    """How long guessing every code takes on this machine, one core."""
    import time

    rounds = 5
    t0 = time.perf_counter()
    for i in range(rounds):
        enrolment_key(new_code(), "bench", f"E{i}")
    per = (time.perf_counter() - t0) / rounds
    space = len(CODE_ALPHABET) ** CODE_LENGTH
    years = space * per / (365.25 * 24 * 3600)
    print(f"scrypt N={_scrypt_n()} r={SCRYPT_R} p={SCRYPT_P} ({128 * SCRYPT_R * _scrypt_n() // 2 ** 20} MiB): "
          f"{per * 1000:.0f} ms per guess")
    print(f"code space {len(CODE_ALPHABET)}^{CODE_LENGTH} = 2^{space.bit_length() - 1}: "
          f"{years:.1e} CPU-years for all of it, {years / 2:.1e} on average")


if __name__ == "__main__":  # pragma: no cover
    _benchmark()
