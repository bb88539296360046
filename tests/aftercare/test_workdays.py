"""Working days are Monday to Friday: due dates skip weekends, ages count only working days, and the age
boundaries the dashboard and the list use agree with the count for every day of a year."""

from datetime import date, timedelta

import pytest

from aftercare.workdays import add_working_days, is_working_day, nth_working_day_back, working_days_between

FRIDAY = date(2026, 11, 6)


def test_five_working_days_from_a_friday_is_the_next_friday():
    assert add_working_days(FRIDAY, 5) == date(2026, 11, 13)


def test_two_working_days_from_a_thursday_cross_the_weekend_to_monday():
    assert add_working_days(date(2026, 11, 5), 2) == date(2026, 11, 9)


def test_a_weekend_start_counts_from_monday():
    assert add_working_days(date(2026, 11, 7), 1) == date(2026, 11, 9)  # Saturday → Monday
    assert add_working_days(date(2026, 11, 8), 5) == date(2026, 11, 13)  # Sunday → Friday
    assert add_working_days(date(2026, 11, 7), 0) == date(2026, 11, 9)


def test_working_days_between_skip_weekends():
    assert working_days_between(FRIDAY, date(2026, 11, 9)) == 1  # Fri → Mon
    assert working_days_between(FRIDAY, date(2026, 11, 8)) == 0
    assert working_days_between(FRIDAY, date(2026, 11, 20)) == 10
    assert working_days_between(FRIDAY, FRIDAY - timedelta(days=3)) == 0


@pytest.mark.parametrize("n", [1, 5, 11])
def test_the_age_boundary_agrees_with_the_count_every_day_of_a_year(n):
    for offset in range(0, 366, 1):
        today = date(2026, 1, 1) + timedelta(days=offset)
        boundary = nth_working_day_back(today, n)
        assert is_working_day(boundary)
        for opened in (boundary - timedelta(days=1), boundary, boundary + timedelta(days=1)):
            assert (working_days_between(opened, today) < n) == (opened >= boundary), (today, opened)


def test_adding_and_counting_agree():
    for offset in range(30):
        start = FRIDAY + timedelta(days=offset)
        for days in (1, 3, 5, 10):
            assert working_days_between(start, add_working_days(start, days)) == days
