"""The employer window's counts (issue 14): a report without enrolment is shown apart, HR links it
with the button on the employees tab, the group filter narrows every tab, and the topics tab says
how many groups are hidden and why."""

from arbocheck.core.common import i18n
from arbocheck.core.employer import campaign_setup
from arbocheck.core.employer.importer import import_files
from arbocheck.core.trust import keys
from samples import signed_report
from wording import says

EMPLOYEES = "employee_id;name;afdeling\nE1;Anna;ICT\nE2;Bram;ICT\nE3;Cor;Zorg\n"


def test_counts_link_and_groups(tmp_path, monkeypatch, qtbot):
    from arbocheck.ui.employer.window import EmployerWindow
    from arbocheck.ui.tasks import SyncRunner

    monkeypatch.setenv("ARBOCHECK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ARBOCHECK_EMPLOYER_PASSPHRASE", "een lange wachtzin voor de test")
    reg = campaign_setup.open_register()
    new = campaign_setup.make(organisation="Org", campaign_id="c1", deadline="2030-12-31", employees_csv=EMPLOYEES,
                              expert_recipient=None, register=reg)
    campaign_setup.save(new, tmp_path / "c.json", tmp_path / "codes.csv", reg)
    anna = keys.generate("Anna")
    folder = tmp_path / "in"
    folder.mkdir()
    signed_report(folder, "anna-code", anna, new.campaign, "E1", new.codes["E1"])
    signed_report(folder, "anna-free", anna)
    assert all(o.accepted for o in import_files(reg, [folder]))

    w = EmployerWindow(reg, SyncRunner(), "nl")
    qtbot.addWidget(w)
    assert says(w.summary.text(), "counts.enrolled", enrolled=1, expected=3)
    assert i18n.count(1, "tofu", "nl") in w.summary.text()
    e = w.employees_tab
    assert says(e.count.text(), "emps.shown", n=4, total=4)
    row = next(i for i, r in enumerate(e.model.rows) if r.enrolment == "tofu")
    e.view.selectRow(row)
    assert e.link_button.isEnabled()
    monkeypatch.setattr(w, "choose_employee", lambda row, candidates: "E1")
    e.link_button.click()
    assert says(e.message.text(), "emps.linked", employee="E1")
    assert says(w.summary.text(), "counts.enrolled", enrolled=1, expected=3)
    assert i18n.count(1, "tofu", "nl") not in w.summary.text()
    assert {r.enrolment for r in e.model.rows if r.status == "handed_in"} == {"linked"}

    # The group filter: only Zorg, where nobody handed in.
    w.group.setCurrentIndex(w.group.findData("department\tZorg"))
    assert says(w.summary.text(), "counts.enrolled", enrolled=0, expected=1)
    assert [r.employee_id for r in e.model.rows] == ["E3"]
    assert w.provisions_tab.model.rowCount() == 0

    # Per department on the topics tab: ICT has one person, Zorg none; how many are hidden, and why.
    w.group.setCurrentIndex(0)
    top = w.topics_tab
    top.per.setCurrentIndex(top.per.findData("department"))
    assert says(top.groups.text(), "top.groups_hidden", html=True, small=1)
    assert "ICT" in top.groups.text() and "Zorg" in top.groups.text()
