"""`arbocheck register arrange|plan|report`: marking, undoing and planning measures and fetching a stored
report from the command line, through the same core functions as the employer's window."""

from __future__ import annotations

import io

import yaml
from openpyxl import load_workbook

from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.trust import keys
from locations import SCENARIOS


def test_arrange_undo_plan_export_and_report(cli, tmp_path):
    env = {"ARBOCHECK_HOME": str(tmp_path / "home")}
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCENARIOS / "laptop_only_all_day.yaml").read_text())["answers"]
    for eid in ("E1", "E2"):
        ex = build(q, answers, {}, keys.generate(eid), ReportMeta(signer_name=eid, fingerprint="", employee_id=eid),
                   lambda i: b"", personal_copy=False)
        (tmp_path / f"{eid}.pdf").write_bytes(ex.signed)
    assert cli("register", "import", str(tmp_path / "E1.pdf"), str(tmp_path / "E2.pdf"), "--db", db,
               env=env).returncode == 0
    r = cli("register", "arrange", "E1:laptop_stand", "E2:laptop_stand", "--db", db, env=env)
    assert r.returncode == 0 and "2 measures recorded as arranged" in r.stdout, r.stderr
    events = r.stdout.split("events ")[1].split(";")[0].split()
    r = cli("register", "arrange", "--undo", events[1], "--db", db, env=env)
    assert r.returncode == 0 and "1 markings undone" in r.stdout
    r = cli("register", "plan", "E2:laptop_stand", "--responsible", "Jan", "--planned", "2027-03-01",
            "--budget", "49.95", "--db", db, env=env)
    assert r.returncode == 0 and "plan recorded for 1 measures" in r.stdout
    r = cli("register", "plan", "E2:laptop_stand", "--planned", "soon", "--db", db, env=env)
    assert r.returncode == 2 and "soon is not a date" in r.stderr
    r = cli("register", "arrange", "laptop_stand", "--db", db, env=env)
    assert r.returncode == 2 and "EMPLOYEE_ID:MEASURE" in r.stderr
    r = cli("register", "export", "--format", "xlsx", "--out", str(tmp_path / "a.xlsx"), "--db", db,
            "--lang", "en", env=env)
    assert r.returncode == 0
    ws = load_workbook(io.BytesIO((tmp_path / "a.xlsx").read_bytes())).active
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]
    stands = {r["Employee number"]: r for r in rows if r["Measure code"] == "laptop_stand"}
    assert stands["E1"]["Arranged"] == "yes" and stands["E2"]["Arranged"] == "no"
    assert stands["E2"]["Responsible"] == "Jan" and stands["E2"]["Budget (€)"] == 49.95
    r = cli("register", "report", "E2", "--out", str(tmp_path / "e2.pdf"), "--db", db, env=env)
    assert r.returncode == 0 and (tmp_path / "e2.pdf").read_bytes() == (tmp_path / "E2.pdf").read_bytes()
    assert (tmp_path / "e2.pdf").stat().st_mode & 0o777 == 0o600
    r = cli("register", "report", "E9", "--out", str(tmp_path / "e9.pdf"), "--db", db, env=env)
    assert r.returncode == 2 and "no report of E9" in r.stderr
    r = cli("register", "verify", "--db", db, env=env)
    assert r.returncode == 0 and "register: intact" in r.stdout, r.stdout
