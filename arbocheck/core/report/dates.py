"""Dates and times as the report prints them: the Dutch calendar and clock (Europe/Amsterdam),
whatever zone the machine runs in; assessment.json keeps the ISO time in UTC.

zoneinfo reads the OS's time-zone database, or the `tzdata` package where the OS has none
(Windows, a frozen build): pyproject.toml depends on it for that reason.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from arbocheck.core.common.i18n import t

ZONE = "Europe/Amsterdam"


@lru_cache(maxsize=1)
def _zone() -> ZoneInfo:
    return ZoneInfo(ZONE)


def local(iso: str) -> _dt.datetime:
    """An ISO timestamp as Dutch local time (a time without a zone counts as UTC)."""
    when = _dt.datetime.fromisoformat(str(iso))
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return when.astimezone(_zone())


def long_date(d: _dt.date, lang: str) -> str:
    """'1 december 2026' (nl) / '1 December 2026' (en), month names from the text files."""
    return t("date.long", lang, day=d.day, month=t(f"date.month.{d.month}", lang), year=d.year)


def day(iso: str, lang: str) -> str:
    """The calendar day of `iso` in the Netherlands: 23:30 UTC on 30 November is 1 December there."""
    return long_date(local(iso).date(), lang)


def day_and_time(iso: str, lang: str) -> str:
    """'1 december 2026, 00:30' with the zone named, for the stamp and the signature page."""
    when = local(iso)
    return t("date.with_time", lang, date=long_date(when.date(), lang), time=when.strftime("%H:%M"),
             zone=when.strftime("%Z"))


def due(iso: str, days: int, lang: str) -> str:
    """The date a measure is due: the report's Dutch calendar day plus the term's days."""
    return long_date(local(iso).date() + _dt.timedelta(days=days), lang)
