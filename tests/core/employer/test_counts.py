"""Numbers that reconcile (issue 14, item 1): a report without enrolment is counted apart, never as
one of the campaign's employees; HR links it to an employee only by an explicit, chained event;
after that the person counts once and no measure is ordered twice."""

import pytest
import yaml
from sqlalchemy import select

from arbocheck.core.employer import campaign_setup, exports, overview
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import LinkError
from arbocheck.core.employer.schema import events
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.trust import keys
from locations import SCENARIOS
from samples import signed_report

EMPLOYEES = "employee_id;name\nE1;Anna de Vries\nE2;Bram Jansen\n"


def test_a_report_without_enrolment_is_counted_apart_until_hr_links_it(any_reg, tmp_path, employer_signer):
    reg = any_reg
    new = campaign_setup.make(organisation="Org", campaign_id="c1", deadline="2026-12-31", employees_csv=EMPLOYEES,
                              expert_recipient=None, register=reg, key=employer_signer)
    campaign_setup.save(new, tmp_path / "c.json", tmp_path / "codes.csv", reg)
    anna = keys.generate("Anna")
    folder = tmp_path / "in"
    folder.mkdir()
    # Anna hands in with her code, and later once more without one (a check she did on her own).
    files = [signed_report(folder, "anna-code", anna, new.campaign, "E1", new.codes["E1"],
                    created_at="2026-11-01T10:00:00+00:00"),
             signed_report(folder, "anna-free", anna, created_at="2026-11-20T10:00:00+00:00")]
    assert all(o.accepted for o in import_files(reg, files))

    s = overview.summary(reg, min_group=1)
    assert (s.enrolled, s.expected, s.not_yet, s.tofu, s.handed_in) == (1, 2, 1, 1, 2)
    assert s.coverage("nl").startswith("1 van 2 medewerkers hebben ingeleverd")  # never "2 van 2"
    assert "1 rapport zonder aanmelding" in s.coverage("nl")
    rows, total = overview.employees(reg)
    assert total == len(rows) == s.handed_in + s.not_yet == 3
    free = next(r for r in rows if r.enrolment == "tofu")
    assert free.person == f"key:{anna.fingerprint}" and free.employee_id == "—"
    stands = [p for p in overview.provisions(reg)[0] if p.measure == "laptop_stand"]
    assert len(stands) == 2  # two people as far as the register knows: Anna and an unknown key

    # HR marks the unknown key's stand as arranged, then links the report to Anna: one stand, arranged.
    overview.mark_done(reg, free.person, "laptop_stand")
    for wrong, key in ((("key:nobody", "E1")), "link.no_reports"), (((free.person, "E9")), "link.unknown_employee"), \
            (((f"E1", "E2")), "link.enrolled"):
        with pytest.raises(LinkError) as e:
            overview.link(reg, *wrong)
        assert e.value.key == key
    overview.link(reg, free.person, "E1", note="same key as her enrolled report")
    with pytest.raises(LinkError) as e:
        overview.link(reg, free.person, "E2")
    assert e.value.key == "link.already"

    s = overview.summary(reg, min_group=1)
    assert (s.enrolled, s.expected, s.not_yet, s.tofu, s.handed_in) == (1, 2, 1, 0, 1)
    rows, total = overview.employees(reg)
    assert total == 2 and {r.employee_id: r.enrolment for r in rows if r.status == "handed_in"} == {"E1": "linked"}
    assert [p.done for p in overview.provisions(reg, only_open=False)[0] if p.measure == "laptop_stand"] == [True]
    assert {p.measure for p in overview.provisions(reg, only_open=False)[0] if p.done} == {"laptop_stand"}
    assert not [r for r in overview.action_list(reg) if r["measure"] == "laptop_stand"]
    stand = next(m for m in s.measures if m.measure == "laptop_stand")
    assert (stand.people, stand.open) == (1, 0)
    doc = exports.rollup_json(s, "Org", employer_signer.fingerprint)
    assert (doc["enrolled"], doc["expected"], doc["tofu"], doc["handed_in"]) == (1, 2, 0, 1)
    with reg.engine.connect() as conn:  # the link is a chained event, signed in a checkpoint like any other
        kinds = [k for (k,) in conn.execute(select(events.c.kind).order_by(events.c.seq))]
    assert "person_linked" in kinds
    assert reg.verify() == []
    assert reg.rebuild_overview() == [] and overview.summary(reg, min_group=1) == s  # the same from scratch

    # The mark is undone (a reversal event): the linked employee's stand is open again, everywhere.
    from arbocheck.core.employer import plan

    with reg.engine.connect() as conn:
        [seq] = [q for (q,) in conn.execute(select(events.c.seq).where(events.c.kind == plan.DONE))]
    assert plan.undo(reg, [seq]) == 1
    s = overview.summary(reg, min_group=1)
    stand = next(m for m in s.measures if m.measure == "laptop_stand")
    assert (stand.people, stand.open) == (1, 1)
    assert [p.done for p in overview.provisions(reg, only_open=False)[0] if p.measure == "laptop_stand"] == [False]
    assert [r["employee_id"] for r in overview.action_list(reg) if r["measure"] == "laptop_stand"] == ["E1"]
    assert overview.provisions(reg)[1] == s.open_measures == len(overview.action_list(reg))


def test_alternatives_are_one_measure_so_every_total_counts_them_once():
    """The content writes "one of" into one measure (desk_risers: risers or a higher desk; adjustable_desk:
    an adjustable desk or a fixed one at the right height), and a plan holds each measure once: so the
    per-person count of a measure, the only count any total makes, counts an alternative once."""
    from arbocheck.core.check import rules

    q = qloader.find("thuiswerkplek")
    desks = {"adjustable_desk", "desk_risers"}
    for path in sorted(SCENARIOS.glob("*.yaml")):
        plan = rules.evaluate(q, yaml.safe_load(path.read_text())["answers"]).plan
        ids = [p.measure for p in plan]
        assert len(ids) == len(set(ids)), path.name
        assert not desks <= set(ids), path.name  # never both desk alternatives for one person
    for mid in desks:
        assert " of " in q.measures[mid].text.get("nl") and " or " in q.measures[mid].text.get("en")
