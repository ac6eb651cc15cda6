"""Issue 11, part 5: the keys that open health data (and the employer's) are never on disk in clear.

The tests use a file-backed test keyring (tests/keyring_backend.py), never a real keychain.
"""

import sqlite3
from pathlib import Path

import pytest

from arbocheck.core.employer import campaign_setup
from arbocheck.core.expert import queue as expert
from arbocheck.core.expert import identity as expert_identity
from arbocheck.core.trust import keyguard, keys
from locations import ROOT



def no_clear_secret(folder: Path) -> bool:
    """No private key in clear in any file (the test keyring's file stands in for the system's keychain)."""
    return not any(b"BEGIN PRIVATE KEY" in p.read_bytes() or b"AGE-SECRET-KEY" in p.read_bytes()
                   for p in folder.rglob("*") if p.is_file() and p.name != "test-keyring.json")


def test_signing_key_in_the_keyring_leaves_only_the_public_part_on_disk(tmp_path):
    sk = keyguard.create_signing_key(tmp_path / "k", "keyring", common_name="Gemeente")
    assert no_clear_secret(tmp_path / "k") and keyguard.method_of(tmp_path / "k", keys.KEY_FILE) == "keyring"
    assert keyguard.open_signing_key(tmp_path / "k").fingerprint == sk.fingerprint
    (tmp_path / "home" / "test-keyring.json").unlink()  # the keychain lost: a plain reason, not a traceback
    with pytest.raises(keyguard.KeyLocked) as e:
        keyguard.open_signing_key(tmp_path / "k")
    assert e.value.key == "keys.keyring_missing"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ARBOCHECK_HOME", str(tmp_path / "home"))
    campaign_setup._unlocked.clear()
    return tmp_path / "home"


def test_signing_key_with_a_passphrase_is_encrypted_with_a_stretched_password(tmp_path):
    with pytest.raises(keyguard.KeyLocked) as e:
        keyguard.create_signing_key(tmp_path / "k", "passphrase", "kort")
    assert e.value.key == "keys.passphrase_short" and not (tmp_path / "k" / keys.KEY_FILE).exists()
    sk = keyguard.create_signing_key(tmp_path / "k", "passphrase", "een lange zin")
    pem = (tmp_path / "k" / keys.KEY_FILE).read_bytes()
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY") and no_clear_secret(tmp_path / "k")
    assert keyguard.open_signing_key(tmp_path / "k", "een lange zin").fingerprint == sk.fingerprint
    for wrong, key in ((None, "keys.needs_passphrase"), ("een andere zin", "keys.wrong_passphrase")):
        with pytest.raises(keyguard.KeyLocked) as e:
            keyguard.open_signing_key(tmp_path / "k", wrong)
        assert e.value.key == key
    from cryptography.hazmat.primitives import serialization

    with pytest.raises((TypeError, ValueError)):  # the stretched password opens the PKCS#8 file, not the phrase
        serialization.load_pem_private_key(pem, b"een lange zin")


def test_a_clear_key_of_an_earlier_version_still_opens_and_can_be_protected(home):
    old = keys.load_or_create(campaign_setup.employer_dir(), common_name="Gemeente")  # as before: in clear
    assert campaign_setup.employer_key_method() == "clear"
    assert campaign_setup.employer_key().fingerprint == old.fingerprint
    campaign_setup.protect_employer_key("passphrase", "een lange zin")
    assert campaign_setup.employer_key_method() == "passphrase" and no_clear_secret(campaign_setup.employer_dir())
    campaign_setup._unlocked.clear()
    assert campaign_setup.employer_key(passphrase="een lange zin").fingerprint == old.fingerprint


def test_there_is_no_unprotected_default(home, monkeypatch):
    monkeypatch.delenv("ARBOCHECK_KEY_PROTECTION", raising=False)
    for make in (lambda: expert_identity.load_or_create(), lambda: campaign_setup.employer_key()):
        with pytest.raises(keyguard.KeyLocked) as e:
            make()
        assert e.value.key == "keys.choose"
    assert not (home / "expert").exists() or no_clear_secret(home / "expert")
    assert not (home / "employer").exists() or no_clear_secret(home / "employer")


@pytest.fixture
def run(cli):
    """run(args, env): the command line in this process, `env` set for that call (stdin is no terminal)."""
    return lambda args, env: cli(*args, env=env)


def test_cli_keys_status_protect_and_passphrases_from_the_environment(tmp_path, run):
    env = {"ARBOCHECK_HOME": tmp_path / "home", "ARBOCHECK_KEY_PROTECTION": None}
    r = run(["expert", "keys"], env)  # a script without a choice: refused, nothing written in clear
    assert r.returncode == 2 and "choose first how the key is protected" in r.stderr, r.stderr
    r = run(["expert", "keys"], dict(env, ARBOCHECK_EXPERT_PASSPHRASE="een lange zin"))
    assert r.returncode == 0 and "age1" in r.stdout
    assert no_clear_secret(tmp_path / "home")
    r = run(["expert", "keys"], env)
    assert r.returncode == 2 and "protected by a passphrase" in r.stderr
    r = run(["keys", "protect", "expert", "--with", "keyring"], dict(env, ARBOCHECK_EXPERT_PASSPHRASE="een lange zin"))
    assert r.returncode == 0, r.stderr
    r = run(["keys", "status"], env)
    assert "expert: kept in the system keyring" in r.stdout and "employer: no key yet" in r.stdout
    assert run(["expert", "keys"], env).returncode == 0 and no_clear_secret(tmp_path / "home")


def test_cli_campaign_to_verified_register_with_signed_checkpoints(tmp_path, run):
    """campaign create → codes CSV → a worker's report with the code → import (enrolled) → verify
    intact; then a deletion is reported, and --rebuild does not bless it."""
    import csv

    from arbocheck.core.trust import seal

    env = {"ARBOCHECK_HOME": str(tmp_path / "home")}
    (tmp_path / "emp.csv").write_text("employee_id,name\nE026,Anna\nE027,Bram\n")
    db = f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}"
    r = run(["campaign", "create", "--organisation", "Gemeente", "--id", "c1", "--deadline", "2026-12-31",
             "--employees", str(tmp_path / "emp.csv"), "--expert", seal.new_identity()[1], "--out",
             str(tmp_path / "c.json"), "--codes", str(tmp_path / "codes.csv"), "--db", db], env)
    assert r.returncode == 0, r.stderr
    codes = {row["employee_id"]: row["code"] for row in csv.DictReader(open(tmp_path / "codes.csv"))}
    assert all(len(c) == 19 for c in codes.values())
    reports = tmp_path / "in"
    reports.mkdir()
    for eid, name in (("e026", "anna"), ("E027", "bram")):  # typed in lower case: the same person
        worker = dict(env, ARBOCHECK_HOME=str(tmp_path / name))
        r = run(["report", "build", str(_answers(tmp_path)), "--out", str(reports / f"{name}.pdf"), "--campaign",
                 str(tmp_path / "c.json"), "--employee-id", eid, "--code", codes[eid.upper()].lower(), "--name", name],
                worker)
        assert r.returncode == 0, r.stderr
    r = run(["register", "import", str(reports), "--db", db], env)
    assert r.returncode == 0 and r.stdout.count("accepted (enrolled)") == 2, r.stdout
    r = run(["register", "verify", "--db", db], env)
    assert r.returncode == 0 and "register: intact" in r.stdout, r.stdout
    db_file = tmp_path / "reg" / "r.sqlite"
    con = sqlite3.connect(db_file)
    last = con.execute("SELECT max(seq) FROM reports").fetchone()[0]
    for t, col in (("reports", "seq"), ("findings", "report_seq"), ("measures", "report_seq")):
        con.execute(f"DELETE FROM {t} WHERE {col} = ?", (last,))
    con.commit()
    con.close()
    r = run(["register", "verify", "--db", db, "--rebuild", "--accept-unsigned"], env)
    assert r.returncode == 1 and "NOT signed" in r.stdout and "are missing" in r.stdout, r.stdout
    r = run(["register", "verify", "--db", db], env)
    assert r.returncode == 1 and "register: intact" not in r.stdout


def _answers(tmp_path: Path) -> Path:
    import json

    import yaml

    path = tmp_path / "answers.json"
    if not path.exists():
        scen = yaml.safe_load((ROOT / "tests" / "scenarios" / "laptop_only_all_day.yaml").read_text())
        path.write_text(json.dumps({"questionnaire": {"id": "thuiswerkplek"}, "answers": scen["answers"]}))
    return path
