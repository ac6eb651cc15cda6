"""The real program, once per command group: `python -m arbocheck ...` in a fresh process (the
command table imports each group's module by name; a name that does not import fails here).
What the commands do is tested in-process (test_cli*.py); this is only the smoke."""

import json
import os
import subprocess
import sys

import pytest

from arbocheck.cli.commands import COMMANDS
from locations import DATA

ANSWERS = {"questionnaire": {"id": "mini", "version": "1.2"},
           "answers": {"body_height_cm": 160, "device_setup": "desktop", "desk_height_cm": 74,
                       "desk_height_adjustable": False}}
SMOKED = set()


@pytest.fixture
def env(tmp_path):
    return dict(os.environ, ARBOCHECK_HOME=str(tmp_path / "home"), ARBOCHECK_QUESTIONNAIRES=str(DATA))


def program(*args, env):
    SMOKED.add(next(a for a in args if not a.startswith("-")))
    return subprocess.run([sys.executable, "-m", "arbocheck", *map(os.fsdecode, args)], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)


@pytest.fixture
def answers(tmp_path):
    p = tmp_path / "answers.json"
    p.write_text(json.dumps(ANSWERS), encoding="utf-8")
    return p


def test_gui_and_screenshots(env):
    r = program("gui", "--role", "boss", env=env)
    assert r.returncode == 2 and "invalid choice" in r.stderr
    r = program("screenshots", "--help", env=env)
    assert r.returncode == 0 and "--out DIR" in r.stdout


def test_questionnaire_and_evaluate(env, answers):
    r = program("questionnaire", "validate", DATA / "mini.yaml", env=env)
    assert r.returncode == 0 and "ok (mini 1.2" in r.stdout
    r = program("evaluate", answers, "--json", env=env)
    assert r.returncode == 0 and json.loads(r.stdout)["findings"][0]["item"] == "desk_height_cm"


def test_report_build_and_verify(env, answers, tmp_path):
    out = tmp_path / "r.pdf"
    r = program("report", "build", answers, "--out", out, "--name", "Sanne", env=env)
    assert r.returncode == 0 and "signed report" in r.stdout, r.stderr
    r = program("report", "verify", out, env=env)
    assert r.returncode == 0 and ": valid" in r.stdout and "Sanne" in r.stdout
    # pyHanko logs its own tracebacks for a file that does not verify: a user's stderr stays empty.
    (tmp_path / "trail.pdf").write_bytes(out.read_bytes() + b"%% extra\n")
    r = program("report", "verify", tmp_path / "trail.pdf", env=env)
    assert r.returncode == 1 and "changed or extended after signing" in r.stdout and r.stderr == ""


def test_demo(env, tmp_path):
    r = program("demo", "--out", tmp_path / "demo", env=dict(env, ARBOCHECK_QUESTIONNAIRES=""))
    assert r.returncode == 0 and (tmp_path / "demo" / "demo-rie-bijdrage.pdf").exists(), r.stderr


def test_campaign_register_keys_and_expert(env, tmp_path):
    (tmp_path / "emp.csv").write_text("employee_id,name\nE1,Anna\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    r = program("campaign", "create", "--organisation", "Gemeente", "--id", "c1", "--deadline", "2030-12-31",
                "--employees", tmp_path / "emp.csv", "--questionnaire", "mini", "--out", tmp_path / "c.json",
                "--codes", tmp_path / "codes.csv", "--db", db, "--hand-in", "Mail het aan hr@gemeente.nl", env=env)
    assert r.returncode == 0, r.stderr
    from arbocheck.core.trust import campaign

    camp = campaign.load((tmp_path / "c.json").read_bytes())
    code = (tmp_path / "codes.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[2]
    assert camp.hand_in == "Mail het aan hr@gemeente.nl" and campaign.code_fits(camp, code, "E1") is True
    r = program("register", "verify", "--db", db, env=env)
    assert r.returncode == 0 and "register: intact" in r.stdout, r.stdout + r.stderr
    r = program("keys", "status", env=env)
    assert r.returncode == 0 and "employer: kept in the system keyring" in r.stdout
    r = program("expert", "keys", env=env)
    assert r.returncode == 0 and "recipient" in r.stdout and "age1" in r.stdout, r.stderr


def test_every_command_group_was_smoked():
    """Runs last in this file: a new command group gets its smoke test too."""
    if len(SMOKED) < 3:
        pytest.skip("only part of this file ran")
    assert SMOKED == set(COMMANDS)
