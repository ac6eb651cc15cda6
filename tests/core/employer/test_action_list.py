"""The action list HR hands to procurement, opened with openpyxl as Excel would read it: Dutch headers
and values (English with lang en), dates as dates, widths that fit, an autofilter and a frozen header,
the done state and the plan the register holds, and a sheet of totals with each provision once."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from arbocheck.core.employer import exports, overview, plan
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import Register
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.trust import keys
from locations import SCENARIOS


def _scenario(name):
    return yaml.safe_load((SCENARIOS / f"{name}.yaml").read_text())["answers"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reports")
    q = qloader.find("thuiswerkplek")
    laptop, fine = _scenario("laptop_only_all_day"), _scenario("fully_compliant")
    for i in range(7):  # six on a laptop all day, one fine
        ex = build(q, fine if i == 6 else laptop, {}, keys.generate(f"W{i}"),
                   ReportMeta(signer_name=f"W{i}", fingerprint="", employee_id=f"E{i}"), lambda x: b"",
                   personal_copy=False)
        (tmp / f"W{i}.pdf").write_bytes(ex.signed)
    return tmp


@pytest.fixture
def reg(tmp_path, employer_signer, folder):
    r = Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}", signer=employer_signer)
    assert all(o.accepted for o in import_files(r, [folder]))
    return r


def _sheet(ws) -> tuple[list, list[dict]]:
    header = [c.value for c in ws[1]]
    return header, [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]


def test_the_workbook_in_dutch_with_dates_plan_and_done(reg, tmp_path):
    plan.mark_arranged(reg, [("E0", "laptop_stand")])
    plan.set_plan(reg, [("E1", "laptop_stand"), ("E2", "laptop_stand")], "Inkoop, Jan", "2027-01-15", "1.250,50")
    plan.set_plan(reg, [("E2", "laptop_stand")], "Piet", "2027-02-01", "35")  # the newest plan holds
    out = tmp_path / "actielijst.xlsx"
    n_open = exports.write_action_list(reg, out, "xlsx", "nl")
    assert out.stat().st_mode & 0o777 == 0o600
    wb = load_workbook(out)
    assert wb.sheetnames == ["Maatregelen per persoon", "Totalen per voorziening", "Over deze lijst"]
    ws = wb["Maatregelen per persoon"]
    header, rows = _sheet(ws)
    assert header[:4] == ["Personeelsnummer", "Naam", "Afdeling", "Maatregel"]
    assert {"Wie regelt het", "Prioriteit", "Termijn", "Datum rapport", "Uiterlijk klaar", "Arbovoorziening",
            "Geregeld", "Verantwoordelijke", "Gepland op", "Budget (€)"} <= set(header)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{len(rows) + 1}"
    assert n_open == sum(r["Geregeld"] == "nee" for r in rows)
    stands = {r["Personeelsnummer"]: r for r in rows if r["Code maatregel"] == "laptop_stand"}
    assert len(stands) == 6 and stands["E0"]["Geregeld"] == "ja" and stands["E3"]["Geregeld"] == "nee"
    assert {r["Wie regelt het"] for r in rows} <= {"werkgever", "werkgever en werknemer"}
    assert {r["Prioriteit"] for r in rows} <= {"hoog", "midden", "laag"} and "hoog" in {r["Prioriteit"] for r in rows}
    assert {r["Arbovoorziening"] for r in rows} <= {"ja", "nee"}
    assert all(r["Afdeling"] is None for r in rows)  # the register holds no departments: empty, not made up
    assert stands["E0"]["Maatregel"] == "Een laptopstandaard verstrekken"
    today = dt.date.today()
    for r in rows:  # dates are dates; due = the report's date + the term
        assert isinstance(r["Datum rapport"], dt.datetime) and r["Datum rapport"].date() == today
        days = {"direct": 0, "binnen twee weken": 14, "binnen een maand": 30, "binnen drie maanden": 90}
        if r["Termijn"] in days:
            assert r["Uiterlijk klaar"].date() == today + dt.timedelta(days=days[r["Termijn"]])
    assert stands["E1"]["Verantwoordelijke"] == "Inkoop, Jan" and stands["E1"]["Gepland op"].date() == dt.date(2027, 1, 15)
    assert stands["E1"]["Budget (€)"] == 1250.5 and stands["E2"]["Budget (€)"] == 35
    assert stands["E2"]["Verantwoordelijke"] == "Piet" and stands["E3"]["Verantwoordelijke"] is None
    col = {h: ws.cell(1, i + 1).column_letter for i, h in enumerate(header)}
    assert ws[f"{col['Datum rapport']}2"].number_format == "DD-MM-YYYY"
    e1 = 2 + [(r["Personeelsnummer"], r["Code maatregel"]) for r in rows].index(("E1", "laptop_stand"))
    assert "€" in ws[f"{col['Budget (€)']}{e1}"].number_format
    for h, letter in col.items():  # widths fit: the longest value (up to a cap), never narrower than the header
        longest = max([len(str(h))] + [len(r[h]) for r in rows if isinstance(r[h], str)])
        assert min(longest, 58) + 2 <= ws.column_dimensions[letter].width + 0.01 <= 62, h
    # Totals: each provision once, with who needs it, how many still open, the budget together.
    header, totals = _sheet(wb["Totalen per voorziening"])
    assert header[:4] == ["Voorziening of maatregel", "Wie regelt het", "Arbovoorziening", "Aantal personen"]
    assert len({r["Code maatregel"] for r in totals}) == len(totals) == len({r["Code maatregel"] for r in rows})
    stand = next(r for r in totals if r["Code maatregel"] == "laptop_stand")
    assert (stand["Aantal personen"], stand["Nog te regelen"], stand["Geregeld"]) == (6, 5, 1)
    assert Decimal(str(stand["Budget samen (€)"])) == Decimal("1285.50")
    assert wb["Totalen per voorziening"].freeze_panes == "A2" and wb["Totalen per voorziening"].auto_filter.ref
    assert sum(r["Aantal personen"] for r in totals) == len(rows)
    about = {r["Gegeven"]: r["Waarde"] for r in _sheet(wb["Over deze lijst"])[1] if r["Gegeven"]}
    assert about["Lijst gemaakt op"].date() == today and about["Maatregelen in de lijst"] == len(rows)


def test_english_headers_and_values(reg):
    rows = overview.action_list(reg, only_open=False)
    wb = load_workbook(io.BytesIO(exports.action_xlsx(rows, "en")))
    header, got = _sheet(wb.active)
    assert wb.sheetnames[:2] == ["Measures per person", "Totals per provision"]
    assert header[:4] == ["Employee number", "Name", "Department", "Measure"] and "Due by" in header
    assert {r["Priority"] for r in got} <= {"high", "medium", "low"} and {r["Arranged"] for r in got} == {"no"}
    assert "Supply a laptop stand" in {r["Measure"] for r in got}
    assert {r["Term"] for r in got} <= {"immediately", "within two weeks", "within a month", "within three months"}


def test_the_csv_carries_the_same_columns(reg):
    import csv

    plan.mark_arranged(reg, [("E0", "laptop_stand")])
    rows = overview.action_list(reg, only_open=False)
    got = list(csv.DictReader(io.StringIO(exports.action_csv(rows, "nl").decode("utf-8-sig"))))
    assert list(got[0]) == list(exports.COLUMNS)
    e0 = next(r for r in got if r["employee_id"] == "E0" and r["measure"] == "laptop_stand")
    assert e0["done"] == "yes" and e0["due"] and e0["report_date"] == dt.date.today().isoformat()
