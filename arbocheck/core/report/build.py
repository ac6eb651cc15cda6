"""Export: the signed RI&E contribution for the employer and the worker's personal copy.

build → attach assessment.json (+ confidential.age) → sign → re-open and
verify → only then is it written (crash-safe) and reported done.
"""

from __future__ import annotations

import base64
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from arbocheck.core.report import assessment as assessment_mod
from arbocheck.core.check import photos
from arbocheck.core.trust import seal
from arbocheck.core.report import sealed_size
from arbocheck.core.check import instruction
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.check.draft_photos import refs
from arbocheck.core.check.sharing import split
from arbocheck.core.common.errors import Refusal
from arbocheck.core.common.i18n import t
from arbocheck.core.trust.keys import SigningKey
from arbocheck.core.questionnaire.loader import Questionnaire
from arbocheck.core.report.pdf import ReportInput, build_pdf
from arbocheck.core.common.storage import atomic_write


# A photo prints at most 82 × 55 mm (pdf._photo_rows): 800 px is ~250 dpi there, and from the draft's
# 1600 px JPEG, Pillow's draft() decodes straight at half scale (4× less work than 1280 px).
PRINT_SIDE, PRINT_QUALITY = 800, 82


class ExportError(Refusal):
    """The export did not complete; nothing was written. The key (arbocheck/texts) says why."""


@dataclass
class Export:
    signed: bytes
    personal: bytes
    assessment: dict[str, Any]
    sealed: bool
    personal_html: str = ""
    """The personal copy as accessible HTML (html_copy.py), written beside the personal PDF."""


def html_path(personal_path: Path) -> Path:
    """Where the personal copy's HTML goes: beside the PDF, same name ("kopie.pdf" → "kopie.html")."""
    return Path(personal_path).with_suffix(".html")


def build(q: Questionnaire, answers: dict[str, Any], draft_meta: dict[str, Any], key: SigningKey,
          rm: ReportMeta, photo_bytes: Callable[[str], bytes], expert_recipient: str | None = None,
          progress: Callable[[int, str], None] | None = None, personal_copy: bool = True) -> Export:
    step = progress or (lambda pct, what: None)
    # The findings are evaluated once, here; the assessment and both PDFs get this split.
    s = split(q, answers, draft_meta, rm.lang)
    blocked = s.evaluation.blocked
    if blocked:  # an impossible answer cannot be signed as true
        raise ExportError("export.blocked", warnings=" ".join(w.message for w in blocked))
    rm.fingerprint = key.fingerprint
    # The worker's confirmation of the instruction (Arbowet art. 8), when it is for this instruction version.
    rm.instruction = instruction.confirmation(draft_meta, q)
    if expert_recipient:
        rm.expert_fingerprint = rm.expert_fingerprint or seal_fingerprint(expert_recipient)
    sealed = bool(expert_recipient)
    step(5, "photos")
    # The pages get a print-sized copy of each photo (PRINT_SIDE above; expert-only
    # ones only in the personal copy); the expert's sealed part keeps the draft's photos, each
    # within its fixed budget (sealed_size).
    all_refs = refs(draft_meta)
    ids = list(dict.fromkeys(r.id for r in all_refs if personal_copy or not r.expert_only))
    private = list(dict.fromkeys(r.id for r in all_refs if r.expert_only)) if sealed else []
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:  # Pillow releases the GIL
        printed_jobs = pool.map(
            lambda pid: photos.process(photo_bytes(pid), max_side=PRINT_SIDE, quality=PRINT_QUALITY), ids)
        sealed_jobs = pool.map(lambda pid: _sealed_photo(photo_bytes(pid)), private)
        printed, for_expert = dict(zip(ids, printed_jobs)), dict(zip(private, sealed_jobs))
    page_bytes = lambda pid: printed[pid].data  # noqa: E731
    assess, confidential = assessment_mod.build(q, answers, draft_meta, rm, sealed,
                                                {pid: p.sha256 for pid, p in printed.items()}, s)
    attachments = {"assessment.json": assessment_mod.dumps(assess)}
    if sealed:
        for p in confidential["photos"]:
            jpeg = for_expert[p["sha256"]]
            p["sha256"] = assessment_mod.sha256(jpeg)
            p["jpeg_base64"] = base64.b64encode(jpeg).decode("ascii")
        room = sealed_size.room(q, rm.report_id, len(confidential["photos"]))
        attachments["confidential.age"] = seal.seal(assessment_mod.dumps(confidential), expert_recipient, room=room)
    step(15, "pdf")
    inp = ReportInput(q, answers, draft_meta, rm, page_bytes, personal=False, sealed=sealed, split=s)
    pdf = build_pdf(inp)
    step(55, "sign")
    from arbocheck.core.trust.signing import attach, sign

    signed = sign(attach(pdf, attachments), key, page=inp.stamp["page"], box=inp.stamp["box"],
                  signer_name=rm.signer_name, reason=t("report.title", rm.lang),
                  stamp_text=_stamp_text(rm, key))
    step(75, "verify")
    _check(signed, key, assess)
    step(85, "personal")
    personal = (build_pdf(ReportInput(q, answers, draft_meta, rm, page_bytes, personal=True, split=s))
                if personal_copy else b"")
    html = ""
    if personal_copy:
        from arbocheck.core.report.html_copy import build_html

        html = build_html(q, answers, draft_meta, rm, page_bytes, s)
    step(100, "done")
    return Export(signed, personal, assess, sealed, html)


def _sealed_photo(data: bytes) -> bytes:
    """A draft's photo (already clean, made by photos.process) as it goes into the sealed
    part: unchanged when it fits its budget, else re-encoded smaller until it does."""
    if len(data) <= sealed_size.PHOTO_BYTES:
        return data
    return photos.within(data, sealed_size.PHOTO_BYTES).data


def _stamp_text(rm: ReportMeta, key: SigningKey) -> str:
    """The visible stamp: name, the report's Dutch date and local time (Europe/Amsterdam, not
    pyHanko's UTC %(ts)s) and the key's fingerprint. pyHanko still reads % as a field: escape it."""
    from arbocheck.core.report import dates

    lang, fp = rm.lang, key.fingerprint
    lines = [f"{t('report.name', lang)}: {rm.signer_name}" if rm.signer_name else "",
             f"{t('report.date', lang)}: {dates.day_and_time(rm.created_at, lang)}",
             f"{t('report.fingerprint', lang)}:", fp[:39], fp[40:]]
    return "\n".join(x for x in lines if x).replace("%", "%%")


def _check(signed: bytes, key: SigningKey, assess: dict) -> None:
    """Re-open the signed file and verify it exactly as an employer would."""
    from arbocheck.core.trust.verify import Rejected, verify

    try:
        v = verify(signed, pinned_spki=key.spki_der)
    except Rejected as e:
        raise ExportError("export.self_check", why=e) from e
    if v.assessment != json.loads(assessment_mod.dumps(assess)):
        raise ExportError("export.data_differs")


def write(export: Export, signed_path: Path, personal_path: Path | None) -> None:
    """Write both files crash-safe, then read the signed one back and verify it again."""
    from arbocheck.core.trust.verify import Rejected, verify

    atomic_write(signed_path, export.signed, keep_previous=False, mode=0o644)
    if personal_path is not None:
        atomic_write(personal_path, export.personal, keep_previous=False, mode=0o600)
        if export.personal_html:
            atomic_write(html_path(personal_path), export.personal_html.encode("utf-8"), keep_previous=False,
                         mode=0o600)
    try:
        verify(Path(signed_path).read_bytes())
    except Rejected as e:
        raise ExportError("export.disk_check", why=e) from e


def seal_fingerprint(recipient: str) -> str:
    from arbocheck.core.trust.campaign import recipient_fingerprint

    return recipient_fingerprint(recipient)


def export_report(q: Questionnaire, answers: dict[str, Any], draft_meta: dict[str, Any],
                  photo_bytes: Callable[[str], bytes], out: Path, personal: Path | None, *, key: SigningKey,
                  lang: str = "nl", signer_name: str = "", campaign=None, employee_id: str | None = None,
                  code: str = "", expert: str | None = None, report_id: str | None = None, revision: int = 1,
                  organisation: str | None = None,
                  progress: Callable[[int, str], None] | None = None) -> Export:
    """Make, sign, check and write one report: the one way the wizard (export_draft), the command
    line (`report build`) and the demo export.

    With a campaign (trust.campaign.Campaign) the report carries its organisation and id and is
    sealed for its expert unless `expert` names another age recipient; the employee id goes in
    its one spelling (trust.identity; a look-alike is refused) and, with a `code`, the enrolment
    proof. Raises EmployeeIdError, SealError (an expert key that is no age recipient),
    ExportError or OSError; nothing is written unless the report passed its own checks.
    """
    from arbocheck.core.trust import campaign as campaign_mod
    from arbocheck.core.trust.identity import normalise_or_none

    rm = ReportMeta(signer_name=signer_name, fingerprint=key.fingerprint, lang=lang, revision=revision)
    if report_id:
        rm.report_id = report_id
    employee = normalise_or_none(employee_id)
    if employee:
        rm.employee_id = employee
    if organisation:  # asked in the wizard when no campaign says it; absent, the report leaves it out
        rm.organisation = organisation.strip() or None
    if campaign is not None:
        rm.organisation, rm.campaign_id = campaign.organisation, campaign.campaign_id
        expert = expert or campaign.expert_recipient
        if employee and code.strip():
            rm.enrolment_proof = campaign_mod.enrolment_proof(code, campaign.campaign_id, employee, key.spki_der)
    from arbocheck.core.report.recheck import interval_months

    rm.recheck_months = interval_months(q, campaign)
    if expert:
        seal.parse_recipient(expert)  # a plain SealError before any work is done
    ex = build(q, answers, draft_meta, key, rm, photo_bytes, expert_recipient=expert, progress=progress)
    write(ex, out, personal)
    return ex


def export_draft(q: Questionnaire, answers: dict[str, Any], draft_meta: dict[str, Any],
                 photo_bytes: Callable[[str], bytes], out: Path, personal: Path | None,
                 lang: str = "nl", key: SigningKey | None = None,
                 progress: Callable[[int, str], None] | None = None) -> Export:
    """The wizard's export: campaign, enrolment and revision come from the draft's meta.

    Runs in a worker thread: no Qt, and it changes nothing it is given (the caller
    records the new report_id and revision from the returned assessment).
    """
    from arbocheck.core.trust import campaign as campaign_mod
    from arbocheck.core.trust import keys as keys_mod

    name = str(draft_meta.get("signer_name", "")).strip()
    key = key or keys_mod.load_or_create(common_name=name or "arbocheck")
    camp = None
    if draft_meta.get("campaign_file"):
        camp = campaign_mod.load(str(draft_meta["campaign_file"]).encode("utf-8"))
    # With a campaign, the employee id and code belong to it; without one the wizard may ask for the
    # organisation and the employee number (draft meta "organisation", "employee_id"): each is printed
    # only when given.
    return export_report(q, answers, draft_meta, photo_bytes, out, personal, key=key, lang=lang, signer_name=name,
                         campaign=camp, employee_id=str(draft_meta.get("employee_id", "") or "") or None,
                         organisation=None if camp else str(draft_meta.get("organisation", "") or "") or None,
                         code=str(draft_meta.get("enrolment_code", "")) if camp else "",
                         report_id=str(draft_meta.get("report_id") or "") or None,
                         revision=int(draft_meta.get("revision", 0)) + 1, progress=progress)
