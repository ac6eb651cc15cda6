import pytest

from arbocheck.core import derived


# NORMS.md §2 table: body height → desk (H/2.5) and seat (H/3.7).
@pytest.mark.parametrize("height, desk, seat", [
    (150, 60, 41), (160, 64, 43), (170, 68, 46), (180, 72, 49), (190, 76, 51), (200, 80, 54),
])
def test_recommended_heights_follow_the_norms_table(height, desk, seat):
    assert derived.recommended_desk_height_cm(height) == desk
    assert derived.recommended_seat_height_cm(height) == seat


def test_divisor_comes_from_the_caller():
    assert derived.recommended_desk_height_cm(180, divisor=2.4) == 75


@pytest.mark.parametrize("bad", [0, -5, None])
def test_no_recommendation_without_a_body_height(bad):
    assert derived.recommended_desk_height_cm(bad) is None
    assert derived.recommended_seat_height_cm(bad) is None


@pytest.mark.parametrize("home, work, other, share", [
    (2, 5, 0, 40.0), (1, 4, 0, 25.0), (3, 5, 0, 60.0), (0, 5, 0, 0.0),
    (2, 5, 1, 60.0), (5, 4, 0, 100.0),
])
def test_residence_share(home, work, other, share):
    assert derived.residence_share_pct(home, work, other) == share


def test_residence_share_needs_working_days():
    assert derived.residence_share_pct(2, 0) is None


def test_registry_and_parameters():
    assert {"recommended_desk_height_cm", "difference", "residence_share_pct"} <= set(derived.FUNCTIONS)
    required, optional = derived.parameters("residence_share_pct")
    assert required == {"home_days_per_week", "work_days_per_week"}
    assert optional == {"other_days_per_week", "residence_country", "employer_country"}


def test_no_residence_share_for_someone_living_in_the_employers_country():
    assert derived.residence_share_pct(5, 5, residence_country="NL") is None
    assert derived.residence_share_pct(2, 5, residence_country="BE") == 40.0
