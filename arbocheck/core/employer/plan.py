"""What the employer does about the measures (the plan van aanpak, as OiRA's action plan has it):
mark measures arranged, several at once, undo that, and plan a measure with a responsible
person, a planned date and a budget.

Everything is an appended event in the register's chained events table; nothing is updated:
- `provision_done`   (person, measure): arranged;
- `provision_undone` (person, measure, body {"reverses": seq}): the reversal of one done event;
- `provision_planned` (person, measure, body {responsible, planned, budget}): the newest one wins.
A measure is arranged now when it has a done event that no later undone event follows, so
marking it again after an undo counts again. The overview's counts read that one definition
(`arranged`), so the running roll-up, the lists and the exports agree.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import exists, select

from arbocheck.core.common.reasons import Refusal
from arbocheck.core.employer.schema import events

DONE, UNDONE, PLANNED = "provision_done", "provision_undone", "provision_planned"
MAX_RESPONSIBLE = 200
MAX_BUDGET = Decimal("1000000")


class PlanError(Refusal, ValueError):
    """A plan value that cannot be recorded (reasons.py)."""


@dataclass(frozen=True)
class Plan:
    responsible: str = ""
    planned: str = ""  # ISO date, or "" when not planned
    budget: str = ""  # euros as a decimal string ("125.50"), or ""
    at: str = ""  # when this plan was recorded

    @property
    def empty(self) -> bool:
        return not (self.responsible or self.planned or self.budget)


def arranged(person_col, measure_col):
    """SQL: the measure `measure_col` of `person_col` is arranged now (a done event, no later undo)."""
    d, u = events.alias(), events.alias()  # anonymous: one statement may use this twice
    undone_later = exists().where(u.c.kind == UNDONE, u.c.employee_id == d.c.employee_id,
                                  u.c.subject == d.c.subject, u.c.seq > d.c.seq)
    return exists().where(d.c.kind == DONE, d.c.employee_id == person_col, d.c.subject == measure_col, ~undone_later)


def arranged_events():
    """(alias, condition): done events that no later undo follows, for counting per measure."""
    d, u = events.alias(), events.alias()  # anonymous: one statement may use this twice
    undone_later = exists().where(u.c.kind == UNDONE, u.c.employee_id == d.c.employee_id,
                                  u.c.subject == d.c.subject, u.c.seq > d.c.seq)
    return d, (d.c.kind == DONE) & ~undone_later


def _is_arranged(conn, person: str, measure: str) -> bool:
    from sqlalchemy import literal

    return bool(conn.execute(select(arranged(literal(person), literal(measure)))).scalar())


def mark_arranged(reg, items: list[tuple[str, str]], note: str = "") -> list[int]:
    """Record that these (person, measure) pairs are arranged, in one transaction. Pairs arranged
    already are left alone, so an undo reverses exactly what this call did. The seqs of the new
    events (what `undo` takes)."""
    rows = []
    with reg.write() as conn:
        for person, measure in dict.fromkeys(items):
            if not _is_arranged(conn, person, measure):
                rows.append(reg.add_event(conn, DONE, None, person, {"measure": measure, "note": note},
                                          subject=measure))
    return [r["seq"] for r in rows]


def undo(reg, seqs: list[int], note: str = "") -> int:
    """Reverse done events (`mark_arranged`'s seqs) with appended undone events; events that are
    not done events, or were reversed already, are left alone. How many were reversed."""
    if not seqs:
        return 0
    n = 0
    with reg.write() as conn:
        done = conn.execute(select(events.c.seq, events.c.employee_id, events.c.subject)
                            .where(events.c.seq.in_(list(seqs)), events.c.kind == DONE)).all()
        reversed_ = {json.loads(b).get("reverses") for (b,) in conn.execute(
            select(events.c.body).where(events.c.kind == UNDONE,
                                        events.c.employee_id.in_({p for _, p, _ in done})))}
        for seq, person, measure in done:
            if seq not in reversed_:
                reg.add_event(conn, UNDONE, None, person, {"measure": measure, "reverses": seq, "note": note},
                              subject=measure)
                n += 1
    return n


# -- planning ------------------------------------------------------------------------

def _date(value: str) -> str:
    """An ISO date, also from the Dutch way of writing it (31-12-2026); "" for none."""
    value = (value or "").strip()
    if not value:
        return ""
    dutch = re.fullmatch(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})", value)
    try:
        if dutch:
            return _dt.date(int(dutch[3]), int(dutch[2]), int(dutch[1])).isoformat()
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError as e:
        raise PlanError("plan.bad_date", value=value) from e


def _budget(value) -> str:
    text = str(value if value is not None else "").strip().replace("€", "").replace(" ", "")
    if not text:
        return ""
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", text) or re.fullmatch(r"\d+,\d{1,2}", text):
        text = text.replace(".", "").replace(",", ".")  # Dutch: 1.250,50
    try:
        amount = Decimal(text)
    except InvalidOperation as e:
        raise PlanError("plan.bad_budget", value=str(value)) from e
    if not amount.is_finite() or amount < 0 or amount > MAX_BUDGET or amount != amount.quantize(Decimal("0.01")):
        raise PlanError("plan.bad_budget", value=str(value))
    return f"{amount.quantize(Decimal('0.01'))}"


def checked_plan(responsible: str = "", planned: str = "", budget="") -> Plan:
    """The plan values as they are stored; raises PlanError for a date or amount that is not one."""
    who = " ".join((responsible or "").split())
    if len(who) > MAX_RESPONSIBLE:
        raise PlanError("plan.long_name", n=MAX_RESPONSIBLE)
    return Plan(who, _date(planned), _budget(budget))


def set_plan(reg, items: list[tuple[str, str]], responsible: str = "", planned: str = "", budget="") -> Plan:
    """Plan these (person, measure) pairs: who arranges it, by when, for how much (an appended
    event each; the newest plan of a measure is the one that holds). Empty values clear them."""
    plan = checked_plan(responsible, planned, budget)
    body = {"responsible": plan.responsible, "planned": plan.planned, "budget": plan.budget}
    with reg.write() as conn:
        reg.add_events(conn, [reg.event_row(PLANNED, None, person, dict(body, measure=measure), subject=measure)
                              for person, measure in dict.fromkeys(items)])
    return plan


def plans(conn, persons: set[str] | None = None) -> dict[tuple[str, str], Plan]:
    """{(person, measure): newest plan}, for these persons (or everyone)."""
    q = select(events.c.employee_id, events.c.subject, events.c.body, events.c.at).where(events.c.kind == PLANNED)
    if persons is not None:
        if not persons:
            return {}
        q = q.where(events.c.employee_id.in_(list(persons)))
    out: dict[tuple[str, str], Plan] = {}
    for person, measure, body, at in conn.execute(q.order_by(events.c.seq)):
        b = json.loads(body)
        out[(person, measure)] = Plan(str(b.get("responsible") or ""), str(b.get("planned") or ""),
                                      str(b.get("budget") or ""), at)
    return out


def due_date(report_date: str, term_days: int) -> str:
    """The date a measure is due: the report's date plus its term (ISO; "immediately" is the report's
    own date), or "" without a date."""
    try:
        d = _dt.date.fromisoformat(str(report_date)[:10])
    except ValueError:
        return ""
    return (d + _dt.timedelta(days=int(term_days))).isoformat() if term_days is not None and int(term_days) >= 0 else ""


__all__ = ["DONE", "UNDONE", "PLANNED", "Plan", "PlanError", "arranged", "arranged_events", "mark_arranged", "undo",
           "checked_plan", "set_plan", "plans", "due_date"]
