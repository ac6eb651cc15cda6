"""Running a campaign: letters (one PDF page per employee), a mail-merge list and .eml drafts with the
campaign file attached, all for the owner only; a lost code reissued (the old one enrols nobody from
then on, recorded as a chained event); who has not handed in, and reminders for them only."""

from __future__ import annotations

import csv
import email
import io
from email import policy
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from arbocheck.core.employer import campaign_run, campaign_setup, codes
from arbocheck.core.employer.importer import import_files
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.trust import campaign, keys
from arbocheck.core.trust.campaign import CampaignError
from locations import SCENARIOS

EMPLOYEES = "employee_id;name;email\nE1;Anna de Vries;anna@example.nl\nE2;Bram Jansen;\nE3;=HYPERLINK(\"x\");c@x.nl\n"


@pytest.fixture
def setup(tmp_path, any_reg):
    new = campaign_setup.create(tmp_path / "campagne.json", tmp_path / "codes.csv", register=any_reg,
                                key=any_reg.signer, organisation="Gemeente Voorbeeld", campaign_id="c1",
                                deadline="2026-12-31", employees_csv=EMPLOYEES, expert_recipient=None)
    return any_reg, new, tmp_path


def _report(tmp_path: Path, employee: str, code: str, key=None) -> Path:
    q = qloader.find("thuiswerkplek")
    key = key or keys.generate(employee)
    answers = yaml.safe_load((SCENARIOS / "laptop_only_all_day.yaml").read_text())["answers"]
    rm = ReportMeta(signer_name=employee, fingerprint="", employee_id=employee, campaign_id="c1",
                    organisation="Gemeente Voorbeeld",
                    enrolment_proof=campaign.enrolment_proof(code, "c1", employee, key.spki_der))
    path = tmp_path / f"{employee}-{code[:4]}.pdf"
    path.write_bytes(build(q, answers, {}, key, rm, lambda i: b"", personal_copy=False).signed)
    return path


def test_letters_mails_and_mail_merge(setup):
    reg, new, tmp = setup
    out = tmp / "uit"
    h = campaign_run.hand_out(reg, "c1", tmp / "codes.csv", out, "nl", employees_csv=EMPLOYEES,
                              campaign_name="campagne.json", return_to="mail het naar hr@voorbeeld.nl")
    assert h.people == 3 and len(h.mails) == 3
    for path in [h.letters, h.merge, *h.mails]:
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert out.stat().st_mode & 0o777 == 0o700
    pages = PdfReader(h.letters).pages
    assert len(pages) == 3  # one page per employee
    for page, eid in zip(pages, ("E1", "E2", "E3")):
        text = " ".join(page.extract_text().split())
        assert new.codes[eid] in text and eid in text and "31 december 2026" in text
        assert "campagne.json" in text and "hr@voorbeeld.nl" in text
        assert "niet naar je werkgever" in text  # no expert in this campaign: so the letter says
        assert all(new.codes[o] not in text for o in new.codes if o != eid)  # nobody else's code
    rows = list(csv.DictReader(io.StringIO(h.merge.read_bytes().decode("utf-8-sig"))))
    assert [r["employee_id"] for r in rows] == ["E1", "E2", "E3"]
    assert rows[0]["email"] == "anna@example.nl" and rows[0]["code"] == new.codes["E1"]
    assert rows[0]["deadline"] == "2026-12-31" and new.codes["E1"] in rows[0]["body"]
    assert rows[2]["name"].startswith("'=")  # formula-injection neutralised as in every export
    assert rows[0]["body"].startswith("Beste Anna de Vries,\n")  # the body keeps its lines for the mail
    assert not any(line.startswith(("=", "+", "@")) for r in rows for line in r["body"].splitlines()[:1])
    msg = email.message_from_bytes(h.mails[0].read_bytes(), policy=policy.default)
    assert msg["To"] == "anna@example.nl" and "31 december 2026" in msg["Subject"] and msg["X-Unsent"] == "1"
    body = msg.get_body(("plain",)).get_content()
    assert new.codes["E1"] in body and "E1" in body
    [att] = list(msg.iter_attachments())
    assert att.get_filename() == "campagne.json" and att.get_content() == new.file
    assert campaign.load(att.get_content()).campaign_id == "c1"
    assert email.message_from_bytes(h.mails[1].read_bytes(), policy=policy.default)["To"] is None


def test_a_reissued_code_replaces_the_old_one(setup):
    reg, new, tmp = setup
    old = new.codes["E1"]
    got = campaign_run.reissue(reg, "c1", "e1", tmp / "nieuw", "nl", codes_path=tmp / "codes.csv", note="kwijt")
    assert got.employee_id == "E1" and got.code != old
    assert campaign_run.read_codes(tmp / "codes.csv")[0].code == got.code  # the codes file follows
    assert (tmp / "codes.csv").stat().st_mode & 0o777 == 0o600
    assert got.handout.letters.stat().st_mode & 0o777 == 0o600
    assert got.code in PdfReader(got.handout.letters).pages[0].extract_text().replace("\n", " ")
    assert reg.verify() == []  # the kept key matches the chained reissue
    key = keys.generate("E1")
    [refused] = import_files(reg, [_report(tmp, "E1", old, key)])
    assert not refused.accepted and refused.key == "proof_mismatch"  # the old code enrols nobody
    # ... not even with the old codes file given to the import
    [refused] = import_files(reg, [_report(tmp, "E1", old, key)], campaign=new.campaign, codes=dict(new.codes))
    assert not refused.accepted
    [ok] = import_files(reg, [_report(tmp, "E1", got.code, key)])
    assert ok.accepted and ok.enrolment == "enrolled"
    with pytest.raises(CampaignError) as e:  # used: no new code
        codes.reissue(reg, "c1", "E1")
    assert e.value.key == "codes.used"
    with pytest.raises(CampaignError) as e:
        codes.reissue(reg, "c1", "E9")
    assert e.value.key == "codes.not_in_campaign"
    assert reg.verify() == []


def test_a_changed_enrolment_key_is_still_found_after_a_reissue(setup):
    from sqlalchemy import update

    from arbocheck.core.employer.schema import enrolment_keys

    reg, new, tmp = setup
    codes.reissue(reg, "c1", "E2")
    with reg.engine.begin() as conn:
        conn.execute(update(enrolment_keys).where(enrolment_keys.c.employee_id == "E2").values(key="00" * 32))
    assert any("E2" in p for p in reg.verify())


def test_who_has_not_handed_in_and_the_reminders(setup):
    reg, new, tmp = setup
    assert all(o.accepted for o in import_files(reg, [_report(tmp, "E2", new.codes["E2"])]))
    assert [r.employee_id for r in campaign_run.not_handed_in(reg, "c1")] == ["E1", "E3"]
    n = campaign_run.write_not_handed_in(reg, "c1", tmp / "nog-niet.csv", "nl")
    rows = list(csv.DictReader(io.StringIO((tmp / "nog-niet.csv").read_bytes().decode("utf-8-sig"))))
    assert n == 2 and [r["Personeelsnummer"] for r in rows] == ["E1", "E3"]
    assert {r["Inleveren vóór"] for r in rows} == {"2026-12-31"} and rows[1]["Naam"].startswith("'=")
    h = campaign_run.hand_out(reg, "c1", tmp / "codes.csv", tmp / "herinnering", "en", reminder=True)
    assert h.letters.name == "reminders.pdf" and len(PdfReader(h.letters).pages) == 2
    text = " ".join(p.extract_text() for p in PdfReader(h.letters).pages)
    assert "Reminder" in text and new.codes["E2"] not in text and new.codes["E3"] in " ".join(text.split())
    reg.close_campaign("c1")
    with pytest.raises(CampaignError) as e:
        codes.reissue(reg, "c1", "E1")
    assert e.value.key == "codes.closed" and e.value.text("nl") != e.value.text("en")


def test_a_letter_says_how_to_hand_in_as_the_campaign_does_unless_told_otherwise(tmp_path):
    from dataclasses import replace

    from arbocheck.core.common.i18n import t
    from arbocheck.core.employer import letters

    new = campaign_setup.make(organisation="Gemeente Voorbeeld", campaign_id="c2", deadline="2026-12-31",
                              employees_csv=EMPLOYEES, expert_recipient=None,
                              hand_in="Mail het PDF-bestand naar hr@voorbeeld.nl")
    camp = new.campaign
    person = letters.Recipient("E1", "Anna de Vries", "code")
    said = letters._steps(letters.Letterhead(camp, "c2.json"), person)[-1]
    assert "Mail het PDF-bestand naar hr@voorbeeld.nl" in said
    assert "postvak" in letters._steps(letters.Letterhead(camp, "c2.json", return_to="postvak HR"), person)[-1]
    plain = letters._steps(letters.Letterhead(replace(camp, hand_in=None), "c2.json"), person)[-1]
    assert t("letter.return.default", "nl") in plain
