"""Campaign files and enrolment codes (DESIGN.md §3, §4.3)."""

import csv
import io
import json
import os
import re

import pytest

from arbocheck.core.trust import campaign, keys, seal


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
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}", c) for c in codes.values())
    assert len(campaign.CODE_ALPHABET) ** campaign.CODE_LENGTH >= 2 ** 80
    spki = keys.generate("w").spki_der
    proof = campaign.enrolment_proof(codes["E7"], "thuis-2026", "E7", spki)
    k7 = campaign.enrolment_key(codes["E7"].lower().replace("-", " "), "thuis-2026", "E7")
    assert campaign.check_enrolment(proof, k7, "thuis-2026", "E7", spki)
    assert not campaign.check_enrolment(proof, campaign.enrolment_key(codes["E8"], "thuis-2026", "E7"),
                                        "thuis-2026", "E7", spki)
    assert not campaign.check_enrolment(proof, k7, "thuis-2026", "E8", spki)
    assert not campaign.check_enrolment(proof, k7, "thuis-2026", "E7", keys.generate("x").spki_der)
    # The key is salted with campaign and employee: the same code elsewhere gives another key.
    assert k7 != campaign.enrolment_key(codes["E7"], "ander", "E7") != campaign.enrolment_key(codes["E7"], "thuis-2026",
                                                                                             "E8")


def test_enrolment_key_is_scrypt_with_the_documented_construction(monkeypatch):
    """The derivation as the module text and the README write it down, with the product's cost."""
    import hashlib
    import hmac

    monkeypatch.delenv(campaign.TEST_FAST_KDF, raising=False)
    code, spki = "k7qf 2mxd-9tra-bc4e", b"spki"
    want = hashlib.scrypt(b"K7QF2MXD9TRABC4E", salt=b"arbocheck-enrol-v2|c1|E026", n=2 ** 15, r=8, p=1,
                          maxmem=2 ** 26, dklen=32)
    assert campaign.enrolment_key(code, "c1", "E026") == want
    assert 128 * campaign.SCRYPT_R * campaign.SCRYPT_N >= 32 * 2 ** 20  # memory-hard: 32 MiB per guess
    msg = b"arbocheck-enrol-v2|c1|E026|" + hashlib.sha256(spki).hexdigest().encode()
    assert campaign.enrolment_proof(code, "c1", "E026", spki) == hmac.new(want, msg, hashlib.sha256).hexdigest()


@pytest.mark.parametrize("raw", ["e026", "E026 ", " E026", "Ｅ０２６", "\tE026\n"])
def test_employee_ids_have_one_spelling(raw):
    from arbocheck.core.trust.identity import normalise

    assert normalise(raw) == "E026"


@pytest.mark.parametrize("raw, key", [("\u0415026", "employee_id.confusable"),  # Cyrillic capital IE
                                      ("E\u200b026", "employee_id.invisible"),  # zero-width space
                                      ("E0\u200d26", "employee_id.invisible"),  # zero-width joiner
                                      ("E 026", "employee_id.invisible"),
                                      ("\u0395026", "employee_id.confusable"),  # Greek capital epsilon
                                      ("E02\u0666", "employee_id.confusable"),  # Arabic-Indic digit six
                                      ("Me\u0301026", "employee_id.characters"),  # é once composed
                                      ("M\u0131026", "employee_id.characters"),  # dotless i
                                      ("E026/..", "employee_id.characters"),
                                      ("-E026", "employee_id.first"), ("E" * 65, "employee_id.too_long")])
def test_look_alike_employee_ids_are_refused_with_a_reason(raw, key):
    from arbocheck.core.trust.identity import EmployeeIdError, normalise

    with pytest.raises(EmployeeIdError) as e:
        normalise(raw)
    assert e.value.key == key and e.value.text("nl") and e.value.text("en")


def test_employee_list_is_normalised_like_the_reports():
    assert campaign.read_employees("employee_id\ne026\nＥ027\n") == [{"employee_id": "E026", "name": ""},
                                                                    {"employee_id": "E027", "name": ""}]
    with pytest.raises(campaign.CampaignError, match="line 3: employee_id 'E026' appears twice"):
        campaign.read_employees("employee_id\ne026\nE026 \n")
    with pytest.raises(campaign.CampaignError, match="line 2: employee_id '\u0415026': .*CYRILLIC"):
        campaign.read_employees("employee_id\n\u0415026\n")


def test_employee_list_problems_are_named_by_line():
    assert campaign.read_employees("employee_id;name\nE1;An\nE2;Bo\n") == [
        {"employee_id": "E1", "name": "An"}, {"employee_id": "E2", "name": "Bo"}]
    with pytest.raises(campaign.CampaignError, match="line 3: employee_id 'E1' appears twice"):
        campaign.read_employees("employee_id,name\nE1,An\nE1,Bo\n")
    with pytest.raises(campaign.CampaignError, match="column 'employee_id'"):
        campaign.read_employees("id,name\n1,An\n")


def test_cli_creates_campaign_and_codes(tmp_path, cli):
    (tmp_path / "emp.csv").write_text("employee_id,name\nE1,An de Boer\nE2,Bo Jansen\n")
    r = cli("campaign", "create", "--organisation", "Gemeente Voorbeeld", "--id", "thuis-2026", "--deadline",
            "2026-12-31", "--employees", tmp_path / "emp.csv", "--expert", seal.new_identity()[1], "--out",
            tmp_path / "c.json", "--codes", tmp_path / "codes.csv", env={"ARBOCHECK_HOME": tmp_path / "home"})
    assert r.returncode == 0, r.stderr
    c = campaign.load((tmp_path / "c.json").read_bytes())
    rows = list(csv.DictReader(io.StringIO((tmp_path / "codes.csv").read_text())))
    assert [row["employee_id"] for row in rows] == ["E1", "E2"] and c.questionnaire_id == "thuiswerkplek"
    # The register keeps no code: only the derived key that checks a proof.
    import sqlite3

    db = sqlite3.connect(tmp_path / "home" / "register" / "register.sqlite")
    dump = "\n".join(db.iterdump())
    assert all(row["code"] not in dump and row["code"].replace("-", "") not in dump for row in rows)
    keys_kept = dict(db.execute("SELECT employee_id, key FROM enrolment_keys"))
    assert keys_kept == {row["employee_id"]: campaign.enrolment_key(row["code"], "thuis-2026", row["employee_id"]).hex()
                         for row in rows}
    if os.name != "nt":
        assert (tmp_path / "codes.csv").stat().st_mode & 0o777 == 0o600


def _keyed_campaign(employer, codes, hand_in=None):
    derived = campaign.enrolment_keys("c-check", codes)
    return campaign.load(campaign.create(
        employer, organisation="Org", campaign_id="c-check", questionnaire_id="thuiswerkplek",
        questionnaire_version="2.1", deadline="2027-01-01", expert_recipient=None, enrolment_keys=derived,
        hand_in=hand_in))


def test_the_keyed_check_catches_a_wrong_code_or_number_without_revealing_them():
    employer = keys.generate("Werkgever")
    codes = {"E1": campaign.new_code(), "E2": campaign.new_code()}
    camp = _keyed_campaign(employer, codes, hand_in="Mail het rapport aan hr@voorbeeld.nl.")
    assert campaign.code_fits(camp, codes["E1"], "E1") is True
    assert campaign.code_fits(camp, codes["E1"].lower().replace("-", " "), "e1") is True  # as typed over
    assert campaign.code_fits(camp, codes["E2"], "E1") is False  # a colleague's code
    assert campaign.code_fits(camp, codes["E1"], "E3") is False  # an unknown employee number
    assert campaign.code_fits(camp, campaign.new_code(), "E1") is False
    assert camp.hand_in == "Mail het rapport aan hr@voorbeeld.nl."
    # The file holds neither the codes nor the employee numbers, and only a padded count.
    text = campaign.create(employer, organisation="Org", campaign_id="c-check", questionnaire_id="thuiswerkplek",
                           questionnaire_version="2.1", deadline="2027-01-01", expert_recipient=None,
                           enrolment_keys=campaign.enrolment_keys("c-check", codes)).decode("utf-8")
    for eid, code in codes.items():
        assert code not in text and campaign.normalise_code(code) not in text
        assert f'"{eid}"' not in text
    assert len(camp.check_tags) % campaign.CHECK_PAD == 0 and len(camp.check_tags) >= len(codes)


def test_old_campaign_files_without_the_check_still_load():
    employer = keys.generate("Werkgever")
    camp = campaign.load(campaign.create(employer, organisation="Org", campaign_id="c-old",
                                         questionnaire_id="thuiswerkplek", questionnaire_version="2.1",
                                         deadline="2027-01-01", expert_recipient=None))
    assert camp.check_tags is None and camp.hand_in is None
    assert campaign.code_fits(camp, campaign.new_code(), "E1") is None


def test_a_changed_check_breaks_the_signature():
    employer = keys.generate("Werkgever")
    codes = {"E1": campaign.new_code()}
    data = json.loads(campaign.create(employer, organisation="Org", campaign_id="c-check",
                                      questionnaire_id="thuiswerkplek", questionnaire_version="2.1",
                                      deadline="2027-01-01", expert_recipient=None,
                                      enrolment_keys=campaign.enrolment_keys("c-check", codes)))
    data["campaign"]["enrolment_check"]["tags"][0] = "0" * 16
    with pytest.raises(campaign.CampaignError) as e:
        campaign.load(json.dumps(data).encode("utf-8"))
    assert e.value.key == "campaign.changed"
