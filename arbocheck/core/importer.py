"""Import reports into the register: every file is hostile until proven otherwise.

Each file is read and verified in a worker process (both cores) with a memory
limit and a time limit; a file that takes too long or exhausts memory kills
only its worker. The parent then applies the enrolment and replay checks and
stores the accepted report in one transaction. Every file ends as "accepted"
or "rejected: reason", never as a traceback.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor, TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .reasons import say
from .verify import MAX_FILE

TIME_LIMIT_S = 30
MEMORY_LIMIT = 1536 * 1024 * 1024
ALLOWED_KEYS = ("format", "format_version", "report_id", "revision", "created_at", "lang", "questionnaire",
                "organisation", "campaign_id", "employee_id", "enrolment_proof", "signer", "profile", "answers",
                "derived", "counts", "findings", "action_plan", "photos", "confidential")


@dataclass
class Outcome:
    path: Path
    accepted: bool
    key: str = ""  # why it was rejected: a key of reasons.py
    params: dict[str, Any] = field(default_factory=dict)
    enrolment: str = ""  # enrolled | tofu | pinned

    @property
    def reason(self) -> str:
        return say(self.key, "en", **self.params) if self.key else ""

    def text(self, lang: str = "en") -> str:
        return say(self.key, lang, **self.params) if self.key else ""

    def line(self, lang: str = "en") -> str:
        if self.accepted:
            return say("outcome.accepted", lang, file=str(self.path), how=say("enrolment." + self.enrolment, lang))
        return say("outcome.rejected", lang, file=str(self.path), reason=self.text(lang))


def _rejected(key: str, **params: Any) -> dict[str, Any]:
    return {"ok": False, "key": key, "params": params}


def _limit_worker() -> None:  # pragma: no cover - runs in the child
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass


def check_file(path: str, pdf_dir: str | None = None) -> dict[str, Any]:
    """In a worker: read (with a size cap) and verify; a report that passes is stored in `pdf_dir`
    by its content hash, exactly the bytes that were verified. Returns plain data for the parent."""
    from .verify import Rejected, verify

    try:
        size = os.path.getsize(path)
        if size > MAX_FILE:
            return _rejected("file_too_large", mb=MAX_FILE // (1024 * 1024))
        with open(path, "rb") as f:
            data = f.read(MAX_FILE + 1)
        v = verify(data)
        digest = hashlib.sha256(data).hexdigest()
        if pdf_dir is not None:
            from .register import store_pdf

            store_pdf(Path(pdf_dir), data, digest)
    except Rejected as e:
        return _rejected(e.key, **e.params)
    except MemoryError:
        return _rejected("needs_memory")
    except OSError as e:
        return _rejected("cannot_read", why=e.strerror or str(e))
    except Exception as e:  # noqa: BLE001 - hostile input: one plain reason, never a traceback
        return _rejected("cannot_check", kind=type(e).__name__)
    return {"ok": True, "assessment": v.assessment, "signer_fp": v.signer_fingerprint, "spki": v.signer_spki,
            "sha256": digest}


def files_of(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p])
    return out


def _context():
    """Workers start from a clean process, never as a fork of one that may run GUI threads:
    a fork server (POSIX) that has pyHanko loaded once, else spawn (Windows)."""
    import multiprocessing as mp
    import sys

    if getattr(sys, "frozen", False):  # the frozen program has no main script to re-read (packaging/launch.py)
        mp.process.ORIGINAL_DIR = None
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["arbocheck.core.verify", "pyhanko.sign.validation", "pyhanko.pdf_utils.reader",
                                    "pyhanko_certvalidator"])
        return ctx
    return mp.get_context("spawn")


def _verify_iter(files: list[Path], workers: int, pdf_dir: Path):
    """Yield (path, result) in order while the workers run ahead, so the parent's
    register work overlaps their checking. A stuck or crashed worker costs only its own file."""
    todo = list(files)
    while todo:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_limit_worker, mp_context=_context())
        futures = [(pool.submit(check_file, str(p), str(pdf_dir)), p) for p in todo]
        todo = []
        broken = False
        for i, (fut, p) in enumerate(futures):
            try:
                yield p, fut.result(timeout=TIME_LIMIT_S)
                continue
            except FutureTimeout:
                yield p, _rejected("check_timeout", s=TIME_LIMIT_S)
            except BrokenProcessPool:
                yield p, _rejected("checker_crashed")
            # Stop the stuck or dead workers and go on with the rest in a fresh pool.
            broken = True
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.kill()
            todo = [q for _, q in futures[i + 1:]]
            break
        pool.shutdown(wait=not broken, cancel_futures=True)


def _strip(assessment: dict, health_items: frozenset[str], health_rules: frozenset[str]) -> dict:
    """The register cannot hold health data: keep only known keys, non-health answers, and findings
    and measures that rest on no health rule, whatever a (modified) client put in the file."""
    a = {k: assessment[k] for k in ALLOWED_KEYS if k in assessment}
    for key in ("answers", "profile", "derived"):
        if isinstance(a.get(key), dict):
            a[key] = {k: v for k, v in a[key].items() if k not in health_items}
    if isinstance(a.get("findings"), list):
        a["findings"] = [f for f in a["findings"] if isinstance(f, dict) and f.get("rule") not in health_rules]
    if isinstance(a.get("action_plan"), list):
        a["action_plan"] = [p for p in a["action_plan"] if isinstance(p, dict)
                            and not set(p.get("rules") or []) & health_rules]
    return a


BATCH = 16  # reports stored per transaction: one commit (and fsync) for each batch


def import_files(register, paths: Iterable[str | Path], *, campaign=None, codes: dict[str, str] | None = None,
                 workers: int | None = None, progress: Callable[[int, Outcome], None] | None = None) -> list[Outcome]:
    """Check and store every file; one Outcome per file, in order.

    With `campaign` (and its `codes`) only that campaign's reports are taken; without, each
    report is checked against the campaign of its own campaign id when that is registered
    here. `progress(percent, outcome)` is called for each file once its batch is committed.
    """
    files = files_of(paths)
    register.prepare_pdf_dir()
    admit = _Admission(register, campaign, codes)
    outcomes: list[Outcome] = []
    batch: list[tuple[Path, dict]] = []

    def flush() -> None:
        for outcome in admit.store(batch):
            outcomes.append(outcome)
            if progress is not None:
                progress(100 * len(outcomes) // len(files), outcome)
        batch.clear()

    for path, r in _verify_iter(files, workers or min(2, os.cpu_count() or 1), register.pdf_dir):
        batch.append((path, r))
        if len(batch) >= BATCH:
            flush()
    flush()
    return outcomes


class _Admission:
    """The parent's checks on verified reports: questionnaire, campaign, replay, enrolment; then
    storing a batch of them, with the roll-up, in one transaction. The identity rules are
    written down in admission.py."""

    def __init__(self, register, campaign, codes):
        from .admission import RegisterForm

        self.register, self.campaign = register, campaign
        # Enrolment keys per campaign: derived from the codes CSV when one was given (scrypt, once
        # per enrolled report), else the keys the register keeps.
        self.codes = codes
        self.known = {k.campaign_id: k.campaign for k in register.campaigns()}
        if campaign is not None:
            self.known[campaign.campaign_id] = campaign
        self.closed = register.closed_campaigns()
        self.known_keys: dict[str, dict[str, bytes]] = {}
        self.forms = RegisterForm()
        self.health = self.forms._health

    def _health(self, qref: dict) -> tuple[frozenset[str], frozenset[str]] | None:
        return self.forms.health(qref)

    def _campaign_of(self, camp_id):
        """The campaign this report is checked against, or None."""
        if self.campaign is not None:
            return self.campaign
        return self.known.get(camp_id)

    def _key_of(self, camp_id: str, employee: str) -> bytes | None:
        """The enrolment key K of this employee in this campaign, or None."""
        from .campaign import enrolment_key
        from .identity import EmployeeIdError, normalise

        if self.codes is not None and self.campaign is not None and camp_id == self.campaign.campaign_id:
            if not hasattr(self, "_csv_codes"):
                self._csv_codes = {}
                for eid, code in self.codes.items():
                    try:
                        self._csv_codes[normalise(eid)] = code
                    except EmployeeIdError:
                        continue
            code = self._csv_codes.get(employee)
            keys = self.known_keys.setdefault(camp_id, {})
            if code and employee not in keys:
                keys[employee] = enrolment_key(code, camp_id, employee)
            return keys.get(employee)
        if camp_id not in self.known_keys:
            self.known_keys[camp_id] = self.register.enrolment_keys(camp_id)
        return self.known_keys[camp_id].get(employee)

    def store(self, batch: list[tuple[Path, dict]]) -> list[Outcome]:
        """Admit or refuse each file of the batch; all that are admitted are committed together."""
        from sqlalchemy.exc import SQLAlchemyError

        from . import rollup

        if not batch:
            return []
        reg = self.register
        try:
            with reg.write() as conn:
                state = _Batch(conn, [r["assessment"] for _, r in batch if r["ok"]])
                outcomes = [self._admit(state, path, r) if r["ok"] else Outcome(path, False, r["key"], r["params"])
                            for path, r in batch]
                reg.add_events(conn, state.events)
                rows = reg.add_reports(conn, state.reports)
                rollup.apply(conn, [rollup.stored(row, a) for row, (_, a) in zip(rows, state.reports)])
        except SQLAlchemyError as e:
            reason = str(e.orig if getattr(e, "orig", None) is not None else e).splitlines()[0][:200]
            outcomes = [Outcome(path, False, "register_failed", {"why": reason}) for path, _ in batch]
        self._forget_unused(batch, outcomes)
        return outcomes

    def _forget_unused(self, batch, outcomes) -> None:
        """A checked file that was refused after all leaves no copy behind (unless another row keeps it)."""
        from sqlalchemy import select

        from .register import reports

        unused = {r["sha256"] for (_, r), o in zip(batch, outcomes) if r["ok"] and not o.accepted}
        if not unused:
            return
        with self.register.engine.connect() as conn:
            kept = {d for (d,) in conn.execute(select(reports.c.pdf_sha256).where(reports.c.pdf_sha256.in_(unused)))}
        for digest in unused - kept:
            try:
                (self.register.pdf_dir / f"{digest}.pdf").unlink()
            except OSError:
                pass

    def _admit(self, state: "_Batch", path: Path, r: dict[str, Any]) -> Outcome:
        from . import campaign as campaign_mod
        from .admission import created_problem
        from .identity import EmployeeIdError
        from .verify import Rejected, check_campaign

        def no(key: str, **params: Any) -> Outcome:
            return Outcome(path, False, key, params)

        a = r["assessment"]
        qref = a.get("questionnaire") or {}
        try:
            a = self.forms.form(a)  # health data stripped, the employee id in its one spelling
        except EmployeeIdError as e:
            return no(e.key, **e.params)
        if a is None:
            return no("unknown_questionnaire", id=qref.get("id"), version=qref.get("version"))
        problem = created_problem(a.get("created_at"))
        if problem is not None:
            return no(problem[0], **problem[1])
        camp_id, employee = a.get("campaign_id"), a.get("employee_id")
        camp = self._campaign_of(camp_id)
        if camp is not None:
            try:
                check_campaign(a, camp)
            except Rejected as e:
                return no(e.key, **e.params)
        elif camp_id is not None:  # a campaign this register does not know: another organisation's, or made up
            return no("unknown_campaign", id=repr(camp_id))
        if camp_id is not None and camp_id in self.closed:
            return no("campaign_closed", id=repr(camp_id))
        reg = self.register
        report_id, revision = str(a.get("report_id")), int(a.get("revision") or 1)
        latest = state.revisions.get(report_id)
        if latest is not None:
            if latest[1] != camp_id:
                return no("handed_in_elsewhere")
            if revision == latest[0]:
                return no("duplicate")
            if revision < latest[0]:
                return no("stale", revision=revision, latest=latest[0])
        events = []
        enrolled = bool(employee) and (employee in state.enrolled or (
            self.codes is not None and camp_id is not None and self._key_of(camp_id, employee) is not None))
        pinned = state.pins.get((camp_id, employee)) if employee else None
        if employee and not enrolled and pinned is None:
            pinned = state.first_pin.get(employee)  # not enrolled anywhere: the first key seen for the id
        if enrolled and pinned is not None and pinned[1] != "enrolled":
            pinned = None  # a key trusted on first use does not stand for someone who was given a code
        if not employee:  # nobody to pin a key to: each such report stands on its own key
            how = basis = "tofu"
        elif pinned is not None:
            if pinned[0] != r["signer_fp"]:
                return no("other_key_on_record")
            how, basis = "pinned", pinned[1]
        elif enrolled:
            # A code was handed out for this employee: only a proof pins a key, never first use.
            key = self._key_of(camp_id, employee) if camp_id is not None else None
            if key is None:
                return no("enrolled_needs_proof", id=employee)
            if not a.get("enrolment_proof"):
                return no("proof_missing")
            if (camp_id, employee) in state.burned:
                return no("code_used")
            if not campaign_mod.check_enrolment(str(a["enrolment_proof"]), key, camp_id, employee, r["spki"]):
                return no("proof_mismatch")
            events += [reg.event_row("code_burned", camp_id, employee, {"report_id": a["report_id"]}),
                       reg.event_row("key_pinned", camp_id, employee, {"fingerprint": r["signer_fp"],
                                                                       "how": "enrolled"})]
            state.burned.add((camp_id, employee))
            how = basis = "enrolled"
        else:
            events.append(reg.event_row("key_pinned", camp_id, employee, {"fingerprint": r["signer_fp"], "how": "tofu"}))
            how = basis = "tofu"
        if not (reg.pdf_dir / f"{r['sha256']}.pdf").exists():
            return no("cannot_read", why="the checked copy is missing")
        if employee and (camp_id, employee) not in state.pins:
            state.pins[(camp_id, employee)] = (r["signer_fp"], basis)
            state.first_pin.setdefault(employee, (r["signer_fp"], basis))
        state.revisions[report_id] = (revision, camp_id)
        state.events += events
        state.reports.append((reg.report_row(a, signer_fp=r["signer_fp"], enrolment=basis, pdf_sha256=r["sha256"]), a))
        return Outcome(path, True, enrolment=how)


class _Batch:
    """What the register already says about the reports of one batch, read in four queries and
    kept up to date as the batch is admitted (a duplicate within the batch is a duplicate too);
    and what the batch will write."""

    def __init__(self, conn, assessments: list[dict]):
        import json

        from sqlalchemy import select

        from .identity import EmployeeIdError, normalise
        from .register import campaign_employees, events, reports

        ids = {str(a.get("report_id")) for a in assessments}
        people = set()
        for a in assessments:
            try:
                if a.get("employee_id"):
                    people.add(normalise(str(a["employee_id"])))
            except EmployeeIdError:
                continue
        self.revisions: dict[str, tuple[int, str | None]] = {}
        for report_id, revision, campaign_id in conn.execute(
                select(reports.c.report_id, reports.c.revision, reports.c.campaign_id)
                .where(reports.c.report_id.in_(ids)).order_by(reports.c.seq)):
            if report_id not in self.revisions or revision > self.revisions[report_id][0]:
                self.revisions[report_id] = (revision, campaign_id)
        # Employee ids given a code in any registered campaign.
        self.enrolled: set[str] = {e for (e,) in conn.execute(
            select(campaign_employees.c.employee_id).where(campaign_employees.c.employee_id.in_(people)).distinct())}
        self.pins: dict[tuple, tuple[str, str]] = {}
        self.first_pin: dict[str, tuple[str, str]] = {}
        self.burned: set[tuple] = set()
        for kind, campaign_id, employee, body in conn.execute(
                select(events.c.kind, events.c.campaign_id, events.c.employee_id, events.c.body)
                .where(events.c.kind.in_(("key_pinned", "code_burned")), events.c.employee_id.in_(people))
                .order_by(events.c.seq)):
            if kind == "code_burned":
                self.burned.add((campaign_id, employee))
            elif (campaign_id, employee) not in self.pins:  # the first pin counts
                pin = json.loads(body)
                self.pins[(campaign_id, employee)] = (pin["fingerprint"], pin.get("how", "tofu"))
                self.first_pin.setdefault(employee, self.pins[(campaign_id, employee)])
        self.events: list[dict] = []
        self.reports: list[tuple[dict, dict]] = []
