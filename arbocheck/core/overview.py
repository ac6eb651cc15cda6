"""What the employer sees: who handed in, what to arrange, and a roll-up per topic.

Built from the register's columns and per-finding/per-measure rows, so no JSON is
parsed and it stays fast for large organisations. Never any health data: the
register holds none. Every roll-up suppresses groups smaller than five people.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable

from sqlalchemy import func, select

from .register import Register, events, findings, measures, reports

MIN_GROUP = 5


@dataclass
class EmployeeRow:
    employee_id: str
    status: str  # handed_in | not_yet
    enrolment: str = ""  # enrolled | tofu: how the key that signed was first trusted
    name: str = ""
    high: int = 0
    medium: int = 0
    low: int = 0
    last_report_at: str = ""
    report_seq: int | None = None


@dataclass
class ProvisionRow:
    employee_id: str
    measure: str
    text: str
    owner: str
    priority: str
    term_label: str
    provision: bool
    done: bool


@dataclass
class TopicRow:
    section: str
    people: int | None  # None: fewer than five, suppressed
    high: int | None
    medium: int | None
    low: int | None


@dataclass
class Overview:
    employees: list[EmployeeRow]
    provisions: list[ProvisionRow]
    topics: list[TopicRow]
    handed_in: int
    expected: int | None
    suppressed: bool = field(default=False)
    """True when fewer than five people handed in: then every roll-up is withheld."""


def _suppress(n: int) -> int | None:
    return n if n == 0 or n >= MIN_GROUP else None


def latest_seqs(campaign_id: str | None = None):
    """The newest stored report per employee (a subquery of report seqs); a report without an
    employee id counts as its signer's, so two such workers are never taken for one."""
    q = select(func.max(reports.c.seq).label("seq"))
    if campaign_id is not None:
        q = q.where(reports.c.campaign_id == campaign_id)
    return q.group_by(func.coalesce(reports.c.employee_id, reports.c.signer_fp)).subquery()


def build(reg: Register, expected_employees: Iterable[str] | None = None, campaign_id: str | None = None) -> Overview:
    """The overview of one campaign, or of the whole register. Without `expected_employees`, the
    employees of the registered campaigns are expected."""
    names: dict[str, str] = {}
    if expected_employees is None:
        known = [k for k in reg.campaigns() if campaign_id is None or k.campaign_id == campaign_id]
        if known:
            names = {e["employee_id"]: e["name"] for k in known for e in k.employees}
            expected_employees = list(names)
    with reg.engine.connect() as conn:
        latest = latest_seqs(campaign_id)
        rows = conn.execute(select(reports.c.seq, reports.c.employee_id, reports.c.enrolment, reports.c.n_high,
                                   reports.c.n_medium, reports.c.n_low, reports.c.received_at, reports.c.signer_name)
                            .where(reports.c.seq.in_(select(latest.c.seq)))).all()
        done = {(e.employee_id, json.loads(e.body).get("measure")) for e in
                conn.execute(select(events.c.employee_id, events.c.body).where(events.c.kind == "provision_done"))}
        plan = conn.execute(select(measures).where(measures.c.report_seq.in_(select(latest.c.seq)),
                                                   measures.c.owner.in_(("employer", "both")))
                            .order_by(measures.c.employee_id, measures.c.priority, measures.c.measure)).mappings().all()
        topic_rows = conn.execute(
            select(findings.c.section, findings.c.priority, func.count(func.distinct(findings.c.employee_id)))
            .where(findings.c.report_seq.in_(select(latest.c.seq)))
            .group_by(findings.c.section, findings.c.priority)).all()
        people_rows = conn.execute(
            select(findings.c.section, func.count(func.distinct(findings.c.employee_id)))
            .where(findings.c.report_seq.in_(select(latest.c.seq))).group_by(findings.c.section)).all()
    employees = {r.employee_id or f"seq:{r.seq}": EmployeeRow(
        r.employee_id or "—", "handed_in", r.enrolment, names.get(r.employee_id) or r.signer_name or "",
        r.n_high, r.n_medium, r.n_low, r.received_at, r.seq) for r in rows}
    expected = list(expected_employees) if expected_employees is not None else None
    for eid in expected or []:
        employees.setdefault(eid, EmployeeRow(eid, "not_yet", name=names.get(eid, "")))
    handed_in = len(rows)
    suppressed = handed_in < MIN_GROUP
    per: dict[str, dict[str, int]] = {}
    for section, prio, n in topic_rows:
        per.setdefault(section, {})[prio] = n
    topics = []
    for section, people in sorted(people_rows):
        counts = per.get(section, {})
        if suppressed:
            topics.append(TopicRow(section, None, None, None, None))
        else:
            topics.append(TopicRow(section, _suppress(people), _suppress(counts.get("high", 0)),
                                   _suppress(counts.get("medium", 0)), _suppress(counts.get("low", 0))))
    provisions = [ProvisionRow(m["employee_id"] or "—", m["measure"], m["text"], m["owner"], m["priority"],
                               m["term_label"], bool(m["provision"]), (m["employee_id"], m["measure"]) in done)
                  for m in plan]
    return Overview(sorted(employees.values(), key=lambda e: (e.status != "handed_in", -e.high, e.employee_id)),
                    provisions, topics, handed_in, len(expected) if expected is not None else None, suppressed)


def mark_done(reg: Register, employee_id: str, measure: str, note: str = "") -> None:
    """Record that a measure was arranged (an appended event, never an update)."""
    with reg.engine.begin() as conn:
        reg.lock(conn)
        reg.add_event(conn, "provision_done", None, employee_id, {"measure": measure, "note": note})


def action_list(ov: Overview, only_open: bool = True) -> list[dict]:
    """The procurement list: which provision for whom, with priority and term."""
    return [{"employee_id": p.employee_id, "measure": p.measure, "text": p.text, "owner": p.owner,
             "priority": p.priority, "term": p.term_label, "arbo_provision": "yes" if p.provision else "no",
             "done": "yes" if p.done else "no"}
            for p in ov.provisions if not (only_open and p.done)]


__all__ = ["Overview", "build", "mark_done", "action_list"]
