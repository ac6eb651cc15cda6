"""Acting on the measures: several marked arranged at once, undone by an appended reversal (nothing
overwritten), planned with a responsible person, a date and a budget (the newest plan holds)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from arbocheck.core.employer import overview, plan
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.schema import events
from test_action_list import folder  # noqa: F401 (the module's seven reports)


@pytest.fixture
def reg(any_reg, folder):  # noqa: F811
    assert all(o.accepted for o in import_files(any_reg, [folder]))
    return any_reg


def _stand(reg):
    return next(m for m in overview.summary(reg).measures if m.measure == "laptop_stand")


def _events(reg) -> int:
    with reg.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(events)).scalar_one()


def test_bulk_marking_and_undo_append_and_the_counts_follow(reg):
    assert _stand(reg).open == 6
    seqs = plan.mark_arranged(reg, [("E0", "laptop_stand"), ("E1", "laptop_stand"), ("E0", "laptop_stand")])
    assert len(seqs) == 2 and _stand(reg).open == 4
    assert plan.mark_arranged(reg, [("E0", "laptop_stand")]) == []  # arranged already: nothing to undo later
    n = _events(reg)
    assert plan.undo(reg, seqs) == 2 and _events(reg) == n + 2  # appended, nothing removed
    assert _stand(reg).open == 6
    assert plan.undo(reg, seqs) == 0  # reversed already
    assert not any(p.done for p in overview.provisions(reg, only_open=False)[0] if p.measure == "laptop_stand")
    again = plan.mark_arranged(reg, [("E1", "laptop_stand")])  # marked again after the undo: counts again
    assert len(again) == 1 and _stand(reg).open == 5
    assert [p.employee_id for p in overview.provisions(reg, only_open=False)[0]
            if p.measure == "laptop_stand" and p.done] == ["E1"]
    assert reg.verify() == []


def test_plans_are_events_and_the_newest_holds(reg):
    plan.set_plan(reg, [("E3", "laptop_stand")], "Jan", "2027-01-10", "40")
    plan.set_plan(reg, [("E3", "laptop_stand")], " Piet  de Boer ", "", "1.250,5")
    p = next(p for p in overview.provisions(reg)[0] if p.employee_id == "E3" and p.measure == "laptop_stand")
    assert p.plan.responsible == "Piet de Boer" and p.plan.planned == "" and p.plan.budget == "1250.50"
    assert p.due and p.due >= p.report_date
    assert plan.checked_plan(planned="31-12-2027").planned == "2027-12-31"  # the Dutch way of writing it too
    for bad in ({"planned": "morgen"}, {"planned": "30-02-2027"}, {"budget": "-5"}, {"budget": "12,345"}, {"budget": "abc"},
                {"responsible": "x" * 201}):
        with pytest.raises(plan.PlanError) as e:
            plan.set_plan(reg, [("E3", "laptop_stand")], **bad)
        assert e.value.text("nl") != e.value.text("en")
    assert reg.verify() == []


def test_due_dates():
    assert plan.due_date("2026-11-20T10:00:00+00:00", 30) == "2026-12-20"
    assert plan.due_date("2026-11-20", 0) == "2026-11-20"  # immediately: the report's own date
    assert plan.due_date("", 30) == ""
