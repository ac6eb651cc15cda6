"""When the check is due again, and the calendar file that says so (issue 17, "reminders without a server").

The interval is the campaign's signed `recheck_months` (trust.campaign), else the questionnaire's
`recheck.interval_months`, else 12. The due date is the report's Dutch calendar day (dates.local, as the
report prints its date) plus that many months; a day the month lacks becomes its last day (31 January
plus one month is 28 or 29 February).

The calendar file is RFC 5545 written by hand: one all-day VEVENT (DTSTART;VALUE=DATE, DTEND the day
after), a UID that stays the same for the same report (importing the file again updates the entry
instead of doubling it), DTSTAMP in UTC, SUMMARY and DESCRIPTION in the worker's language listing the
changes that call for an earlier check; text escaped (backslash, semicolon, comma, newline), lines
folded at 75 octets without splitting a UTF-8 character, CRLF line endings.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
from pathlib import Path

from arbocheck.core.common.i18n import t
from arbocheck.core.questionnaire.loader import Questionnaire
from arbocheck.core.report import dates

DEFAULT_MONTHS = 12
SOON_DAYS = 30  # the employer's overview counts a check due within this many days as due


def interval_months(q: Questionnaire | None, campaign=None) -> int:
    """Months until the next check: the campaign's, else the questionnaire's, else 12."""
    if campaign is not None and getattr(campaign, "recheck_months", None):
        return int(campaign.recheck_months)
    rc = getattr(getattr(q, "data", None), "recheck", None)
    return int(rc.interval_months) if rc is not None else DEFAULT_MONTHS


def add_months(d: _dt.date, months: int) -> _dt.date:
    """`d` plus whole months; a day the target month lacks becomes its last day."""
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return _dt.date(year, month, min(d.day, _calendar.monthrange(year, month)[1]))


def next_due(created_at: str, months: int) -> _dt.date:
    """The date the next check is due: the report's day in the Netherlands plus `months`."""
    return add_months(dates.local(created_at).date(), months)


def triggers(q: Questionnaire | None, lang: str) -> list[str]:
    """The changes after which the check is due sooner, in `lang` (none when the questionnaire names none)."""
    rc = getattr(getattr(q, "data", None), "recheck", None)
    return [trig.text.get(lang) for trig in rc.triggers] if rc is not None else []


def due_text(q: Questionnaire | None, due: _dt.date, lang: str) -> str:
    """'Doe de check opnieuw vóór 1 december 2027. …' with the triggers, for the finished dialog."""
    rc = getattr(getattr(q, "data", None), "recheck", None)
    lines = [t("recheck.due", lang, date=dates.long_date(due, lang))]
    if rc is not None:
        lines.append(rc.intro.get(lang))
        lines += [f"• {x}" for x in triggers(q, lang)]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """RFC 5545 §3.1: at most 75 octets a line; a continuation starts with one space."""
    out, cur, size, limit = [], "", 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(cur)
            cur, size, limit = " ", 1, 75
        cur += ch
        size += n
    out.append(cur)
    return out


def calendar_file(q: Questionnaire | None, due: _dt.date, lang: str, *, uid_seed: str,
                  organisation: str | None = None, now: _dt.datetime | None = None) -> bytes:
    """The .ics bytes of one all-day event on `due`. `uid_seed` (the report id) keeps the UID stable."""
    now = (now or _dt.datetime.now(_dt.timezone.utc)).astimezone(_dt.timezone.utc)
    summary = t("recheck.ics.summary", lang)
    if organisation:
        summary = t("recheck.ics.summary.org", lang, organisation=organisation)
    rc = getattr(getattr(q, "data", None), "recheck", None)
    desc = [t("recheck.ics.description", lang)]
    if rc is not None:
        desc += ["", rc.intro.get(lang)] + [f"- {x}" for x in triggers(q, lang)]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//arbocheck//recheck//NL", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "BEGIN:VEVENT",
             f"UID:arbocheck-recheck-{uid_seed}@arbocheck.invalid",
             f"DTSTAMP:{now.strftime('%Y%m%dT%H%M%SZ')}",
             f"DTSTART;VALUE=DATE:{due.strftime('%Y%m%d')}",
             f"DTEND;VALUE=DATE:{(due + _dt.timedelta(days=1)).strftime('%Y%m%d')}",
             f"SUMMARY:{_escape(summary)}", f"DESCRIPTION:{_escape(chr(10).join(desc))}",
             "TRANSP:TRANSPARENT", "END:VEVENT", "END:VCALENDAR"]
    return "".join(part + "\r\n" for line in lines for part in _fold(line)).encode("utf-8")


def write_calendar(report_pdf: Path, q: Questionnaire | None, assessment: dict, campaign=None,
                   now: _dt.datetime | None = None) -> Path:
    """Write the .ics beside the report (same name, .ics) for the report's assessment; returns its path."""
    from arbocheck.core.common.storage import atomic_write

    lang = str(assessment.get("lang") or "nl")
    due = next_due(str(assessment["created_at"]), interval_months(q, campaign))
    data = calendar_file(q, due, lang, uid_seed=str(assessment["report_id"]),
                         organisation=assessment.get("organisation") or None, now=now)
    path = Path(report_pdf).with_suffix(".ics")
    atomic_write(path, data, keep_previous=False, mode=0o644)
    return path
