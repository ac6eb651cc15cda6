"""The campaign's reassessment interval: signed, bounded, 12 months when an older file does not say."""

import json

import pytest

from arbocheck.core.questionnaire import loader
from arbocheck.core.trust import campaign, keys


@pytest.fixture(scope="module")
def employer():
    return keys.generate("Werkgever")


def _make(employer, **kw):
    return campaign.create(employer, organisation="Org", campaign_id="c-re", questionnaire_id="thuiswerkplek",
                           questionnaire_version="2.1", deadline="2027-01-01", expert_recipient=None, **kw)


def test_the_interval_is_signed_and_read_back(employer):
    data = _make(employer, recheck_months=6)
    assert json.loads(data)["campaign"]["recheck_months"] == 6
    assert campaign.load(data).recheck_months == 6
    doc = json.loads(data)
    doc["campaign"]["recheck_months"] = 36  # a later stretch of the interval breaks the signature
    with pytest.raises(campaign.CampaignError) as e:
        campaign.load(json.dumps(doc).encode("utf-8"))
    assert e.value.key == "campaign.changed"


def test_a_file_without_the_interval_means_a_year(employer):
    data = _make(employer)
    assert "recheck_months" not in json.loads(data)["campaign"]  # older readers see the same body
    assert campaign.load(data).recheck_months == 12


@pytest.mark.parametrize("bad", [0, 37, -1, True, 1.5, "12"])
def test_out_of_bounds_intervals_are_refused_with_a_reason(employer, bad):
    with pytest.raises(campaign.CampaignError) as e:
        _make(employer, recheck_months=bad)
    assert e.value.key == "campaign.bad_recheck"
    from arbocheck.core.common.reasons import text_of

    assert "36" in text_of(e.value, "nl") and "36" in text_of(e.value, "en")


@pytest.mark.parametrize("months", [1, 36])
def test_the_bounds_themselves_are_allowed(employer, months):
    assert campaign.load(_make(employer, recheck_months=months)).recheck_months == months


def test_the_questionnaire_names_the_interval_and_the_triggers():
    q = loader.find("thuiswerkplek", None)
    rc = q.data.recheck
    assert rc is not None and rc.interval_months == 12
    assert {t.id for t in rc.triggers} == {"moved", "complaints", "new_work", "new_workplace"}
    for trig in rc.triggers:
        assert trig.text.get("nl") != trig.text.get("en") and len(trig.text.get("nl")) < 120


def test_cli_create_takes_the_interval(tmp_path, cli):
    (tmp_path / "emp.csv").write_text("employee_id,name\nE1,An de Boer\n")
    args = ["campaign", "create", "--organisation", "Org", "--id", "c-re", "--deadline", "2027-01-01",
            "--employees", tmp_path / "emp.csv", "--out", tmp_path / "c.json", "--codes", tmp_path / "codes.csv"]
    r = cli(*args, "--recheck-months", "40", env={"ARBOCHECK_HOME": tmp_path / "home"})
    assert r.returncode != 0 and "36" in (r.stderr + r.stdout) and not (tmp_path / "c.json").exists()
    r = cli(*args, "--recheck-months", "24", env={"ARBOCHECK_HOME": tmp_path / "home"})
    assert r.returncode == 0, r.stderr
    assert campaign.load((tmp_path / "c.json").read_bytes()).recheck_months == 24
