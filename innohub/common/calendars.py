"""Working days in China and Israel, from the `holidays` package: the one place both calendars live.

China: Monday–Friday, minus public holidays, plus the announced make-up working days (调休).
Israel: Sunday–Thursday, minus the public holidays (Friday and Saturday are the weekend).
Any other country the package knows gets its own weekend and public holidays (used by the
events slot finder when a third country joins a meeting).
China's make-up days of a year are published only around the November before, so dates in a
later year than the installed package covers are provisional.
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta
from functools import cache, lru_cache

import holidays
from holidays.countries.china import ChinaStaticHolidays

CHINA = "CN"
ISRAEL = "IL"
# Wide enough for every term the IP engine computes (a trademark renewed into the 2090s).
_YEARS = range(1985, 2101)
# Other countries are filled for a shorter span: they serve scheduling, not IP deadlines.
_OTHER_YEARS = range(2000, 2051)


@cache
def calendar(country: str) -> holidays.HolidayBase:
    """The holiday calendar of a country, filled for 1985–2100 once (so threads only read it)."""
    if country == CHINA:
        return holidays.China(years=_YEARS)
    if country == ISRAEL:
        return holidays.Israel(years=_YEARS)
    try:
        with warnings.catch_warnings():
            # Some calendars (India's) know only part of the span and warn about the rest.
            warnings.simplefilter("ignore")
            return holidays.country_holidays(country, years=_OTHER_YEARS)
    except NotImplementedError:
        raise ValueError(f"no working-day calendar for {country!r}") from None


@cache
def china_schedule_published_through() -> int:
    """The last year whose Chinese holiday and make-up-day schedule the installed package has."""
    return max(ChinaStaticHolidays.special_public_holidays)


def is_provisional(day: date, country: str) -> bool:
    """True when the day's working status may still change (schedule not yet published)."""
    return country == CHINA and day.year > china_schedule_published_through()


def is_working_day(day: date, country: str) -> bool:
    return calendar(country).is_working_day(day)


@lru_cache(maxsize=65536)
def next_working_day(day: date, country: str) -> date:
    """The day itself when it is a working day, else the first working day after it.

    Cached: deadline engines ask for the same few thousand days millions of times.
    """
    return calendar(country).get_nth_working_day(day, 0)


def add_working_days(day: date, n: int, country: str) -> date:
    """The n-th working day after `day` (n ≥ 0; 0 gives next_working_day)."""
    return calendar(country).get_nth_working_day(day, n) if n else next_working_day(day, country)


def holiday_name(day: date, country: str) -> str | None:
    """The public holiday on that day, if any (in English, as the package names it)."""
    return calendar(country).get(day)


def working_days_between(start: date, end: date, country: str) -> int:
    """Working days in the closed interval [start, end]."""
    if end < start:
        return 0
    return calendar(country).get_working_days_count(start, end)


def days(start: date, end: date) -> list[date]:
    """Every calendar day from start to end inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
