"""The one number validator (core/questionnaire/numbers.py): typed text → value or reason."""

import pytest

from arbocheck.core.check.answers import problems
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.questionnaire.model import Hours, Number
from arbocheck.core.questionnaire.numbers import allowed, read, step
from arbocheck.core.report.claims import recompute
from tests.locations import ROOT


@pytest.fixture(scope="module")
def q():
    return qloader.load(ROOT / "questionnaires" / "thuiswerkplek.yaml")


def test_desk_500_is_refused_with_the_usual_range(q):
    r = read(q.items["desk_height_cm"], "500")
    assert r.value is None and r.text == "500"
    assert r.problem.key == "value.range"
    assert "500 cm" in r.problem.text("nl") and "50–130 cm" in r.problem.text("nl")
    assert allowed(q.items["desk_height_cm"]).text("nl") == "Een bureau is meestal tussen 50 en 130 cm hoog."


@pytest.mark.parametrize("typed", ["1,80", "1.8", "1.8 m", "1,8m", "1,80 meter"])
def test_a_height_in_metres_is_read_as_cm_and_said_so(q, typed):
    r = read(q.items["body_height_cm"], typed)
    assert r.value == 180 and isinstance(r.value, int) and r.problem is None
    assert r.note is not None and r.note.key == "number.metres"
    assert "180 cm" in r.note.text("nl")


def test_centimetres_stay_centimetres(q):
    r = read(q.items["body_height_cm"], "180 cm")
    assert (r.value, r.note, r.problem) == (180, None, None)
    assert read(q.items["body_height_cm"], "18").problem.key == "value.range"


def test_decimal_comma_and_point(q):
    days = q.items["work_days_per_week"]
    assert read(days, "4,5").value == 4.5
    assert read(days, "4.5 dagen").value == 4.5
    assert read(days, "9").problem.key == "value.range"
    hours = q.items["screen_hours_per_day"]
    assert isinstance(hours, Hours) and read(hours, "6,5").value == 6.5


def test_letters_are_refused_with_a_reason(q):
    r = read(q.items["desk_height_cm"], "hoog")
    assert r.value is None and r.problem.key == "number.not_a_number"
    assert "'hoog'" in r.problem.text("nl") and "'hoog'" in r.problem.text("en")
    assert read(q.items["desk_height_cm"], "7x5").problem.key == "number.not_a_number"


def test_whole_numbers_only_where_the_item_says_so(q):
    r = read(q.items["desk_height_cm"], "72,5")
    assert r.problem.key == "value.whole"
    assert read(q.items["desk_height_cm"], "").problem is None
    assert read(q.items["desk_height_cm"], "   ").value is None


def test_every_number_item_reads_its_own_bounds_and_says_what_it_allows(q):
    for it in q.items.values():
        if not isinstance(it, (Number, Hours)):
            continue
        for lang in ("nl", "en"):
            assert allowed(it).text(lang).strip(), it.id
        assert read(it, str(it.max).replace(".", ",")).value == it.max, it.id
        assert read(it, f"{it.max + 1:g}").problem is not None, it.id
        assert step(it, None, +1) == it.min and step(it, it.max, +1) == it.max


def test_the_cli_and_the_importer_judge_like_the_field(q):
    """answers.problems (CLI, answers files) and the importer's recompute use the same rule."""
    desk = q.items["desk_height_cm"]
    for value in (500, 72.5, 49):
        wizard = read(desk, str(value)).problem
        cli = problems(q, {"desk_height_cm": value})
        assert wizard is not None and cli and cli[0].params["reason"].key == wizard.key
    assert problems(q, {"desk_height_cm": 75}) == []
    from arbocheck.core.common.errors import Refusal

    with pytest.raises(Refusal) as e:
        recompute(q, {"answers": {"desk_height_cm": 500}, "profile": {}, "lang": "nl"})
    assert e.value.key == "answer_invalid"


def test_range_text_may_name_only_min_and_max(tmp_path):
    src = (ROOT / "questionnaires" / "thuiswerkplek.yaml").read_text(encoding="utf-8")
    bad = src.replace('"Een bureau is meestal tussen {min} en {max} cm hoog."',
                      '"Een bureau is meestal {hoog} cm."', 1)
    assert bad != src
    path = tmp_path / "q.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(qloader.QuestionnaireError) as e:
        qloader.load(path)
    assert "range_text" in str(e.value)
