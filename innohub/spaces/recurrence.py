"""Recurring bookings as RFC 5545 rules: write the RRULE and expand it in the room's zone.

A pure module (no Django models): the occurrences of "every Tuesday 14:00–16:00 Shanghai time"
are computed on local wall-clock time and only then turned into UTC, so a series keeps its
local hour across daylight-saving changes in zones that have them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule

MAX_OCCURRENCES = 100
MAX_SPAN_DAYS = 366

FREQUENCIES = {"daily": rrule.DAILY, "weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY}
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class RecurrenceError(ValueError):
    """A rule that cannot be used; `code` says which check failed."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Recurrence:
    frequency: str  # daily | weekly | monthly
    interval: int = 1
    weekdays: tuple[int, ...] = field(default_factory=tuple)  # 0 = Monday, weekly only
    count: int | None = None
    until: date | None = None  # last local day on which an occurrence may fall

    def check(self) -> None:
        if self.frequency not in FREQUENCIES:
            raise RecurrenceError("frequency")
        if not 1 <= self.interval <= 12:
            raise RecurrenceError("interval")
        if (self.count is None) == (self.until is None):
            raise RecurrenceError("end")
        if self.count is not None and not 1 <= self.count <= MAX_OCCURRENCES:
            raise RecurrenceError("count")
        if any(day not in range(7) for day in self.weekdays):
            raise RecurrenceError("weekdays")
        if self.weekdays and self.frequency != "weekly":
            raise RecurrenceError("weekdays")


def to_rrule(recurrence: Recurrence, zone: ZoneInfo) -> str:
    """The RRULE value (without the "RRULE:" prefix), UNTIL in UTC as RFC 5545 requires."""
    recurrence.check()
    parts = [f"FREQ={recurrence.frequency.upper()}"]
    if recurrence.interval != 1:
        parts.append(f"INTERVAL={recurrence.interval}")
    if recurrence.weekdays:
        days = sorted(set(recurrence.weekdays))
        parts.append("BYDAY=" + ",".join(WEEKDAY_CODES[d] for d in days))
    if recurrence.count is not None:
        parts.append(f"COUNT={recurrence.count}")
    else:
        assert recurrence.until is not None
        last_moment = datetime.combine(recurrence.until, time(23, 59, 59), tzinfo=zone)
        parts.append(f"UNTIL={last_moment.astimezone(UTC):%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def occurrences(
    first_start: datetime, duration: timedelta, recurrence: Recurrence
) -> list[tuple[datetime, datetime]]:
    """(start, end) of every occurrence, aware in first_start's zone, the first one included.

    Raises RecurrenceError("too_many") beyond MAX_OCCURRENCES and ("too_far") when the
    series runs past MAX_SPAN_DAYS.
    """
    recurrence.check()
    if first_start.tzinfo is None:
        raise RecurrenceError("naive")
    zone = first_start.tzinfo
    local_start = first_start.replace(tzinfo=None)
    kwargs: dict = {"dtstart": local_start, "interval": recurrence.interval}
    if recurrence.weekdays:
        kwargs["byweekday"] = sorted(set(recurrence.weekdays))
    if recurrence.count is not None:
        kwargs["count"] = recurrence.count
    else:
        assert recurrence.until is not None
        if (recurrence.until - local_start.date()).days > MAX_SPAN_DAYS:
            raise RecurrenceError("too_far")
        kwargs["until"] = datetime.combine(recurrence.until, time(23, 59, 59))
    rule = rrule.rrule(FREQUENCIES[recurrence.frequency], **kwargs)
    found: list[tuple[datetime, datetime]] = []
    for index, naive in enumerate(rule):
        if index >= MAX_OCCURRENCES:
            raise RecurrenceError("too_many")
        if (naive.date() - local_start.date()).days > MAX_SPAN_DAYS:
            raise RecurrenceError("too_far")
        start = naive.replace(tzinfo=zone)
        end = (naive + duration).replace(tzinfo=zone)
        found.append((start, end))
    # RFC 5545 counts DTSTART as the first occurrence even when the rule would not produce it
    # (a weekly rule on other weekdays than the first start's); dateutil leaves it out.
    if not found or found[0][0] != first_start:
        found.insert(0, (first_start, first_start + duration))
        if recurrence.count is not None:
            found = found[: recurrence.count]
        if len(found) > MAX_OCCURRENCES:
            raise RecurrenceError("too_many")
    return found
