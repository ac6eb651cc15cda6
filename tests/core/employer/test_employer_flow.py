"""The employer's flow: a campaign registered in the register, enrolled imports without extra
files, an overview that knows who is still to hand in, and reasons in Dutch and English."""

import os
import pickle
from pathlib import Path

import pytest
import yaml

from arbocheck.core.trust import campaign, keys, seal
from arbocheck.core.employer import campaign_setup, overview
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import Register
from arbocheck.core.report.build import build
from arbocheck.core.trust.verify import Rejected, verify
from locations import SCENARIOS

SCEN = SCENARIOS
EMPLOYEES = "employee_id;name\nE1;Anna de Vries\nE2;Bram Jansen\nE3;Cor Visser\n"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ARBOCHECK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def worker_report(folder: Path, name: str, key, camp, employee=None, code=None, scenario="laptop_only_all_day"):
    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCEN / f"{scenario}.yaml").read_text())["answers"]
    rm = ReportMeta(signer_name=name, fingerprint="", employee_id=employee,
                    campaign_id=camp.campaign_id if camp else None, organisation=camp.organisation if camp else "")
    if code:
        rm.enrolment_proof = campaign.enrolment_proof(code, camp.campaign_id, employee, key.spki_der)
    ex = build(q, answers, {}, key, rm, lambda i: b"", personal_copy=False)
    path = folder / f"{name.split()[0].lower()}.pdf"
    path.write_bytes(ex.signed)
    return path


def test_registered_campaign_checks_enrolment_without_extra_files(home, tmp_path):
    reg = campaign_setup.open_register()
    new = campaign_setup.make(organisation="Gemeente Voorbeeld", campaign_id="thuis-2026", deadline="2026-12-31",
                              employees_csv=EMPLOYEES, expert_recipient=seal.new_identity()[1], register=reg)
    campaign_setup.save(new, tmp_path / "c.json", tmp_path / "codes.csv", reg)
    assert [k.campaign_id for k in reg.campaigns()] == ["thuis-2026"]
    assert campaign_setup.read_codes(tmp_path / "codes.csv") == new.codes
    if os.name != "nt":
        assert (home / "register").stat().st_mode & 0o777 == 0o700  # names and codes: owner only

    camp, codes = new.campaign, new.codes
    anna, bram, eve = keys.generate("Anna"), keys.generate("Bram"), keys.generate("Eve")
    folder = tmp_path / "in"
    folder.mkdir()
    files = [worker_report(folder, "Anna de Vries", anna, camp, "E1", codes["E1"]),
             worker_report(folder, "Bram Jansen", bram, camp, "E2", codes["E1"]),  # someone else's code
             worker_report(folder, "Eve", eve, camp, "E3", "AAAA-BBBB"),  # a guessed code
             worker_report(folder, "Evert", eve, camp, "E3")]  # no code at all: no trust on first use
    out = import_files(reg, files)
    assert out[0].accepted and out[0].enrolment == "enrolled", out[0].line()
    assert not out[1].accepted and out[1].key == "proof_mismatch"
    assert not out[2].accepted and out[2].key == "proof_mismatch"
    assert not out[3].accepted and out[3].key == "proof_missing"

    # The same employee's code cannot be used twice, even by a fresh key.
    again = worker_report(folder, "Anna de Vries", keys.generate("Anna 2"), camp, "E1", codes["E1"])
    o = import_files(reg, [again])[0]
    assert not o.accepted and o.key == "other_key_on_record"

    s = overview.summary(reg)
    rows = {e.employee_id: e for e in overview.employees(reg)[0]}
    assert s.expected == 3 and s.handed_in == 1 and s.not_yet == 2
    assert rows["E1"].status == "handed_in" and rows["E1"].enrolment == "enrolled" and rows["E1"].name == "Anna de Vries"
    assert rows["E2"].status == rows["E3"].status == "not_yet" and rows["E3"].name == "Cor Visser"
    assert reg.verify() == []

    # A campaign id can be registered only once: new codes would lock out those who have the old ones.
    with pytest.raises(campaign.CampaignError) as e:
        campaign_setup.make(organisation="Gemeente Voorbeeld", campaign_id="thuis-2026", deadline="2026-12-31",
                            employees_csv=EMPLOYEES, expert_recipient=None, register=reg)
    assert e.value.key == "campaign.exists" and "thuis-2026" in e.value.text("nl")


def test_a_later_revision_keeps_the_enrolment_it_rests_on(home, tmp_path):
    reg = campaign_setup.open_register()
    new = campaign_setup.make(organisation="Org", campaign_id="c1", deadline="2026-12-31", employees_csv=EMPLOYEES,
                              expert_recipient=None, register=reg)
    campaign_setup.save(new, tmp_path / "c.json", tmp_path / "codes.csv", reg)
    key = keys.generate("Anna")
    folder = tmp_path / "in"
    folder.mkdir()
    first = worker_report(folder, "Anna", key, new.campaign, "E1", new.codes["E1"])
    assert import_files(reg, [first])[0].enrolment == "enrolled"
    q = qloader.find("thuiswerkplek")
    rid = verify(first.read_bytes()).assessment["report_id"]
    rm = ReportMeta(signer_name="Anna", fingerprint="", employee_id="E1", campaign_id="c1", revision=2)
    rm.report_id = rid
    ans = yaml.safe_load((SCEN / "fully_compliant.yaml").read_text())["answers"]
    second = folder / "second.pdf"
    second.write_bytes(build(q, ans, {}, key, rm, lambda i: b"", personal_copy=False).signed)
    o = import_files(reg, [second])[0]
    assert o.accepted and o.enrolment == "pinned"
    row = next(e for e in overview.employees(reg)[0] if e.employee_id == "E1")
    assert row.enrolment == "enrolled" and row.high == 0  # the newest report counts


def test_workers_without_an_employee_id_are_not_taken_for_one(home, tmp_path):
    reg = campaign_setup.open_register()
    folder = tmp_path / "in"
    folder.mkdir()
    files = [worker_report(folder, n, keys.generate(n), None) for n in ("Anna", "Bram")]
    assert all(o.accepted and o.enrolment == "tofu" for o in import_files(reg, files))
    s = overview.summary(reg)
    assert s.handed_in == 2 and sorted(e.name for e in overview.employees(reg)[0]) == ["Anna", "Bram"]
    assert s.expected is None  # no campaign: nobody is known to be missing


def test_employee_lists_as_exported_by_spreadsheets():
    assert campaign.read_employees("employee_id\nE1\nE2\n") == [{"employee_id": "E1", "name": ""},
                                                              {"employee_id": "E2", "name": ""}]
    assert campaign.read_employees('employee_id,name\nE1,"Vries, Anna de"\n')[0]["name"] == "Vries, Anna de"
    with pytest.raises(campaign.CampaignError) as e:
        campaign.read_employees("employee_id\n\nE1\nE1\n")
    assert "line 4" in str(e.value) and "regel 4" in e.value.text("nl")
    with pytest.raises(campaign.CampaignError, match="lists no employees"):
        campaign.read_employees("employee_id\n")


def test_a_reason_crosses_process_boundaries_and_languages():
    e = pickle.loads(pickle.dumps(Rejected("stale", revision=1, latest=2)))
    assert isinstance(e, Rejected) and str(e) == "stale: revision 1 after revision 2"
    assert e.text("nl") == "verouderd: versie 1 na versie 2"
    with pytest.raises(Rejected) as got:
        verify(b"not a pdf")
    assert got.value.text("nl") == "dit is geen PDF-bestand"


def test_cli_campaign_then_import_then_summary(tmp_path, cli):
    """The employer's command line without --campaign or --codes after 'campaign create'."""
    def run(*args):
        return cli(*args, env={"ARBOCHECK_HOME": tmp_path / "home"})

    (tmp_path / "emp.csv").write_text(EMPLOYEES, encoding="utf-8")
    r = run("campaign", "create", "--organisation", "Gemeente Voorbeeld", "--id", "thuis-2026", "--deadline",
            "2026-12-31", "--employees", str(tmp_path / "emp.csv"), "--out", str(tmp_path / "c.json"),
            "--codes", str(tmp_path / "codes.csv"))
    assert r.returncode == 0, r.stderr
    codes = campaign_setup.read_codes(tmp_path / "codes.csv")
    camp = campaign.load((tmp_path / "c.json").read_bytes())
    folder = tmp_path / "in"
    folder.mkdir()
    worker_report(folder, "Anna de Vries", keys.generate("Anna"), camp, "E1", codes["E1"])
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.7 kapot")
    r = run("register", "import", str(folder))
    assert r.returncode == 1 and "anna.pdf: accepted (enrolled)" in r.stdout, r.stdout + r.stderr
    assert "kapot.pdf: rejected: the PDF cannot be read" in r.stdout
    r = run("--lang", "nl", "register", "import", str(folder / "anna.pdf"))
    assert "geweigerd: dubbel" in r.stdout, r.stdout
    r = run("register", "summary", "--out", str(tmp_path / "rie.pdf"))  # the organisation from the campaign
    assert r.returncode == 0, r.stderr
    v = verify((tmp_path / "rie.pdf").read_bytes())
    assert v.assessment["organisation"] == "Gemeente Voorbeeld" and v.assessment["expected"] == 3
    r = run("campaign", "create", "--organisation", "X", "--id", "thuis-2026", "--deadline", "2026-12-31",
            "--employees", str(tmp_path / "emp.csv"), "--out", str(tmp_path / "c2.json"),
            "--codes", str(tmp_path / "codes2.csv"))
    assert r.returncode == 2 and "already has a campaign thuis-2026" in r.stderr
    assert not (tmp_path / "codes2.csv").exists()
