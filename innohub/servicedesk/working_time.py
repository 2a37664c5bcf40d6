"""Working-time arithmetic of the service desk: due times and durations counted in desk hours.

A desk is open during fixed local hours (09:00–18:00 by default) on the working days of its
country's calendar (China: Monday–Friday minus public holidays plus the announced make-up
days). Everything here is pure: aware datetimes in, aware UTC datetimes out, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from innohub.common.calendars import CHINA, is_provisional, is_working_day, next_working_day


@dataclass(frozen=True)
class DeskHours:
    """When a service desk counts time: local opening hours on the country's working days."""

    zone: str = "Asia/Shanghai"
    country: str = CHINA
    opens: time = time(9, 0)
    closes: time = time(18, 0)

    def __post_init__(self) -> None:
        if self.closes <= self.opens:
            raise ValueError("a desk must close after it opens")

    @property
    def day_length(self) -> timedelta:
        return _at(date.min, self.closes) - _at(date.min, self.opens)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)


SHANGHAI_DESK = DeskHours()


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment)


def _local(value: datetime, hours: DeskHours) -> datetime:
    """The wall-clock time at the desk, naive (the desk counts wall-clock hours)."""
    if value.tzinfo is None:
        raise ValueError("working-time arithmetic needs aware datetimes")
    return value.astimezone(hours.tz).replace(tzinfo=None)


def _utc(local: datetime, hours: DeskHours) -> datetime:
    return local.replace(tzinfo=hours.tz).astimezone(UTC)


def _next_opening(local: datetime, hours: DeskHours) -> datetime:
    """The moment itself when the desk is open then, else the next time it opens."""
    day = local.date()
    if is_working_day(day, hours.country) and local.time() < hours.closes:
        return max(local, _at(day, hours.opens))
    day = next_working_day(day + timedelta(days=1), hours.country)
    return _at(day, hours.opens)


def add_working_time(start: datetime, duration: timedelta, hours: DeskHours) -> datetime:
    """The moment `duration` of desk time after `start` (UTC).

    Time outside opening hours, weekends and public holidays does not count; make-up working
    days do. A duration that ends exactly at closing time ends then, not at the next opening.
    A zero duration gives the next moment the desk is open.
    """
    if duration < timedelta(0):
        raise ValueError("the duration must not be negative")
    cursor = _next_opening(_local(start, hours), hours)
    remaining = duration
    while True:
        closing = _at(cursor.date(), hours.closes)
        available = closing - cursor
        if remaining <= available:
            return _utc(cursor + remaining, hours)
        remaining -= available
        cursor = _next_opening(closing, hours)


def add_working_hours(start: datetime, working_hours: float, hours: DeskHours) -> datetime:
    return add_working_time(start, timedelta(hours=working_hours), hours)


def add_working_days(start: datetime, working_days: int, hours: DeskHours) -> datetime:
    """`working_days` full desk days after `start`: 2 days from Monday 10:00 is Wednesday 10:00."""
    return add_working_time(start, hours.day_length * working_days, hours)


def working_time_between(start: datetime, end: datetime, hours: DeskHours) -> timedelta:
    """Desk time that passes from `start` to `end` (zero when end is not after start)."""
    if end <= start:
        return timedelta(0)
    local_start, local_end = _local(start, hours), _local(end, hours)
    total = timedelta(0)
    day = local_start.date()
    while day <= local_end.date():
        if is_working_day(day, hours.country):
            opens = max(_at(day, hours.opens), local_start)
            closes = min(_at(day, hours.closes), local_end)
            if closes > opens:
                total += closes - opens
        day += timedelta(days=1)
    return total


def due_is_provisional(due: datetime, hours: DeskHours) -> bool:
    """True when the due day lies in a year whose holiday schedule is not yet published."""
    return is_provisional(_local(due, hours).date(), hours.country)


def is_open_at(moment: datetime, hours: DeskHours) -> bool:
    local = _local(moment, hours)
    return (
        is_working_day(local.date(), hours.country) and hours.opens <= local.time() < hours.closes
    )


class Timeliness:
    """How a deadline stands: met in time, missed, or still ahead."""

    ON_TIME = "on_time"
    LATE = "late"
    OPEN = "open"


def timeliness(due: datetime | None, done: datetime | None, now: datetime) -> str | None:
    """ON_TIME when done by the due time, LATE when done after it or still not done after it."""
    if due is None:
        return None
    if done is not None:
        return Timeliness.ON_TIME if done <= due else Timeliness.LATE
    return Timeliness.LATE if now > due else Timeliness.OPEN
