"""`arbocheck campaign create --recheck-months`, `campaign due` and `campaign letters --due` (issue 17, item 4)."""

from __future__ import annotations

import csv
import io

import yaml
from pypdf import PdfReader

from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import Register
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.trust import campaign, keys
from locations import SCENARIOS


def test_who_is_due_through_the_command_line(cli, tmp_path):
    env = {"ARBOCHECK_HOME": str(tmp_path / "home")}
    (tmp_path / "emp.csv").write_text("employee_id;name\nE1;Anna\nE2;Bram\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'r.sqlite'}"
    r = cli("campaign", "create", "--organisation", "Gemeente", "--id", "c1", "--deadline", "2026-01-31",
            "--employees", str(tmp_path / "emp.csv"), "--out", str(tmp_path / "c.json"), "--recheck-months", "6",
            "--codes", str(tmp_path / "codes.csv"), "--db", db, env=env)
    assert r.returncode == 0, r.stderr
    codes = {row["employee_id"]: row["code"] for row in csv.DictReader(open(tmp_path / "codes.csv", encoding="utf-8"))}
    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCENARIOS / "laptop_only_all_day.yaml").read_text())["answers"]
    files = []
    for eid, created in (("E1", "2026-01-10T09:00:00+00:00"), ("E2", "2026-03-10T09:00:00+00:00")):
        key = keys.generate(eid)
        rm = ReportMeta(signer_name=eid, fingerprint="", employee_id=eid, campaign_id="c1", organisation="Gemeente",
                        created_at=created, enrolment_proof=campaign.enrolment_proof(codes[eid], "c1", eid,
                                                                                     key.spki_der))
        files.append(tmp_path / f"{eid}.pdf")
        files[-1].write_bytes(build(q, answers, {}, key, rm, lambda i: b"", personal_copy=False).signed)
    reg = Register.open(db)
    assert all(o.accepted for o in import_files(reg, files))
    reg.engine.dispose()
    # 6 months: E1 due 10 July, E2 due 10 September; on 1 August (30 days on: 31 August) only E1 is due.
    r = cli("campaign", "due", "c1", "--on", "2026-08-01", "--db", db, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "E1\tAnna\t2026-01-10\t2026-07-10"
    assert "1 employees must do the check again (interval 6 months" in r.stdout
    r = cli("--lang", "nl", "campaign", "due", "c1", "--on", "2026-08-15", "--db", db, "--out",
            str(tmp_path / "due.csv"), env=env)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "due.csv").read_bytes().decode("utf-8-sig"))))
    assert r.returncode == 0 and [x["Personeelsnummer"] for x in rows] == ["E1", "E2"], r.stderr
    r = cli("campaign", "letters", "c1", "--due", "--on", "2026-08-01", "--codes", str(tmp_path / "codes.csv"),
            "--out", str(tmp_path / "brieven"), "--db", db, "--lang", "en", env=env)
    assert r.returncode == 0, r.stderr
    pdf = PdfReader(tmp_path / "brieven" / "check-again.pdf")
    assert len(pdf.pages) == 1 and "Time for a new check" in pdf.pages[0].extract_text()
    r = cli("campaign", "due", "nope", "--db", db, env=env)
    assert r.returncode == 2 and "no campaign nope" in r.stderr and "Traceback" not in r.stderr
    r = cli("campaign", "due", "c1", "--on", "1 August", "--db", db, env=env)
    assert r.returncode == 2 and "Traceback" not in r.stderr
