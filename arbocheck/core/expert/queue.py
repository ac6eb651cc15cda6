"""The arbo expert's queue: opening reports with the expert's identity, and the flagged items.

Only the expert can read the sealed part. Every report goes through the same
acceptance rules as the employer's importer (verify.verify) before anything in
it is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from arbocheck.core.common.reasons import say, text_of
from arbocheck.core.expert.identity import Identity
from arbocheck.core.trust import seal
from arbocheck.core.trust.assessment_model import Assessment, InvalidAssessment, SealedPart, load_sealed

@dataclass
class OpenedReport:
    path: Path
    accepted: bool
    refused: BaseException | None = None  # why it was not accepted (a Refusal, or the OSError)
    report: Assessment | None = None
    """assessment.json, typed: what the employer may read."""
    sealed: SealedPart | None = None
    """The health part, typed, once this expert has opened it."""
    sealed_state: str = "none"  # none | opened | other_expert | damaged
    signer_fingerprint: str = ""

    def why(self, lang: str = "en") -> str:
        """Why the report was not accepted, in a language ('' when it was)."""
        if self.refused is None:
            return ""
        if isinstance(self.refused, OSError):
            return say("cannot_read", lang, why=self.refused)
        return text_of(self.refused, lang)

    @property
    def reason(self) -> str:
        return self.why("en")

    @property
    def worker(self) -> str:
        r = self.report
        return (r.signer.name or r.employee_id or self.path.stem) if r else self.path.stem

    @property
    def report_id(self) -> str:
        return self.report.report_id if self.report else ""

    @property
    def answers(self) -> dict[str, Any]:
        """Every answer this expert may read: the employer's part and the opened health part."""
        if self.report is None:
            return {}
        return {**self.report.answers, **(self.sealed.answers if self.sealed else {})}


def report_files(paths_: Iterable[str | Path]) -> list[Path]:
    """PDF files named directly or found (not recursively) in named folders."""
    out: list[Path] = []
    for p in map(Path, paths_):
        if p.is_dir():
            out.extend(sorted(x for x in p.iterdir() if x.suffix.lower() == ".pdf" and x.is_file()))
        else:
            out.append(p)
    return out


def open_report(path: Path, identity: Identity) -> OpenedReport:
    from arbocheck.core.trust.verify import Rejected, verify

    try:
        v = verify(path.read_bytes())
        if v.report is None:  # an expert's advice or an employer's roll-up, not a worker's report
            raise Rejected("not_worker_report", name=path.name)
    except (OSError, Rejected) as e:
        return OpenedReport(path, False, e)
    rep = OpenedReport(path, True, report=v.report, signer_fingerprint=v.signer_fingerprint)
    if v.confidential is None:
        rep.sealed_state = "none"
        return rep
    try:
        sealed = load_sealed(seal.unseal(v.confidential, identity.secret))
    except seal.SealError:
        rep.sealed_state = "other_expert"
        return rep
    except (InvalidAssessment, ValueError):
        rep.sealed_state = "damaged"
        return rep
    # The sealed part belongs to this report: one of another report would mix up two workers.
    rep.sealed, rep.sealed_state = (sealed, "opened") if sealed.report_id == rep.report_id else (None, "damaged")
    return rep


@dataclass(frozen=True)
class ReviewItem:
    report_id: str
    worker: str
    employee_id: str
    rule: str
    item: str
    section: str
    priority: str
    owner: str
    title: str
    advice: str
    norms: tuple
    health: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.report_id, self.rule)


_RANK = {"high": 0, "medium": 1, "low": 2}


def review_items(reports: Iterable[OpenedReport]) -> list[ReviewItem]:
    """Every flagged item across accepted reports, health items from the sealed part included.

    Ordered so that the workers who need attention first come first: by their
    most urgent finding, then by finding.
    """
    items: list[ReviewItem] = []
    for rep in reports:
        if not rep.accepted:
            continue
        sources = [(f, False) for f in rep.report.findings]
        if rep.sealed:
            sources += [(f, True) for f in rep.sealed.findings]
        for f, health in sources:
            items.append(ReviewItem(
                report_id=rep.report_id, worker=rep.worker, employee_id=rep.report.employee_id or "",
                rule=f.rule, item=f.item, section=f.section, priority=f.priority, owner=f.owner,
                title=f.title, advice=f.advice, norms=tuple(n.title for n in f.norms), health=health))
    worst: dict[str, int] = {}
    for it in items:
        worst[it.report_id] = min(worst.get(it.report_id, 9), _RANK.get(it.priority, 2))
    items.sort(key=lambda it: (worst[it.report_id], it.report_id, _RANK.get(it.priority, 2), it.rule))
    return items


def report_photos(rep: OpenedReport) -> dict[str, dict]:
    """Photos of a report by hash: the printed ones from the PDF pages (matched to
    assessment.json by the hash of their JPEG stream) and the expert-only ones from
    the sealed part. Each: {section, caption, jpeg, expert_only}."""
    import base64
    import hashlib

    out: dict[str, dict] = {}
    listed = {p.sha256: p for p in rep.report.photos} if rep.report else {}
    if listed:
        from pypdf import PdfReader

        try:
            reader = PdfReader(str(rep.path))
            for page in reader.pages:
                xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
                for ref in xobjects.values():
                    obj = ref.get_object()
                    if obj.get("/Subtype") != "/Image" or obj.get("/Filter") not in ("/DCTDecode", ["/DCTDecode"]):
                        continue
                    jpeg = obj.get_data()  # a DCT stream is the JPEG file itself, untouched
                    digest = hashlib.sha256(jpeg).hexdigest()
                    if digest in listed:
                        p = listed[digest]
                        out[digest] = {"section": p.section, "caption": p.caption, "jpeg": jpeg,
                                       "expert_only": False}
        except Exception:  # noqa: BLE001 - a photo that cannot be read is left out, the review goes on
            pass
    for p in rep.sealed.photos if rep.sealed else ():
        try:
            jpeg = base64.b64decode(p.jpeg_base64, validate=True)
        except ValueError:
            continue
        out[hashlib.sha256(jpeg).hexdigest()] = {"section": p.section, "caption": p.caption, "jpeg": jpeg,
                                                 "expert_only": True}
    return out
