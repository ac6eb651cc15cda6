"""What a roll-up per group may show without revealing a small group or one person.

The register's roll-up counts people (each once, their newest report). A reader of the roll-up
(the works council, a manager, the Arbeidsinspectie) must not be able to learn about a small
group, or about one person, from it. Three ways to learn it, and what stops each:

1. A small group read directly. A group (a department, team, location or manager's people)
   with fewer than k people who handed in (k: the setting min_group_size, at least 5) shows no
   number at all; and in any group a count of 1..k-1 people (e.g. "2 in Finance have a high
   finding on lighting") is not shown either. Zero is shown: "nobody" identifies no one.
   This is *primary suppression*.

2. Differencing within one roll-up. The total of a row (the whole organisation) is shown, so
   total minus the visible parts is the sum of the hidden parts. With one hidden part that sum
   *is* the hidden number. So in every row (the people per group, each topic and priority, each
   measure) hidden parts are added, smallest visible non-zero part first (a zero part only when
   no other is left), until at least two parts are hidden *and* their sum, which a reader can
   compute, is 0 or at least k: then what can be derived is a count of at least k people over
   two or more groups, which is what a visible cell shows anyway. This is *complementary
   suppression* (`protect`). When no part is left to hide, the sum of the hidden parts is the
   total itself, which follows the same cell rule (shown only when 0 or >= k).
   A group hidden as too small is hidden in every row, so its size cannot be recomputed from
   any row either.

3. Differencing over time. Two roll-ups, before and after one more report, differ by exactly
   that person's findings. So the register records each signed roll-up (a chained event,
   `rollup_signed`, with the newest report it covers), and a group's numbers are shown in a
   new signed roll-up only when, since the roll-up in which they were last shown, no report of
   that group changed them, or at least k did (the difference then spans at least k people):
   otherwise the group is hidden as "changed by fewer than k reports" (and complementary
   suppression runs over it as over any hidden part). For the whole organisation the same
   rule refuses a new signed roll-up until k reports have changed it (`check_changes`).
   A change is a person's current report replaced or added (report seq after the marker) or
   a link of a report without enrolment to an employee after it.

What this does not stop: a group whose every member has the same finding (k of k) says so of
each of them; that is the limit of any threshold rule, and the employer sees each person's
workplace findings in the register anyway (they arrange the chair). The health part never
enters: the register holds none (admission.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from arbocheck.core.common.reasons import Refusal
from arbocheck.core.common.settings import Settings
from arbocheck.core.employer import overview
from arbocheck.core.employer.rollup import LINKED, scope_of
from arbocheck.core.employer.schema import current, events, reports
from arbocheck.core.trust.campaign import GROUPS

NONE = ""  # the group of everyone without a value: employees the CSV gave none, reports without enrolment


def shown_cell(n: int, k: int) -> int | None:
    """A count as a cell may show it: 0 or at least k, else None."""
    return n if n == 0 or n >= k else None


def protect(total: int, parts: dict[str, int], k: int, hidden: set[str] | frozenset[str] = frozenset()
            ) -> dict[str, int | None]:
    """The parts of a row as shown: None where hidden. `hidden` are parts hidden whatever their
    value (a group too small, or changed by too few reports); with them, every part of 1..k-1.
    Then the complementary parts (see the module's reasoning, point 2)."""
    out: dict[str, int | None] = dict(parts)
    gone = {g for g, n in parts.items() if g in hidden or 0 < n < k}
    if gone:
        def residual() -> int:
            return sum(parts[g] for g in gone)

        while len(gone) < 2 or 0 < residual() < k:
            rest = [g for g in parts if g not in gone]
            if not rest:
                break
            nonzero = [g for g in rest if parts[g] > 0]
            gone.add(min(nonzero or rest, key=lambda g: (parts[g], g)))
    for g in gone:
        out[g] = None
    return out


@dataclass
class GroupView:
    value: str  # NONE for those without one
    expected: int | None  # employees of the campaign(s) in this group
    enrolled: int  # of whom handed in (coverage is not a finding: always shown)
    people: int | None  # in the roll-up (each once); None: hidden
    topics: dict[str, tuple[int | None, int | None, int | None, int | None]]  # section: people, high, medium, low
    measures: dict[str, int | None]  # measure: people
    why: str = ""  # "" shown | small | changed | complementary: why its size is hidden


@dataclass
class Grouped:
    dimension: str
    min_group: int
    total: overview.Summary
    groups: list[GroupView] = field(default_factory=list)

    def hidden(self) -> dict[str, int]:
        """How many groups are hidden, per reason."""
        out: dict[str, int] = {}
        for g in self.groups:
            if g.why:
                out[g.why] = out.get(g.why, 0) + 1
        return out


def grouped(reg, campaign_id: str | None, dimension: str, min_group: int | None = None,
            changed: set[str] | frozenset[str] = frozenset()) -> Grouped:
    """The roll-up per value of `dimension` (campaign.GROUPS), protected as the module says.
    `changed`: groups to hide because too few reports changed them since they were last shown."""
    if dimension not in GROUPS:
        raise ValueError(f"not a group: {dimension}")
    k = Settings()["min_group_size"] if min_group is None else min_group
    total = overview.summary(reg, campaign_id, min_group=k)
    everyone = overview.counts(reg, campaign_id)
    values = overview.group_values(reg, campaign_id).get(dimension, [])
    raw = {v: overview.counts(reg, campaign_id, (dimension, v)) for v in values}
    rest = overview.counts(reg, campaign_id, (dimension, NONE))
    if rest.handed_in or rest.expected:
        raw[NONE] = rest
    sizes = {v: c.handed_in for v, c in raw.items()}
    small = {v for v, n in sizes.items() if 0 < n < k}
    forced = small | (set(changed) & set(raw))
    people = protect(everyone.handed_in, sizes, k, forced)
    hidden_groups = {v for v, n in people.items() if n is None}
    topic_rows: dict[str, list[dict]] = {}
    for section, whole in everyone.topics.items():
        cols = []
        for i in range(4):
            parts = {v: c.topics.get(section, (0, 0, 0, 0))[i] for v, c in raw.items()}
            cols.append(protect(whole[i], parts, k, hidden_groups))
        topic_rows[section] = cols
    measure_rows = {}
    for m, _owner, _prov, _text, n, _done in everyone.measures:
        parts = {v: sum(x[4] for x in c.measures if x[0] == m) for v, c in raw.items()}
        measure_rows[m] = protect(n, parts, k, hidden_groups)
    out = Grouped(dimension, k, total)
    for v, c in raw.items():
        why = "" if v not in hidden_groups else "small" if v in small else "changed" if v in forced else "complementary"
        out.groups.append(GroupView(
            v, c.expected, c.enrolled, people[v],
            {s: tuple(col[v] for col in cols) for s, cols in topic_rows.items()},
            {m: row[v] for m, row in measure_rows.items()}, why))
    return out


# -- over time: the signed roll-ups the register has recorded -----------------------------

SIGNED = "rollup_signed"  # events: a signed roll-up was made (campaign_id: its campaign, None for all)


class RollupRefusal(Refusal):
    """A signed roll-up that would reveal one person's answers by difference (reasons.py)."""


def _markers(conn, scope: str) -> tuple[dict | None, dict[tuple[str, str], dict]]:
    """(marker of the newest signed roll-up of this scope, {(dimension, value): marker of the newest
    one that showed that group}); a marker: {"report_seq", "event_seq", "at"}."""
    import json

    newest, groups = None, {}
    for at, body in conn.execute(select(events.c.at, events.c.body).where(events.c.kind == SIGNED)
                                 .order_by(events.c.seq)):
        b = json.loads(body)
        if b.get("scope") != scope:
            continue
        marker = {"report_seq": b["report_seq"], "event_seq": b["event_seq"], "at": at}
        newest = marker
        for value in b.get("shown") or []:
            groups[(b["dimension"], value)] = marker
    return newest, groups


def _changes(conn, campaign_id: str | None, marker: dict, group: tuple[str, str] | None) -> int:
    """People whose counted report changed since `marker`: a newer current report, or a link."""
    c = current.c
    n = conn.execute(select(func.count()).where(
        c.scope == scope_of(campaign_id), c.report_seq > marker["report_seq"],
        overview._in_group(c.employee_id, campaign_id, group))).scalar_one()
    links = conn.execute(select(func.count()).where(
        events.c.kind == LINKED, events.c.seq > marker["event_seq"],
        overview._in_group(events.c.subject, campaign_id, group))).scalar_one()
    return n + links


def check_changes(reg, campaign_id: str | None, min_group: int) -> None:
    """Refuse a new signed roll-up of the whole scope that differs from the previous one by the
    reports of fewer than `min_group` people (it would show what they answered). Raises RollupRefusal."""
    with reg.engine.connect() as conn:
        newest, _ = _markers(conn, scope_of(campaign_id))
        if newest is None:
            return
        n = _changes(conn, campaign_id, newest, None)
    if 0 < n < min_group:
        raise RollupRefusal("rollup.too_few_changes", n=n, k=min_group, date=newest["at"][:10])


def changed_groups(reg, campaign_id: str | None, dimension: str, min_group: int) -> set[str]:
    """The groups to hide in a new signed roll-up: changed by the reports of 1..k-1 people since the
    roll-up that last showed them."""
    values = overview.group_values(reg, campaign_id).get(dimension, []) + [NONE]
    out = set()
    with reg.engine.connect() as conn:
        _, shown = _markers(conn, scope_of(campaign_id))
        for v in values:
            marker = shown.get((dimension, v))
            if marker is not None and 0 < _changes(conn, campaign_id, marker, (dimension, v)) < min_group:
                out.add(v)
    return out


def record(reg, campaign_id: str | None, g: Grouped | None = None) -> None:
    """Record in the register (a chained event) that a signed roll-up was made, and which groups it showed."""
    with reg.write() as conn:
        report_seq = conn.execute(select(func.coalesce(func.max(reports.c.seq), 0))).scalar_one()
        event_seq = conn.execute(select(func.coalesce(func.max(events.c.seq), 0))).scalar_one()
        reg.add_event(conn, SIGNED, campaign_id, None, {
            "scope": scope_of(campaign_id), "report_seq": report_seq, "event_seq": event_seq,
            "dimension": g.dimension if g else None,
            "shown": [v.value for v in g.groups if v.people is not None] if g else []})
