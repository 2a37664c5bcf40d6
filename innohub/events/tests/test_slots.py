"""The slot finder against weeks worked out by hand, and properties over many random requests.

Hand-worked reference (CN,IL; China 09:00–18:00 Shanghai, Israel 08:00–18:00 Jerusalem):
in Israeli summer time (UTC+3) both sides work from 05:00 to 10:00 UTC (Shanghai 13:00–18:00,
Jerusalem 08:00–13:00); in winter (UTC+2) from 06:00 to 10:00 UTC (Shanghai 14:00–18:00).
Full comfort on both sides needs Shanghai 13:30–17:00 and Jerusalem 09:00–16:00.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from innohub.common import calendars
from innohub.events.slots import (
    CHINA_RULES,
    ISRAEL_RULES,
    SlotRequestError,
    parse_countries,
    parse_hours,
    rules_for,
    rules_with_hours,
    slots_for_remote_session,
    working_window,
)

SH = ZoneInfo("Asia/Shanghai")
JER = ZoneInfo("Asia/Jerusalem")


def utc(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def find(date_from: date, date_to: date, minutes: int = 60, countries=("CN", "IL"), **kw):
    return slots_for_remote_session(
        date_from=date_from, date_to=date_to, minutes=minutes, countries=list(countries), **kw
    )


def shanghai_days(slots) -> set[date]:
    return {slot.start.astimezone(SH).date() for slot in slots}


# ---------------------------------------------------------------- hand-worked weeks


def test_it_works_out_the_national_day_week_with_sukkot_and_a_make_up_saturday():
    # Sun 5 – Sat 11 October 2025. China: 1–8 October off (National Day, Mid-Autumn), the
    # make-up Saturday 11 October is a working day. Israel: Sukkot on Tuesday 7 October,
    # Friday 10 October mornings only, Saturday off. Summer time in Jerusalem (UTC+3).
    slots = find(date(2025, 10, 5), date(2025, 10, 11))
    assert shanghai_days(slots) == {date(2025, 10, 9), date(2025, 10, 10)}
    thursday = [s for s in slots if s.start.date() == date(2025, 10, 9)]
    friday = [s for s in slots if s.start.date() == date(2025, 10, 10)]
    # Both sides work 05:00–10:00 UTC: nine one-hour slots start every half hour each day.
    assert [s.start for s in sorted(thursday, key=lambda s: s.start)] == [
        utc(2025, 10, 9, 5) + timedelta(minutes=30 * i) for i in range(9)
    ]
    assert len(friday) == 9
    # Best: Shanghai 14:00–16:00 starts (Jerusalem 09:00–11:00), all on Thursday.
    best = slots[:5]
    assert [s.start.astimezone(SH).time() for s in best] == [
        time(14),
        time(14, 30),
        time(15),
        time(15, 30),
        time(16),
    ]
    assert all(s.score == 1.0 for s in best)
    # Then, still Thursday: Shanghai 16:30 (last half hour after 17:00 at 0.7) → 0.85;
    # Jerusalem 08:30 (half an hour before 09:00 at 0.6) → 0.8; Shanghai 17:00 → 0.7;
    # Shanghai 13:00 (lunch till 13:30 at 0.4, Jerusalem 08:00 at 0.6) → 0.6.
    assert [(s.start, s.score) for s in slots[5:9]] == [
        (utc(2025, 10, 9, 8, 30), 0.85),
        (utc(2025, 10, 9, 5, 30), 0.8),
        (utc(2025, 10, 9, 9), 0.7),
        (utc(2025, 10, 9, 5), 0.6),
    ]
    # Friday is a short day in Israel at half comfort: nothing there beats Thursday.
    assert max(s.score for s in friday) == 0.5
    assert all(s.start.astimezone(JER).time() < time(13) for s in friday)
    assert all(s.end.astimezone(JER).time() <= time(13) for s in friday)


def test_the_chinese_make_up_saturday_suits_china_alone():
    saturday = date(2025, 10, 11)
    assert find(saturday, saturday) == []
    china_only = find(saturday, saturday, countries=["CN"])
    assert china_only
    assert shanghai_days(china_only) == {saturday}
    assert china_only[0].start.astimezone(SH).time() == time(10)


def test_it_works_out_the_week_of_yom_kippur_2021_and_its_make_up_saturday():
    # Sun 12 – Sat 18 September 2021: Yom Kippur on Thursday 16 (its eve, Wednesday 15, is
    # a short day in Israel); Saturday 18 is a Chinese make-up day for the Mid-Autumn Festival.
    slots = find(date(2021, 9, 12), date(2021, 9, 18))
    by_day: dict[date, list] = {}
    for slot in slots:
        by_day.setdefault(slot.start.astimezone(SH).date(), []).append(slot)
    assert set(by_day) == {
        date(2021, 9, 13),
        date(2021, 9, 14),
        date(2021, 9, 15),
        date(2021, 9, 17),
    }
    assert max(s.score for s in by_day[date(2021, 9, 13)]) == 1.0
    assert max(s.score for s in by_day[date(2021, 9, 14)]) == 1.0
    # The eve of Yom Kippur: Israel works the morning only, at half the comfort.
    assert max(s.score for s in by_day[date(2021, 9, 15)]) == 0.5
    assert all(s.end.astimezone(JER).time() <= time(13) for s in by_day[date(2021, 9, 15)])
    assert max(s.score for s in by_day[date(2021, 9, 17)]) == 0.5
    # Ten best: five on Monday then five on Tuesday, Shanghai 14:00–16:00 starts.
    assert [s.start.astimezone(SH).date() for s in slots[:10]] == [date(2021, 9, 13)] * 5 + [
        date(2021, 9, 14)
    ] * 5


def test_a_chinese_make_up_sunday_is_a_working_day_on_both_sides():
    # 28 September 2025 is a make-up Sunday in China and an ordinary Sunday in Israel.
    make_up_sunday = find(date(2025, 9, 28), date(2025, 9, 28))
    assert make_up_sunday
    assert make_up_sunday[0].score == 1.0
    assert find(date(2025, 9, 21), date(2025, 9, 21)) == []  # an ordinary Sunday


def test_rosh_hashanah_and_its_eve_shape_the_week():
    slots = find(date(2025, 9, 21), date(2025, 9, 27))
    days = shanghai_days(slots)
    assert date(2025, 9, 23) not in days  # Rosh Hashanah
    assert date(2025, 9, 24) not in days
    eve = [s for s in slots if s.start.astimezone(SH).date() == date(2025, 9, 22)]
    assert eve
    assert max(s.score for s in eve) == 0.5
    assert slots[0].start.astimezone(SH).date() == date(2025, 9, 25)


def test_the_shared_afternoon_moves_an_hour_when_israel_changes_its_clocks():
    # Israel moves to summer time on Friday 27 March 2026.
    winter = find(date(2026, 3, 26), date(2026, 3, 26))
    summer = find(date(2026, 3, 30), date(2026, 3, 30))
    perfect_winter = sorted(s.start.astimezone(SH).time() for s in winter if s.score == 1.0)
    perfect_summer = sorted(s.start.astimezone(SH).time() for s in summer if s.score == 1.0)
    assert perfect_winter == [time(15), time(15, 30), time(16)]
    assert perfect_summer == [time(14), time(14, 30), time(15), time(15, 30), time(16)]
    # The same Shanghai time is 09:00 in Jerusalem in winter and 10:00 in summer.
    assert winter[0].local["Asia/Jerusalem"].time() == time(9)
    assert winter[0].local["Asia/Jerusalem"].utcoffset() == timedelta(hours=2)
    summer_15 = next(s for s in summer if s.start.astimezone(SH).time() == time(15))
    assert summer_15.local["Asia/Jerusalem"].time() == time(10)
    assert summer_15.local["Asia/Jerusalem"].utcoffset() == timedelta(hours=3)


def test_winter_leaves_four_shared_hours():
    slots = find(date(2025, 11, 13), date(2025, 11, 13))
    starts = sorted(s.start for s in slots)
    assert starts[0] == utc(2025, 11, 13, 6)  # Shanghai 14:00, Jerusalem 08:00
    assert starts[-1] == utc(2025, 11, 13, 9)  # the last hour ends at Shanghai 18:00
    assert len(starts) == 7


def test_a_long_meeting_needs_a_long_overlap():
    assert find(date(2025, 11, 13), date(2025, 11, 13), minutes=240)[0].start == utc(
        2025, 11, 13, 6
    )
    assert find(date(2025, 11, 13), date(2025, 11, 13), minutes=270) == []


# ---------------------------------------------------------------- options


def test_it_ranks_by_score_then_by_the_happier_side_then_by_time():
    slots = find(date(2025, 10, 1), date(2025, 10, 31))
    keys = [(-s.score, -sum(s.comfort.values()) / len(s.comfort), s.start) for s in slots]
    assert keys == sorted(keys)


def test_limit_and_not_before_cut_the_list():
    everything = find(date(2025, 10, 9), date(2025, 10, 9))
    assert len(find(date(2025, 10, 9), date(2025, 10, 9), limit=2)) == 2
    later = find(date(2025, 10, 9), date(2025, 10, 9), not_before=utc(2025, 10, 9, 8))
    assert {s.start for s in later} == {
        s.start for s in everything if s.start >= utc(2025, 10, 9, 8)
    }


def test_a_range_asked_again_gives_the_same_slots_that_no_caller_can_change():
    first = find(date(2025, 10, 6), date(2025, 10, 19))
    with pytest.raises(TypeError):
        first[0].comfort["CN"] = 0.0  # type: ignore[index]
    with pytest.raises(TypeError):
        first[0].local["Asia/Shanghai"] = first[0].start  # type: ignore[index]
    first.clear()  # the caller's own list
    again = find(date(2025, 10, 6), date(2025, 10, 19))
    assert again and [s.as_json() for s in again] == [
        s.as_json() for s in find(date(2025, 10, 6), date(2025, 10, 19), limit=None)
    ]
    assert [s.start for s in find(date(2025, 10, 6), date(2025, 10, 19), limit=3)] == [
        s.start for s in again[:3]
    ]


def test_working_hours_can_be_changed_per_country():
    rules = rules_with_hours({"IL": (time(10), time(17))})
    slots = find(date(2025, 10, 9), date(2025, 10, 9), rules=rules)
    # Jerusalem 10:00 is 07:00 UTC; Shanghai still ends at 18:00 (10:00 UTC).
    assert min(s.start for s in slots) == utc(2025, 10, 9, 7)
    assert max(s.end for s in slots) == utc(2025, 10, 9, 10)


def test_a_third_country_brings_its_own_zone_weekend_and_holidays():
    # Thursday 2 October 2025 is Yom Kippur in Israel, Friday 3 October German Unity Day.
    assert find(date(2025, 10, 2), date(2025, 10, 3), countries=["IL", "DE"]) == []
    assert find(date(2025, 10, 9), date(2025, 10, 9), countries=["IL", "DE"])
    slots = find(date(2025, 10, 9), date(2025, 10, 9), countries=["CN", "IL", "DE"])
    assert slots
    assert set(slots[0].local) == {"Asia/Shanghai", "Asia/Jerusalem", "Europe/Berlin"}
    berlin = slots[0].local["Europe/Berlin"].time()
    assert time(9) <= berlin < time(18)
    assert rules_for("US:America/Chicago").zone == "America/Chicago"


def test_the_json_shape_is_the_documented_one():
    slot = find(date(2025, 10, 9), date(2025, 10, 9), limit=1)[0]
    assert slot.as_json() == {
        "start": "2025-10-09T06:00:00Z",
        "end": "2025-10-09T07:00:00Z",
        "local": {
            "Asia/Shanghai": "2025-10-09T14:00:00+08:00",
            "Asia/Jerusalem": "2025-10-09T09:00:00+03:00",
        },
        "score": 1.0,
    }


@pytest.mark.parametrize(
    "kwargs",
    [
        {"date_from": date(2025, 10, 9), "date_to": date(2025, 10, 8)},
        {"date_from": date(2025, 1, 1), "date_to": date(2026, 1, 2)},
        {"minutes": 5},
        {"minutes": 11 * 60},
        {"countries": []},
        {"countries": ["XX"]},
        {"countries": ["US"]},  # several zones: one must be named
        {"countries": ["IL:Mars/Olympus"]},
    ],
)
def test_it_refuses_requests_it_cannot_answer(kwargs):
    request = {
        "date_from": date(2025, 10, 9),
        "date_to": date(2025, 10, 9),
        "minutes": 60,
        "countries": ["CN", "IL"],
    } | kwargs
    with pytest.raises(SlotRequestError):
        slots_for_remote_session(**request)


def test_it_parses_country_lists_and_hours():
    assert parse_countries("cn, IL,cn") == ["CN", "IL"]
    assert parse_countries("CN,US:America/New_York") == ["CN", "US:America/New_York"]
    assert parse_hours("il=08:30-17:00") == ("IL", (time(8, 30), time(17)))
    for bad in ("IL", "IL=17:00-08:00", "IL=8-x"):
        with pytest.raises(SlotRequestError):
            parse_hours(bad)


def test_israeli_working_windows():
    assert working_window(ISRAEL_RULES, date(2025, 10, 9)) == (time(8), time(18), 1.0)
    assert working_window(ISRAEL_RULES, date(2025, 10, 10)) == (time(8), time(13), 0.5)  # Fri
    assert working_window(ISRAEL_RULES, date(2025, 10, 11)) is None  # Saturday
    assert working_window(ISRAEL_RULES, date(2025, 10, 6)) == (time(8), time(13), 0.5)  # eve
    assert working_window(ISRAEL_RULES, date(2025, 10, 7)) is None  # Sukkot
    assert working_window(ISRAEL_RULES, date(2026, 5, 22)) is None  # Shavuot on a Friday
    assert working_window(CHINA_RULES, date(2025, 10, 11)) == (time(9), time(18), 1.0)


def test_the_command_prints_the_slots_as_json():
    out = StringIO()
    call_command(
        "slots",
        "--from",
        "2025-10-05",
        "--to",
        "2025-10-11",
        "--minutes",
        "60",
        "--countries",
        "CN,IL",
        "--limit",
        "3",
        "--json",
        stdout=out,
    )
    printed = json.loads(out.getvalue())
    assert [row["start"] for row in printed] == [
        "2025-10-09T06:00:00Z",
        "2025-10-09T06:30:00Z",
        "2025-10-09T07:00:00Z",
    ]
    assert printed[0]["local"]["Asia/Jerusalem"] == "2025-10-09T09:00:00+03:00"
    assert printed[0]["score"] == 1.0


def test_the_command_explains_what_is_wrong():
    with pytest.raises(CommandError, match="range"):
        call_command("slots", "--from", "2025-10-05", "--to", "2025-10-01", "--minutes", "60")
    out = StringIO()
    call_command(
        "slots", "--from", "2025-10-11", "--to", "2025-10-11", "--minutes", "60", stdout=out
    )
    assert "No slot" in out.getvalue()


def test_the_command_takes_other_working_hours():
    out = StringIO()
    call_command(
        "slots",
        "--from=2025-10-09",
        "--to=2025-10-09",
        "--minutes=60",
        "--hours=IL=10:00-17:00",
        "--json",
        stdout=out,
    )
    assert min(row["start"] for row in json.loads(out.getvalue())) == "2025-10-09T07:00:00Z"


# ---------------------------------------------------------------- properties


def _fits(rules, start: datetime, end: datetime) -> bool:
    """An independent check: the slot lies inside the country's hours on a day it works."""
    zone = ZoneInfo(rules.zone)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    day = local_start.date()
    if local_end.date() != day:
        return False
    if calendars.holiday_name(day, rules.country):
        return False
    eve = calendars.holiday_name(day + timedelta(days=1), rules.country) is not None
    if calendars.is_working_day(day, rules.country) and not (rules.holiday_eves_are_short and eve):
        opens, closes = rules.hours
    elif rules.short_day_hours and (
        day.weekday() in rules.short_weekdays or calendars.is_working_day(day, rules.country)
    ):
        opens, closes = rules.short_day_hours
    else:
        return False
    return opens <= local_start.time() and local_end.time() <= closes


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 1)),
    span=st.integers(min_value=0, max_value=20),
    minutes=st.sampled_from([15, 30, 45, 60, 90, 120, 180]),
    countries=st.sampled_from([["CN", "IL"], ["IL", "CN"], ["CN"], ["IL"]]),
)
def test_every_proposed_slot_suits_every_country(start, span, minutes, countries):
    end = start + timedelta(days=span)
    slots = find(start, end, minutes=minutes, countries=countries)
    reference = ZoneInfo(rules_for(countries[0]).zone)
    for slot in slots:
        assert slot.end - slot.start == timedelta(minutes=minutes)
        assert start <= slot.start.astimezone(reference).date() <= end
        assert slot.start.minute in (0, 30)
        assert 0 < slot.score <= 1
        for code in countries:
            assert _fits(rules_for(code), slot.start, slot.end)
    scores = [s.score for s in slots]
    assert scores == sorted(scores, reverse=True)
    assert len({s.start for s in slots}) == len(slots)


@settings(max_examples=40, deadline=None)
@given(day=st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31)))
def test_nothing_is_proposed_on_shabbat_or_a_public_holiday_of_either_side(day):
    slots = find(day, day)
    for slot in slots:
        jerusalem = slot.start.astimezone(JER)
        shanghai = slot.start.astimezone(SH)
        assert jerusalem.weekday() != 5
        assert not (jerusalem.weekday() == 4 and slot.end.astimezone(JER).time() > time(13))
        assert calendars.holiday_name(jerusalem.date(), "IL") is None
        assert calendars.holiday_name(shanghai.date(), "CN") is None
        assert calendars.is_working_day(shanghai.date(), "CN")
