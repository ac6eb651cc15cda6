"""The employees list says who confirmed the instruction (Arbowet art. 8), from the stored assessment of each
person's newest report; a newer report without the confirmation clears it."""

import datetime as _dt

import yaml

from arbocheck.core.check import instruction
from arbocheck.core.employer import overview
from arbocheck.core.employer.importer import import_files
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.trust import keys
from locations import SCENARIOS

Q = qloader.find("thuiswerkplek")
ANSWERS = yaml.safe_load((SCENARIOS / "fully_compliant.yaml").read_text())["answers"]


def report(folder, name, eid, meta, key, revision=1, created_at=None):
    rm = ReportMeta(signer_name=name, fingerprint="", employee_id=eid, revision=revision)
    if created_at:
        rm.created_at = created_at
    ex = build(Q, ANSWERS, meta, key, rm, lambda x: b"", personal_copy=False)
    path = folder / f"{name}-{revision}.pdf"
    path.write_bytes(ex.signed)
    return path


def test_the_employees_list_shows_who_confirmed_the_instruction(tmp_path, any_reg):
    read: dict = {}
    instruction.confirm(read, Q, today=_dt.date(2026, 11, 28))
    a_key, b_key = keys.generate("Anna"), keys.generate("Bram")
    first = tmp_path / "first"
    first.mkdir()
    report(first, "Anna", "E1", read, a_key, created_at="2026-11-28T09:00:00+00:00")
    report(first, "Bram", "E2", {}, b_key, created_at="2026-11-28T09:00:00+00:00")
    assert all(o.accepted for o in import_files(any_reg, [first]))
    rows = {e.employee_id: e for e in overview.employees(any_reg)[0]}
    assert (rows["E1"].instruction_read, rows["E1"].instruction_version) == ("2026-11-28", Q.data.instruction.version)
    assert rows["E2"].instruction_read == ""
    # Anna's next revision comes without the confirmation: her newest report counts, not the older one.
    later = tmp_path / "later"
    later.mkdir()
    report(later, "Anna", "E1", {}, a_key, revision=2, created_at="2026-11-29T09:00:00+00:00")
    assert all(o.accepted for o in import_files(any_reg, [later]))
    rows = {e.employee_id: e for e in overview.employees(any_reg)[0]}
    assert rows["E1"].instruction_read == ""
