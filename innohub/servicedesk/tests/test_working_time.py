"""Due times in desk hours across evenings, weekends, Chinese holidays and make-up days."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innohub.common.calendars import CHINA, ISRAEL, is_working_day
from innohub.servicedesk.working_time import (
    SHANGHAI_DESK,
    DeskHours,
    Timeliness,
    add_working_days,
    add_working_hours,
    add_working_time,
    due_is_provisional,
    is_open_at,
    timeliness,
    working_time_between,
)

SH = ZoneInfo("Asia/Shanghai")
JLM = ZoneInfo("Asia/Jerusalem")


def sh(*args):
    return datetime(*args, tzinfo=SH)


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        # Friday afternoon: two hours on Friday, two on Monday.
        (sh(2025, 3, 14, 16, 0), 4, sh(2025, 3, 17, 11, 0)),
        # Before opening the clock starts at 09:00.
        (sh(2025, 3, 17, 7, 30), 2, sh(2025, 3, 17, 11, 0)),
        # In the evening the clock starts the next morning.
        (sh(2025, 3, 18, 20, 0), 1, sh(2025, 3, 19, 10, 0)),
        # A full desk day from opening ends at closing time the same day, not the next morning.
        (sh(2025, 3, 17, 9, 0), 9, sh(2025, 3, 17, 18, 0)),
        # Submitted on a Saturday: the clock starts on Monday.
        (sh(2025, 3, 15, 11, 0), 3, sh(2025, 3, 17, 12, 0)),
        # National Day golden week 2025 (1–8 October): one hour on 30 September, then the 9th.
        (sh(2025, 9, 30, 17, 0), 2, sh(2025, 10, 9, 10, 0)),
        # Sunday 28 September 2025 is a make-up working day: it counts.
        (sh(2025, 9, 26, 17, 0), 2, sh(2025, 9, 28, 10, 0)),
        # Saturday 11 October 2025 is a make-up working day too.
        (sh(2025, 10, 10, 17, 30), 1, sh(2025, 10, 11, 9, 30)),
        # Spring Festival 2025 (28 January – 4 February): Monday 27th, then Wednesday 5th.
        (sh(2025, 1, 27, 12, 0), 8, sh(2025, 2, 5, 11, 0)),
        # Dragon Boat Festival 2025: Saturday 31 May to Monday 2 June are days off.
        (sh(2025, 5, 30, 18, 0), 1, sh(2025, 6, 3, 10, 0)),
        # 2 hours over New Year 2026 (1–3 January; Sunday 4 January is a make-up day).
        (sh(2025, 12, 31, 17, 0), 2, sh(2026, 1, 4, 10, 0)),
    ],
)
def test_it_computes_due_times_in_desk_hours(start, hours, due):
    assert add_working_hours(start, hours, SHANGHAI_DESK) == due
    assert add_working_hours(start, hours, SHANGHAI_DESK).tzinfo == UTC


def test_a_zero_duration_is_the_next_moment_the_desk_is_open():
    assert add_working_time(sh(2025, 10, 1, 10, 0), timedelta(0), SHANGHAI_DESK) == sh(
        2025, 10, 9, 9, 0
    )
    inside = sh(2025, 3, 17, 10, 15)
    assert add_working_time(inside, timedelta(0), SHANGHAI_DESK) == inside


def test_working_days_are_full_desk_days():
    assert add_working_days(sh(2025, 3, 14, 10, 0), 2, SHANGHAI_DESK) == sh(2025, 3, 18, 10, 0)
    assert add_working_days(sh(2025, 9, 29, 10, 0), 3, SHANGHAI_DESK) == sh(2025, 10, 10, 10, 0)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (sh(2025, 3, 14, 17, 0), sh(2025, 3, 17, 10, 0), timedelta(hours=2)),
        (sh(2025, 9, 30, 9, 0), sh(2025, 10, 9, 9, 0), timedelta(hours=9)),
        (sh(2025, 9, 27, 9, 0), sh(2025, 9, 28, 18, 0), timedelta(hours=9)),  # make-up Sunday
        (sh(2025, 3, 17, 19, 0), sh(2025, 3, 17, 23, 0), timedelta(0)),
        (sh(2025, 3, 17, 12, 0), sh(2025, 3, 17, 11, 0), timedelta(0)),
    ],
)
def test_it_measures_desk_time_between_two_moments(start, end, expected):
    assert working_time_between(start, end, SHANGHAI_DESK) == expected


def test_it_accepts_any_time_zone_and_counts_shanghai_hours():
    # 01:00 UTC on a Monday is 09:00 in Shanghai.
    start = datetime(2025, 3, 17, 1, 0, tzinfo=UTC)
    assert add_working_hours(start, 1, SHANGHAI_DESK) == datetime(2025, 3, 17, 2, 0, tzinfo=UTC)


def test_an_israeli_desk_works_sunday_to_thursday_and_keeps_its_summer_time():
    desk = DeskHours(zone="Asia/Jerusalem", country=ISRAEL)
    due = add_working_hours(datetime(2025, 3, 27, 17, 0, tzinfo=JLM), 2, desk)
    # Thursday 17:00 + 2 h: Friday and Saturday are off; the clocks move on 28 March.
    assert due == datetime(2025, 3, 30, 10, 0, tzinfo=JLM)
    assert due.astimezone(JLM).utcoffset() == timedelta(hours=3)


def test_naive_datetimes_and_negative_durations_are_refused():
    with pytest.raises(ValueError):
        add_working_hours(datetime(2025, 3, 17, 9, 0), 1, SHANGHAI_DESK)
    with pytest.raises(ValueError):
        add_working_time(sh(2025, 3, 17, 9, 0), timedelta(hours=-1), SHANGHAI_DESK)
    with pytest.raises(ValueError):
        DeskHours(opens=time(18), closes=time(9))


def test_due_times_beyond_the_published_schedule_are_provisional():
    assert not due_is_provisional(sh(2025, 10, 9, 10, 0), SHANGHAI_DESK)
    assert due_is_provisional(sh(2099, 1, 5, 10, 0), SHANGHAI_DESK)


def test_it_knows_when_the_desk_is_open():
    assert is_open_at(sh(2025, 9, 28, 10, 0), SHANGHAI_DESK)  # make-up Sunday
    assert not is_open_at(sh(2025, 10, 2, 10, 0), SHANGHAI_DESK)
    assert not is_open_at(sh(2025, 3, 17, 18, 0), SHANGHAI_DESK)


def test_timeliness_is_on_time_late_or_still_open():
    due = sh(2025, 3, 17, 12, 0)
    assert timeliness(due, sh(2025, 3, 17, 11, 59), sh(2025, 3, 20, 9, 0)) == Timeliness.ON_TIME
    assert timeliness(due, due, due) == Timeliness.ON_TIME
    assert timeliness(due, sh(2025, 3, 17, 12, 1), sh(2025, 3, 17, 12, 1)) == Timeliness.LATE
    assert timeliness(due, None, sh(2025, 3, 17, 13, 0)) == Timeliness.LATE
    assert timeliness(due, None, sh(2025, 3, 17, 11, 0)) == Timeliness.OPEN
    assert timeliness(None, None, due) is None


moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 20), timezones=st.just(SH)
)


@settings(max_examples=150, deadline=None)
@given(start=moments, minutes=st.integers(min_value=0, max_value=60 * 9 * 15))
def test_adding_then_measuring_gives_back_the_duration(start, minutes):
    duration = timedelta(minutes=minutes)
    due = add_working_time(start, duration, SHANGHAI_DESK)
    assert working_time_between(start, due, SHANGHAI_DESK) == duration
    assert due >= start
    if minutes:
        # The deadline falls on a working day, inside opening hours or exactly at closing time.
        local = due.astimezone(SH)
        assert time(9) < local.time() <= time(18)
        assert is_working_day(local.date(), CHINA)
