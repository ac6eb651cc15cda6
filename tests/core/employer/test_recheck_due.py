"""Whose check is due again (issue 17, item 4): the newest report older than the campaign's interval, or
due within 30 days; the list, its CSV and the letters that ask them to check again."""

from __future__ import annotations

import csv
import datetime as _dt
import io
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from arbocheck.core.employer import campaign_run, campaign_setup, overview
from arbocheck.core.employer.importer import import_files
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.trust import campaign, keys
from locations import SCENARIOS

EMPLOYEES = "employee_id;name\nE1;Anna de Vries\nE2;Bram Jansen\nE3;Cem Yilmaz\nE4;Dewi Pratama\n"
TODAY = _dt.date(2026, 12, 2)


def _report(tmp_path: Path, employee: str, code: str, created: str) -> Path:
    q = qloader.find("thuiswerkplek")
    key = keys.generate(employee)
    answers = yaml.safe_load((SCENARIOS / "laptop_only_all_day.yaml").read_text())["answers"]
    rm = ReportMeta(signer_name=employee, fingerprint="", employee_id=employee, campaign_id="c1",
                    organisation="Gemeente Voorbeeld", created_at=created,
                    enrolment_proof=campaign.enrolment_proof(code, "c1", employee, key.spki_der))
    path = tmp_path / f"{employee}.pdf"
    path.write_bytes(build(q, answers, {}, key, rm, lambda i: b"", personal_copy=False).signed)
    return path


@pytest.fixture
def due_setup(tmp_path, any_reg):
    new = campaign_setup.create(tmp_path / "campagne.json", tmp_path / "codes.csv", register=any_reg,
                                key=any_reg.signer, organisation="Gemeente Voorbeeld", campaign_id="c1",
                                deadline="2026-01-31", employees_csv=EMPLOYEES, expert_recipient=None,
                                recheck_months=12)
    created = {"E1": "2025-11-01T09:00:00+00:00",  # due since 1 November
               "E2": "2025-12-31T23:30:00+00:00",  # 1 January 2026 in Amsterdam: due 1 January 2027, 30 days on
               "E3": "2026-01-02T10:00:00+00:00"}  # due 2 January 2027: 31 days on, not yet
    files = [_report(tmp_path, e, new.codes[e], c) for e, c in created.items()]  # E4 never handed in
    assert all(o.accepted for o in import_files(any_reg, files))
    return any_reg, new, tmp_path


def test_who_is_due_by_the_dutch_day_and_the_interval(due_setup):
    reg, new, tmp = due_setup
    rows, n = overview.employees(reg, "c1", show="due", today=TODAY)
    assert n == 2 and sorted(r.employee_id for r in rows) == ["E1", "E2"]
    assert [r.employee_id for r in campaign_run.due(reg, "c1", today=TODAY)] == ["E1", "E2"]  # oldest first
    assert {r.employee_id: overview.next_due(r, 12) for r in rows} == {"E1": _dt.date(2026, 11, 1),
                                                                        "E2": _dt.date(2027, 1, 1)}
    assert {r.employee_id for r in campaign_run.due(reg, "c1", today=TODAY + _dt.timedelta(days=1))} \
        == {"E1", "E2", "E3"}
    assert campaign_run.due(reg, "c1", today=_dt.date(2026, 9, 30)) == []  # E1 due 1 November: 32 days on
    assert {r.employee_id for r in campaign_run.due(reg, "c1", today=_dt.date(2026, 10, 2))} == {"E1"}


def test_the_due_list_as_csv_and_the_letters_that_ask_again(due_setup):
    reg, new, tmp = due_setup
    n = campaign_run.write_due(reg, "c1", tmp / "opnieuw.csv", "nl", today=TODAY)
    rows = list(csv.DictReader(io.StringIO((tmp / "opnieuw.csv").read_bytes().decode("utf-8-sig"))))
    assert n == 2 and [(r["Personeelsnummer"], r["weer nodig op"]) for r in rows] == [
        ("E1", "2026-11-01"), ("E2", "2027-01-01")]
    h = campaign_run.hand_out(reg, "c1", tmp / "codes.csv", tmp / "opnieuw", "nl", due_only=True, today=TODAY)
    assert h.letters.name == "opnieuw-checken.pdf" and h.people == 2 and len(PdfReader(h.letters).pages) == 2
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(h.letters).pages)
    assert "Tijd voor een nieuwe check" in text and "1 januari 2027" in text  # today + 30 days, not the old deadline
    assert "nog niet ontvangen" not in text and "Dewi" not in text and "Cem" not in text

