"""The employer's overview, action list and signed RI&E roll-up: no individual's data, small
groups hidden, the running roll-up always equal to one recomputed from the stored reports."""

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from arbocheck.core.employer import campaign_setup, exports, overview
from arbocheck.core.trust import keys
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import Register
from arbocheck.core.report.build import build
from arbocheck.core.trust.verify import verify
from locations import SCENARIOS

SCEN = SCENARIOS


def scenario(name):
    return yaml.safe_load((SCEN / f"{name}.yaml").read_text())["answers"]


def report(folder: Path, name: str, answers: dict, key=None, **meta) -> Path:
    q = qloader.find("thuiswerkplek")
    key = key or keys.generate(name)
    ex = build(q, answers, {}, key, ReportMeta(signer_name=name, fingerprint="", **meta), lambda x: b"",
               personal_copy=False)
    path = folder / f"{name}.pdf"
    path.write_bytes(ex.signed)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reports")
    laptop, fine = scenario("laptop_only_all_day"), scenario("fully_compliant")
    for i in range(7):  # six on a laptop all day, one fine
        report(tmp, f"W{i}", fine if i == 6 else laptop, employee_id=f"E{i}")
    return tmp


@pytest.fixture
def reg(tmp_path, employer_signer):
    return Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}", signer=employer_signer)


def test_summary_lists_and_marking_done(folder, any_reg):
    reg = any_reg
    assert all(o.accepted for o in import_files(reg, [folder]))
    s = overview.summary(reg)
    assert s.handed_in == 7 and s.expected is None and not s.suppressed
    assert s.with_priority["high"] == 6
    stands = next(m for m in s.measures if m.measure == "laptop_stand")
    assert stands.people == stands.open == 6 and stands.provision
    topics = {t.section: t for t in s.topics}
    assert topics["screen"].people == 6  # six of seven: shown
    rows, total = overview.employees(reg)
    assert total == 7 and rows[0].high > 0 and rows[-1].employee_id == "E6" and rows[-1].high == 0
    provs, n = overview.provisions(reg)
    assert n == len(provs) and [p.priority for p in provs] == sorted(
        (p.priority for p in provs), key=("high", "medium", "low").index)  # most urgent first
    overview.mark_done(reg, "E0", "laptop_stand")
    s = overview.summary(reg)
    assert next(m for m in s.measures if m.measure == "laptop_stand").open == 5
    open_stands = [p for p in overview.provisions(reg)[0] if p.measure == "laptop_stand"]
    assert len(open_stands) == 5 and "E0" not in {p.employee_id for p in open_stands}
    every = overview.provisions(reg, only_open=False)[0]
    assert [p.done for p in every if p.employee_id == "E0" and p.measure == "laptop_stand"] == [True]
    assert len([r for r in overview.action_list(reg) if r["measure"] == "laptop_stand"]) == 5
    assert reg.verify() == []


def test_the_minimum_group_size_is_the_employer_s_setting(folder, reg, tmp_path, monkeypatch):
    from arbocheck.core.common.settings import Settings

    monkeypatch.setenv("ARBOCHECK_HOME", str(tmp_path / "home"))
    assert all(o.accepted for o in import_files(reg, [folder]))
    s = overview.summary(reg)
    assert s.min_group == 5 and {t.section: t for t in s.topics}["screen"].people == 6
    settings = Settings()
    settings["min_group_size"] = 7
    settings.save()
    s = overview.summary(reg)  # seven reports: shown, but a topic of six people is not
    assert s.min_group == 7 and not s.suppressed and {t.section: t for t in s.topics}["screen"].people is None
    assert overview.summary(reg, min_group=8).suppressed


def test_pages_search_and_order_come_from_the_register(folder, any_reg):
    reg = any_reg
    import_files(reg, [folder])
    first, total = overview.employees(reg, order="employee_id", limit=3)
    rest, _ = overview.employees(reg, order="employee_id", offset=3, limit=10)
    assert total == 7 and [e.employee_id for e in first + rest] == [f"E{i}" for i in range(7)]
    assert [e.employee_id for e in overview.employees(reg, order="employee_id", descending=True, limit=2)[0]] == \
        ["E6", "E5"]
    found, n = overview.employees(reg, search="w3")  # by name, any case
    assert n == 1 and found[0].name == "W3"
    assert overview.employees(reg, search="100%_")[1] == 0  # LIKE wildcards are taken literally
    assert overview.employees(reg, show="high")[1] == 6
    provs, n = overview.provisions(reg, search="laptopstandaard")
    assert n == 6 and all(p.measure == "laptop_stand" for p in provs)
    assert overview.provisions(reg, only_provisions=True)[1] <= overview.provisions(reg)[1]


def test_a_newer_report_replaces_the_older_in_every_count(folder, tmp_path, any_reg):
    """Anna first on a laptop all day, then with everything in order: only the newest counts."""
    reg = any_reg
    key = keys.generate("Anna")
    out = tmp_path / "anna"
    out.mkdir()
    import_files(reg, [folder])
    first = report(out, "anna1", scenario("laptop_only_all_day"), key=key, employee_id="E9")
    import_files(reg, [first])
    assert overview.summary(reg).with_priority["high"] == 7
    second = report(out, "anna2", scenario("fully_compliant"), key=key, employee_id="E9")
    assert import_files(reg, [second])[0].enrolment == "pinned"
    s = overview.summary(reg)
    assert s.handed_in == 8 and s.with_priority["high"] == 6
    assert next(m for m in s.measures if m.measure == "laptop_stand").people == 6
    assert not [p for p in overview.provisions(reg)[0] if p.employee_id == "E9"]
    assert reg.verify() == []
    # The roll-up equals one recomputed from the stored reports...
    with reg.engine.connect() as conn:
        before = {t: sorted(conn.execute(text(f"SELECT * FROM {t}")).all())
                  for t in ("current_reports", "rollup_topics")}
    reg.rebuild_overview()
    with reg.engine.connect() as conn:
        assert before == {t: sorted(conn.execute(text(f"SELECT * FROM {t}")).all()) for t in before}
    # ... and register verify notices when it does not.
    with reg.engine.begin() as conn:
        conn.execute(text("UPDATE rollup_topics SET people = people + 1"))
    assert any("overview counts" in p for p in reg.verify())
    reg.rebuild_overview()
    assert reg.verify() == []


def test_campaign_scope_and_who_is_missing(folder, tmp_path, reg):
    csv_ = "employee_id;name\n" + "".join(f"E{i};Naam {i}\n" for i in range(9))
    new = campaign_setup.make(organisation="Org", campaign_id="c1", deadline="2026-12-31", employees_csv=csv_,
                              expert_recipient=None, register=reg)
    campaign_setup.save(new, tmp_path / "c.json", tmp_path / "codes.csv", reg)
    out = tmp_path / "in"
    out.mkdir()
    from arbocheck.core.trust import campaign

    for i in range(3):
        key = keys.generate(f"C{i}")
        report(out, f"C{i}", scenario("laptop_only_all_day"), key=key, employee_id=f"E{i}", campaign_id="c1",
               enrolment_proof=campaign.enrolment_proof(new.codes[f"E{i}"], "c1", f"E{i}", key.spki_der))
    assert all(o.accepted for o in import_files(reg, [out]))
    # Reports of the same (enrolled) people without a campaign are refused: no proof, no trust on first use.
    later = import_files(reg, [folder])
    assert {o.key for o in later} == {"enrolled_needs_proof"}
    c1 = overview.summary(reg, "c1")
    assert (c1.handed_in, c1.expected, c1.not_yet) == (3, 9, 6) and c1.suppressed
    assert all(t.people is None for t in c1.topics)  # three reports: nothing rolled up
    missing, n = overview.employees(reg, "c1", show="not_yet")
    assert n == 6 and {e.name for e in missing} == {f"Naam {i}" for i in range(3, 9)}
    everything = overview.summary(reg)
    assert everything.handed_in == 3  # each person's newest report, whatever the campaign


def test_exports(folder, reg):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    import_files(reg, [folder])
    rows = overview.action_list(reg)
    data = list(csv.DictReader(io.StringIO(exports.action_csv(rows, "en").decode("utf-8-sig"))))
    assert {"employee_id", "name", "measure", "arbo_provision", "term"} <= set(data[0])
    assert "Supply a laptop stand" in {r["text"] for r in data}  # the employer's language, not the workers'
    ws = load_workbook(io.BytesIO(exports.action_xlsx(rows, "nl"))).active
    assert [c.value for c in ws[1]][:2] == ["Personeelsnummer", "Naam"] and ws.max_row == len(data) + 1
    key = keys.generate("Gemeente Voorbeeld")
    pdf = exports.summary_pdf(overview.summary(reg), "Gemeente Voorbeeld", key, "nl",
                              {"screen": "Scherm en laptop"}, exports.measure_titles("nl"))
    v = verify(pdf)
    assert v.assessment["format"] == "arbocheck-rollup" and v.assessment["handed_in"] == 7
    dumped = json.dumps(v.assessment)
    assert not any(f'"E{i}"' in dumped for i in range(7))  # no individual in the roll-up
    pages = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Scherm en laptop" in pages and "E0" not in pages and "minder dan 5" in pages
    assert "Een laptopstandaard verstrekken" in pages


def test_small_groups_are_suppressed(folder, reg):
    import_files(reg, sorted(folder.glob("*.pdf"))[:3])
    s = overview.summary(reg)
    assert s.suppressed and all(t.people is None for t in s.topics)
