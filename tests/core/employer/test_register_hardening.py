"""Issue 11, parts 3 and 4: identity and replay, and a register no one can quietly rewrite.

Every attack here was accepted, or ended "intact", before: a report for an enrolled employee
without a proof, look-alike employee ids, an older report replacing a newer one, an UPDATE
with a recomputed chain, a re-pinned key, deleting the last rows and rebuilding, two
importers at once on one SQLite file.
"""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sqlalchemy import delete, select, text, update

from arbocheck.core.trust import campaign, keys
from arbocheck.core.employer import campaign_setup, checkpoints
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import Register
from arbocheck.core.employer.schema import GENESIS, row_hash as _row_hash, events, reports
from arbocheck.core.report.build import build
from arbocheck.core.employer.schema import current
from locations import SCENARIOS

SCEN = SCENARIOS
EMPLOYEES = "employee_id;name\nE026;Anna de Vries\nE027;Bram Jansen\n"


def answers(name="laptop_only_all_day"):
    return yaml.safe_load((SCEN / f"{name}.yaml").read_text())["answers"]


def make_report(path: Path, key, employee=None, campaign_id=None, code=None, scenario="laptop_only_all_day",
                **meta) -> Path:
    q = qloader.find("thuiswerkplek")
    rm = ReportMeta(signer_name=path.stem, fingerprint="", employee_id=employee, campaign_id=campaign_id, **meta)
    if code:
        rm.enrolment_proof = campaign.enrolment_proof(code, campaign_id, employee, key.spki_der)
    path.write_bytes(build(q, answers(scenario), {}, key, rm, lambda i: b"", personal_copy=False).signed)
    return path


@pytest.fixture
def employer_reg(tmp_path, employer_signer):
    """A register with a campaign c1 enrolling E026 and E027, and a second campaign c2 enrolling E100."""
    reg = Register.open(f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}", signer=employer_signer,
                        witness=tmp_path / "witness.json")
    made = {}
    for cid, emps in (("c1", EMPLOYEES), ("c2", "employee_id\nE100\n")):
        new = campaign_setup.make(organisation="Gemeente", campaign_id=cid, deadline="2026-12-31", employees_csv=emps,
                                  expert_recipient=None, register=reg, key=employer_signer)
        campaign_setup.save(new, tmp_path / f"{cid}.json", tmp_path / f"{cid}-codes.csv", reg)
        made[cid] = new
    return reg, made


# -- part 3: identity and replay -------------------------------------------------------------

def test_an_enrolled_id_needs_a_proof_whatever_campaign_a_report_claims(employer_reg, tmp_path):
    reg, made = employer_reg
    anna, eve = keys.generate("Anna"), keys.generate("Eve")
    d = tmp_path / "in"
    d.mkdir()
    real = make_report(d / "anna.pdf", anna, "E026", "c1", made["c1"].codes["E026"])
    assert import_files(reg, [real])[0].enrolment == "enrolled"
    later = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")  # every attack is newer
    attacks = {
        "no campaign": make_report(d / "a1.pdf", eve, "E026", None, created_at=later),
        "unknown campaign": make_report(d / "a2.pdf", eve, "E026", "andere-organisatie", created_at=later),
        "a campaign that did not enrol E026": make_report(d / "a3.pdf", eve, "E026", "c2", created_at=later),
        "lower case": make_report(d / "a4.pdf", eve, "e026", "c1", created_at=later),
        "trailing space": make_report(d / "a5.pdf", eve, "E026 ", None, created_at=later),
        "fullwidth": make_report(d / "a6.pdf", eve, "Ｅ026", None, created_at=later),
        "Cyrillic": make_report(d / "a7.pdf", eve, "\u0415026", None, created_at=later),
        "zero-width space": make_report(d / "a8.pdf", eve, "E\u200b026", None, created_at=later),
        "E027 with its own proof under E026's name": make_report(
            d / "a9.pdf", eve, "E026", "c1", made["c1"].codes["E027"], created_at=later),
    }
    out = dict(zip(attacks, import_files(reg, list(attacks.values()))))
    assert not any(o.accepted for o in out.values()), {k: o.line() for k, o in out.items()}
    assert out["no campaign"].key == out["trailing space"].key == out["fullwidth"].key == "enrolled_needs_proof"
    assert out["unknown campaign"].key == "unknown_campaign"
    assert out["a campaign that did not enrol E026"].key == "enrolled_needs_proof"
    assert out["lower case"].key == "other_key_on_record"  # normalised to E026, whose key is pinned
    assert out["Cyrillic"].key == "employee_id.confusable" and "CYRILLIC" in out["Cyrillic"].reason
    assert out["zero-width space"].key == "employee_id.invisible"
    assert out["E027 with its own proof under E026's name"].key == "other_key_on_record"
    with reg.engine.connect() as conn:
        assert {r.scope: r.signer_name for r in conn.execute(
            select(current.c.scope, current.c.signer_name).where(current.c.person == "E026"))} == {
            "*": "anna", "c1": "anna"}
    assert reg.verify() == []


def test_not_enrolled_ids_are_trusted_on_first_use_once_for_every_campaign(employer_reg, tmp_path):
    reg, _ = employer_reg
    bram, eve = keys.generate("Bram"), keys.generate("Eve")
    d = tmp_path / "in"
    d.mkdir()
    first = make_report(d / "bram.pdf", bram, "X9", None)
    assert import_files(reg, [first])[0].enrolment == "tofu"
    # The id nobody was enrolled under is pinned to its first key, also under a registered campaign.
    o = import_files(reg, [make_report(d / "eve.pdf", eve, "x9", "c1")])[0]
    assert not o.accepted and o.key == "other_key_on_record"
    assert import_files(reg, [make_report(d / "bram2.pdf", bram, "X9", "c1")])[0].enrolment == "pinned"


def test_an_older_report_never_replaces_a_newer_one(employer_reg, tmp_path):
    reg, made = employer_reg
    anna = keys.generate("Anna")
    d = tmp_path / "in"
    d.mkdir()
    code = made["c1"].codes["E026"]
    newer = make_report(d / "new.pdf", anna, "E026", "c1", code, scenario="fully_compliant",
                        created_at="2026-11-20T10:00:00+01:00")
    older = make_report(d / "old.pdf", anna, "E026", "c1", code, created_at="2026-10-01T10:00:00+00:00")
    assert import_files(reg, [newer])[0].accepted
    o = import_files(reg, [older])[0]  # stored (append-only), but not current
    assert o.accepted and o.enrolment == "pinned"
    with reg.engine.connect() as conn:
        cur = dict(conn.execute(select(current.c.scope, current.c.n_high).where(current.c.person == "E026")).all())
        assert cur == {"*": 0, "c1": 0} and conn.execute(select(reports.c.seq)).all().__len__() == 2
    # In one batch the order of the files does not matter either; and the roll-up recomputed agrees.
    reg2 = Register.open(f"sqlite:///{tmp_path / 'r2.sqlite'}", signer=reg.signer)
    new2 = campaign_setup.make(organisation="Gemeente", campaign_id="c1", deadline="2026-12-31",
                               employees_csv=EMPLOYEES, expert_recipient=None, register=reg2, key=reg.signer)
    campaign_setup.save(new2, tmp_path / "x.json", tmp_path / "x.csv", reg2)
    code2 = new2.codes["E026"]
    files = [make_report(d / "old2.pdf", anna, "E026", "c1", code2, created_at="2026-10-01T10:00:00+00:00"),
             make_report(d / "new2.pdf", anna, "E026", "c1", code2, scenario="fully_compliant",
                         created_at="2026-11-20T10:00:00+00:00")]
    assert all(o.accepted for o in import_files(reg2, files[::-1]))
    with reg2.engine.connect() as conn:
        assert conn.execute(select(current.c.n_high).where(current.c.scope == "*")).scalar_one() == 0
    assert reg2.verify() == [] and reg.verify() == []
    future = make_report(d / "future.pdf", anna, "E026", "c1", created_at="2099-01-01T00:00:00+00:00")
    o = import_files(reg, [future])[0]
    assert not o.accepted and o.key == "created_in_future"


def test_a_closed_campaign_keeps_no_keys_and_takes_no_reports(employer_reg, tmp_path):
    reg, made = employer_reg
    assert set(reg.enrolment_keys("c1")) == {"E026", "E027"}
    assert reg.close_campaign("c1", "deadline passed") == 2
    assert reg.enrolment_keys("c1") == {} and "c1" in reg.closed_campaigns()
    d = tmp_path / "in"
    d.mkdir()
    key = keys.generate("Bram")
    o = import_files(reg, [make_report(d / "late.pdf", key, "E027", "c1", made["c1"].codes["E027"])])[0]
    assert not o.accepted and o.key == "campaign_closed"
    with pytest.raises(campaign.CampaignError):
        reg.close_campaign("c1")
    with reg.engine.connect() as conn:
        assert conn.execute(select(events.c.kind).where(events.c.kind == "campaign_closed")).all() == [
            ("campaign_closed",)]
    assert reg.verify() == []


# -- part 4: a register no one can quietly rewrite ----------------------------------------------

def rechain(conn, table) -> None:
    """What an attacker with write access does after changing rows: recompute every hash."""
    last = GENESIS
    for row in conn.execute(select(table).order_by(table.c.seq)).mappings().all():
        row = dict(row, prev_hash=last)
        row["row_hash"] = last = _row_hash(table.name, row)
        conn.execute(update(table).where(table.c.seq == row["seq"]).values(prev_hash=row["prev_hash"],
                                                                          row_hash=row["row_hash"]))


@pytest.fixture
def filled(employer_reg, tmp_path):
    reg, made = employer_reg
    d = tmp_path / "in"
    d.mkdir()
    anna, bram, cor = keys.generate("Anna"), keys.generate("Bram"), keys.generate("Cor")
    files = [make_report(d / "anna.pdf", anna, "E026", "c1", made["c1"].codes["E026"]),
             make_report(d / "bram.pdf", bram, "E027", "c1", made["c1"].codes["E027"]),
             make_report(d / "cor.pdf", cor, "X1", None)]
    assert all(o.accepted for o in import_files(reg, files[:2]))
    assert import_files(reg, files[2:])[0].accepted  # a second transaction, a second checkpoint
    assert reg.verify() == []
    return reg


def test_an_update_with_a_recomputed_chain_is_found(filled):
    reg = filled
    with reg.engine.begin() as conn:
        conn.execute(update(reports).where(reports.c.seq == 1).values(n_high=0))
        rechain(conn, reports)
    problems = reg.verify()
    assert any("reports: rows covered by the signed checkpoint" in p for p in problems), problems


def test_a_re_pinned_key_is_found(filled):
    reg = filled
    with reg.engine.begin() as conn:
        row = conn.execute(select(events).where(events.c.kind == "key_pinned")).mappings().first()
        body = json.loads(row["body"])
        body["fingerprint"] = keys.generate("Eve").fingerprint
        conn.execute(update(events).where(events.c.seq == row["seq"]).values(body=json.dumps(body)))
        rechain(conn, events)
    assert any(p.startswith("events: rows covered") for p in reg.verify())


def test_deleting_the_last_rows_and_rebuilding_is_never_intact(filled):
    reg = filled
    with reg.engine.begin() as conn:
        last = conn.execute(select(reports.c.seq).order_by(reports.c.seq.desc())).scalar()
        conn.execute(delete(reports).where(reports.c.seq == last))
        for t in ("findings", "measures"):
            conn.execute(text(f"DELETE FROM {t} WHERE report_seq = {last}"))
    refused = reg.rebuild_overview()
    assert any("reports: 1 of the 3 rows covered by the signed checkpoint" in p for p in refused), refused
    assert reg.rebuild_overview(accept_unsigned=True)  # not even when asked to sign what is new
    problems = reg.verify()
    assert any("are missing" in p for p in problems) and problems


def test_rolling_back_to_an_earlier_checkpoint_is_found_by_the_witness(filled):
    reg = filled
    with reg.engine.begin() as conn:  # the state of the first checkpoint, as if the last import never was
        first = json.loads(conn.execute(select(checkpoints.checkpoints.c.heads)
                                        .order_by(checkpoints.checkpoints.c.seq)).scalars().all()[-2])
        for name, (n, _) in first.items():
            conn.execute(text(f"DELETE FROM {name} WHERE seq NOT IN (SELECT seq FROM {name} ORDER BY seq LIMIT {n})"))
        newest = conn.execute(select(checkpoints.checkpoints.c.seq).order_by(checkpoints.checkpoints.c.seq.desc())
                              ).scalar()
        conn.execute(delete(checkpoints.checkpoints).where(checkpoints.checkpoints.c.seq == newest))
        conn.execute(text("DELETE FROM current_reports WHERE person = 'X1'"))
    reg.rebuild_overview()
    problems = reg.verify()
    assert any("this computer signed" in p for p in problems), problems
    reg.witness = None  # without the witness the database alone cannot tell: why it is kept outside
    # (only the stored PDFs the deleted rows left behind still show that something is missing)
    assert not [p for p in reg.verify() if "rollup" not in p and "overview" not in p and "the store holds" not in p]


def test_rows_added_without_a_checkpoint_are_reported_and_not_signed_by_rebuild(filled, tmp_path):
    reg = filled
    unsigned = Register.open(reg.url, pdf_dir=reg.pdf_dir)  # a writer without the employer's key
    d = tmp_path / "more"
    d.mkdir()
    assert import_files(unsigned, [make_report(d / "dirk.pdf", keys.generate("Dirk"), "X2", None)])[0].accepted
    assert any("added after the signed checkpoint" in p for p in reg.verify())
    assert reg.rebuild_overview() and any("added after the signed checkpoint" in p for p in reg.verify())
    assert reg.rebuild_overview(accept_unsigned=True) == [] and reg.verify() == []


def test_a_checkpoint_signed_by_another_key_is_refused(filled):
    reg = filled
    with reg.engine.begin() as conn:
        conn.execute(update(reports).where(reports.c.seq == 1).values(n_high=0))
        rechain(conn, reports)
        checkpoints.sign(conn, keys.generate("Eve"), None)
    problems = reg.verify()
    assert any("signed with a key that is not the employer's" in p for p in problems), problems


def test_a_stored_assessment_must_be_the_one_in_its_pdf(filled):
    """Even someone who holds the employer's key and re-signs cannot change what a report said."""
    reg = filled
    with reg.engine.begin() as conn:
        row = conn.execute(select(reports.c.seq, reports.c.assessment).where(reports.c.seq == 2)).one()
        a = json.loads(row.assessment)
        a["findings"] = []
        conn.execute(update(reports).where(reports.c.seq == 2).values(assessment=json.dumps(a, sort_keys=True)))
        rechain(conn, reports)
        checkpoints.sign(conn, reg.signer, None)
    assert reg.verify() == ["reports row 2: the stored assessment differs from the assessment.json of its signed PDF"]


CONCURRENT = """
import sys
from pathlib import Path
from arbocheck.core.trust import keys
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import Register
from cryptography.hazmat.primitives import serialization
key = serialization.load_pem_private_key(Path(sys.argv[2]).read_bytes(), None)
from cryptography import x509
signer = keys.SigningKey(key, x509.load_pem_x509_certificate(Path(sys.argv[3]).read_bytes()))
reg = Register.open(sys.argv[1], signer=signer)
out = import_files(reg, [sys.argv[4]], workers=1)
print(sum(o.accepted for o in out), len(out))
"""


def test_two_processes_importing_into_one_sqlite_file_leave_a_verifying_register(employer_reg, tmp_path):
    """Both import the same 24 reports at the same time (half enrolled with a code): each is stored
    once, no code is burned twice, and the chains and checkpoints verify."""
    reg, made = employer_reg
    d = tmp_path / "in"
    d.mkdir()
    employees = "employee_id\n" + "".join(f"P{i:02d}\n" for i in range(12))
    new = campaign_setup.make(organisation="Gemeente", campaign_id="c3", deadline="2026-12-31", employees_csv=employees,
                              expert_recipient=None, register=reg, key=reg.signer)
    campaign_setup.save(new, tmp_path / "c3.json", tmp_path / "c3.csv", reg)
    for i in range(12):
        make_report(d / f"p{i:02d}.pdf", keys.generate(f"P{i}"), f"P{i:02d}", "c3", new.codes[f"P{i:02d}"])
        make_report(d / f"t{i:02d}.pdf", keys.generate(f"T{i}"), f"T{i:02d}", None)
    (tmp_path / "k.pem").write_bytes(reg.signer.key_pem())
    (tmp_path / "c.pem").write_bytes(reg.signer.cert_pem())
    env = dict(os.environ)
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT, reg.url, str(tmp_path / "k.pem"),
                               str(tmp_path / "c.pem"), str(d)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    accepted = [int(out.split()[0]) for out, _ in results]
    assert sum(accepted) == 24, results  # every report once, whichever process took it
    with reg.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM reports")).scalar() == 24
        burned = conn.execute(text("SELECT employee_id, count(*) FROM events WHERE kind = 'code_burned' "
                                   "GROUP BY employee_id")).all()
        assert len(burned) == 12 and all(n == 1 for _, n in burned)
    assert reg.verify() == []


def test_the_register_files_are_owner_only_whatever_the_umask(tmp_path, employer_signer):
    old = os.umask(0o002)
    try:
        folder = tmp_path / "shared"
        folder.mkdir(mode=0o777)
        reg = Register.open(f"sqlite:///{folder / 'r.sqlite'}", signer=employer_signer)
        d = tmp_path / "in"
        d.mkdir()
        assert import_files(reg, [make_report(d / "a.pdf", keys.generate("A"), "X1", None)])[0].accepted
    finally:
        os.umask(old)
    if os.name == "nt":
        return
    for name in ("r.sqlite", "r.sqlite-wal", "r.sqlite-shm"):
        if (folder / name).exists():
            assert (folder / name).stat().st_mode & 0o777 == 0o600, name
    assert (folder / "pdfs").stat().st_mode & 0o777 == 0o700
    # stored PDFs owner-only; the importer's staging folder (.incoming) owner-only too
    assert all(p.stat().st_mode & 0o777 == (0o700 if p.is_dir() else 0o600) for p in (folder / "pdfs").iterdir()), [
        (p.name, oct(p.stat().st_mode)) for p in (folder / "pdfs").iterdir()]


def test_a_register_of_an_earlier_version_is_refused_in_plain_words(tmp_path, cli):
    import sqlite3

    from arbocheck.core.employer.register import RegisterError

    db = tmp_path / "old.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE campaign_employees (seq INTEGER PRIMARY KEY, campaign_id TEXT, employee_id TEXT, "
                "name TEXT, code TEXT, prev_hash TEXT, row_hash TEXT)")
    con.commit()
    con.close()
    with pytest.raises(RegisterError) as e:
        Register.open(f"sqlite:///{db}")
    assert "older arbocheck" in str(e.value) and "oudere arbocheck" in e.value.text("nl")
    r = cli("register", "verify", "--db", f"sqlite:///{db}", env={"ARBOCHECK_HOME": tmp_path / "h"})
    assert r.returncode == 2 and "older arbocheck" in r.stderr and "Traceback" not in r.stderr


def test_an_ordinary_write_does_not_bless_rows_no_one_signed(tmp_path, employer_signer):
    d = tmp_path / "in"
    d.mkdir()
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    assert import_files(Register.open(url), [make_report(d / "a.pdf", keys.generate("A"), "X1", None)])[0].accepted
    reg = Register.open(url, signer=employer_signer)
    assert import_files(reg, [make_report(d / "b.pdf", keys.generate("B"), "X2", None)])[0].accepted
    assert any("without a signed checkpoint" in p for p in reg.verify())
    assert reg.rebuild_overview(accept_unsigned=True) == [] and reg.verify() == []
