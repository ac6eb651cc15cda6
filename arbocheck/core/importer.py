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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

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
    reason: str = ""
    enrolment: str = ""  # enrolled | tofu | pinned

    def line(self) -> str:
        if self.accepted:
            how = {"enrolled": "enrolled", "tofu": "not enrolled: key trusted on first use (TOFU)",
                   "pinned": "known key"}.get(self.enrolment, self.enrolment)
            return f"{self.path}: accepted ({how})"
        return f"{self.path}: rejected: {self.reason}"


def _limit_worker() -> None:  # pragma: no cover - runs in the child
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    import logging

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)


def check_file(path: str) -> dict[str, Any]:
    """In a worker: read (with a size cap) and verify. Returns plain data for the parent."""
    from .verify import Rejected, verify

    try:
        size = os.path.getsize(path)
        if size > MAX_FILE:
            return {"ok": False, "reason": f"the file is larger than {MAX_FILE // (1024 * 1024)} MB"}
        with open(path, "rb") as f:
            data = f.read(MAX_FILE + 1)
        v = verify(data)
    except Rejected as e:
        return {"ok": False, "reason": str(e)}
    except MemoryError:
        return {"ok": False, "reason": "the file needs more memory than a report can"}
    except OSError as e:
        return {"ok": False, "reason": f"cannot read the file: {e.strerror or e}"}
    except Exception as e:  # noqa: BLE001 - hostile input: one plain reason, never a traceback
        return {"ok": False, "reason": f"the file cannot be checked ({type(e).__name__})"}
    return {"ok": True, "assessment": v.assessment, "signer_fp": v.signer_fingerprint,
            "spki_sha256": hashlib.sha256(v.signer_spki).hexdigest(), "spki": v.signer_spki,
            "sha256": hashlib.sha256(data).hexdigest()}


def files_of(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p])
    return out


def _verify_iter(files: list[Path], workers: int):
    """Yield (path, result) in order while the workers run ahead, so the parent's
    register work overlaps their checking. A stuck or crashed worker costs only its own file."""
    todo = list(files)
    while todo:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_limit_worker)
        futures = [(pool.submit(check_file, str(p)), p) for p in todo]
        todo = []
        broken = False
        for i, (fut, p) in enumerate(futures):
            try:
                yield p, fut.result(timeout=TIME_LIMIT_S)
                continue
            except FutureTimeout:
                yield p, {"ok": False, "reason": f"checking took longer than {TIME_LIMIT_S} s"}
            except BrokenProcessPool:
                yield p, {"ok": False, "reason": "the file could not be checked safely (its checker ran out "
                                                 "of memory or crashed)"}
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


def import_files(register, paths: Iterable[str | Path], *, campaign=None, codes: dict[str, str] | None = None,
                 workers: int | None = None) -> list[Outcome]:
    from . import campaign as campaign_mod
    from . import qloader

    files = files_of(paths)
    outcomes = []
    health_cache: dict[tuple, tuple[frozenset[str], frozenset[str]] | None] = {}
    for path, r in _verify_iter(files, workers or min(2, os.cpu_count() or 1)):
        if not r["ok"]:
            outcomes.append(Outcome(path, False, r["reason"]))
            continue
        a = r["assessment"]
        try:
            data = path.read_bytes()
        except OSError as e:
            outcomes.append(Outcome(path, False, f"cannot read the file: {e.strerror or e}"))
            continue
        if hashlib.sha256(data).hexdigest() != r["sha256"]:
            outcomes.append(Outcome(path, False, "the file changed while it was being checked"))
            continue
        qref = a.get("questionnaire") or {}
        qkey = (qref.get("id"), qref.get("version"))
        if qkey not in health_cache:
            try:
                q = qloader.find(str(qkey[0]), str(qkey[1]))
                health_cache[qkey] = (q.health_items(), frozenset(q.health_rules))
            except (LookupError, qloader.QuestionnaireError):
                health_cache[qkey] = None
        if health_cache[qkey] is None:
            outcomes.append(Outcome(path, False, f"unknown questionnaire {qkey[0]} {qkey[1]}"))
            continue
        a = _strip(a, *health_cache[qkey])
        camp_id, employee = a.get("campaign_id"), a.get("employee_id")
        if campaign is not None and camp_id != campaign.campaign_id:
            outcomes.append(Outcome(path, False, f"the report belongs to campaign {camp_id!r}, "
                                                 f"not {campaign.campaign_id!r}"))
            continue
        with register.engine.begin() as conn:
            register.lock(conn)
            latest = register.latest_revision(conn, str(a.get("report_id")))
            revision = int(a.get("revision") or 1)
            if latest is not None:
                if latest[1] != camp_id:
                    outcomes.append(Outcome(path, False, "this report was already handed in for another campaign"))
                    continue
                if revision == latest[0]:
                    outcomes.append(Outcome(path, False, "duplicate: this revision of the report is already in "
                                                         "the register"))
                    continue
                if revision < latest[0]:
                    outcomes.append(Outcome(path, False, f"stale: revision {revision} after revision {latest[0]}"))
                    continue
            pinned = register.pinned_key(conn, camp_id, employee)
            if pinned is not None:
                if pinned != r["signer_fp"]:
                    outcomes.append(Outcome(path, False, "signed with a different key than the one on record for "
                                                         "this employee"))
                    continue
                how = "pinned"
            elif a.get("enrolment_proof") and campaign is not None and codes and employee in codes:
                if register.code_burned(conn, camp_id, employee):
                    outcomes.append(Outcome(path, False, "the enrolment code was already used"))
                    continue
                if not campaign_mod.check_enrolment(str(a["enrolment_proof"]), codes[employee], camp_id, employee,
                                                    r["spki"]):
                    outcomes.append(Outcome(path, False, "the enrolment proof does not match this employee's code"))
                    continue
                register.add_event(conn, "code_burned", camp_id, employee, {"report_id": a["report_id"]})
                register.add_event(conn, "key_pinned", camp_id, employee,
                                   {"fingerprint": r["signer_fp"], "how": "enrolled"})
                how = "enrolled"
            else:
                register.add_event(conn, "key_pinned", camp_id, employee, {"fingerprint": r["signer_fp"],
                                                                           "how": "tofu"})
                how = "tofu"
            register.add_report(conn, assessment=a, signer_fp=r["signer_fp"], enrolment=how,
                                pdf_sha256=register.store_pdf(data))
        outcomes.append(Outcome(path, True, enrolment=how))
    return outcomes
