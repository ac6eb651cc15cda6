"""The employer's overview, action list and signed RI&E roll-up: no individual's data, small groups hidden."""

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from arbocheck.core import exports, keys, overview, qloader
from arbocheck.core.assessment import ReportMeta
from arbocheck.core.importer import import_files
from arbocheck.core.register import Register
from arbocheck.core.report import build
from arbocheck.core.verify import verify

SCEN = Path(__file__).parent / "scenarios"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reports")
    q = qloader.find("thuiswerkplek")
    laptop = yaml.safe_load((SCEN / "laptop_only_all_day.yaml").read_text())["answers"]
    fine = yaml.safe_load((SCEN / "fully_compliant.yaml").read_text())["answers"]
    for i in range(7):  # six on a laptop all day, one fine
        answers = fine if i == 6 else laptop
        ex = build(q, answers, {}, keys.generate(f"W{i}"), ReportMeta(signer_name=f"W{i}", fingerprint="",
                                                                     employee_id=f"E{i}"),
                   lambda x: b"", personal_copy=False)
        (tmp / f"r{i}.pdf").write_bytes(ex.signed)
    return tmp


def test_overview_counts_provisions_and_suppression(folder, tmp_path):
    reg = Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}")
    assert all(o.accepted for o in import_files(reg, [folder]))
    ov = overview.build(reg, [f"E{i}" for i in range(9)])
    assert ov.handed_in == 7 and ov.expected == 9 and not ov.suppressed
    status = {e.employee_id: e.status for e in ov.employees}
    assert status["E7"] == status["E8"] == "not_yet" and status["E0"] == "handed_in"
    assert {e.employee_id: e.high for e in ov.employees}["E6"] == 0
    stands = [p for p in ov.provisions if p.measure == "laptop_stand"]
    assert len(stands) == 6 and all(p.provision and not p.done for p in stands)
    topics = {t.section: t for t in ov.topics}
    assert topics["screen"].people == 6  # six of seven: shown
    overview.mark_done(reg, "E0", "laptop_stand")
    ov = overview.build(reg)
    assert [p.done for p in ov.provisions if p.employee_id == "E0" and p.measure == "laptop_stand"] == [True]
    assert len([r for r in overview.action_list(ov) if r["measure"] == "laptop_stand"]) == 5
    assert reg.verify() == []


def test_small_groups_are_suppressed(folder, tmp_path):
    reg = Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}")
    import_files(reg, sorted(folder.glob("*.pdf"))[:3])
    ov = overview.build(reg)
    assert ov.suppressed and all(t.people is None for t in ov.topics)


def test_exports(folder, tmp_path):
    from openpyxl import load_workbook

    reg = Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}")
    import_files(reg, [folder])
    ov = overview.build(reg)
    rows = list(csv.DictReader(io.StringIO(exports.action_csv(ov).decode("utf-8-sig"))))
    assert {"employee_id", "measure", "arbo_provision", "term"} <= set(rows[0])
    ws = load_workbook(io.BytesIO(exports.action_xlsx(ov))).active
    assert [c.value for c in ws[1]][:2] == ["employee_id", "measure"] and ws.max_row == len(rows) + 1
    key = keys.generate("Gemeente Voorbeeld")
    pdf = exports.summary_pdf(ov, "Gemeente Voorbeeld", key, "nl", {"screen": "Scherm en laptop"})
    v = verify(pdf)
    assert v.assessment["format"] == "arbocheck-rollup" and v.assessment["handed_in"] == 7
    text = json.dumps(v.assessment)
    assert not any(f'"E{i}"' in text for i in range(7))  # no individual in the roll-up
    from pypdf import PdfReader

    pages = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Scherm en laptop" in pages and "E0" not in pages and "minder dan 5" in pages
