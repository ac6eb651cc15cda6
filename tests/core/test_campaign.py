"""Campaign files and enrolment codes (DESIGN.md §3, §4.3)."""

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from arbocheck.core import campaign, keys, seal


@pytest.fixture(scope="module")
def employer():
    return keys.generate("Gemeente Voorbeeld")


def make(employer, **kw):
    args = dict(organisation="Gemeente Voorbeeld", campaign_id="thuis-2026", questionnaire_id="thuiswerkplek",
                questionnaire_version="1.0", deadline="2026-12-31", expert_recipient=seal.new_identity()[1])
    args.update(kw)
    return campaign.create(employer, **args)


def test_round_trip_and_fingerprints(employer):
    c = campaign.load(make(employer))
    assert c.campaign_id == "thuis-2026" and c.employer_fingerprint == employer.fingerprint
    assert c.expert_fingerprint == campaign.recipient_fingerprint(c.expert_recipient)


def test_any_change_breaks_the_signature(employer):
    doc = json.loads(make(employer))
    doc["campaign"]["expert_recipient"] = seal.new_identity()[1]  # an employer-side swap of the expert
    with pytest.raises(campaign.CampaignError, match="changed after"):
        campaign.load(json.dumps(doc).encode())


@pytest.mark.parametrize("bad", [b"", b"{}", b"not json", b'{"format": "x", "campaign": {}, "signature": "AA=="}'])
def test_unreadable_files(bad):
    with pytest.raises(campaign.CampaignError):
        campaign.load(bad)


def test_codes_are_unique_readable_and_prove_enrolment(employer):
    emps = [{"employee_id": f"E{i}", "name": ""} for i in range(300)]
    text, codes = campaign.codes_csv(emps)
    assert len(set(codes.values())) == 300
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", c) for c in codes.values())
    spki = keys.generate("w").spki_der
    proof = campaign.enrolment_proof(codes["E7"], "thuis-2026", "E7", spki)
    assert campaign.check_enrolment(proof, codes["E7"].lower().replace("-", " "), "thuis-2026", "E7", spki)
    assert not campaign.check_enrolment(proof, codes["E8"], "thuis-2026", "E7", spki)
    assert not campaign.check_enrolment(proof, codes["E7"], "thuis-2026", "E8", spki)


def test_employee_list_problems_are_named_by_line():
    assert campaign.read_employees("employee_id;name\nE1;An\nE2;Bo\n") == [
        {"employee_id": "E1", "name": "An"}, {"employee_id": "E2", "name": "Bo"}]
    with pytest.raises(campaign.CampaignError, match="line 3: employee_id 'E1' appears twice"):
        campaign.read_employees("employee_id,name\nE1,An\nE1,Bo\n")
    with pytest.raises(campaign.CampaignError, match="column 'employee_id'"):
        campaign.read_employees("id,name\n1,An\n")


def test_cli_creates_campaign_and_codes(tmp_path):
    (tmp_path / "emp.csv").write_text("employee_id,name\nE1,An de Boer\nE2,Bo Jansen\n")
    env = dict(os.environ, ARBOCHECK_HOME=str(tmp_path / "home"))
    r = subprocess.run([sys.executable, "-m", "arbocheck", "campaign", "create", "--organisation", "Gemeente Voorbeeld",
                        "--id", "thuis-2026", "--deadline", "2026-12-31", "--employees", str(tmp_path / "emp.csv"),
                        "--expert", seal.new_identity()[1], "--out", str(tmp_path / "c.json"),
                        "--codes", str(tmp_path / "codes.csv")], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    c = campaign.load((tmp_path / "c.json").read_bytes())
    rows = list(csv.DictReader(io.StringIO((tmp_path / "codes.csv").read_text())))
    assert [row["employee_id"] for row in rows] == ["E1", "E2"] and c.questionnaire_id == "thuiswerkplek"
    if os.name != "nt":
        assert (tmp_path / "codes.csv").stat().st_mode & 0o777 == 0o600
