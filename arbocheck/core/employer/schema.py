"""Every table of the employer's register, in one place (SQLAlchemy Core).

The chained tables are append-only: every row carries the SHA-256 of the row before it in the
same table (`row_hash`), which register.py appends and checkpoints.py signs. The derived
tables (the running roll-up, rollup.py) follow from the chained ones and are recomputed by
`register verify --rebuild`. Nothing in any table holds health data (admission.py).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text

GENESIS = "0" * 64
metadata = MetaData()

reports = Table(
    "reports", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("received_at", String(40), nullable=False),
    Column("report_id", String(64), nullable=False, index=True),
    Column("revision", Integer, nullable=False),
    Column("created_at", String(40), nullable=False),  # the report's own time, UTC: which report is newest
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
    # key_pinned | code_burned | code_reissued | provision_done | provision_undone | provision_planned
    # | campaign_closed | person_linked | rollup_signed
    Column("kind", String(32), nullable=False),
    Column("campaign_id", String(64), index=True),
    Column("employee_id", String(128)),  # provision_*, person_linked: the person, as in reports
    Column("subject", String(64)),  # provision_*: the measure; person_linked: the employee id linked to
    Column("body", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
    Index("ix_events_kind_employee", "kind", "employee_id", "subject"),
)

# The campaigns this register collects for: the signed campaign file as handed out, and who takes
# part. A campaign id is registered once: new codes would lock out those who have the old ones.
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
    Column("key_check", String(64), nullable=False),  # campaign.key_check of the employee's enrolment key
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
    Index("ix_campaign_employees", "campaign_id", "employee_id"),
    Index("ix_campaign_employees_employee", "employee_id"),
)

# Where each employee of a campaign sits in the organisation, from the optional columns of the
# employees CSV (campaign.GROUPS): one row per employee who has any, chained like the rest.
employee_groups = Table(
    "employee_groups", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("campaign_id", String(64), nullable=False),
    Column("employee_id", String(128), nullable=False),
    Column("department", String(200), nullable=False, default=""),
    Column("team", String(200), nullable=False, default=""),
    Column("location", String(200), nullable=False, default=""),
    Column("manager", String(200), nullable=False, default=""),
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
    Index("ix_employee_groups", "campaign_id", "employee_id"),
    Index("ix_employee_groups_employee", "employee_id"),
)

# What checking an enrolment proof needs: the scrypt-derived key K per employee, never the code.
# Not chained (closing a campaign deletes its rows); each K is checked against the key_check
# in its chained campaign_employees row.
enrolment_keys = Table(
    "enrolment_keys", metadata,
    Column("campaign_id", String(64), primary_key=True),
    Column("employee_id", String(128), primary_key=True),
    Column("key", String(64), nullable=False),  # hex
)

TABLES = (reports, events, findings, measures, campaigns, campaign_employees, employee_groups)
HASHED = {t.name: [c.name for c in t.columns if c.name not in ("seq", "row_hash")] for t in TABLES}


def row_hash(table: str, row: dict[str, Any]) -> str:
    body = {k: row[k] for k in HASHED[table]}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


# -- derived: the running roll-up (rollup.py) -------------------------------------------

# Each person's newest report per scope, with what the employee list shows of it.
current = Table(
    "current_reports", metadata,
    Column("scope", String(64), primary_key=True),
    Column("person", String(128), primary_key=True),
    Column("report_seq", Integer, nullable=False, index=True),
    Column("employee_id", String(128)),
    Column("signer_name", String(200), nullable=False),
    Column("enrolment", String(16), nullable=False),
    Column("n_high", Integer, nullable=False),
    Column("n_medium", Integer, nullable=False),
    Column("n_low", Integer, nullable=False),
    Column("received_at", String(40), nullable=False),
    Column("created_at", String(40), nullable=False),  # with revision: which report is the newest
    Column("revision", Integer, nullable=False),
    Index("ix_current_order", "scope", "n_high", "n_medium", "n_low", "person"),
    Index("ix_current_employee", "scope", "employee_id"),
    Index("ix_current_person", "person"),  # the importer's lookup of whom a batch replaces
)

# What the employer must arrange according to those newest reports, in the order it is listed.
current_measures = Table(
    "current_measures", metadata,
    Column("scope", String(64), primary_key=True),
    Column("person", String(128), primary_key=True),
    Column("measure", String(64), primary_key=True),
    Column("report_seq", Integer, nullable=False),
    Column("employee_id", String(128)),
    Column("rank", Integer, nullable=False),  # 0 high, 1 medium, 2 low
    Column("owner", String(16), nullable=False),
    Column("provision", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("term_days", Integer, nullable=False),
    Column("term_label", Text, nullable=False),
    Index("ix_current_measures_order", "scope", "rank", "person", "measure"),
)

topic_counts = Table(  # employees per topic: with any finding there, and with one of each priority
    "rollup_topics", metadata,
    Column("scope", String(64), primary_key=True),
    Column("section", String(64), primary_key=True),
    Column("people", Integer, nullable=False),
    Column("high", Integer, nullable=False),
    Column("medium", Integer, nullable=False),
    Column("low", Integer, nullable=False),
)

measure_counts = Table(  # employees whose newest report asks the employer for this measure
    "rollup_measures", metadata,
    Column("scope", String(64), primary_key=True),
    Column("measure", String(64), primary_key=True),
    Column("owner", String(16), primary_key=True),
    Column("provision", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("people", Integer, nullable=False),
)

DERIVED = (current, current_measures, topic_counts, measure_counts)


# -- signed checkpoints of the chains (checkpoints.py) -----------------------------------

checkpoints = Table(
    "checkpoints", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("heads", Text, nullable=False),  # JSON {table: [rows, last row_hash]}
    Column("signer_spki", Text, nullable=False),  # base64 DER
    Column("signature", Text, nullable=False),  # base64 DER ECDSA over the signed body
    Column("prev_hash", String(64), nullable=False),
    Column("row_hash", String(64), nullable=False),
)
