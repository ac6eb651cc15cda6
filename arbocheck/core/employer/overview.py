"""What the employer sees: who handed in, what to arrange, and a roll-up per topic.

Everything is a query on the register's running roll-up (rollup.py: each person's newest
report, the counts per topic and per measure), so no JSON is parsed and no finding is
scanned: `summary` reads counters, and the lists (`employees`, `provisions`) come a page at a
time, filtered and sorted by the database, so the overview of an organisation with 100,000
reports opens about as fast as one of fifty. Never any health data: the register holds none.
Every roll-up suppresses groups smaller than the employer's minimum group size (the setting
min_group_size: five people unless raised); the summary carries the size it used.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
import json
from dataclasses import dataclass, field

from sqlalchemy import case, exists, func, literal, or_, select, union_all

from arbocheck.core.common.i18n import count, t
from arbocheck.core.common.settings import Settings
from arbocheck.core.employer import plan
from arbocheck.core.employer.register import Register
from arbocheck.core.employer.schema import campaign_employees, campaigns, employee_groups, events, findings, reports
from arbocheck.core.trust.campaign import GROUPS
from arbocheck.core.employer import rollup
from arbocheck.core.employer.rollup import PRIORITIES, scope_of
from arbocheck.core.employer.schema import current, current_measures, measure_counts, topic_counts

PAGE = 200


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
    person: str = ""  # whose report (register.person_of): what HR links a report without enrolment by
    created_at: str = ""  # the newest report's own time (UTC ISO): when the next check is due follows from it
    instruction_read: str = ""  # the date (ISO) the worker confirmed the instruction in that report; "" if not
    instruction_version: str = ""


@dataclass
class ProvisionRow:
    person: str  # the key for marking it done (employee id, or the signer's key without one)
    employee_id: str
    name: str
    measure: str
    text: str
    owner: str
    priority: str
    term_label: str
    provision: bool
    done: bool
    term_days: int = 0
    report_date: str = ""  # the report's own date (ISO)
    plan: plan.Plan = field(default_factory=plan.Plan)  # who arranges it, by when, for how much

    @property
    def due(self) -> str:
        """The date it is due: the report's date plus its term (ISO)."""
        return plan.due_date(self.report_date, self.term_days)


@dataclass
class TopicRow:
    section: str
    people: int | None  # None: fewer than the minimum group size, suppressed
    high: int | None
    medium: int | None
    low: int | None


@dataclass
class MeasureTotal:
    measure: str
    text: str
    owner: str
    provision: bool
    people: int  # with this measure in their newest report
    open: int  # of whom it is not yet arranged


@dataclass
class Summary:
    """What every count counts (the window, the exports and the signed roll-up say the same):

    - handed_in: people with a report in this roll-up, each once (their newest report): the
      enrolled employees who handed in plus the reports without enrolment; every topic and measure
      count is over these people. handed_in == enrolled + tofu.
    - enrolled: employees of the campaign (or of any registered campaign, for all reports) who
      handed in: with their enrolment code, or linked to a report without one by HR.
    - expected: employees in the campaign(s); not_yet == expected - enrolled.
    - tofu: reports without enrolment (trust on first use, not linked): counted apart, never as
      one of the employees.
    """

    handed_in: int
    expected: int | None  # None without a registered campaign: nobody is known to be missing
    not_yet: int
    tofu: int
    with_priority: dict[str, int]  # employees with at least one finding of that priority
    topics: list[TopicRow]
    measures: list[MeasureTotal] = field(default_factory=list)
    min_group: int = field(default_factory=lambda: Settings()["min_group_size"])
    """The smallest group this summary shows (the setting min_group_size when it was made)."""
    enrolled: int = 0
    group: tuple[str, str] | None = None  # (dimension, value) when this is one group's summary

    @property
    def suppressed(self) -> bool:
        """Fewer reports than the minimum group size: every roll-up is withheld."""
        return self.handed_in < self.min_group

    def coverage(self, lang: str) -> str:
        """Who handed in, in the words the window, the exports and the signed roll-up all use."""
        if self.expected is None:
            return t("counts.no_campaign", lang, reports=count(self.handed_in, "report", lang))
        parts = [t("counts.enrolled", lang, enrolled=self.enrolled, expected=self.expected)]
        if self.tofu:
            parts.append(count(self.tofu, "tofu", lang))
        return " · ".join(parts)

    def listed(self, lang: str) -> str:
        """Who the employee list holds: the campaign's employees and, apart, reports without enrolment."""
        parts = [count(self.expected, "employee", lang)] if self.expected is not None else []
        if self.tofu or not parts:
            parts.append(count(self.tofu, "tofu", lang))
        return " · ".join(parts)

    @property
    def open_measures(self) -> int:
        return sum(m.open for m in self.measures)


def _suppress(n: int, min_group: int) -> int | None:
    return n if n == 0 or n >= min_group else None


def _people(campaign_id: str | None):
    """Who is expected: (employee_id, name) of the registered campaigns' employees."""
    q = select(campaign_employees.c.employee_id, func.max(campaign_employees.c.name).label("name"))
    if campaign_id is not None:
        q = q.where(campaign_employees.c.campaign_id == campaign_id)
    return q.group_by(campaign_employees.c.employee_id).subquery("people")


def _staff(campaign_id: str | None):
    """The employee ids of the campaign(s) (an index scan, no grouping)."""
    q = select(campaign_employees.c.employee_id)
    return q if campaign_id is None else q.where(campaign_employees.c.campaign_id == campaign_id)


def _is_counted(campaign_id: str | None):
    """A current row that is one of the campaign's employees who handed in: enrolled with their code
    (which only an employee of the report's campaign can be), or linked by HR to an employee of it."""
    c = current.c
    return or_(c.enrolment == "enrolled",
               (c.enrolment == "linked") & c.employee_id.in_(_staff(campaign_id)))


def _counted(scope: str, campaign_id: str | None):
    """The employee ids of the campaign's employees who handed in (enrolled, or linked by HR)."""
    c = current.c
    return select(c.employee_id).where(c.scope == scope, _is_counted(campaign_id))


def _name_of(column, campaign_id: str | None):
    """The employee's name from the campaign(s): one index lookup per row shown."""
    ce = campaign_employees.c
    q = select(func.max(ce.name)).where(ce.employee_id == column)
    if campaign_id is not None:
        q = q.where(ce.campaign_id == campaign_id)
    return q.scalar_subquery()


def _done_by(done):
    """Whom a provision_done event (`done`, an alias of events) is for: the person it names, or the
    employee HR linked that person to."""
    link = events.alias("link")
    linked = (select(link.c.subject).where(link.c.kind == rollup.LINKED, link.c.employee_id == done.c.employee_id)
              .order_by(link.c.seq).limit(1).correlate(done).scalar_subquery())
    return func.coalesce(linked, done.c.employee_id)


def _has_campaigns(conn, campaign_id: str | None) -> bool:
    q = select(campaigns.c.seq)
    if campaign_id is not None:
        q = q.where(campaigns.c.campaign_id == campaign_id)
    return conn.execute(q.limit(1)).first() is not None


# -- the summary ---------------------------------------------------------------------

@dataclass
class Counts:
    """The exact numbers of one scope (and group), before any suppression."""

    handed_in: int
    enrolled: int
    expected: int | None
    with_priority: dict[str, int]
    topics: dict[str, tuple[int, int, int, int]]  # section: (people, high, medium, low)
    measures: list[tuple[str, str, bool, str, int, int]]  # (measure, owner, provision, text, people, done)


def _group_of(campaign_id: str | None):
    """(employee_id, department, team, location, manager) per employee: the row of the newest
    campaign in scope that gives them any (campaign.GROUPS)."""
    g, newer = employee_groups.c, employee_groups.alias("newer")
    q = select(g.employee_id, *[g[d] for d in GROUPS])
    later = select(newer.c.seq).where(newer.c.employee_id == g.employee_id, newer.c.seq > g.seq)
    if campaign_id is not None:
        q = q.where(g.campaign_id == campaign_id)
        later = later.where(newer.c.campaign_id == campaign_id)
    return q.where(~exists(later)).subquery("groups")


def _in_group(column, campaign_id: str | None, group: tuple[str, str] | None):
    """A condition: the employee id in `column` is in the group (dimension, value); value "" is
    everyone without one (also every report without enrolment). None: everyone."""
    if group is None:
        return literal(True)
    dim, value = group
    if dim not in GROUPS:
        raise ValueError(f"not a group: {dim}")
    g = _group_of(campaign_id)
    if value == "":
        return or_(column.is_(None), column.not_in(select(g.c.employee_id).where(g.c[dim] != "")))
    return column.in_(select(g.c.employee_id).where(g.c[dim] == value))


def counts(reg: Register, campaign_id: str | None = None, group: tuple[str, str] | None = None) -> Counts:
    """The exact counts of one campaign (or all), for everyone or one group: from the running
    roll-up's counters for everyone, from its current rows for a group."""
    scope = scope_of(campaign_id)
    c, cm = current.c, current_measures.c
    with reg.engine.connect() as conn:
        inside = _in_group(c.employee_id, campaign_id, group)
        n, high, medium, low = conn.execute(select(
            func.count(), func.sum(case((c.n_high > 0, 1), else_=0)),
            func.sum(case((c.n_medium > 0, 1), else_=0)), func.sum(case((c.n_low > 0, 1), else_=0)))
            .where(c.scope == scope, inside)).one()
        expected = None
        enrolled = 0
        if _has_campaigns(conn, campaign_id):
            ce = campaign_employees.c
            staff = select(func.count(func.distinct(ce.employee_id)))
            if campaign_id is not None:
                staff = staff.where(ce.campaign_id == campaign_id)
            if group is not None:
                staff = staff.where(_in_group(ce.employee_id, campaign_id, group))
            expected = conn.execute(staff).scalar_one()
            enrolled = conn.execute(select(func.count()).where(c.scope == scope, _is_counted(campaign_id),
                                                               inside)).scalar_one()
        if group is None:
            topic_rows = conn.execute(select(topic_counts.c.section, topic_counts.c.people, topic_counts.c.high,
                                             topic_counts.c.medium, topic_counts.c.low)
                                      .where(topic_counts.c.scope == scope)).all()
            totals = conn.execute(select(measure_counts.c.measure, measure_counts.c.owner,
                                         measure_counts.c.provision, measure_counts.c.text, measure_counts.c.people)
                                  .where(measure_counts.c.scope == scope)).all()
        else:
            f = findings.c

            def having(priority):
                return func.count(func.distinct(case((f.priority == priority, c.person))))

            topic_rows = conn.execute(
                select(f.section, func.count(func.distinct(c.person)), having("high"), having("medium"), having("low"))
                .select_from(current.join(findings, f.report_seq == c.report_seq))
                .where(c.scope == scope, inside).group_by(f.section)).all()
            totals = conn.execute(
                select(cm.measure, cm.owner, cm.provision, func.max(cm.text), func.count())
                .where(cm.scope == scope, _in_group(cm.employee_id, campaign_id, group))
                .group_by(cm.measure, cm.owner, cm.provision)).all()
        # arranged now (a done event no later undo reverses, plan.py), counted for the person it names
        # or the employee HR linked that person to
        d, now_arranged = plan.arranged_events()
        who = _done_by(d)
        marked = exists().where(current_measures.c.scope == scope, current_measures.c.person == who,
                                current_measures.c.measure == d.c.subject,
                                _in_group(current_measures.c.employee_id, campaign_id, group))
        done = dict(conn.execute(  # few: driven by the events, not by every measure
            select(d.c.subject, func.count(func.distinct(who)))
            .where(now_arranged, marked).group_by(d.c.subject)).all())
    return Counts(n or 0, enrolled, expected, {"high": high or 0, "medium": medium or 0, "low": low or 0},
                  {section: (people, h, m, lo) for section, people, h, m, lo in topic_rows},
                  [(m, owner, bool(prov), text, people, min(people, done.get(m, 0)))
                   for m, owner, prov, text, people in totals])


def rie_counts(reg: Register, campaign_id: str | None, topics: dict[str, list[str]]
               ) -> dict[str, tuple[int, int, int, int]]:
    """Per RI&E topic ({topic: its sections}, from the questionnaire): (people with any finding in
    one of its sections, with a high, medium, low one), each person once, from their newest report."""
    c, f = current.c, findings.c
    out = {}
    with reg.engine.connect() as conn:
        for topic, sections in topics.items():
            def having(priority):
                return func.count(func.distinct(case((f.priority == priority, c.person))))

            out[topic] = tuple(conn.execute(
                select(func.count(func.distinct(c.person)), having("high"), having("medium"), having("low"))
                .select_from(current.join(findings, f.report_seq == c.report_seq))
                .where(c.scope == scope_of(campaign_id), f.section.in_(sections))).one())
    return out


def summary(reg: Register, campaign_id: str | None = None, min_group: int | None = None,
            group: tuple[str, str] | None = None) -> Summary:
    """The overview of one campaign (or all), of everyone or of one group (dimension, value: see
    `_in_group`); groups under `min_group` people (default: the setting min_group_size) are withheld."""
    got = counts(reg, campaign_id, group)
    n, expected, enrolled = got.handed_in, got.expected, got.enrolled
    k = Settings()["min_group_size"] if min_group is None else min_group
    topics = [TopicRow(section, None, None, None, None) if n < k else
              TopicRow(section, _suppress(people, k), _suppress(h, k), _suppress(m, k), _suppress(lo, k))
              for section, (people, h, m, lo) in sorted(got.topics.items())]
    return Summary(n, expected, expected - enrolled if expected is not None else 0, n - enrolled,
                   got.with_priority, topics,
                   sorted((MeasureTotal(m, text, owner, prov, people, people - done)
                           for m, owner, prov, text, people, done in got.measures),
                          key=lambda t: (-t.open, -t.people, t.measure)),
                   min_group=k, enrolled=enrolled, group=group)


# -- the lists, a page at a time ---------------------------------------------------------

EMPLOYEE_ORDER = ("priority", "employee_id", "name", "status", "enrolment", "high", "medium", "low", "last")


def _needle(search: str) -> str:
    return search.strip().lower()


def _matches(needle: str, *columns):
    return or_(*[func.lower(c).contains(needle, autoescape=True) for c in columns])


def recheck_months(reg: Register, campaign_id: str | None = None) -> int:
    """The interval after which a check is due again: the campaign's (signed in its file), or for all
    campaigns the newest one's; 12 months without any."""
    from arbocheck.core.report.recheck import DEFAULT_MONTHS

    known = [k for k in reg.campaigns() if campaign_id is None or k.campaign.campaign_id == campaign_id]
    return known[-1].campaign.recheck_months if known else DEFAULT_MONTHS


def due_before(months: int, today: _dt.date | None = None, soon_days: int | None = None) -> str:
    """The UTC time (ISO, as the register keeps created_at) before which a report is due again: its
    Dutch day plus `months` falls on or before today + `soon_days` (30 unless told)."""
    from zoneinfo import ZoneInfo

    from arbocheck.core.report import recheck

    today = today or _dt.datetime.now(ZoneInfo(recheck.dates.ZONE)).date()
    horizon = today + _dt.timedelta(days=recheck.SOON_DAYS if soon_days is None else soon_days)
    limit = recheck.add_months(horizon, -months)  # the last Dutch report day that is due by the horizon
    if (horizon + _dt.timedelta(days=1)).day == 1:  # on a month's last day every day of that earlier month is
        limit = limit.replace(day=_calendar.monthrange(limit.year, limit.month)[1])  # (31 Jan + 1 month: 28 Feb)
    start = _dt.datetime.combine(limit + _dt.timedelta(days=1), _dt.time(), ZoneInfo(recheck.dates.ZONE))
    return start.astimezone(_dt.timezone.utc).isoformat(timespec="seconds")


def next_due(row: EmployeeRow, months: int) -> _dt.date | None:
    """When this employee's next check is due (None: no report yet)."""
    from arbocheck.core.report.recheck import next_due as due

    return due(row.created_at, months) if row.created_at else None


def employees(reg: Register, campaign_id: str | None = None, *, show: str = "all", search: str = "",
              order: str = "priority", descending: bool = False, offset: int = 0,
              limit: int | None = PAGE, group: tuple[str, str] | None = None,
              today: _dt.date | None = None) -> tuple[list[EmployeeRow], int]:
    """(rows, how many match): handed in (newest report each) and, with a campaign, not yet.

    show: all | not_yet | handed_in | tofu | high | due. In the default order (most findings first,
    then who has not handed in yet) a page is read straight from an index. "due": whose newest
    report is older than the campaign's interval (recheck_months) or will be within 30 days of
    `today` (the Dutch date unless told).
    """
    scope, people, needle = scope_of(campaign_id), _people(campaign_id), _needle(search)
    c = current.c
    name = func.coalesce(_name_of(c.employee_id, campaign_id), c.signer_name)
    handed = (select(func.coalesce(c.employee_id, "—").label("employee_id"), name.label("name"),
                     literal("handed_in").label("status"), c.enrolment.label("enrolment"), c.n_high.label("high"),
                     c.n_medium.label("medium"), c.n_low.label("low"), c.received_at.label("last"),
                     c.person.label("person"), c.created_at.label("created"))
              .where(c.scope == scope))
    handed_where = [c.scope == scope]
    if show == "tofu":  # everyone the summary counts as without enrolment (not one of the employees)
        handed_where.append(~_is_counted(campaign_id))
    elif show == "high":
        handed_where.append(c.n_high > 0)
    elif show == "due":
        handed_where.append(c.created_at < due_before(recheck_months(reg, campaign_id), today))
    if group is not None:
        handed_where.append(_in_group(c.employee_id, campaign_id, group))
    if needle:
        handed_where.append(_matches(needle, c.employee_id, name))
    handed = handed.where(*handed_where)
    listed = _counted(scope, campaign_id)
    missing = select(people.c.employee_id, people.c.name, literal("not_yet"), literal(""), literal(0), literal(0),
                     literal(0), literal(""), people.c.employee_id, literal("")).where(people.c.employee_id.not_in(listed))
    if group is not None:
        missing = missing.where(_in_group(people.c.employee_id, campaign_id, group))
    if needle:
        missing = missing.where(_matches(needle, people.c.employee_id, people.c.name))
    parts = {"all": (handed, missing), "not_yet": (missing,)}.get(show, (handed,))
    with reg.engine.connect() as conn:
        n_handed = conn.execute(select(func.count()).where(*handed_where)).scalar_one()
        if needle or group is not None:
            n_missing = conn.execute(select(func.count()).select_from(missing.subquery())).scalar_one()
        elif not _has_campaigns(conn, campaign_id):
            n_missing = 0
        else:  # those expected minus those counted: two index counts, no grouping of every employee
            ce = campaign_employees.c
            staff = select(func.count(func.distinct(ce.employee_id)))
            if campaign_id is not None:
                staff = staff.where(ce.campaign_id == campaign_id)
            n_missing = conn.execute(staff).scalar_one() - conn.execute(
                select(func.count()).where(c.scope == scope, _is_counted(campaign_id))).scalar_one()
        counts = {"all": [n_handed, n_missing], "not_yet": [n_missing]}.get(show, [n_handed])
        if order == "priority":  # page by page: first the handed-in part, then who has not handed in
            rows: list = []
            first = offset
            for part, n, keys in zip(parts, counts, ([c.n_high.desc(), c.n_medium.desc(), c.n_low.desc(), c.person],
                                                     [people.c.employee_id]) if show == "all" else
                                     ([people.c.employee_id],) if show == "not_yet" else
                                     ([c.n_high.desc(), c.n_medium.desc(), c.n_low.desc(), c.person],)):
                want = None if limit is None else limit - len(rows)
                if first < n and want != 0:
                    q = part.order_by(*keys).offset(first)
                    rows += conn.execute(q.limit(want) if want is not None else q).all()
                first = max(0, first - n)
        else:
            u = union_all(*parts).subquery("u") if len(parts) > 1 else parts[0].subquery("u")
            col = u.c[order] if order in EMPLOYEE_ORDER else u.c.employee_id
            q = select(u).order_by(col.desc() if descending else col, u.c.employee_id).offset(offset)
            rows = conn.execute(q.limit(limit) if limit is not None else q).all()
        out = [EmployeeRow(r[0], r[2], r[3], r[1] or "", r[4], r[5], r[6], r[7], r[8], r[9]) for r in rows]
        _add_instruction(conn, scope, out)
    return out, sum(counts)


def _add_instruction(conn, scope: str, rows: list[EmployeeRow]) -> None:
    """Who confirmed the instruction (Arbowet art. 8): read from the stored assessment of each listed
    person's current report, for one page of rows only (no register column: it changes nothing counted)."""
    persons = {e.person for e in rows if e.status == "handed_in" and e.person}
    if not persons:
        return
    found: dict[str, dict] = {}
    q = (select(current.c.person, reports.c.assessment)
         .select_from(current.join(reports, reports.c.seq == current.c.report_seq))
         .where(current.c.scope == scope, current.c.person.in_(persons)))
    for person, text in conn.execute(q):
        try:
            rec = json.loads(text).get("instruction")
        except (ValueError, AttributeError):
            continue
        if isinstance(rec, dict) and isinstance(rec.get("date"), str):
            found[person] = rec
    for e in rows:
        rec = found.get(e.person) if e.status == "handed_in" else None
        if rec:
            e.instruction_read, e.instruction_version = rec["date"], str(rec.get("version", ""))


PROVISION_ORDER = {"priority": None, "employee": "person", "measure": "text", "term": "term_days",
                   "provision": "provision", "done": "done"}


def _done():
    """Arranged: marked done for the person, or for a person HR linked to this employee afterwards
    (each an index lookup, so a page of 100,000 stays fast)."""
    cm = current_measures.c
    # arranged for this person, or for the report without enrolment HR linked to them
    # (one level of EXISTS each: a nested one would not be correlated to current_measures)
    link = events.alias("link")
    d, now_arranged = plan.arranged_events()
    return or_(plan.arranged(cm.person, cm.measure),
               exists().where(link.c.kind == rollup.LINKED, link.c.subject == cm.person,
                              d.c.employee_id == link.c.employee_id, d.c.subject == cm.measure, now_arranged))


def provisions(reg: Register, campaign_id: str | None = None, *, only_open: bool = True,
               only_provisions: bool = False, search: str = "", order: str = "priority", descending: bool = False,
               offset: int = 0, limit: int | None = PAGE,
               group: tuple[str, str] | None = None) -> tuple[list[ProvisionRow], int]:
    """(rows, how many match): what the employer must arrange, per person, from the newest reports.
    In the default order (most urgent first) a page is read straight from an index."""
    cm, needle = current_measures.c, _needle(search)
    done = _done()
    who = current.alias("who")
    name = func.coalesce(_name_of(cm.employee_id, campaign_id), who.c.signer_name)
    base = [cm.scope == scope_of(campaign_id)]
    if only_provisions:
        base.append(cm.provision == 1)
    if group is not None:
        base.append(_in_group(cm.employee_id, campaign_id, group))
    if needle:
        base.append(_matches(needle, cm.person, name, cm.text))
    where = base + ([~done] if only_open else [])
    source = current_measures.join(who, (who.c.scope == cm.scope) & (who.c.person == cm.person))
    column = PROVISION_ORDER.get(order)
    if column is None:
        keys = [cm.rank, cm.person, cm.measure]
    else:
        col = done if column == "done" else cm[column]
        keys = [col.desc() if descending else col, cm.rank, cm.person, cm.measure]
    q = (select(cm.person, cm.employee_id, name.label("name"), cm.measure, cm.text, cm.owner, cm.rank, cm.term_label,
                cm.provision, done.label("done"), cm.term_days, who.c.created_at)
         .select_from(source).where(*where).order_by(*keys).offset(offset))
    with reg.engine.connect() as conn:
        if needle:
            total = conn.execute(select(func.count()).select_from(source).where(*where)).scalar_one()
        else:  # every measure in scope (an index count) less those arranged, found from the few events
            total = conn.execute(select(func.count()).select_from(current_measures).where(*base)).scalar_one()
            if only_open:
                d, now_arranged = plan.arranged_events()
                who_ = _done_by(d)
                marked = (select(who_.label("who"), d.c.subject).where(
                    now_arranged, exists().where(*base, cm.person == who_, cm.measure == d.c.subject))
                    .distinct().subquery())
                total -= conn.execute(select(func.count()).select_from(marked)).scalar_one()
        rows = conn.execute(q.limit(limit) if limit is not None else q).all()
        plans = plan.plans(conn, None if limit is None else {r.person for r in rows})
    return [ProvisionRow(r.person, r.employee_id or "—", r.name or "", r.measure, r.text, r.owner,
                         PRIORITIES[r.rank] if r.rank < len(PRIORITIES) else "low", r.term_label, bool(r.provision),
                         bool(r.done), int(r.term_days or 0), str(r.created_at or "")[:10],
                         plans.get((r.person, r.measure), plan.Plan())) for r in rows], total


def link(reg: Register, person: str, employee_id: str, note: str = "") -> None:
    """HR's explicit link of a report without enrolment to an enrolled employee (Register.link_person)."""
    reg.link_person(person, employee_id, note)


def group_values(reg: Register, campaign_id: str | None = None) -> dict[str, list[str]]:
    """{dimension: its values, sorted} of the employees in scope (dimensions without any left out)."""
    g = employee_groups.c
    out = {}
    with reg.engine.connect() as conn:  # one DISTINCT per dimension: a few values, whatever the number of people
        for d in GROUPS:
            q = select(g[d]).where(g[d] != "").distinct()
            if campaign_id is not None:
                q = q.where(g.campaign_id == campaign_id)
            values = sorted(v for (v,) in conn.execute(q))
            if values:
                out[d] = values
    return out


def mark_done(reg: Register, person: str, measure: str, note: str = "") -> None:
    """Record that a measure was arranged for this person (an appended event, never an update)."""
    plan.mark_arranged(reg, [(person, measure)], note)


def action_list(reg: Register, campaign_id: str | None = None, only_open: bool = True,
                group: tuple[str, str] | None = None) -> list[dict]:
    """The procurement list: which provision for whom (and in which department), with priority, term
    and the date it is due, the report's date, the plan (responsible, planned date, budget) and
    whether it is arranged."""
    rows, _ = provisions(reg, campaign_id, only_open=only_open, limit=None, group=group)
    g = _group_of(campaign_id)
    with reg.engine.connect() as conn:
        department = dict(conn.execute(select(g.c.employee_id, g.c.department)).all())
    return [{"employee_id": p.employee_id, "name": p.name, "department": department.get(p.employee_id) or "",
             "measure": p.measure, "text": p.text, "owner": p.owner, "priority": p.priority,
             "term": p.term_label, "term_days": p.term_days, "report_date": p.report_date, "due": p.due,
             "arbo_provision": "yes" if p.provision else "no", "done": "yes" if p.done else "no",
             "responsible": p.plan.responsible, "planned": p.plan.planned, "budget": p.plan.budget} for p in rows]


__all__ = ["EmployeeRow", "ProvisionRow", "TopicRow", "MeasureTotal", "Summary", "summary", "employees",
           "provisions", "link", "group_values", "counts", "rie_counts", "Counts", "mark_done", "action_list", "PAGE"]
