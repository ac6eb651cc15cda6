"""When the check is due again, the .ics that puts it in the worker's calendar, and the report's line."""

from __future__ import annotations

import datetime as _dt
import io
import re

import pytest
import yaml
from pypdf import PdfReader

from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report import recheck
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.pdf import ReportInput, build_pdf
from arbocheck.core.trust import campaign, keys
from locations import ROOT, SCENARIOS

Q = qloader.load(ROOT / "questionnaires" / "thuiswerkplek.yaml")
CREATED = "2026-11-30T23:30:00+00:00"  # 1 December 2026, 00:30 in Amsterdam


def _unfold(data: bytes) -> list[str]:
    """A strict reader of RFC 5545 content lines: CRLF only, at most 75 octets a physical line."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    physical = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical), max(physical, key=len)
    text = data.decode("utf-8")  # folding never splits a UTF-8 character
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def _props(lines: list[str]) -> dict[str, str]:
    return {line.split(":", 1)[0]: line.split(":", 1)[1] for line in lines}


def _unescape(v: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), v)


def test_next_due_is_the_dutch_day_plus_the_interval():
    assert recheck.next_due(CREATED, 12) == _dt.date(2027, 12, 1)  # 1 December there, not 30 November
    assert recheck.next_due("2027-01-31T10:00:00+00:00", 1) == _dt.date(2027, 2, 28)
    assert recheck.next_due("2028-01-31T10:00:00+00:00", 1) == _dt.date(2028, 2, 29)
    assert recheck.next_due("2026-06-15T10:00:00+00:00", 36) == _dt.date(2029, 6, 15)


def test_the_interval_comes_from_the_campaign_else_the_questionnaire():
    assert recheck.interval_months(Q) == 12
    employer = keys.generate("Werkgever")
    camp = campaign.load(campaign.create(employer, organisation="Org", campaign_id="c", questionnaire_id="thuiswerkplek",
                                         questionnaire_version="2.1", deadline="2027-01-01", expert_recipient=None,
                                         recheck_months=6))
    assert recheck.interval_months(Q, camp) == 6
    assert recheck.interval_months(None) == 12


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_calendar_file_is_one_all_day_event_listing_the_triggers(lang):
    org = "Stichting Zorg, Welzijn; en meer — één organisatie met een heel lange naam die gevouwen moet worden"
    data = recheck.calendar_file(Q, _dt.date(2027, 12, 1), lang, uid_seed="r-1", organisation=org,
                                 now=_dt.datetime(2026, 12, 1, 9, 0, tzinfo=_dt.timezone.utc))
    lines = _unfold(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    p = _props(lines)
    assert p["VERSION"] == "2.0" and p["PRODID"]
    assert p["DTSTART;VALUE=DATE"] == "20271201" and p["DTEND;VALUE=DATE"] == "20271202"
    assert p["DTSTAMP"] == "20261201T090000Z" and p["UID"] == "arbocheck-recheck-r-1@arbocheck.invalid"
    assert org in _unescape(p["SUMMARY"])
    assert re.search(r"(?<!\\)[;,]", p["SUMMARY"]) is None  # every comma and semicolon escaped
    desc = _unescape(p["DESCRIPTION"])
    for trig in Q.data.recheck.triggers:
        assert trig.text.get(lang) in desc
    other = "en" if lang == "nl" else "nl"
    assert Q.data.recheck.triggers[0].text.get(other) not in desc


def test_the_same_report_keeps_its_uid_so_a_second_import_updates(tmp_path):
    a = {"report_id": "r-9", "created_at": CREATED, "lang": "nl", "organisation": None}
    path = recheck.write_calendar(tmp_path / "rapport.pdf", Q, a)
    assert path == tmp_path / "rapport.ics"
    first = _props(_unfold(path.read_bytes()))
    second = _props(_unfold(recheck.calendar_file(Q, _dt.date(2027, 12, 1), "nl", uid_seed="r-9")))
    assert first["UID"] == second["UID"] and first["DTSTART;VALUE=DATE"] == "20271201"


def test_the_report_states_the_next_due_date_in_its_account():
    answers = yaml.safe_load((SCENARIOS / "kitchen_table_laptop.yaml").read_text())["answers"]
    rm = ReportMeta(signer_name="Sanne de Vries", fingerprint="AB12 " * 15 + "CD34", created_at=CREATED, lang="nl",
                    recheck_months=6)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        build_pdf(ReportInput(Q, answers, {}, rm, lambda pid: b"", sealed=True)))).pages)
    assert "Volgende check uiterlijk" in text and "1 juni 2027" in " ".join(text.split())
