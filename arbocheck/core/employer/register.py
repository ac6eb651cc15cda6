"""The employer's register: accepted reports, enrolment and provision events, on SQLAlchemy Core.

SQLite by default (WAL, full sync), or a PostgreSQL URL. Every table is
append-only and every row carries the SHA-256 of the row before it in the same
table, so `verify()` finds a changed, removed or reordered row. A chain alone
can be recomputed by whoever can write the database, so every writing
transaction ends with a checkpoint signed with the employer's key (the head and
row count of every chain; checkpoints.py): `verify()` then finds a rewrite or a
deletion below the newest checkpoint, and rows added without one.

Writers are serialised: a transaction-scoped advisory lock on PostgreSQL, and
`BEGIN IMMEDIATE` (the database's write lock, with a busy timeout) on SQLite, so
two importers never chain onto the same last row. The SQLite file, its WAL and
shared-memory files are for the owner only (0600), the PDF folder 0700.

The original signed PDFs are kept by content hash in a folder beside the
database; an attachment's own name is never used as a path. Health data cannot
be stored: only the employer-visible assessment.json goes in. Enrolment codes are
not kept either: only the scrypt-derived key that checks a proof (campaign.py),
deleted when the campaign is closed.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, create_engine, event, insert, select
from sqlalchemy.engine import Engine

from arbocheck.core.common import paths
from arbocheck.core.trust.campaign import Campaign, CampaignError, load as load_campaign
from arbocheck.core.common.reasons import Refusal
from arbocheck.core.common.storage import atomic_write
from arbocheck.core.employer import admission, checkpoints, rollup
from arbocheck.core.employer.admission import created_utc
from arbocheck.core.employer.schema import (GENESIS, campaign_employees, campaigns, employee_groups, enrolment_keys,
                                           events, findings, measures, metadata, reports, row_hash)
from arbocheck.core.trust.campaign import GROUPS



def default_url() -> str:
    return f"sqlite:///{paths.home() / 'register' / 'register.sqlite'}"




def store_pdf(pdf_dir: Path, data: bytes, digest: str | None = None) -> str:
    """Keep a report by its content hash (crash-safe; never under a name the file chose)."""
    digest = digest or hashlib.sha256(data).hexdigest()
    target = pdf_dir / f"{digest}.pdf"
    if not target.exists():
        atomic_write(target, data, keep_previous=False, mode=0o600)
    return digest


def _owner_only(path: Path, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except OSError:  # e.g. a file system without modes
        pass


def _sqlite_file(url: str) -> Path | None:
    if not url.startswith("sqlite:///"):
        return None
    name = url.removeprefix("sqlite:///").split("?", 1)[0]
    return None if name in ("", ":memory:") else Path(name)


def _prepare_sqlite(db: Path) -> None:
    """The register's folder and file exist with owner-only modes before SQLite opens them,
    whatever the umask or the folder: names and enrolment keys are in it."""
    folder = db.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
    fd = os.open(db, os.O_RDWR | os.O_CREAT, 0o600)  # SQLite gives its -wal and -shm files the same mode
    os.close(fd)
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        if path.exists():
            _owner_only(path, 0o600)


def _sqlite_writes_lock(engine: Engine) -> None:
    """SQLite: the driver's own transaction handling off; readers BEGIN (deferred), writers
    BEGIN IMMEDIATE, which takes the database's write lock at once (waiting for another
    writer up to the busy timeout), so no two writers read the same last row of a chain.
    The recipe of SQLAlchemy's pysqlite documentation ("serializable isolation")."""
    @event.listens_for(engine, "connect")
    def _connect(conn, _record):  # WAL and full sync: nothing acknowledged is lost
        conn.isolation_level = None
        cur = conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITER) else "BEGIN")


BUSY_TIMEOUT_S = 120  # a writer waits this long for another one (an import batch takes well under a second)
WRITER = "arbocheck_writer"




def person_of(employee_id: str | None, signer_fp: str) -> str:
    """Whose report it is: the employee id, or the signing key for a report without one."""
    return employee_id or f"key:{signer_fp}"


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class KnownCampaign:
    """A campaign registered here: the checked campaign file and how many take part."""

    campaign: Campaign
    file: bytes
    n_employees: int
    registered_at: str

    @property
    def campaign_id(self) -> str:
        return self.campaign.campaign_id


@dataclass
class Register:
    engine: Engine
    pdf_dir: Path
    url: str = ""
    # The employer's key: every writing transaction ends with a checkpoint signed with it.
    signer: Any = None
    # Where the newest checkpoint this computer signed is remembered (checkpoints.witness_path), if anywhere.
    witness: Path | None = None
    _writer: Any = field(default=None, repr=False)

    @classmethod
    def open(cls, url: str | None = None, pdf_dir: Path | None = None, signer=None,
             witness: Path | None = None) -> "Register":
        url = url or default_url()
        db = _sqlite_file(url)
        if db is not None:
            _prepare_sqlite(db)
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            _sqlite_writes_lock(engine)
        _check_schema(engine)
        metadata.create_all(engine.execution_options(**{WRITER: True}))  # on SQLite under the write lock
        rollup.ensure_current(engine)
        if pdf_dir is None:
            pdf_dir = (db.parent if db is not None else paths.home() / "register") / "pdfs"
        if db is not None:
            for path in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                if path.exists():
                    _owner_only(path, 0o600)
        return cls(engine, Path(pdf_dir), url, signer, witness)

    def prepare_pdf_dir(self) -> None:
        """The folder of stored reports, for the owner only."""
        self.pdf_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        _owner_only(self.pdf_dir, 0o700)

    # -- appending ------------------------------------------------------------

    def lock(self, conn) -> None:
        """Serialise writers for the rest of this transaction, so two importers on a shared
        PostgreSQL register cannot both chain onto the same last row. (On SQLite `write()`
        has taken the database's write lock with BEGIN IMMEDIATE already.)"""
        if self.engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727001)")

    @contextmanager
    def write(self, checkpoint: bool = True):
        """One writing transaction: the writers' lock first, a signed checkpoint of every chain
        last (when the register has the employer's key), committed together."""
        if self._writer is None:
            self._writer = self.engine.execution_options(**{WRITER: True})
        signed = None
        with self._writer.begin() as conn:
            self.lock(conn)
            conn.info["arbocheck_appended"] = {}
            conn.info["arbocheck_signed"] = None
            try:
                yield conn
                if checkpoint and self.signer is not None:
                    signed = checkpoints.sign(conn, self.signer, conn.info["arbocheck_appended"])
                signed = signed or conn.info["arbocheck_signed"]
            finally:
                conn.info.pop("arbocheck_appended", None)
                conn.info.pop("arbocheck_signed", None)
        if signed is not None and self.witness is not None:  # committed: remember it outside the database
            checkpoints.remember(self.witness, signed)

    def _append(self, conn, table: Table, row: dict[str, Any]) -> dict[str, Any]:
        row = self._chain(conn, table, [row])[0]
        row["seq"] = conn.execute(insert(table).values(**row).returning(table.c.seq)).scalar_one()
        return row

    def _append_many(self, conn, table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Chain and insert several rows at once (one read of the last hash, one insert); with their seqs."""
        if not rows:
            return []
        rows = self._chain(conn, table, rows)
        seqs = conn.execute(insert(table).returning(table.c.seq, sort_by_parameter_order=True), rows).scalars().all()
        for row, seq in zip(rows, seqs):
            row["seq"] = seq
        return rows

    @staticmethod
    def _chain(conn, table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows with prev_hash and row_hash, chained onto the table's last row (the caller holds the lock)."""
        last = conn.execute(select(table.c.row_hash).order_by(table.c.seq.desc()).limit(1)).scalar() or GENESIS
        out = []
        for row in rows:
            row = dict(row, prev_hash=last)
            row["row_hash"] = last = row_hash(table.name, row)
            out.append(row)
        appended = conn.info.get("arbocheck_appended")
        if appended is not None and out:  # for this transaction's checkpoint
            n, _ = appended.get(table.name, (0, None))
            appended[table.name] = (n + len(out), last)
        return out

    @staticmethod
    def report_row(assessment: dict, *, signer_fp: str, enrolment: str, pdf_sha256: str) -> dict:
        """A reports row for a checked assessment (with the health parts already removed)."""
        counts = assessment.get("counts") or {}
        employee = assessment.get("employee_id")
        return {"received_at": _now(), "report_id": str(assessment["report_id"]),
                "revision": int(assessment.get("revision") or 1),
                "created_at": created_utc(assessment.get("created_at")), "campaign_id": assessment.get("campaign_id"),
                "employee_id": employee, "person": person_of(employee, signer_fp), "signer_fp": signer_fp,
                "signer_name": str((assessment.get("signer") or {}).get("name") or "")[:200], "enrolment": enrolment,
                "pdf_sha256": pdf_sha256, "n_high": int(counts.get("high", 0)),
                "n_medium": int(counts.get("medium", 0)), "n_low": int(counts.get("low", 0)),
                "assessment": json.dumps(assessment, sort_keys=True, ensure_ascii=False)}

    def add_reports(self, conn, items: list[tuple[dict, dict]]) -> list[dict]:
        """Store reports: (report_row, assessment) pairs, with their finding and measure rows. The rows, with seqs."""
        rows = self._append_many(conn, reports, [row for row, _ in items])
        self._append_many(conn, findings, [
            {"report_seq": row["seq"], "employee_id": row["employee_id"], "rule": str(f["rule"]),
             "section": str(f["section"]), "priority": str(f["priority"])}
            for row, (_, a) in zip(rows, items) for f in a.get("findings", [])])
        self._append_many(conn, measures, [
            {"report_seq": row["seq"], "employee_id": row["employee_id"], "person": row["person"],
             "measure": str(p["measure"]), "text": str(p["text"]), "owner": str(p["owner"]),
             "priority": str(p["priority"]), "term_days": int(p.get("term_days", 0)),
             "term_label": str(p.get("term_label", "")), "provision": int(bool(p.get("provision")))}
            for row, (_, a) in zip(rows, items) for p in a.get("action_plan", [])])
        return rows

    @staticmethod
    def event_row(kind: str, campaign_id: str | None, employee_id: str | None, body: dict,
                  subject: str | None = None) -> dict:
        return {"at": _now(), "kind": kind, "campaign_id": campaign_id, "employee_id": employee_id,
                "subject": subject, "body": json.dumps(body, sort_keys=True, ensure_ascii=False)}

    def add_event(self, conn, kind: str, campaign_id: str | None, employee_id: str | None, body: dict,
                  subject: str | None = None) -> dict:
        return self._append(conn, events, self.event_row(kind, campaign_id, employee_id, body, subject))

    def add_events(self, conn, rows: list[dict]) -> None:
        self._append_many(conn, events, rows)

    def add_campaign(self, campaign_file: bytes, employees: list[dict[str, str]], codes: dict[str, str],
                     keys: dict[str, bytes] | None = None) -> KnownCampaign:
        """Register a campaign (checked first) with its employees. Of their one-time codes only the
        derived enrolment keys are kept (`keys` when the caller derived them already)."""
        from arbocheck.core.trust.campaign import enrolment_keys as derive, key_check

        camp = load_campaign(campaign_file)
        keys = keys if keys is not None else derive(camp.campaign_id, codes)
        with self.write() as conn:
            if conn.execute(select(campaigns.c.seq).where(campaigns.c.campaign_id == camp.campaign_id)).first():
                raise CampaignError("campaign.exists", id=camp.campaign_id)
            row = self._append(conn, campaigns, {"at": _now(), "campaign_id": camp.campaign_id,
                                                 "campaign_file": campaign_file.decode("utf-8"),
                                                 "n_employees": len(employees)})
            self._append_many(conn, campaign_employees, [
                {"campaign_id": camp.campaign_id, "employee_id": e["employee_id"], "name": e.get("name", "")[:200],
                 "key_check": key_check(keys[e["employee_id"]]) if e["employee_id"] in keys else ""}
                for e in employees])
            self._append_many(conn, employee_groups, [
                {"campaign_id": camp.campaign_id, "employee_id": e["employee_id"],
                 **{g: str(e.get(g) or "")[:200] for g in GROUPS}}
                for e in employees if any(e.get(g) for g in GROUPS)])
            rows = [{"campaign_id": camp.campaign_id, "employee_id": eid, "key": k.hex()} for eid, k in keys.items()]
            if rows:
                conn.execute(insert(enrolment_keys), rows)
        return KnownCampaign(camp, campaign_file, len(employees), row["at"])

    def close_campaign(self, campaign_id: str, note: str = "") -> int:
        """Close a campaign: its enrolment keys are deleted (no code of it can enrol anyone any more),
        recorded as an event. Returns how many keys were deleted. Raises CampaignError."""
        from sqlalchemy import delete

        with self.write() as conn:
            if not conn.execute(select(campaigns.c.seq).where(campaigns.c.campaign_id == campaign_id)).first():
                raise CampaignError("campaign.unknown", id=campaign_id)
            if campaign_id in self._closed(conn):
                raise CampaignError("campaign.closed_already", id=campaign_id)
            n = conn.execute(delete(enrolment_keys).where(enrolment_keys.c.campaign_id == campaign_id)).rowcount
            self.add_event(conn, "campaign_closed", campaign_id, None, {"note": note, "keys_deleted": n})
        return n

    def link_person(self, person: str, employee_id: str, note: str = "") -> None:
        """HR's explicit link of the reports of `person` (handed in without enrolment: "key:…", or
        an employee id no code was checked for) to an employee of a registered campaign: appended as
        a chained `person_linked` event, after which the roll-up counts those reports as the
        employee's (rollup.relink): the newest of all their reports counts, once. A link is never
        undone or changed. Raises LinkError."""
        from sqlalchemy import func

        from arbocheck.core.trust.identity import EmployeeIdError, normalise

        try:
            employee_id = normalise(employee_id)
        except EmployeeIdError as e:
            raise LinkError(e.key, **e.params) from e
        with self.write() as conn:
            basis = conn.execute(select(reports.c.enrolment, func.count()).where(reports.c.person == person)
                                 .group_by(reports.c.enrolment)).all()
            if not basis:
                raise LinkError("link.no_reports", person=person)
            if any(b != "tofu" for b, _ in basis):
                raise LinkError("link.enrolled", person=person)
            if person == employee_id:
                raise LinkError("link.same", person=person)
            if not conn.execute(select(campaign_employees.c.seq)
                                .where(campaign_employees.c.employee_id == employee_id).limit(1)).first():
                raise LinkError("link.unknown_employee", id=employee_id)
            have = rollup.links(conn, {person, employee_id})
            if person in have:
                raise LinkError("link.already", person=person, id=have[person])
            if employee_id in have:
                raise LinkError("link.target_linked", id=employee_id)
            self.add_event(conn, rollup.LINKED, None, person, {"employee_id": employee_id, "note": note},
                           subject=employee_id)
            rollup.relink(conn, person)

    @staticmethod
    def _closed(conn) -> set[str]:
        return {c for (c,) in conn.execute(select(events.c.campaign_id).where(events.c.kind == "campaign_closed"))}

    # -- reading --------------------------------------------------------------

    def campaigns(self) -> list[KnownCampaign]:
        """Every registered campaign, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(campaigns).order_by(campaigns.c.seq)).mappings().all()
        return [KnownCampaign(load_campaign(r["campaign_file"].encode("utf-8")), r["campaign_file"].encode("utf-8"),
                              r["n_employees"], r["at"]) for r in rows]

    def enrolment_keys(self, campaign_id: str) -> dict[str, bytes]:
        """{employee_id: enrolment key K} of a registered campaign (none once it is closed)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(enrolment_keys.c.employee_id, enrolment_keys.c.key)
                                .where(enrolment_keys.c.campaign_id == campaign_id)).all()
        return {eid: bytes.fromhex(k) for eid, k in rows}

    def closed_campaigns(self) -> set[str]:
        with self.engine.connect() as conn:
            return self._closed(conn)

    def rebuild_overview(self, accept_unsigned: bool = False) -> list[str]:
        """Recompute the overview counts from the stored reports (they follow from them), then sign
        a checkpoint. That signature is refused, and the reasons returned, when a chain is broken
        or does not match the newest signed checkpoint, or (unless `accept_unsigned`) when rows
        were added without one: a rebuild never turns a deletion or a rewrite into "intact"."""
        with self.write(checkpoint=False) as conn:
            rollup.rebuild(conn)
            if self.engine.dialect.name == "postgresql":  # after a bulk load: give the planner fresh statistics
                from arbocheck.core.employer.schema import TABLES

                conn.exec_driver_sql("ANALYZE " + ", ".join(t.name for t in (*TABLES, *rollup.DERIVED)))
            if self.signer is None:
                return []
            st = checkpoints.state(conn, self)
            refused = st.damage + ([] if accept_unsigned else st.unsigned)
            if not refused:
                conn.info["arbocheck_signed"] = checkpoints.sign(conn, self.signer, None)
        return refused

    def stored_pdfs(self) -> list[Path]:
        """The stored report files, newest row last (for the arbo expert's review)."""
        with self.engine.connect() as conn:
            digests = [r[0] for r in conn.execute(select(reports.c.pdf_sha256).order_by(reports.c.seq))]
        return [self.pdf_dir / f"{d}.pdf" for d in dict.fromkeys(digests)]

    # -- checking -------------------------------------------------------------

    def verify(self, trusted: list[bytes] | None = None) -> list[str]:
        """Every problem with the chains and their signed checkpoints, the stored PDFs (each
        must still verify and hold the assessment stored from it) and the overview counts;
        empty when all is well. `trusted`: the employer keys (SPKI DER) a checkpoint may be
        signed with (default: the register's signer, else the key of its first checkpoint)."""
        from arbocheck.core.trust.verify import Rejected, verify as verify_pdf

        problems: list[str] = []
        with self.engine.connect() as conn:
            problems += rollup.check(conn)
            for row in conn.execute(select(campaigns.c.seq, campaigns.c.campaign_file)).mappings():
                try:
                    load_campaign(row["campaign_file"].encode("utf-8"))
                except CampaignError as e:
                    problems.append(f"campaigns row {row['seq']}: {e}")
            st = checkpoints.state(conn, self, trusted)
            problems += st.damage + st.unsigned + st.notes
            problems += _check_enrolment_keys(conn)
            forms = admission.RegisterForm()
            referenced: set[str] = set()
            for row in conn.execute(select(reports.c.seq, reports.c.pdf_sha256, reports.c.signer_fp,
                                           reports.c.assessment)).mappings():
                referenced.add(f"{row['pdf_sha256']}.pdf")
                path = self.pdf_dir / f"{row['pdf_sha256']}.pdf"
                try:
                    data = path.read_bytes()
                except OSError:
                    problems.append(f"reports row {row['seq']}: the stored PDF is missing")
                    continue
                if hashlib.sha256(data).hexdigest() != row["pdf_sha256"]:
                    problems.append(f"reports row {row['seq']}: the stored PDF was changed")
                    continue
                try:
                    v = verify_pdf(data)
                except Rejected as e:
                    problems.append(f"reports row {row['seq']}: the stored PDF no longer verifies: {e}")
                    continue
                if v.signer_fingerprint != row["signer_fp"]:
                    problems.append(f"reports row {row['seq']}: signed by another key than recorded")
                if forms.stored(v.assessment) != row["assessment"]:
                    problems.append(f"reports row {row['seq']}: the stored assessment differs from the "
                                    f"assessment.json of its signed PDF")
        problems += self._unreferenced(referenced)
        return problems

    def _unreferenced(self, referenced: set[str]) -> list[str]:
        """Files in the store that no reports row refers to (a run killed mid-batch, or put there by hand)."""
        import os

        from arbocheck.core.common.shown import shown

        try:
            with os.scandir(self.pdf_dir) as it:
                names = sorted(e.name for e in it if not e.is_dir(follow_symlinks=False))
        except FileNotFoundError:
            return []
        except OSError as e:
            return [f"the folder of stored PDFs cannot be read: {e.strerror or e}"]
        return [f"the store holds {shown(n, 120)}, which no report refers to" for n in names if n not in referenced]



class RegisterError(Refusal):
    """A register that cannot be opened as it is (reasons.py)."""


class LinkError(Refusal):
    """A link of a report without enrolment to an employee that cannot be made (reasons.py)."""


def _check_schema(engine: Engine) -> None:
    """A register made before enrolment keys and report times were kept cannot be used as it is."""
    from sqlalchemy import inspect

    insp = inspect(engine)
    names = set(insp.get_table_names())
    old = (campaign_employees.name in names
           and "key_check" not in {c["name"] for c in insp.get_columns(campaign_employees.name)}) or \
          (reports.name in names and "created_at" not in {c["name"] for c in insp.get_columns(reports.name)})
    if old:
        raise RegisterError("register.old_schema")


def _check_enrolment_keys(conn) -> list[str]:
    """Every kept enrolment key belongs to an employee of its campaign and matches the chained key_check
    (of the campaign_employees row, or of the newest code_reissued event)."""
    from arbocheck.core.trust.campaign import key_check

    from arbocheck.core.employer.codes import key_checks

    checks = key_checks(conn)  # as registered, or as a chained reissue replaced it
    out = []
    for c, e, k in conn.execute(select(enrolment_keys.c.campaign_id, enrolment_keys.c.employee_id,
                                       enrolment_keys.c.key)):
        try:
            ok = checks.get((c, e)) == key_check(bytes.fromhex(k))
        except ValueError:
            ok = False
        if not ok:
            out.append(f"enrolment key of {e} in campaign {c}: not the key the campaign was registered with")
    return out
