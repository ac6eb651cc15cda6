"""The employer's register (SQLite): acceptance, enrolment, TOFU, replay, chains, hostile files."""

import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from arbocheck.core.trust import campaign, keys, seal
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import Register
from arbocheck.core.report.build import build
from locations import SCENARIOS

SCEN = SCENARIOS


@pytest.fixture
def reg(any_reg):
    return any_reg


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A campaign with codes, and reports by enrolled, not-enrolled and impostor workers."""
    tmp = tmp_path_factory.mktemp("world")
    q = qloader.find("thuiswerkplek")
    employer = keys.generate("Werkgever")
    _, recipient = seal.new_identity()
    camp = campaign.load(campaign.create(employer, organisation="Gemeente", campaign_id="thuis-2026",
                                         questionnaire_id=q.id, questionnaire_version=q.version,
                                         deadline="2026-12-31", expert_recipient=recipient))
    codes = {"E1": campaign.new_code(), "E2": campaign.new_code()}
    answers = yaml.safe_load((SCEN / "complaints_and_stress.yaml").read_text())["answers"]
    anna, bram, eve = keys.generate("Anna"), keys.generate("Bram"), keys.generate("Eve")

    def report(name, key, employee, revision=1, report_id=None, campaign_id="thuis-2026", code=None):
        rm = ReportMeta(signer_name=key.cert.subject.rfc4514_string(), fingerprint="", revision=revision,
                        campaign_id=campaign_id, employee_id=employee, organisation="Gemeente")
        if report_id:
            rm.report_id = report_id
        if code:
            rm.enrolment_proof = campaign.enrolment_proof(code, campaign_id, employee, key.spki_der)
        ex = build(q, answers, {}, key, rm, lambda i: b"", expert_recipient=recipient, personal_copy=False)
        path = tmp / f"{name}.pdf"
        path.write_bytes(ex.signed)
        return path, rm.report_id

    files = {}
    files["anna1"], rid = report("anna1", anna, "E1", code=codes["E1"])
    files["anna2"], _ = report("anna2", anna, "E1", revision=2, report_id=rid, code=codes["E1"])
    files["anna1_again"] = tmp / "anna1-copy.pdf"
    files["anna1_again"].write_bytes(files["anna1"].read_bytes())
    files["eve_as_anna"], _ = report("eve", eve, "E1", code=codes["E1"])
    files["bram_tofu"], _ = report("bram", bram, "E9")
    files["other_campaign"], _ = report("other", bram, "E2", campaign_id="ander-2026")
    files["no_campaign"], _ = report("nocamp", bram, "E9", campaign_id=None)
    (tmp / "notapdf.pdf").write_text("hello")
    files["notapdf"] = tmp / "notapdf.pdf"
    return camp, codes, files, tmp


def test_import_rules(world, reg):
    camp, codes, f, _ = world
    order = ["anna1", "anna1_again", "anna2", "eve_as_anna", "bram_tofu", "other_campaign", "notapdf"]
    out = {name: o for name, o in zip(order, import_files(reg, [f[n] for n in order], campaign=camp, codes=codes))}
    assert out["anna1"].accepted and out["anna1"].enrolment == "enrolled"
    assert not out["anna1_again"].accepted and "duplicate" in out["anna1_again"].reason
    assert out["anna2"].accepted and out["anna2"].enrolment == "pinned"
    assert not out["eve_as_anna"].accepted and "different key" in out["eve_as_anna"].reason
    assert out["bram_tofu"].accepted and out["bram_tofu"].enrolment == "tofu"
    assert not out["other_campaign"].accepted and "campaign" in out["other_campaign"].reason
    assert not out["notapdf"].accepted and "not a PDF" in out["notapdf"].reason
    # A stale revision after a newer one.
    again = import_files(reg, [f["anna1"]], campaign=camp, codes=codes)[0]
    assert not again.accepted and again.reason == "stale: revision 1 after revision 2"
    assert reg.verify() == []


def test_register_holds_no_health_answers(world, reg):
    camp, codes, f, _ = world
    import_files(reg, [f["anna1"]], campaign=camp, codes=codes)
    q = qloader.find("thuiswerkplek")
    with reg.engine.connect() as conn:
        stored = [json.loads(r[0]) for r in conn.execute(text("SELECT assessment FROM reports"))]
    for a in stored:
        assert not set(a["answers"]) & q.health_items()
        assert not {x["rule"] for x in a["findings"]} & q.health_rules


def test_verify_finds_a_changed_row_and_a_changed_pdf(world, reg):
    camp, codes, f, _ = world
    import_files(reg, [f["anna1"], f["bram_tofu"]], campaign=camp, codes=codes)
    with reg.engine.begin() as conn:
        conn.execute(text("UPDATE reports SET employee_id = 'E7' WHERE seq = 1"))
    pdf = next(reg.pdf_dir.glob("*.pdf"))
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 1
    pdf.write_bytes(bytes(data))
    problems = reg.verify()
    assert any("reports row 1: changed" in p for p in problems)
    assert any("stored PDF was changed" in p for p in problems)


def test_cli_import_and_verify(world, tmp_path, cli):
    camp, codes, f, tmp = world
    env = {"ARBOCHECK_HOME": tmp_path / "home"}
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    # A report of a campaign this register does not know is refused; one without a campaign is TOFU.
    r = cli("register", "import", f["anna1"], f["no_campaign"], f["notapdf"], "--db", db, env=env)
    assert r.returncode == 1 and "accepted (without an enrolment code: the key of this first report counts for this person from now on)" in r.stdout, r.stdout
    assert "anna1.pdf: rejected: the report belongs to campaign 'thuis-2026', which this register does not know" \
        in r.stdout
    assert "notapdf.pdf: rejected: this is not a PDF file" in r.stdout and "Traceback" not in r.stderr
    r = cli("register", "verify", "--db", db, env=env)
    assert r.returncode == 0 and "register: intact" in r.stdout, r.stdout


def test_concurrent_importers_keep_one_chain(world, postgres, tmp_path):
    """Two importers on one shared PostgreSQL register: the chains stay intact."""
    import threading

    if postgres is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    from sqlalchemy import create_engine

    from arbocheck.core.employer.schema import metadata

    engine = create_engine(postgres)
    metadata.drop_all(engine)
    engine.dispose()
    camp, codes, f, _ = world
    regs = [Register.open(postgres, pdf_dir=tmp_path / "pdfs") for _ in range(2)]
    halves = [[f["anna1"], f["bram_tofu"]], [f["anna2"], f["other_campaign"]]]
    threads = [threading.Thread(target=import_files, args=(r, h), kwargs={"workers": 1})
               for r, h in zip(regs, halves)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert regs[0].verify() == []
