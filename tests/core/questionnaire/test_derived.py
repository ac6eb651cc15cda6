import datetime as dt

import pytest

from arbocheck.core.questionnaire import derived


# NORMS.md §7: seat = popliteal height (0.25 × stature) + 3 cm shoes; desk = seat + sitting elbow
# height (0.143 × stature). Rounded half up, so 150 cm gives a 41 cm seat (NPR 1813's lower end).
@pytest.mark.parametrize("height, seat, desk", [
    (150, 41, 62), (160, 43, 66), (170, 46, 70), (180, 48, 74), (190, 51, 78), (200, 53, 82),
])
def test_heights_from_stature_follow_the_anthropometric_table(height, seat, desk):
    assert derived.seat_height_from_stature(height) == seat
    assert derived.desk_height_from_stature(height) == desk


def test_ratios_come_from_the_caller():
    assert derived.desk_height_from_stature(180, popliteal_ratio=0.25, elbow_ratio=0.15, shoe_cm=0) == 72
    assert derived.seat_height_from_stature(180, popliteal_ratio=0.25, shoe_cm=0) == 45


@pytest.mark.parametrize("bad", [0, -5, None, 90, 260])
def test_no_estimate_for_an_impossible_body_height(bad):
    assert derived.desk_height_from_stature(bad) is None
    assert derived.seat_height_from_stature(bad) is None


@pytest.mark.parametrize("home, work, other, share", [
    (2, 5, 0, 40.0), (1, 4, 0, 25.0), (3, 5, 0, 60.0), (0, 5, 0, 0.0),
    (2, 5, 1, 60.0), (5, 4, 0, 100.0),
])
def test_residence_share(home, work, other, share):
    assert derived.residence_share_pct(home, work, other) == share


def test_residence_share_needs_working_days():
    assert derived.residence_share_pct(2, 0) is None


def test_registry_and_parameters():
    assert {"desk_height_from_stature", "difference", "residence_share_pct", "member_of"} <= set(derived.FUNCTIONS)
    required, optional = derived.parameters("residence_share_pct")
    assert required == {"home_days_per_week", "work_days_per_week"}
    assert optional == {"other_days_per_week", "residence_country", "employer_country"}


def test_no_residence_share_for_someone_living_in_the_employers_country():
    assert derived.residence_share_pct(5, 5, residence_country="NL") is None
    assert derived.residence_share_pct(2, 5, residence_country="BE") == 40.0


def test_pick_and_product():
    assert derived.pick(True, 45, 51) == 45 and derived.pick(False, 45, 51) == 51
    assert derived.product(5, 8.5) == 42.5


def test_member_of_a_dated_list():
    from types import SimpleNamespace as NS

    today = dt.date.today()
    lists = {"signed": NS(members=[NS(code="BE", since=dt.date(2023, 7, 1)),
                                   NS(code="XX", since=today + dt.timedelta(days=30))])}
    assert derived.member_of("BE", "signed", lists=lists) is True
    assert derived.member_of("XX", "signed", lists=lists) is False  # not yet in force
    assert derived.member_of("GB", "signed", lists=lists) is False
    assert derived.member_of("BE", "other", lists=lists) is None
