"""`assessment.json` (what the employer may read) and the confidential payload
(what only the arbo expert may read), built from one worksheet.

The employer part is an allowlist: only answers of items that are not health
data, findings and measures that rest on no health answer, photos not marked
expert-only. Everything else goes into the confidential payload.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from arbocheck.core.check.draft_photos import PhotoRef
from arbocheck.core.questionnaire.loader import Questionnaire
from arbocheck.core.check.sharing import Split, split

FORMAT = "arbocheck-assessment"
CONFIDENTIAL_FORMAT = "arbocheck-confidential"
FORMAT_VERSION = 1


@dataclass
class ReportMeta:
    """Facts about one export that are not answers."""

    signer_name: str
    fingerprint: str
    report_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    revision: int = 1
    created_at: str = field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))
    lang: str = "nl"
    organisation: str | None = None
    campaign_id: str | None = None
    employee_id: str | None = None
    enrolment_proof: str | None = None
    expert_fingerprint: str | None = None
    instruction: dict[str, str] | None = None
    """{"date", "version"} when the worker confirmed reading the instruction (check.instruction)."""
    recheck_months: int | None = None
    """Months until the next check (campaign, else questionnaire); the account prints the due date."""


def printed_sections(q: Questionnaire, personal: bool = False) -> list[str]:
    """Ids of the sections the report prints, in questionnaire order: a section with no
    item to show (all health items, in the employer's version) is left out."""
    return [sec.id for sec in q.data.sections if any(personal or not it.health for it in sec.items)]


def figure_numbers(q: Questionnaire, photos: list[PhotoRef], personal: bool = False) -> list[int | None]:
    """The figure number of each photo in `photos` (same positions), as the report prints them.

    Numbered 1, 2, … down the report: by section in questionnaire order, then in list
    order within a section — not in the order they were added. A photo whose section
    the report does not print gets None. By position, not by id: the same image may
    be listed in two sections. The report (report_pdf) and assessment.json both take
    their numbers from here, so they always agree.
    """
    rank = {sid: i for i, sid in enumerate(printed_sections(q, personal))}
    order = sorted((rank[p.section], i) for i, p in enumerate(photos) if p.section in rank)
    numbers: list[int | None] = [None] * len(photos)
    for n, (_, i) in enumerate(order, 1):
        numbers[i] = n
    return numbers


def _photo_json(p: PhotoRef, figure: int | None, page_hash: dict[str, str]) -> dict:
    return {"sha256": page_hash.get(p.id, p.id), "section": p.section, "caption": p.caption, "figure": figure}


def build(q: Questionnaire, answers: dict[str, Any], meta_draft: dict[str, Any], rm: ReportMeta,
          sealed: bool, page_hash: dict[str, str] | None = None, s: Split | None = None) -> tuple[dict, dict]:
    """(assessment, confidential) as JSON-ready dicts.

    `page_hash` maps a draft photo id to the hash of the JPEG printed in the
    report, so a photo in assessment.json can be matched to its image stream.
    `s` is the split of these answers when the caller has made it already.
    """
    s = s or split(q, answers, meta_draft, rm.lang)
    figures = figure_numbers(q, s.employer_photos)
    assessment = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "report_id": rm.report_id,
        "revision": rm.revision,
        "created_at": rm.created_at,
        "lang": rm.lang,
        "questionnaire": {"id": q.id, "version": q.version, "sha256": q.sha256},
        "organisation": rm.organisation,
        "campaign_id": rm.campaign_id,
        "employee_id": rm.employee_id,
        "enrolment_proof": rm.enrolment_proof,
        "signer": {"name": rm.signer_name, "fingerprint": rm.fingerprint},
        **employer_facts(q, s),
        # Only when confirmed: a report without it (older ones too) says the instruction was not confirmed.
        **({"instruction": dict(rm.instruction)} if rm.instruction else {}),
        "photos": [_photo_json(p, n, page_hash or {}) for p, n in zip(s.employer_photos, figures)],
        "confidential": {
            "sealed": sealed,
            "recipient_fingerprint": rm.expert_fingerprint if sealed else None,
        },
    }
    confidential = confidential_json(rm.report_id, s.expert_answers, s.expert_findings, s.expert_plan,
                                     s.expert_photos)
    return assessment, confidential


def confidential_json(report_id: str, answers: dict[str, Any], findings: list, plan: list,
                      photos: list[PhotoRef]) -> dict:
    """The confidential payload (before its photos' JPEGs are added). `sealed_size` builds
    its worst case through this same function, so the two cannot drift apart."""
    return {
        "format": CONFIDENTIAL_FORMAT,
        "format_version": FORMAT_VERSION,
        "report_id": report_id,
        "answers": answers,
        "findings": [_finding_json(f) for f in findings],
        "action_plan": [p.to_json() for p in plan],
        "photos": [sealed_photo_json(p.id, p.section, p.caption) for p in photos],
    }


def sealed_photo_json(sha256: str, section: str, caption: str, jpeg_base64: str | None = None) -> dict:
    """One expert-only photo in the confidential payload; `jpeg_base64` is added when sealing."""
    d = {"sha256": sha256, "section": section, "caption": caption}
    if jpeg_base64 is not None:
        d["jpeg_base64"] = jpeg_base64
    return d


FACTS = ("profile", "answers", "derived", "counts", "findings", "action_plan")


def employer_facts(q: Questionnaire, s: Split) -> dict[str, Any]:
    """The parts of assessment.json that follow from the answers alone (FACTS): the importer
    recomputes them from a report's own answers and refuses a report that claims otherwise."""
    profile_ids = [it.id for it in q.data.sections[0].items]
    return {
        "profile": {k: s.employer_answers[k] for k in profile_ids if k in s.employer_answers},
        "answers": s.employer_answers,
        "derived": s.employer_derived,
        "counts": {p: sum(f.priority == p for f in s.employer_findings) for p in ("high", "medium", "low")},
        "findings": [_finding_json(f) for f in s.employer_findings],
        "action_plan": [p.to_json() | {"health": False} for p in s.employer_plan],
    }


def _finding_json(f) -> dict:
    d = f.to_json()
    d.pop("health", None)
    return d


def dumps(obj: dict) -> bytes:
    """Canonical JSON bytes (sorted keys, UTF-8): equal content, equal bytes."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
