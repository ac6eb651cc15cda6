"""`arbocheck campaign letters|reissue|missing`: the same use cases as the campaign tab
(core/employer/campaign_run.py), through the command line."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from locations import DATA


@pytest.fixture
def made(cli, tmp_path):
    env = {"ARBOCHECK_HOME": str(tmp_path / "home"), "ARBOCHECK_QUESTIONNAIRES": str(DATA)}
    (tmp_path / "emp.csv").write_text("employee_id;name;email\nE1;Anna;anna@example.nl\nE2;Bram;\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    r = cli("campaign", "create", "--organisation", "Gemeente", "--id", "c1", "--deadline", "2030-12-31",
            "--employees", str(tmp_path / "emp.csv"), "--questionnaire", "mini", "--out", str(tmp_path / "c.json"),
            "--codes", str(tmp_path / "codes.csv"), "--db", db, env=env)
    assert r.returncode == 0, r.stderr
    return env, db


def test_letters_reissue_and_missing(cli, tmp_path, made):
    env, db = made
    out = tmp_path / "brieven"
    r = cli("campaign", "letters", "c1", "--codes", str(tmp_path / "codes.csv"), "--out", str(out), "--db", db,
            "--employees", str(tmp_path / "emp.csv"), "--return-to", "mail het naar hr@gemeente.nl", env=env)
    assert r.returncode == 0, r.stderr
    assert "letters for 2 employees" in r.stdout and "hold enrolment codes" in r.stdout
    assert len(PdfReader(out / "brieven.pdf").pages) == 2  # Dutch letters unless --lang says otherwise
    assert (out / "brieven.pdf").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in (out / "brieven-mails").iterdir()) == ["E1.eml", "E2.eml"]
    old = next(csv.DictReader(open(tmp_path / "codes.csv", encoding="utf-8")))["code"]
    r = cli("--lang", "en", "campaign", "reissue", "c1", "E1", "--out", str(tmp_path / "nieuw"),
            "--codes", str(tmp_path / "codes.csv"), "--db", db, "--note", "lost", env=env)
    assert r.returncode == 0 and "new code for E1" in r.stdout, r.stderr
    new = next(csv.DictReader(open(tmp_path / "codes.csv", encoding="utf-8")))["code"]
    assert new != old and new in PdfReader(tmp_path / "nieuw" / "new-code-E1.pdf").pages[0].extract_text()
    r = cli("campaign", "reissue", "c1", "E9", "--out", str(tmp_path / "nieuw"), "--db", db, env=env)
    assert r.returncode == 2 and "E9 is not on the list of campaign c1" in r.stderr
    r = cli("campaign", "missing", "c1", "--db", db, env=env)
    assert r.returncode == 0 and r.stdout.splitlines()[:2] == ["E1\tAnna", "E2\tBram"]
    assert "2 employees have not handed in yet (hand in by 31 December 2030)" in r.stdout
    r = cli("--lang", "nl", "campaign", "missing", "c1", "--db", db, "--out", str(tmp_path / "m.csv"), env=env)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "m.csv").read_bytes().decode("utf-8-sig"))))
    assert r.returncode == 0 and [x["Personeelsnummer"] for x in rows] == ["E1", "E2"]
    r = cli("campaign", "letters", "c1", "--reminder", "--codes", str(tmp_path / "codes.csv"),
            "--out", str(tmp_path / "h"), "--db", db, "--lang", "en", env=env)
    assert r.returncode == 0 and (tmp_path / "h" / "reminders.pdf").exists()
    assert new in " ".join(p.extract_text() for p in PdfReader(tmp_path / "h" / "reminders.pdf").pages)
    r = cli("register", "verify", "--db", db, env=env)
    assert r.returncode == 0 and "register: intact" in r.stdout, r.stdout + r.stderr
    r = cli("campaign", "missing", "nope", "--db", db, env=env)
    assert r.returncode == 2 and "no campaign nope" in r.stderr
