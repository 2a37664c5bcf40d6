"""The working-day calendars against the checks DOMAIN.md gives."""

from datetime import date

import pytest

from innohub.common.calendars import (
    CHINA,
    ISRAEL,
    china_schedule_published_through,
    is_provisional,
    is_working_day,
    next_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("day", "shifted"),
    [
        (date(2025, 10, 1), date(2025, 10, 9)),  # National Day golden week
        (date(2025, 2, 8), date(2025, 2, 8)),  # a make-up Saturday is a working day
        (date(2025, 5, 31), date(2025, 6, 3)),  # Dragon Boat Festival weekend
        (date(2007, 12, 30), date(2008, 1, 2)),  # New Year across the year boundary
        (date(2025, 10, 13), date(2025, 10, 13)),  # an ordinary Monday stays
    ],
)
def test_it_shifts_chinese_deadlines_as_cnipa_does(day, shifted):
    assert next_working_day(day, CHINA) == shifted


def test_the_israeli_week_runs_sunday_to_thursday():
    assert is_working_day(date(2026, 11, 22), ISRAEL)  # Sunday
    assert not is_working_day(date(2026, 11, 20), ISRAEL)  # Friday
    assert not is_working_day(date(2026, 11, 21), ISRAEL)  # Saturday
    assert next_working_day(date(2026, 11, 20), ISRAEL) == date(2026, 11, 22)


def test_israeli_holidays_are_days_off():
    assert not is_working_day(date(2025, 10, 2), ISRAEL)  # Yom Kippur 5786
    assert next_working_day(date(2025, 10, 2), ISRAEL) == date(2025, 10, 5)


def test_years_beyond_the_published_chinese_schedule_are_provisional():
    last = china_schedule_published_through()
    assert not is_provisional(date(last, 12, 31), CHINA)
    assert is_provisional(date(last + 1, 1, 1), CHINA)
    assert not is_provisional(date(last + 5, 1, 1), ISRAEL)


def test_it_counts_working_days_in_a_closed_interval():
    # Mon 29 and Tue 30 September, then Thu 9 and Fri 10 October after the golden week.
    assert working_days_between(date(2025, 9, 29), date(2025, 10, 10), CHINA) == 4


def test_other_countries_get_their_own_weekend_and_holidays():
    assert is_working_day(date(2025, 10, 2), "DE")  # an ordinary Thursday in Germany
    assert not is_working_day(date(2025, 10, 3), "DE")  # German Unity Day
    assert not is_working_day(date(2025, 10, 4), "DE")  # Saturday
    with pytest.raises(ValueError):
        is_working_day(date(2025, 10, 2), "XX")
