"""Organisation structure (issue 14, item 2): departments, teams, locations and managers from the
employees CSV, filters and a roll-up per group that hides small groups and blocks differencing."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from arbocheck.core.employer import campaign_setup, disclosure, overview
from arbocheck.core.employer.disclosure import protect
from arbocheck.core.employer.importer import import_files
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.trust import campaign, keys
from locations import SCENARIOS


# -- complementary suppression, as a property --------------------------------------------

rows = st.integers(2, 8).flatmap(lambda n: st.tuples(
    st.lists(st.integers(0, 40), min_size=n, max_size=n), st.integers(2, 9),
    st.sets(st.integers(0, n - 1), max_size=n)))


@settings(max_examples=400, deadline=None)
@given(rows)
def test_no_hidden_part_can_be_recomputed_from_the_total_and_the_visible_parts(row):
    values, k, forced = row
    parts = {f"g{i}": v for i, v in enumerate(values)}
    hidden_always = {f"g{i}" for i in forced}
    total = sum(values)
    shown = protect(total, parts, k, hidden_always)
    hidden = [g for g, v in shown.items() if v is None]
    assert all(shown[g] is None for g in hidden_always)
    assert all(v == 0 or v >= k for v in shown.values() if v is not None)  # no small cell
    assert all(shown[g] == parts[g] for g in parts if shown[g] is not None)  # nothing shown is changed
    if hidden:
        residual = total - sum(v for v in shown.values() if v is not None)  # what a reader can compute
        assert residual == sum(parts[g] for g in hidden)
        if len(hidden) < len(parts):  # some part is still shown: the hidden ones are at least two
            assert len(hidden) >= 2   # and together they are nobody or at least k people
            assert residual == 0 or residual >= k
        else:  # everything hidden: the residual is the total, which has its own cell rule
            assert residual == total


def test_protect_by_example():
    # One small group: a second is hidden, the smallest non-zero one, so Finance's 2 stays unknown.
    assert protect(20, {"Finance": 2, "HR": 7, "IT": 11}, 5) == {"Finance": None, "HR": None, "IT": 11}
    # Two hidden whose sum is still small: a third goes too.
    assert protect(24, {"a": 1, "b": 2, "c": 9, "d": 12}, 5) == {"a": None, "b": None, "c": None, "d": 12}
    assert protect(30, {"a": 10, "b": 20}, 5) == {"a": 10, "b": 20}  # nothing small: all shown


# -- through the register -------------------------------------------------------------------

DEPARTMENTS = {"Financiën": 3, "ICT": 6, "Zorg": 7}


def csv_text() -> str:
    lines = ["personeelsnummer;naam;afdeling;locatie;leidinggevende"]
    n = 0
    for dept, size in DEPARTMENTS.items():
        for _ in range(size):
            n += 1
            lines.append(f"E{n};Naam {n};{dept};Utrecht;Manager {dept}")
    lines.append("E99;Zonder Afdeling;;;")
    return "\n".join(lines) + "\n"


def test_the_employees_csv_carries_the_organisation_in_dutch_or_english():
    got = campaign.read_employees(csv_text())
    assert got[0] == {"employee_id": "E1", "name": "Naam 1", "department": "Financiën", "location": "Utrecht",
                      "manager": "Manager Financiën"}
    assert got[-1]["department"] == ""  # an empty cell: no department
    english = campaign.read_employees("employee_id,name,Department,Team\nA1,Ann,Sales,North\n")
    assert english == [{"employee_id": "A1", "name": "Ann", "department": "Sales", "team": "North"}]
    assert campaign.read_employees("employee_id\nA1\n") == [{"employee_id": "A1", "name": ""}]


@pytest.fixture
def filled(any_reg, tmp_path, employer_signer):
    reg = any_reg
    new = campaign_setup.make(organisation="Org", campaign_id="c1", deadline="2030-12-31", employees_csv=csv_text(),
                              expert_recipient=None, register=reg, key=employer_signer)
    campaign_setup.save(new, tmp_path / "c.json", tmp_path / "codes.csv", reg)
    q = qloader.find("thuiswerkplek")
    laptop = yaml.safe_load((SCENARIOS / "laptop_only_all_day.yaml").read_text())["answers"]
    fine = yaml.safe_load((SCENARIOS / "fully_compliant.yaml").read_text())["answers"]
    folder = tmp_path / "in"
    folder.mkdir()
    for e in new.employees:
        eid = e["employee_id"]
        if eid in ("E99", "E16"):  # one without a department, one of Zorg, do not hand in
            continue
        key = keys.generate(eid)
        rm = ReportMeta(signer_name=e["name"], fingerprint="", employee_id=eid, campaign_id="c1", organisation="Org",
                        enrolment_proof=campaign.enrolment_proof(new.codes[eid], "c1", eid, key.spki_der))
        answers = fine if int(eid[1:]) % 4 == 0 else laptop
        (folder / f"{eid}.pdf").write_bytes(build(q, answers, {}, key, rm, lambda i: b"", personal_copy=False).signed)
    assert all(o.accepted for o in import_files(reg, [folder]))
    return reg


def test_filters_and_the_protected_roll_up_per_department(filled):
    reg = filled
    assert overview.group_values(reg, "c1") == {"department": ["Financiën", "ICT", "Zorg"], "location": ["Utrecht"],
                                               "manager": ["Manager Financiën", "Manager ICT", "Manager Zorg"]}
    s = overview.summary(reg, "c1", group=("department", "Zorg"))
    assert (s.enrolled, s.expected, s.not_yet, s.handed_in) == (6, 7, 1, 6)
    rows, total = overview.employees(reg, "c1", group=("department", "Zorg"), show="not_yet")
    assert total == 1 and rows[0].employee_id == "E16"
    rows, _ = overview.employees(reg, "c1", group=("department", ""), show="not_yet")
    assert [r.employee_id for r in rows] == ["E99"]
    fin = overview.provisions(reg, "c1", group=("department", "Financiën"), limit=None)[0]
    assert fin and {p.employee_id for p in fin} <= {"E1", "E2", "E3"}
    assert {r["employee_id"] for r in overview.action_list(reg, "c1", group=("department", "ICT"))} <= {
        f"E{i}" for i in range(4, 10)}

    g = disclosure.grouped(reg, "c1", "department", min_group=5)
    by = {v.value: v for v in g.groups}
    assert by["Financiën"].people is None and by["Financiën"].why == "small"
    # Total 15 minus the visible ones would give Financiën's 3: a second group is hidden with it.
    assert [v.why for v in g.groups].count("complementary") == 1 and g.hidden() == {"small": 1, "complementary": 1}
    assert by[""].people == 0 and by[""].expected == 1  # nobody without a department handed in
    assert (by["Zorg"].enrolled, by["Zorg"].expected) == (6, 7)  # coverage per department is always shown
    visible = [v.people for v in g.groups if v.people is not None]
    assert all(n == 0 or n >= 5 for n in visible)
    for t in g.total.topics:  # no topic's hidden cells can be recomputed from the total either
        cells = [v.topics[t.section][0] for v in g.groups]
        if t.people is not None and None in cells:
            residual = t.people - sum(c for c in cells if c is not None)
            assert cells.count(None) >= 2 and (residual == 0 or residual >= 5), t.section


def test_the_signed_roll_up_per_department_and_over_time(filled, tmp_path, employer_signer):
    import io

    from pypdf import PdfReader

    from arbocheck.core.employer import exports
    from arbocheck.core.employer.disclosure import RollupRefusal
    from arbocheck.core.trust.verify import verify

    reg = filled
    ov = overview.summary(reg, "c1", min_group=5)
    out = tmp_path / "rie.pdf"
    exports.write_rollup(out, ov, "Org", employer_signer, "nl", register=reg, campaign_id="c1", dimension="department")
    v = verify(out.read_bytes())
    doc = v.assessment
    groups = {g["value"]: g for g in doc["groups"]["groups"]}
    assert groups["Financiën"]["people"] is None and groups["Financiën"]["hidden"] == "small"
    assert (doc["enrolled"], doc["expected"], doc["tofu"]) == (15, 17, 0)
    assert any("1 met minder dan 5" in line for line in doc["privacy"])  # computed from the same hiding
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Hoe dit overzicht de privacy beschermt" in text and "niet getoond: minder dan 5" in text
    assert not any(f'"E{i}"' in str(doc) for i in range(1, 18))

    # Nothing changed: the same roll-up may be signed again. One more report: it would show that
    # person's answers by difference, so it is refused, and Zorg (where it falls) would be hidden.
    exports.write_rollup(out, ov, "Org", employer_signer, "nl", register=reg, campaign_id="c1")
    new_codes = {}
    import csv as _csv
    for row in _csv.DictReader(open(tmp_path / "codes.csv", encoding="utf-8-sig")):
        new_codes[row["employee_id"]] = row["code"]
    q = qloader.find("thuiswerkplek")
    key = keys.generate("E16")
    rm = ReportMeta(signer_name="Naam 16", fingerprint="", employee_id="E16", campaign_id="c1", organisation="Org",
                    enrolment_proof=campaign.enrolment_proof(new_codes["E16"], "c1", "E16", key.spki_der))
    answers = yaml.safe_load((SCENARIOS / "many_shortcomings.yaml").read_text())["answers"]
    late = tmp_path / "late.pdf"
    late.write_bytes(build(q, answers, {}, key, rm, lambda i: b"", personal_copy=False).signed)
    assert import_files(reg, [late])[0].accepted
    with pytest.raises(RollupRefusal) as e:
        exports.write_rollup(out, overview.summary(reg, "c1", min_group=5), "Org", employer_signer, "nl",
                             register=reg, campaign_id="c1")
    assert e.value.key == "rollup.too_few_changes" and e.value.params["n"] == 1
    assert disclosure.changed_groups(reg, "c1", "department", 5) == {"Zorg"}
    assert reg.verify() == []  # the recorded roll-ups are chained events, signed like the rest


def test_the_signed_roll_up_names_the_topics_as_an_rie_does(filled, tmp_path, employer_signer):
    from arbocheck.core.employer import exports
    from arbocheck.core.trust.verify import verify

    topics = exports.rie_topics("nl")
    assert topics["Werkplekinrichting"][0] == ["workspace", "desk", "chair"]  # from the questionnaire's sections
    assert "laptop_stand" in topics["Beeldschermwerk"][1]
    assert "Psychosociale arbeidsbelasting (PSA)" in topics
    out = tmp_path / "rie.pdf"
    ov = overview.summary(filled, "c1", min_group=5)
    exports.write_rollup(out, ov, "Org", employer_signer, "nl", register=filled, campaign_id="c1")
    doc = verify(out.read_bytes()).assessment
    rie = {r["topic"]: r for r in doc["rie_topics"]}
    screen = rie["Beeldschermwerk"]
    people = overview.rie_counts(filled, "c1", {"x": topics["Beeldschermwerk"][0]})["x"][0]
    assert screen["people"] == (people if people == 0 or people >= 5 else None) and people > 0
    assert all(v is None or v == 0 or v >= 5 for r in rie.values() for v in (r["people"], r["high"]))
