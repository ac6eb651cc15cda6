"""The register's running roll-up: whose newest report counts, and the counts per topic and
per measure, kept up to date as reports are imported.

These tables are derived: every row follows from the append-only, chained tables in
register.py, and `check` recomputes them from there (register verify). They exist so the
employer's overview of 100,000 reports is a lookup, not a scan of every finding.

A scope is a campaign id, "" for reports without a campaign, or "*" for all reports (then a
person's newest report in any campaign counts).

Whose report: a report carries its person (register.person_of: the employee id, or "key:…" for a
report without one). A report without enrolment counts as its own person until HR links it to an
enrolled employee (Register.link_person, a chained `person_linked` event): from then on it is that
employee's report, here and in every count, and only the employee's newest report counts, so no
measure is asked for twice. A linked report's enrolment reads "linked". A link stands for the
person's reports without enrolment only (should the same employee id later hand in with a code,
those reports are its own).

"Newest" is by the report's own created_at (ties: the higher revision, then the later import;
admission.order_key), not by when it was imported: an older report that arrives later is
stored but does not replace the person's current one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Table, bindparam, delete, insert, select, update

from arbocheck.core.employer.admission import order_key
from arbocheck.core.employer.schema import (DERIVED, current, current_measures, events, findings, measure_counts,
                                           measures, reports, topic_counts)

ALL = "*"
PRIORITIES = ("high", "medium", "low")
EMPLOYER_OWNED = ("employer", "both")

CURRENT_COLUMNS = ("employee_id", "signer_name", "enrolment", "n_high", "n_medium", "n_low", "received_at",
                   "created_at", "revision")
MEASURE_COLUMNS = ("measure", "owner", "provision", "text", "rank", "term_days", "term_label")


LINKED = "person_linked"  # events: employee_id the person linked, subject the employee it was linked to


def links(conn, persons=None) -> dict[str, str]:
    """{person: employee id} of the reports HR linked to an enrolled employee (the first link counts)."""
    q = select(events.c.employee_id, events.c.subject).where(events.c.kind == LINKED)
    if persons is not None:
        q = q.where(events.c.employee_id.in_(set(persons)))
    out: dict[str, str] = {}
    for person, employee in conn.execute(q.order_by(events.c.seq)):
        out.setdefault(person, employee)
    return out


def _linked(s: "Stored", to: dict[str, str]) -> "Stored":
    """The stored report as its linked employee's (unchanged when it is not linked)."""
    employee = to.get(s.person)
    if employee is None or s.shown["enrolment"] != "tofu":  # a link stands for reports without enrolment only
        return s
    shown = dict(s.shown, employee_id=employee, enrolment="linked")
    return Stored(s.seq, employee, s.campaign_id, shown, s.findings, s.measures)


def rank_of(priority: str) -> int:
    return PRIORITIES.index(priority) if priority in PRIORITIES else len(PRIORITIES)


def scope_of(campaign_id: str | None) -> str:
    return ALL if campaign_id is None else campaign_id


@dataclass
class Stored:
    """What the roll-up needs of a report just stored."""

    seq: int
    person: str
    campaign_id: str | None
    shown: dict  # CURRENT_COLUMNS of the report row
    findings: list[tuple[str, str]]  # (section, priority)
    measures: list[dict]  # MEASURE_COLUMNS, employer-owned only


def stored(row: dict, assessment: dict) -> Stored:
    """From a reports row as stored and its assessment (with the health parts already removed)."""
    return Stored(row["seq"], row["person"], row["campaign_id"], {c: row[c] for c in CURRENT_COLUMNS},
                  [(str(f["section"]), str(f["priority"])) for f in assessment.get("findings", [])],
                  _measure_rows(assessment.get("action_plan", [])))


def _key(shown, seq: int) -> tuple:

    return order_key(shown["created_at"], shown["revision"], seq)


def _measure_rows(plan: list[dict]) -> list[dict]:
    out: dict[str, dict] = {}
    for p in plan:
        if p.get("owner") in EMPLOYER_OWNED:
            out.setdefault(str(p["measure"]), {
                "measure": str(p["measure"]), "owner": str(p["owner"]), "provision": int(bool(p.get("provision"))),
                "text": str(p["text"]), "rank": rank_of(str(p["priority"])), "term_days": int(p.get("term_days", 0)),
                "term_label": str(p.get("term_label", ""))})
    return list(out.values())


def _topic_flags(pairs) -> dict[str, list[int]]:
    """section → [people, high, medium, low] as 0/1 for one report."""
    out: dict[str, list[int]] = {}
    for section, priority in pairs:
        flags = out.setdefault(section, [1, 0, 0, 0])
        if priority in PRIORITIES:
            flags[1 + PRIORITIES.index(priority)] = 1
    return out


def apply(conn, added: list[Stored]) -> None:
    """Bring the roll-up up to date with reports just stored (in the same transaction)."""
    if not added:
        return
    to = links(conn, {s.person for s in added})
    added = [_linked(s, to) for s in added]
    newest: dict[tuple[str, str], Stored] = {}
    for s in added:  # the newest of the batch (a later one of equal time and revision wins)
        for scope in (s.campaign_id or "", ALL):
            have = newest.get((scope, s.person))
            if have is None or _key(s.shown, s.seq) >= _key(have.shown, have.seq):
                newest[(scope, s.person)] = s
    old = {}
    for r in conn.execute(select(current.c.scope, current.c.person, current.c.report_seq, current.c.created_at,
                                 current.c.revision).where(current.c.person.in_({p for _, p in newest}))):
        key = (r.scope, r.person)
        if key in newest:
            if _key(r._mapping, r.report_seq) > _key(newest[key].shown, newest[key].seq):
                del newest[key]  # what is current stays: the batch brought only older reports
            else:
                old[key] = r.report_seq
    old_findings: dict[int, list] = defaultdict(list)
    old_measures: dict[int, list] = defaultdict(list)
    if old:
        seqs = set(old.values())
        for seq, section, priority in conn.execute(select(findings.c.report_seq, findings.c.section, findings.c.priority)
                                                   .where(findings.c.report_seq.in_(seqs))):
            old_findings[seq].append((section, priority))
        for r in conn.execute(select(measures).where(measures.c.report_seq.in_(seqs),
                                                     measures.c.owner.in_(EMPLOYER_OWNED))).mappings():
            old_measures[r["report_seq"]].append(dict(r))
        old_measures = defaultdict(list, {seq: _measure_rows(plan) for seq, plan in old_measures.items()})
    topic_delta: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    measure_delta: dict[tuple, list] = {}

    def count(scope: str, pairs, plan: list[dict], sign: int) -> None:
        for section, flags in _topic_flags(pairs).items():
            acc = topic_delta[(scope, section)]
            for i, f in enumerate(flags):
                acc[i] += sign * f
        for m in plan:
            entry = measure_delta.setdefault((scope, m["measure"], m["owner"], m["provision"]), [0, m["text"]])
            entry[0] += sign
            if sign > 0:
                entry[1] = m["text"]

    for (scope, person), s in newest.items():
        before = old.get((scope, person))
        if before is not None:
            count(scope, old_findings[before], old_measures[before], -1)
            conn.execute(delete(current).where(current.c.scope == scope, current.c.person == person))
            conn.execute(delete(current_measures).where(current_measures.c.scope == scope,
                                                        current_measures.c.person == person))
        count(scope, s.findings, s.measures, +1)
    if not newest:  # the batch brought only reports older than what is current
        return
    conn.execute(insert(current), [{"scope": sc, "person": p, "report_seq": s.seq, **s.shown}
                                   for (sc, p), s in newest.items()])
    rows = [{"scope": sc, "person": p, "report_seq": s.seq, "employee_id": s.shown["employee_id"], **m}
            for (sc, p), s in newest.items() for m in s.measures]
    if rows:
        conn.execute(insert(current_measures), rows)
    _add(conn, topic_counts, ("scope", "section"), ("people", "high", "medium", "low"),
         {k: v for k, v in topic_delta.items() if any(v)})
    _add(conn, measure_counts, ("scope", "measure", "owner", "provision"), ("people",),
         {k: [v[0]] for k, v in measure_delta.items() if v[0]}, {k: {"text": v[1]} for k, v in measure_delta.items()})


def _add(conn, table: Table, keys: tuple[str, ...], counts: tuple[str, ...], deltas: dict, extra: dict | None = None):
    """Add `deltas` to the counters of `table`, creating rows that do not exist yet."""
    if not deltas:
        return
    key_cols = [table.c[k] for k in keys]
    have = {tuple(r) for r in conn.execute(select(*key_cols).where(
        key_cols[0].in_({k[0] for k in deltas}), key_cols[1].in_({k[1] for k in deltas})))}
    new_rows, changes = [], []
    for key, delta in deltas.items():
        values = dict(zip(counts, delta))
        if key in have:
            changes.append({**{f"k_{k}": v for k, v in zip(keys, key)}, **{f"d_{c}": d for c, d in values.items()},
                            **(extra or {}).get(key, {})})
        else:
            new_rows.append({**dict(zip(keys, key)), **values, **((extra or {}).get(key, {}))})
    if changes:  # one statement for all of them
        conn.execute(update(table).where(*[table.c[k] == bindparam(f"k_{k}") for k in keys])
                     .values(**{c: table.c[c] + bindparam(f"d_{c}") for c in counts},
                             **{c: bindparam(c) for c in (next(iter((extra or {}).values()), {}))}), changes)
    if new_rows:
        conn.execute(insert(table), new_rows)
    conn.execute(delete(table).where(table.c.people <= 0))


def relink(conn, person: str) -> None:
    """Bring the roll-up up to date after `person` was linked to an employee (the person_linked
    event is in this transaction already): the person's current rows go, with their counts, and
    the person's reports are applied again as the employee's, where they are the newest."""
    gone = conn.execute(select(current.c.scope, current.c.report_seq).where(current.c.person == person)).all()
    if gone:
        seqs = {seq for _, seq in gone}
        pairs: dict[int, list] = defaultdict(list)
        for seq, section, priority in conn.execute(select(findings.c.report_seq, findings.c.section, findings.c.priority)
                                                   .where(findings.c.report_seq.in_(seqs))):
            pairs[seq].append((section, priority))
        plans: dict[int, list] = defaultdict(list)
        for r in conn.execute(select(measures).where(measures.c.report_seq.in_(seqs),
                                                     measures.c.owner.in_(EMPLOYER_OWNED))).mappings():
            plans[r["report_seq"]].append(dict(r))
        topic_delta: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        measure_delta: dict[tuple, list[int]] = defaultdict(lambda: [0])
        for scope, seq in gone:
            for section, flags in _topic_flags(pairs[seq]).items():
                acc = topic_delta[(scope, section)]
                for i, f in enumerate(flags):
                    acc[i] -= f
            for m in _measure_rows(plans[seq]):
                measure_delta[(scope, m["measure"], m["owner"], m["provision"])][0] -= 1
        conn.execute(delete(current).where(current.c.person == person))
        conn.execute(delete(current_measures).where(current_measures.c.person == person))
        _add(conn, topic_counts, ("scope", "section"), ("people", "high", "medium", "low"), dict(topic_delta))
        _add(conn, measure_counts, ("scope", "measure", "owner", "provision"), ("people",), dict(measure_delta))
    rows = conn.execute(select(reports).where(reports.c.person == person).order_by(reports.c.seq)).mappings().all()
    if not rows:
        return
    seqs = {r["seq"] for r in rows}
    pairs = defaultdict(list)
    for seq, section, priority in conn.execute(select(findings.c.report_seq, findings.c.section, findings.c.priority)
                                               .where(findings.c.report_seq.in_(seqs))):
        pairs[seq].append((section, priority))
    plans = defaultdict(list)
    for r in conn.execute(select(measures).where(measures.c.report_seq.in_(seqs),
                                                 measures.c.owner.in_(EMPLOYER_OWNED))).mappings():
        plans[r["report_seq"]].append(dict(r))
    apply(conn, [Stored(r["seq"], r["person"], r["campaign_id"], {c: r[c] for c in CURRENT_COLUMNS},
                        pairs[r["seq"]], _measure_rows(plans[r["seq"]])) for r in rows])


# -- from scratch ------------------------------------------------------------------------

def _compute(conn) -> dict[str, list[dict]]:
    """The roll-up recomputed from the chained tables, as rows per derived table."""
    cur: dict[tuple[str, str], dict] = {}
    to = links(conn)
    for r in conn.execute(select(reports.c.seq, reports.c.person, reports.c.campaign_id,
                                 *[reports.c[c] for c in CURRENT_COLUMNS]).order_by(reports.c.seq)).mappings():
        row = {"report_seq": r["seq"], **{c: r[c] for c in CURRENT_COLUMNS}}
        person = to.get(r["person"], r["person"]) if r["enrolment"] == "tofu" else r["person"]
        if person != r["person"]:
            row.update(employee_id=person, enrolment="linked")
        for scope in (r["campaign_id"] or "", ALL):
            have = cur.get((scope, person))
            if have is None or _key(row, row["report_seq"]) >= _key(have, have["report_seq"]):
                cur[(scope, person)] = row
    scopes_of: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for key, row in cur.items():
        scopes_of[row["report_seq"]].append(key)
    pairs: dict[int, list] = defaultdict(list)
    for seq, section, priority in conn.execute(select(findings.c.report_seq, findings.c.section, findings.c.priority)):
        if seq in scopes_of:
            pairs[seq].append((section, priority))
    topics: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for seq, report_pairs in pairs.items():
        for section, flags in _topic_flags(report_pairs).items():
            for scope, _ in scopes_of[seq]:
                acc = topics[(scope, section)]
                for i, f in enumerate(flags):
                    acc[i] += f
    plans: dict[int, list] = defaultdict(list)
    for r in conn.execute(select(measures).where(measures.c.owner.in_(EMPLOYER_OWNED))).mappings():
        if r["report_seq"] in scopes_of:
            plans[r["report_seq"]].append(dict(r))
    cm, mcount, texts = [], defaultdict(int), {}
    for seq, plan in plans.items():
        for m in _measure_rows(plan):
            for scope, person in scopes_of[seq]:
                cm.append({"scope": scope, "person": person, "report_seq": seq,
                           "employee_id": cur[(scope, person)]["employee_id"], **m})
                key = (scope, m["measure"], m["owner"], m["provision"])
                mcount[key] += 1
                texts[key] = m["text"]
    return {current.name: [{"scope": sc, "person": p, **row} for (sc, p), row in cur.items()],
            current_measures.name: cm,
            topic_counts.name: [dict(zip(("scope", "section", "people", "high", "medium", "low"), (*k, *v)))
                                for k, v in topics.items()],
            measure_counts.name: [{"scope": k[0], "measure": k[1], "owner": k[2], "provision": k[3],
                                   "text": texts[k], "people": n} for k, n in mcount.items()]}


_COMPARED = {current.name: None, current_measures.name: None, topic_counts.name: None,
             measure_counts.name: ("scope", "measure", "owner", "provision", "people")}  # its text is the newest seen


def check(conn) -> list[str]:
    """Problems where the roll-up does not follow from the chained tables."""
    want = _compute(conn)
    problems = []
    for table in DERIVED:
        cols = _COMPARED[table.name] or tuple(c.name for c in table.columns)
        have = {tuple(r) for r in conn.execute(select(*[table.c[c] for c in cols]))}
        if have != {tuple(row[c] for c in cols) for row in want[table.name]}:
            problems.append(f"{table.name}: the overview counts do not match the stored reports "
                            f"(run 'arbocheck register verify --rebuild')")
    return problems


def ensure_current(engine) -> None:
    """Derived tables of an older layout are made anew and recomputed (they follow from the chains)."""
    from sqlalchemy import inspect

    insp = inspect(engine)
    stale = [t for t in DERIVED if t.name in insp.get_table_names()
             and {c["name"] for c in insp.get_columns(t.name)} != {c.name for c in t.columns}]
    if stale:
        with engine.begin() as conn:
            for t in stale:
                t.drop(conn)
            for t in DERIVED:
                t.create(conn, checkfirst=True)
            rebuild(conn)


def rebuild(conn) -> None:
    """Recompute the roll-up from the chained tables (after a bulk load, or to repair it)."""
    want = _compute(conn)
    for table in DERIVED:
        conn.execute(delete(table))
        if want[table.name]:
            conn.execute(insert(table), want[table.name])
