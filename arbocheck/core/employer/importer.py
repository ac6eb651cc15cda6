"""Import reports into the register: every file is hostile until proven otherwise.

Each file is read and verified in a worker process (both cores) with a memory
limit and a time limit; a file that takes too long or exhausts memory kills
only its worker. The worker also validates assessment.json against its strict
model and recomputes the findings and plan from the answers (claims.py), so the
parent receives a small, checked document. The parent then applies the
enrolment and replay checks and stores the accepted reports in one transaction
per batch. Every file ends as "accepted", "rejected: reason" or "skipped: reason",
never as a traceback: a failure in the parent on one file ends that file as
"internal error" and the run goes on; a batch the database refuses is stored
report by report, so only the report it refuses is rejected.

A checked PDF waits in a staging folder of this run (pdf_dir/.incoming/…) and is
moved into the store inside the transaction that adds its row; the staging folder
is removed when the run ends, so the store holds no PDF that no row refers to
(register verify names any that a killed run left behind). Workers die with the
importer: on Linux through PR_SET_PDEATHSIG, elsewhere by watching their parent.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor, TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from arbocheck.core.common.reasons import say
from arbocheck.core.common.shown import shown
from arbocheck.core.common.storage import atomic_write
from arbocheck.core.trust.verify import MAX_FILE

TIME_LIMIT_S = 30
MEMORY_LIMIT = 1536 * 1024 * 1024
WINDOW = 4  # files in flight per worker: the parent holds at most this many results ahead
STAGING = ".incoming"
STALE_STAGING_S = 24 * 3600


@dataclass
class Outcome:
    path: Path
    accepted: bool
    key: str = ""  # why it was rejected or skipped: a key of reasons.py
    params: dict[str, Any] = field(default_factory=dict)
    enrolment: str = ""  # enrolled | tofu | pinned
    skipped: bool = False  # not a file to check (a FIFO, a socket, an unreadable folder, ...)

    @property
    def reason(self) -> str:
        return say(self.key, "en", **self.params) if self.key else ""

    def text(self, lang: str = "en") -> str:
        return say(self.key, lang, **self.params) if self.key else ""

    @property
    def shown_path(self) -> str:
        """The path as one safe line: control characters, escapes and undecodable bytes escaped."""
        return shown(self.path)

    def line(self, lang: str = "en", name_only: bool = False) -> str:
        file = shown(self.path.name if name_only else self.path)
        if self.accepted:
            return say("outcome.accepted", lang, file=file, how=say("enrolment." + self.enrolment, lang))
        return say("outcome.skipped" if self.skipped else "outcome.rejected", lang, file=file, reason=self.text(lang))


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    from arbocheck.core.common.storage import _fsync_dir as fsync

    try:
        fsync(folder)
    except OSError:
        pass


def _rejected(key: str, **params: Any) -> dict[str, Any]:
    return {"ok": False, "key": key, "params": params}


def _skipped(key: str, **params: Any) -> dict[str, Any]:
    return {"ok": False, "key": key, "params": params, "skipped": True}


# -- the worker processes ----------------------------------------------------------------

def _die_with(parent_pid: int) -> None:  # pragma: no cover - runs in the child
    """End this worker as soon as the importer is gone, even when the importer was killed."""
    import sys
    import threading

    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG: killed when our parent ends
        except (OSError, AttributeError):
            pass
    if os.name != "posix":  # Windows: the pool's own pipes end the worker once the importer is gone
        return
    direct = os.getppid()

    def watch() -> None:
        while True:
            if os.getppid() != direct:
                os._exit(1)
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except OSError:
                pass
            time.sleep(0.5)

    if direct == 1:  # the parent ended before we got here
        os._exit(1)
    threading.Thread(target=watch, name="arbocheck-parent-watch", daemon=True).start()


def _limit_worker(parent_pid: int | None = None) -> None:  # pragma: no cover - runs in the child
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass
    if parent_pid is not None:
        _die_with(parent_pid)


_SPECIAL = ((stat.S_ISFIFO, "skipped.fifo"), (stat.S_ISSOCK, "skipped.socket"), (stat.S_ISCHR, "skipped.device"),
            (stat.S_ISBLK, "skipped.device"))


def _special(mode: int) -> str | None:
    """The skip reason for a file system entry that is not a regular file (None when it is one)."""
    if stat.S_ISREG(mode):
        return None
    return next((key for test, key in _SPECIAL if test(mode)), "skipped.other")


def _read(path: str) -> bytes | dict:
    """The file's bytes (at most MAX_FILE + 1), or a result for a file that is not one to read.
    Opened without blocking: a FIFO swapped in after the folder was listed cannot stall us."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        special = _special(st.st_mode)
        if special:
            return _skipped(special)
        if st.st_size > MAX_FILE:
            return _rejected("file_too_large", mb=MAX_FILE // (1024 * 1024))
        chunks, n = [], 0
        while n <= MAX_FILE:
            chunk = os.read(fd, min(1 << 20, MAX_FILE + 1 - n))
            if not chunk:
                break
            chunks.append(chunk)
            n += len(chunk)
        if n > MAX_FILE:
            return _rejected("file_too_large", mb=MAX_FILE // (1024 * 1024))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _stage(staging: Path, data: bytes, digest: str) -> None:
    """Write the checked bytes to the run's staging folder under their hash. Not synced here:
    the parent syncs each staged file (while it waits for the workers anyway) and the store's
    folder before the transaction that refers to them commits."""
    target = staging / f"{digest}.pdf"
    if not target.exists():
        atomic_write(target, data, keep_previous=False, sync=False)


def check_file(path: str, staging: str | None = None) -> dict[str, Any]:
    """In a worker: read (with a size cap), verify, validate assessment.json and recompute its
    claims; a report that passes is written to `staging` under its content hash, exactly the
    bytes that were verified. Returns small plain data for the parent."""
    from arbocheck.core.report import claims
    from arbocheck.core.common.reasons import Refusal
    from arbocheck.core.trust.verify import verify

    try:
        data = _read(path)
        if isinstance(data, dict):
            return data
        v = verify(data)
        assessment = claims.check(v.assessment)
        digest = hashlib.sha256(data).hexdigest()
        if staging is not None:
            _stage(Path(staging), data, digest)
    except Refusal as e:
        return _rejected(e.key, **e.params)
    except MemoryError:
        return _rejected("needs_memory")
    except RecursionError:
        return _rejected("cannot_check", kind="RecursionError")
    except OSError as e:
        return _rejected("cannot_read", why=shown(e.strerror or str(e), 200))
    except Exception as e:  # noqa: BLE001 - hostile input: one plain reason, never a traceback
        return _rejected("cannot_check", kind=type(e).__name__)
    return {"ok": True, "assessment": assessment, "signer_fp": v.signer_fingerprint, "spki": v.signer_spki,
            "sha256": digest}


# -- what to import ------------------------------------------------------------------------

def entries(paths: Iterable[str | Path]) -> list[tuple[Path, dict | None]]:
    """Every file to check under `paths` (None), and every entry that cannot be one with its
    skip result (a FIFO, socket or device; an unreadable folder; a link to a folder), in order.
    Folders are walked without following links to folders; nothing is opened."""
    out: list[tuple[Path, dict | None]] = []
    for p in map(Path, paths):
        verdict, is_dir = _classify(p, lambda: os.stat(p).st_mode)
        if is_dir:
            out.extend(_walk(p))
        else:
            out.append((p, verdict))
    return out


def _classify(path: Path, mode_of) -> tuple[dict | None, bool]:
    """(a verdict for a path that is no file to read, or None; whether it is a folder)."""
    try:
        mode = mode_of()
    except FileNotFoundError:
        return _skipped("skipped.missing"), False
    except OSError as e:
        return _rejected("cannot_read", why=shown(e.strerror or str(e), 200)), False
    if stat.S_ISDIR(mode):
        return None, True
    special = _special(mode)
    return (_skipped(special) if special else None), False


def _walk(top: Path) -> list[tuple[Path, dict | None]]:
    found: list[tuple[Path, dict | None]] = []
    todo = [top]
    while todo:
        folder = todo.pop()
        try:
            with os.scandir(folder) as it:
                listed = list(it)
        except OSError as e:
            found.append((folder, _skipped("skipped.unreadable_folder", why=shown(e.strerror or str(e), 200))))
            continue
        for entry in listed:
            path = folder / entry.name
            try:
                real_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                real_folder = False
            if real_folder:
                if entry.name != STAGING:
                    todo.append(path)
                continue
            verdict, is_dir = _classify(path, lambda: entry.stat(follow_symlinks=True).st_mode)
            found.append((path, _skipped("skipped.folder_link") if is_dir else verdict))
    return sorted(found, key=lambda x: x[0])


def files_of(paths: Iterable[str | Path]) -> list[Path]:
    """The regular files `import_files` would check (skipped entries left out)."""
    return [p for p, pre in entries(paths) if pre is None]


def _context():
    """Workers start from a clean process, never as a fork of one that may run GUI threads:
    a fork server (POSIX) that has pyHanko loaded once, else spawn (Windows)."""
    import multiprocessing as mp
    import sys

    if getattr(sys, "frozen", False):  # the frozen program has no main script to re-read (packaging/launch.py)
        mp.process.ORIGINAL_DIR = None
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["arbocheck.core.trust.verify", "arbocheck.core.report.claims", "arbocheck.core.trust.pdf_structure",
                                    "pyhanko.sign.validation", "pyhanko.pdf_utils.reader", "pyhanko_certvalidator",
                                    "arbocheck.core.employer.worker_preload"])
        return ctx
    return mp.get_context("spawn")


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_limit_worker, initargs=(os.getpid(),),
                               mp_context=_context())


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers (a stuck or crashed one among them) and let the pool go."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.kill()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def _verify_iter(items: list[tuple[Path, dict | None]], workers: int, staging: Path):
    """Yield (path, result) in order while the workers run ahead (at most WINDOW files each, so
    the parent never holds more than a few results). A stuck or crashed worker costs only its
    own file: the others in flight are checked again in a fresh pool."""
    pool: ProcessPoolExecutor | None = None
    window: deque[list] = deque()  # [path, result or None, future or None, crashes]
    source = iter(items)

    def submit(entry: list) -> None:
        nonlocal pool
        if pool is None:
            pool = _pool(workers)
        entry[2] = pool.submit(check_file, str(entry[0]), str(staging))

    def fill() -> None:
        while len(window) < WINDOW * workers:
            try:
                path, pre = next(source)
            except StopIteration:
                return
            entry = [path, pre, None, 0]
            if pre is None:
                submit(entry)
            window.append(entry)

    try:
        fill()
        while window:
            entry = window[0]
            path, pre, fut, crashes = entry
            if pre is not None:
                window.popleft()
                fill()
                yield path, pre
                continue
            broken = False
            try:
                result = fut.result(timeout=TIME_LIMIT_S)
            except FutureTimeout:
                result, broken = _rejected("check_timeout", s=TIME_LIMIT_S), True
            except BrokenProcessPool:
                # Any worker may have died, not only this file's: check it once more before blaming it.
                broken = True
                entry[3] += 1
                result = _rejected("checker_crashed") if entry[3] > 1 else None
            if broken:
                _stop(pool)
                pool = None
                for other in window:
                    if other is not entry and other[1] is None:
                        submit(other)
                if result is None:
                    submit(entry)
                    continue
            window.popleft()
            fill()
            yield path, result
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)




BATCH = 16  # reports stored per transaction: one commit (and fsync) for each batch


def _staging_dir(pdf_dir: Path) -> Path:
    """A fresh staging folder for this run; folders of runs that were killed long ago are removed."""
    import shutil
    import uuid

    root = pdf_dir / STAGING
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = time.time()
    try:
        for old in root.iterdir():
            try:
                if now - old.stat().st_mtime > STALE_STAGING_S:
                    shutil.rmtree(old, ignore_errors=True)
            except OSError:
                pass
    except OSError:
        pass
    run = root / f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
    run.mkdir(mode=0o700)
    return run


def import_files(register, paths: Iterable[str | Path], *, campaign=None, codes: dict[str, str] | None = None,
                 workers: int | None = None, progress: Callable[[int, Outcome], None] | None = None) -> list[Outcome]:
    """Check and store every file; one Outcome per file (or skipped entry), in order.

    With `campaign` (and its `codes`) only that campaign's reports are taken; without, each
    report is checked against the campaign of its own campaign id when that is registered
    here. `progress(percent, outcome)` is called for each file once its batch is committed.
    """
    import shutil

    from concurrent.futures import ThreadPoolExecutor

    items = entries(paths)
    register.prepare_pdf_dir()
    staging = _staging_dir(register.pdf_dir)
    admit = _Admission(register, campaign, codes, staging)
    outcomes: list[Outcome] = []
    batch: list[tuple[Path, dict]] = []
    syncing: list = []  # each checked file is synced to disk before its batch is stored

    def flush() -> None:
        for done in syncing:
            done.result()
        syncing.clear()
        for outcome in admit.store(batch):
            outcomes.append(outcome)
            if progress is not None:
                progress(100 * len(outcomes) // max(1, len(items)), outcome)
        batch.clear()

    def sync(digest: str) -> None:
        try:
            _fsync_file(staging / f"{digest}.pdf")
        except OSError:
            pass  # not there (a duplicate in the batch moved it already): admission says why

    try:
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="arbocheck-fsync") as fsync:
            for path, r in _verify_iter(items, workers or min(2, os.cpu_count() or 1), staging):
                batch.append((path, r))
                if r.get("ok"):
                    syncing.append(fsync.submit(sync, r["sha256"]))
                if len(batch) >= BATCH:
                    flush()
            flush()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return outcomes


class _Admission:
    """The parent's checks on verified reports: questionnaire, campaign, replay, enrolment; then
    storing a batch of them, with the roll-up, in one transaction. The identity rules are
    written down in admission.py."""

    def __init__(self, register, campaign, codes, staging: Path):
        from arbocheck.core.employer.admission import RegisterForm

        self.register, self.campaign, self.staging = register, campaign, staging
        # Enrolment keys per campaign: derived from the codes CSV when one was given (scrypt, once
        # per enrolled report), else the keys the register keeps.
        self.codes = codes
        self.known = {k.campaign_id: k.campaign for k in register.campaigns()}
        self.registered = set(self.known)
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
        from arbocheck.core.trust.campaign import enrolment_key
        from arbocheck.core.trust.identity import EmployeeIdError, normalise

        # A codes CSV counts only for a campaign the register does not hold: for a registered one the
        # register's keys decide (a reissued code replaced the CSV's, which must not enrol any more).
        if (self.codes is not None and self.campaign is not None and camp_id == self.campaign.campaign_id
                and camp_id not in self.registered):
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
        """Admit or refuse each file of the batch; all that are admitted are committed together.
        When the database refuses the batch (a value it will not take, a lost connection), its
        reports are stored one by one, so only the one it refuses is rejected."""
        if not batch:
            return []
        try:
            return self._store(batch)
        except Exception as e:  # noqa: BLE001 - one report must not cost its batch-mates their verdict
            if len(batch) == 1:
                return [self._failed(batch[0][0], e)]
        out: list[Outcome] = []
        for item in batch:
            try:
                out += self._store([item])
            except Exception as e:  # noqa: BLE001
                out.append(self._failed(item[0], e))
        return out

    @staticmethod
    def _failed(path: Path, e: BaseException) -> Outcome:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(e, SQLAlchemyError):
            orig = getattr(e, "orig", None)
            text = str(orig if orig is not None else e).strip().splitlines()
            return Outcome(path, False, "register_failed", {"why": shown(text[0] if text else type(e).__name__, 200)})
        return Outcome(path, False, "internal_error", {"kind": type(e).__name__})

    def _store(self, batch: list[tuple[Path, dict]]) -> list[Outcome]:
        from arbocheck.core.employer import rollup

        reg = self.register
        placed: list[Path] = []
        try:
            with reg.write() as conn:
                state = _Batch(conn, [r["assessment"] for _, r in batch if r["ok"]])
                outcomes = [self._verdict(state, path, r) for path, r in batch]
                for (_, r), o in zip(batch, outcomes):
                    if o.accepted:
                        placed += self._place(r["sha256"])
                if placed:
                    _fsync_dir(reg.pdf_dir)
                reg.add_events(conn, state.events)
                rows = reg.add_reports(conn, state.reports)
                rollup.apply(conn, [rollup.stored(row, a) for row, (_, a) in zip(rows, state.reports)])
        except BaseException:
            for target in placed:  # not committed: no row refers to them
                try:
                    os.replace(target, self.staging / target.name)
                except OSError:
                    pass
            raise
        return outcomes

    def _verdict(self, state: "_Batch", path: Path, r: dict[str, Any]) -> Outcome:
        """One file's outcome; a failure while admitting it ends this file only."""
        if not r.get("ok"):
            return Outcome(path, False, r.get("key") or "cannot_check", dict(r.get("params") or {}),
                           skipped=bool(r.get("skipped")))
        try:
            return self._admit(state, path, r)
        except Exception as e:  # noqa: BLE001 - a bug or an oddity in one file must not end the run
            return Outcome(path, False, "internal_error", {"kind": type(e).__name__})

    def _place(self, digest: str) -> list[Path]:
        """Move a checked PDF from this run's staging folder into the store (inside the transaction
        that adds its row). The paths newly placed."""
        target = self.register.pdf_dir / f"{digest}.pdf"
        if target.exists():
            return []
        os.replace(self.staging / f"{digest}.pdf", target)
        return [target]

    def _admit(self, state: "_Batch", path: Path, r: dict[str, Any]) -> Outcome:
        from arbocheck.core.trust import campaign as campaign_mod
        from arbocheck.core.employer.admission import created_problem
        from arbocheck.core.trust.identity import EmployeeIdError
        from arbocheck.core.trust.verify import Rejected, check_campaign

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
            how = basis = "enrolled"
        else:
            events.append(reg.event_row("key_pinned", camp_id, employee, {"fingerprint": r["signer_fp"], "how": "tofu"}))
            how = basis = "tofu"
        digest = r["sha256"]
        if not ((self.staging / f"{digest}.pdf").exists() or (reg.pdf_dir / f"{digest}.pdf").exists()):
            return no("checked_copy_missing")
        row = reg.report_row(a, signer_fp=r["signer_fp"], enrolment=basis, pdf_sha256=digest)
        # Only now, with nothing left that can fail, does the batch learn of this report.
        if how == "enrolled":
            state.burned.add((camp_id, employee))
        if employee and (camp_id, employee) not in state.pins:
            state.pins[(camp_id, employee)] = (r["signer_fp"], basis)
            state.first_pin.setdefault(employee, (r["signer_fp"], basis))
        state.revisions[report_id] = (revision, camp_id)
        state.events += events
        state.reports.append((row, a))
        return Outcome(path, True, enrolment=how)


class _Batch:
    """What the register already says about the reports of one batch, read in four queries and
    kept up to date as the batch is admitted (a duplicate within the batch is a duplicate too);
    and what the batch will write."""

    def __init__(self, conn, assessments: list[dict]):
        import json

        from sqlalchemy import select

        from arbocheck.core.trust.identity import EmployeeIdError, normalise
        from arbocheck.core.employer.schema import campaign_employees, events, reports

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
