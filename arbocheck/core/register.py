"""The employer's register: accepted reports, enrolment and provision events, on SQLAlchemy Core.

SQLite by default (WAL, full sync), or a PostgreSQL URL. Every table is
append-only and every row carries the SHA-256 of the row before it in the same
table, so `verify()` finds a changed, removed or reordered row. The original
signed PDFs are kept by content hash in a folder beside the database; an
attachment's own name is never used as a path. Health data cannot be stored:
only the employer-visible assessment.json goes in.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (Column, Index, Integer, MetaData, String, Table, Text, create_engine, event, func, insert,
                        select)
from sqlalchemy.engine import Engine

from . import paths
from .campaign import Campaign, CampaignError, load as load_campaign
from .storage import atomic_write

GENESIS = "0" * 64
metadata = MetaData()

reports = Table(
    "reports", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("received_at", String(40), nullable=False),
    Column("report_id", String(64), nullable=False, index=True),
    Column("revision", Integer, nullable=False),
    Column("campaign_id", String(64), index=True),
    Column("employee_id", String(128), index=True),
    # Whose report: the employee id, or for a report without one its signer's key ("key:…").
    Column("person", String(128), nullable=False),
    Column("signer_fp", String(80), nullable=False),
    Column("signer_name", String(200), nullable=False, default=""),
    Column("enrolment", String(16), nullable=False),  # enrolled | tofu: how the signing key was first trusted
    Column("pdf_sha256", String(64), nullable=False),
    Column("n_high", Integer, nullable=False, default=0),
    Column("n_medium", Integer, nullable=False, default=0),
    Column("n_low", Integer, nullable=False, default=0),
    Column("assessment", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
    Index("ix_reports_person_seq", "person", "seq"),
    Index("ix_reports_campaign_person_seq", "campaign_id", "person", "seq"),
)

# One row per finding and per action-plan measure of a stored report, for roll-ups that need no JSON.
findings = Table(
    "findings", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("report_seq", Integer, nullable=False),
    Column("employee_id", String(128), index=True),
    Column("rule", String(64), nullable=False),
    Column("section", String(64), nullable=False),
    Column("priority", String(8), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
    Index("ix_findings_report_section", "report_seq", "section", "priority"),
)

measures = Table(
    "measures", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("report_seq", Integer, nullable=False),
    Column("employee_id", String(128), index=True),
    Column("person", String(128), nullable=False),  # as in reports: the employee id or "key:…"
    Column("measure", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("owner", String(16), nullable=False),
    Column("priority", String(8), nullable=False),
    Column("term_days", Integer, nullable=False),
    Column("term_label", Text, nullable=False),
    Column("provision", Integer, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
    Index("ix_measures_report_owner", "report_seq", "owner"),
)

events = Table(
    "events", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("kind", String(32), nullable=False),  # key_pinned | code_burned | provision_done
    Column("campaign_id", String(64), index=True),
    Column("employee_id", String(128)),  # provision_done: the person, as in reports
    Column("subject", String(64)),  # provision_done: the measure
    Column("body", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
    Index("ix_events_kind_employee", "kind", "employee_id", "subject"),
)

# The campaigns this register collects for: the signed campaign file as handed out, and who takes
# part with their one-time codes (needed to check an enrolment proof). A campaign id is
# registered once: new codes would lock out those who have the old ones.
campaigns = Table(
    "campaigns", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("campaign_id", String(64), nullable=False, index=True),
    Column("campaign_file", Text, nullable=False),
    Column("n_employees", Integer, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
)

campaign_employees = Table(
    "campaign_employees", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", String(64), nullable=False),
    Column("employee_id", String(128), nullable=False),
    Column("name", String(200), nullable=False),
    Column("code", String(32), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
    Index("ix_campaign_employees", "campaign_id", "employee_id"),
    Index("ix_campaign_employees_employee", "employee_id"),
)

TABLES = (reports, events, findings, measures, campaigns, campaign_employees)
HASHED = {t.name: [c.name for c in t.columns if c.name not in ("seq", "row_hash")] for t in TABLES}


def default_url() -> str:
    return f"sqlite:///{paths.home() / 'register' / 'register.sqlite'}"


def _row_hash(table: str, row: dict[str, Any]) -> str:
    body = {k: row[k] for k in HASHED[table]}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def store_pdf(pdf_dir: Path, data: bytes, digest: str | None = None) -> str:
    """Keep a report by its content hash (crash-safe; never under a name the file chose)."""
    digest = digest or hashlib.sha256(data).hexdigest()
    target = pdf_dir / f"{digest}.pdf"
    if not target.exists():
        atomic_write(target, data, keep_previous=False, mode=0o600)
    return digest


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

    @classmethod
    def open(cls, url: str | None = None, pdf_dir: Path | None = None) -> "Register":
        url = url or default_url()
        if url.startswith("sqlite:///"):
            folder = Path(url.removeprefix("sqlite:///")).parent
            if not folder.exists():  # names and enrolment codes: for the owner only
                folder.mkdir(parents=True, mode=0o700)
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            @event.listens_for(engine, "connect")
            def _pragmas(conn, _record):  # WAL and full sync: nothing acknowledged is lost
                cur = conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=FULL")
                cur.close()
        from . import rollup  # noqa: F401 - its derived tables belong to the same schema

        metadata.create_all(engine)
        if pdf_dir is None:
            pdf_dir = (Path(url.removeprefix("sqlite:///")).parent if url.startswith("sqlite:///")
                       else paths.home() / "register") / "pdfs"
        return cls(engine, pdf_dir)

    # -- appending ------------------------------------------------------------

    def lock(self, conn) -> None:
        """Serialise writers for the rest of this transaction, so two importers on a shared
        PostgreSQL register cannot both chain onto the same last row."""
        if self.engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727001)")

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
            row["row_hash"] = last = _row_hash(table.name, row)
            out.append(row)
        return out

    @staticmethod
    def report_row(assessment: dict, *, signer_fp: str, enrolment: str, pdf_sha256: str) -> dict:
        """A reports row for a checked assessment (with the health parts already removed)."""
        counts = assessment.get("counts") or {}
        employee = assessment.get("employee_id")
        return {"received_at": _now(), "report_id": str(assessment["report_id"]),
                "revision": int(assessment.get("revision") or 1), "campaign_id": assessment.get("campaign_id"),
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

    def add_campaign(self, campaign_file: bytes, employees: list[dict[str, str]], codes: dict[str, str]) -> KnownCampaign:
        """Register a campaign (checked first) with its employees and their one-time codes."""
        camp = load_campaign(campaign_file)
        with self.engine.begin() as conn:
            self.lock(conn)
            if conn.execute(select(campaigns.c.seq).where(campaigns.c.campaign_id == camp.campaign_id)).first():
                raise CampaignError("campaign.exists", id=camp.campaign_id)
            row = self._append(conn, campaigns, {"at": _now(), "campaign_id": camp.campaign_id,
                                                 "campaign_file": campaign_file.decode("utf-8"),
                                                 "n_employees": len(employees)})
            self._append_many(conn, campaign_employees, [
                {"campaign_id": camp.campaign_id, "employee_id": e["employee_id"], "name": e.get("name", "")[:200],
                 "code": codes.get(e["employee_id"], "")} for e in employees])
        return KnownCampaign(camp, campaign_file, len(employees), row["at"])

    # -- reading --------------------------------------------------------------

    def campaigns(self) -> list[KnownCampaign]:
        """Every registered campaign, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(campaigns).order_by(campaigns.c.seq)).mappings().all()
        return [KnownCampaign(load_campaign(r["campaign_file"].encode("utf-8")), r["campaign_file"].encode("utf-8"),
                              r["n_employees"], r["at"]) for r in rows]

    def codes(self, campaign_id: str) -> dict[str, str]:
        """{employee_id: one-time code} of a registered campaign."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(campaign_employees.c.employee_id, campaign_employees.c.code)
                                .where(campaign_employees.c.campaign_id == campaign_id)).all()
        return {eid: code for eid, code in rows if code}

    def rebuild_overview(self) -> None:
        """Recompute the overview counts from the stored reports (they follow from them)."""
        from . import rollup

        with self.engine.begin() as conn:
            self.lock(conn)
            rollup.rebuild(conn)
            if self.engine.dialect.name == "postgresql":  # a bulk rewrite: give the planner fresh statistics
                conn.exec_driver_sql("ANALYZE " + ", ".join(t.name for t in rollup.DERIVED))

    def stored_pdfs(self) -> list[Path]:
        """The stored report files, newest row last (for the arbo expert's review)."""
        with self.engine.connect() as conn:
            digests = [r[0] for r in conn.execute(select(reports.c.pdf_sha256).order_by(reports.c.seq))]
        return [self.pdf_dir / f"{d}.pdf" for d in dict.fromkeys(digests)]

    # -- checking -------------------------------------------------------------

    def verify(self) -> list[str]:
        """Every problem with the chains, the stored PDFs and the overview counts (empty when all is well)."""
        from . import rollup
        from .verify import Rejected, verify as verify_pdf

        problems: list[str] = []
        with self.engine.connect() as conn:
            problems += rollup.check(conn)
            for row in conn.execute(select(campaigns.c.seq, campaigns.c.campaign_file)).mappings():
                try:
                    load_campaign(row["campaign_file"].encode("utf-8"))
                except CampaignError as e:
                    problems.append(f"campaigns row {row['seq']}: {e}")
            for table in TABLES:
                prev = GENESIS
                for row in conn.execute(select(table).order_by(table.c.seq)).mappings():
                    row = dict(row)
                    if row["prev_hash"] != prev:
                        problems.append(f"{table.name} row {row['seq']}: the row before it was removed or changed")
                    if _row_hash(table.name, row) != row["row_hash"]:
                        problems.append(f"{table.name} row {row['seq']}: changed after it was written")
                    prev = row["row_hash"]
            referenced: set[str] = set()
            for row in conn.execute(select(reports.c.seq, reports.c.pdf_sha256, reports.c.signer_fp)).mappings():
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
        problems += self._unreferenced(referenced)
        return problems

    def _unreferenced(self, referenced: set[str]) -> list[str]:
        """Files in the store that no reports row refers to (a run killed mid-batch, or put there by hand)."""
        import os

        from .shown import shown

        try:
            with os.scandir(self.pdf_dir) as it:
                names = sorted(e.name for e in it if not e.is_dir(follow_symlinks=False))
        except FileNotFoundError:
            return []
        except OSError as e:
            return [f"the folder of stored PDFs cannot be read: {e.strerror or e}"]
        return [f"the store holds {shown(n, 120)}, which no report refers to" for n in names if n not in referenced]
