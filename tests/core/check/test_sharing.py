from hypothesis import given, settings, strategies as st

from arbocheck.core.check.sharing import split

BASE = {"body_height_cm": 160, "device_setup": "laptop_only", "desk_height_cm": 74,
        "desk_height_adjustable": False, "laptop_stand": False}


def test_health_answers_and_findings_go_to_the_expert_only(mini):
    s = split(mini, dict(BASE, neck_pain=5, sleep_hours=5), {"photos": [
        {"id": "a" * 64, "section": "desk"}, {"id": "b" * 64, "section": "desk", "expert_only": True}]})
    assert "neck_pain" not in s.employer_answers and "sleep_hours" not in s.employer_answers
    assert s.expert_answers == {"neck_pain": 5, "sleep_hours": 5}
    assert [f.rule for f in s.expert_findings] == ["neck"]
    assert "neck" not in [f.rule for f in s.employer_findings]
    assert [p.measure for p in s.expert_plan] == ["talk"]
    assert [p.id[0] for p in s.employer_photos] == ["a"] and [p.id[0] for p in s.expert_photos] == ["b"]
    assert s.employer_derived["rec_desk_height_cm"] == 64


def test_a_measure_shared_with_a_health_finding_shows_no_trace_of_it():
    from pathlib import Path

    from arbocheck.core.questionnaire import loader as qloader

    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    q = qloader.loads(text.replace("measures: [adjust_chair, footrest]", "measures: [adjust_chair, talk]"))
    s = split(q, dict(BASE, neck_pain=5))
    talk = {p.measure: p for p in s.employer_plan}["talk"]
    # The health rule 'neck' (high) also asks for it; the employer sees only the desk finding.
    assert talk.rules == ("desk_too_high",) and talk.priority == "medium"
    assert {p.measure: p for p in s.evaluation.plan}["talk"].priority == "high"


@settings(max_examples=60, deadline=None)
@given(neck=st.one_of(st.none(), st.integers(1, 5)), sleep=st.one_of(st.none(), st.floats(0, 24).map(lambda x: round(x, 1))))
def test_employer_view_does_not_depend_on_health_answers(mini, neck, sleep):
    health = {k: v for k, v in {"neck_pain": neck, "sleep_hours": sleep}.items() if v is not None}
    a, b = split(mini, BASE), split(mini, dict(BASE, **health))
    assert a.employer_answers == b.employer_answers
    assert a.employer_derived == b.employer_derived
    assert a.employer_findings == b.employer_findings
    assert a.employer_plan == b.employer_plan


# -- every statement about who sees what is true ------------------------------------------------
# The wizard's sentences come from sharing.audience/section_statement/item_statement; these tests
# check them against what the export really puts where, for the shipped questionnaire.

from pathlib import Path  # noqa: E402

from arbocheck.core.questionnaire import loader as qloader, model as qmodel  # noqa: E402
from arbocheck.core.check import sharing  # noqa: E402
from arbocheck.core.trust import campaign  # noqa: E402
from arbocheck.core.check.answers import problems  # noqa: E402
from locations import DATA, ROOT

_ROOT = ROOT
_Q = qloader.load(_ROOT / "questionnaires" / "thuiswerkplek.yaml")


def _value(it):
    if isinstance(it, qmodel.YesNo):
        return st.booleans()
    if isinstance(it, qmodel.SingleChoice):
        return st.sampled_from([o.value for o in it.options])
    if isinstance(it, qmodel.MultiChoice):
        plain = [o.value for o in it.options if not o.exclusive]
        excl = [o.value for o in it.options if o.exclusive]
        return st.one_of(st.lists(st.sampled_from(plain), min_size=1, unique=True),
                         *[st.just([e]) for e in excl])
    if isinstance(it, qmodel.Country):
        return st.sampled_from([o.value for o in it.options] + ["PL", "US"])
    if isinstance(it, qmodel.Scale):
        return st.integers(it.min, it.max)
    if isinstance(it, (qmodel.Number, qmodel.Hours)):
        step = it.step if isinstance(it, qmodel.Number) else 0.5
        n = int((it.max - it.min) / step)
        return st.integers(0, n).map(lambda i, it=it, step=step: (int if getattr(it, "integer", False) else float)(
            it.min + i * step))
    if isinstance(it, qmodel.FreeText):
        return st.text(min_size=1, max_size=40).filter(str.strip)
    raise AssertionError(type(it))


_ANSWERS = st.fixed_dictionaries({}, optional={i: _value(it) for i, it in _Q.items.items()})


def _destinations(answers, sealed):
    from arbocheck.core.report import assessment
    from arbocheck.core.report.assessment import ReportMeta

    a, c = assessment.build(_Q, answers, {}, ReportMeta(signer_name="x", fingerprint="f"), sealed)
    return set(a["answers"]), set(c["answers"])


@settings(max_examples=80, deadline=None)
@given(answers=_ANSWERS, sealed=st.booleans())
def test_each_answer_goes_exactly_where_the_wizard_says(answers, sealed):
    if problems(_Q, answers):
        return
    employer, confidential = _destinations(answers, sealed)
    shown = sharing.split(_Q, answers).employer_answers.keys() | sharing.split(_Q, answers).expert_answers.keys()
    for item_id in shown:
        where = sharing.audience(_Q, item_id, sealed)
        assert (item_id in employer) == (where == "employer"), (item_id, where)
        # The sealed part travels only with an expert key; without one, those answers stay in the personal copy.
        assert (item_id in confidential) == (where in ("expert", "personal")), (item_id, where)


def test_section_and_item_statements_match_the_audiences():
    for sealed in (True, False):
        for sec in _Q.data.sections:
            groups = sharing.section_audiences(_Q, sec.id, sealed)
            text = sharing.section_statement(_Q, sec.id, sealed, "nl")
            says_employer = "werkgever ziet je" in text.lower() or "andere antwoorden op deze pagina ziet je werkgever" in text
            assert says_employer == ("employer" in groups), (sec.id, text)
            assert ("bedrijfsarts of de arbodienst" in text) == ("expert" in groups), (sec.id, text)
            assert ("persoonlijke kopie" in text) == ("personal" in groups), (sec.id, text)
            for it in sec.items:
                mark = sharing.item_statement(_Q, it.id, sealed, "nl") or ""
                if it.health:
                    assert ("bedrijfsarts" in mark) == sealed and ("persoonlijke kopie" in mark) == (not sealed)
                else:
                    assert "Vertrouwelijk" not in mark


def test_without_an_expert_key_no_sealed_part_is_made_and_the_wizard_says_so():
    from arbocheck.core.trust import keys
    from arbocheck.core.report.assessment import ReportMeta
    from arbocheck.core.report.build import build
    from arbocheck.core.trust.verify import verify

    answers = {"body_height_cm": 170, "age_18_or_over": True, "work_days_per_week": 5, "home_days_per_week": 2,
               "screen_hours_per_day": 6, "device_setup": "desktop", "desk_height_cm": 70,
               "desk_height_adjustable": False, "chair_type": "office_chair", "chair_seat_height_adjustable": True,
               "workload_pace": 5, "remarks": "rugklachten"}
    ex = build(_Q, answers, {}, keys.generate("x"), ReportMeta(signer_name="x", fingerprint=""), lambda i: b"",
               personal_copy=False)
    assert not ex.sealed and verify(ex.signed).confidential is None
    assert "persoonlijke kopie" in sharing.section_statement(_Q, "workload", False, "nl")
    assert campaign.expert_recipient({}) is None
