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

from sqlalchemy import (Column, Integer, MetaData, String, Table, Text, create_engine, event, insert, select)
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
)

# One row per finding and per action-plan measure of a stored report, for roll-ups that need no JSON.
findings = Table(
    "findings", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("report_seq", Integer, nullable=False, index=True),
    Column("employee_id", String(128), index=True),
    Column("rule", String(64), nullable=False),
    Column("section", String(64), nullable=False, index=True),
    Column("priority", String(8), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
)

measures = Table(
    "measures", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("report_seq", Integer, nullable=False, index=True),
    Column("employee_id", String(128), index=True),
    Column("measure", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("owner", String(16), nullable=False),
    Column("priority", String(8), nullable=False),
    Column("term_days", Integer, nullable=False),
    Column("term_label", Text, nullable=False),
    Column("provision", Integer, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
)

events = Table(
    "events", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("kind", String(32), nullable=False, index=True),  # key_pinned | code_burned | provision_done
    Column("campaign_id", String(64), index=True),
    Column("employee_id", String(128), index=True),
    Column("body", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
)

# The campaigns this register collects for: the signed campaign file as handed out, and the
# employees with their one-time codes (needed to check an enrolment proof). A later row for the
# same campaign id supersedes an earlier one (append-only, like every table here).
campaigns = Table(
    "campaigns", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("campaign_id", String(64), nullable=False, index=True),
    Column("campaign_file", Text, nullable=False),
    Column("employees", Text, nullable=False),  # JSON: [{"employee_id", "name", "code"}]
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
)

TABLES = (reports, events, findings, measures, campaigns)
HASHED = {t.name: [c.name for c in t.columns if c.name not in ("seq", "row_hash")] for t in TABLES}


def default_url() -> str:
    return f"sqlite:///{paths.home() / 'register' / 'register.sqlite'}"


def _row_hash(table: str, row: dict[str, Any]) -> str:
    body = {k: row[k] for k in HASHED[table]}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class KnownCampaign:
    """A campaign registered here: the checked campaign file and who takes part."""

    campaign: Campaign
    file: bytes
    employees: tuple[dict[str, str], ...]  # {"employee_id", "name"}
    codes: dict[str, str]
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
        last = conn.execute(select(table.c.row_hash).order_by(table.c.seq.desc()).limit(1)).scalar()
        row = dict(row, prev_hash=last or GENESIS)
        row["row_hash"] = _row_hash(table.name, row)
        row["seq"] = conn.execute(insert(table).values(**row).returning(table.c.seq)).scalar_one()
        return row

    def store_pdf(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.pdf_dir / f"{digest}.pdf"
        if not target.exists():
            atomic_write(target, data, keep_previous=False, mode=0o600)
        return digest

    def add_report(self, conn, *, assessment: dict, signer_fp: str, enrolment: str, pdf_sha256: str) -> dict:
        counts = assessment.get("counts") or {}
        employee = assessment.get("employee_id")
        row = self._append(conn, reports, {
            "received_at": _now(), "report_id": str(assessment["report_id"]),
            "revision": int(assessment.get("revision") or 1), "campaign_id": assessment.get("campaign_id"),
            "employee_id": employee, "signer_fp": signer_fp,
            "signer_name": str((assessment.get("signer") or {}).get("name") or "")[:200], "enrolment": enrolment,
            "pdf_sha256": pdf_sha256, "n_high": int(counts.get("high", 0)), "n_medium": int(counts.get("medium", 0)),
            "n_low": int(counts.get("low", 0)),
            "assessment": json.dumps(assessment, sort_keys=True, ensure_ascii=False)})
        for f in assessment.get("findings", []):
            self._append(conn, findings, {"report_seq": row["seq"], "employee_id": employee, "rule": str(f["rule"]),
                                          "section": str(f["section"]), "priority": str(f["priority"])})
        for p in assessment.get("action_plan", []):
            self._append(conn, measures, {
                "report_seq": row["seq"], "employee_id": employee, "measure": str(p["measure"]),
                "text": str(p["text"]), "owner": str(p["owner"]), "priority": str(p["priority"]),
                "term_days": int(p.get("term_days", 0)), "term_label": str(p.get("term_label", "")),
                "provision": int(bool(p.get("provision")))})
        return row

    def add_event(self, conn, kind: str, campaign_id: str | None, employee_id: str | None, body: dict) -> dict:
        return self._append(conn, events, {"at": _now(), "kind": kind, "campaign_id": campaign_id,
                                           "employee_id": employee_id,
                                           "body": json.dumps(body, sort_keys=True, ensure_ascii=False)})

    def add_campaign(self, campaign_file: bytes, employees: list[dict[str, str]], codes: dict[str, str]) -> KnownCampaign:
        """Register a campaign (checked first) with its employees and their one-time codes."""
        camp = load_campaign(campaign_file)
        people = [{"employee_id": e["employee_id"], "name": e.get("name", ""), "code": codes.get(e["employee_id"], "")}
                  for e in employees]
        with self.engine.begin() as conn:
            self.lock(conn)
            row = self._append(conn, campaigns, {
                "at": _now(), "campaign_id": camp.campaign_id, "campaign_file": campaign_file.decode("utf-8"),
                "employees": json.dumps(people, sort_keys=True, ensure_ascii=False)})
        return self._known(row)

    # -- reading --------------------------------------------------------------

    @staticmethod
    def _known(row) -> KnownCampaign:
        people = json.loads(row["employees"])
        data = row["campaign_file"].encode("utf-8")
        return KnownCampaign(load_campaign(data), data,
                             tuple({"employee_id": p["employee_id"], "name": p.get("name", "")} for p in people),
                             {p["employee_id"]: p["code"] for p in people if p.get("code")}, row["at"])

    def campaigns(self) -> list[KnownCampaign]:
        """Every registered campaign (its newest row), oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(campaigns).order_by(campaigns.c.seq)).mappings().all()
        newest = {r["campaign_id"]: r for r in rows}
        return [self._known(r) for r in newest.values()]


    def pinned_key(self, conn, campaign_id: str | None, employee_id: str | None) -> tuple[str, str] | None:
        """(fingerprint, how it was first trusted: enrolled | tofu) of this employee's key, if pinned."""
        q = select(events.c.body).where(events.c.kind == "key_pinned", events.c.campaign_id == campaign_id,
                                        events.c.employee_id == employee_id).order_by(events.c.seq).limit(1)
        body = conn.execute(q).scalar()
        if not body:
            return None
        pin = json.loads(body)
        return pin["fingerprint"], pin.get("how", "tofu")

    def code_burned(self, conn, campaign_id: str, employee_id: str) -> bool:
        q = select(events.c.seq).where(events.c.kind == "code_burned", events.c.campaign_id == campaign_id,
                                       events.c.employee_id == employee_id).limit(1)
        return conn.execute(q).first() is not None

    def latest_revision(self, conn, report_id: str) -> tuple[int, str | None] | None:
        q = select(reports.c.revision, reports.c.campaign_id).where(reports.c.report_id == report_id) \
            .order_by(reports.c.revision.desc()).limit(1)
        row = conn.execute(q).first()
        return (row[0], row[1]) if row else None

    def stored_pdfs(self) -> list[Path]:
        """The stored report files, newest row last (for the arbo expert's review)."""
        with self.engine.connect() as conn:
            digests = [r[0] for r in conn.execute(select(reports.c.pdf_sha256).order_by(reports.c.seq))]
        return [self.pdf_dir / f"{d}.pdf" for d in dict.fromkeys(digests)]

    # -- checking -------------------------------------------------------------

    def verify(self) -> list[str]:
        """Every problem with the chains and the stored PDFs (empty when all is well)."""
        from .verify import Rejected, verify as verify_pdf

        problems: list[str] = []
        with self.engine.connect() as conn:
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
            for row in conn.execute(select(reports.c.seq, reports.c.pdf_sha256, reports.c.signer_fp)).mappings():
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
        return problems
