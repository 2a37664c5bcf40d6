"""Recurring bookings: the RFC 5545 rule and its occurrences in the hub's own wall-clock time."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule as dateutil_rrule

from innohub.spaces.recurrence import (
    MAX_OCCURRENCES,
    Recurrence,
    RecurrenceError,
    occurrences,
    to_rrule,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
JERUSALEM = ZoneInfo("Asia/Jerusalem")
HOUR = timedelta(hours=1)


def test_it_repeats_weekly_a_given_number_of_times_starting_with_the_first():
    first = datetime(2026, 3, 3, 14, 0, tzinfo=SHANGHAI)  # a Tuesday
    found = occurrences(first, 2 * HOUR, Recurrence("weekly", count=4))
    assert [start.date() for start, _end in found] == [
        date(2026, 3, 3),
        date(2026, 3, 10),
        date(2026, 3, 17),
        date(2026, 3, 24),
    ]
    assert all(end - start == 2 * HOUR for start, end in found)
    assert all(start.hour == 14 for start, _end in found)


def test_it_repeats_every_two_weeks_on_several_weekdays_until_a_date():
    first = datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)  # a Monday
    found = occurrences(
        first, HOUR, Recurrence("weekly", interval=2, weekdays=(0, 3), until=date(2026, 3, 31))
    )
    assert [start.date() for start, _end in found] == [
        date(2026, 3, 2),
        date(2026, 3, 5),
        date(2026, 3, 16),
        date(2026, 3, 19),
        date(2026, 3, 30),
    ]


def test_it_counts_the_first_start_even_when_the_rule_would_skip_it():
    first = datetime(2026, 3, 4, 10, 0, tzinfo=SHANGHAI)  # a Wednesday, rule on Mondays
    found = occurrences(first, HOUR, Recurrence("weekly", weekdays=(0,), count=3))
    assert [start.date() for start, _end in found] == [
        date(2026, 3, 4),
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]


def test_it_skips_months_without_the_day_when_repeating_monthly():
    first = datetime(2026, 1, 31, 10, 0, tzinfo=SHANGHAI)
    found = occurrences(first, HOUR, Recurrence("monthly", count=3))
    assert [start.date() for start, _end in found] == [
        date(2026, 1, 31),
        date(2026, 3, 31),
        date(2026, 5, 31),
    ]


def test_it_keeps_the_local_hour_across_a_daylight_saving_change():
    # Jerusalem moves to summer time on Friday 2026-03-27: 18:00 local stays 18:00 local.
    first = datetime(2026, 3, 23, 18, 0, tzinfo=JERUSALEM)
    found = occurrences(first, HOUR, Recurrence("weekly", count=2))
    in_utc = [start.astimezone(UTC).hour for start, _end in found]
    assert [start.hour for start, _end in found] == [18, 18]
    assert in_utc == [16, 15]


def test_it_writes_an_rfc_5545_rule_that_expands_to_the_same_dates():
    first = datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)
    recurrence = Recurrence("weekly", interval=2, weekdays=(3, 0), until=date(2026, 3, 31))
    rule = to_rrule(recurrence, SHANGHAI)
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20260331T155959Z"
    parsed = dateutil_rrule.rrulestr(rule, dtstart=first.astimezone(UTC))
    assert [d.astimezone(SHANGHAI) for d in parsed] == [
        s for s, _e in occurrences(first, HOUR, recurrence)
    ]


@pytest.mark.parametrize(
    ("recurrence", "code"),
    [
        (Recurrence("yearly", count=2), "frequency"),
        (Recurrence("weekly"), "end"),
        (Recurrence("weekly", count=2, until=date(2026, 5, 1)), "end"),
        (Recurrence("weekly", count=MAX_OCCURRENCES + 1), "count"),
        (Recurrence("daily", weekdays=(1,), count=3), "weekdays"),
        (Recurrence("daily", until=date(2028, 1, 1)), "too_far"),
        (Recurrence("weekly", interval=13, count=2), "interval"),
    ],
)
def test_it_refuses_rules_it_cannot_use(recurrence, code):
    first = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
    with pytest.raises(RecurrenceError) as caught:
        occurrences(first, HOUR, recurrence)
    assert caught.value.code == code


def test_it_refuses_more_than_a_hundred_dates_from_an_end_date():
    first = datetime(2026, 1, 1, 9, 0, tzinfo=SHANGHAI)
    with pytest.raises(RecurrenceError) as caught:
        occurrences(first, HOUR, Recurrence("daily", until=date(2026, 12, 31)))
    assert caught.value.code == "too_many"
