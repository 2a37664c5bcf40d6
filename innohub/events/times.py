"""Shows a span of time in the viewer's zone and side by side in Shanghai and Jerusalem time.

Pure: stored times are UTC; every conversion goes through `zoneinfo`, so Israel's summer time
(UTC+3 from the Friday before the last Sunday of March to the last Sunday of October, UTC+2
otherwise) and any other zone's rules come from the tz database, never from fixed offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.utils.translation import gettext_lazy as _

from innohub.events.slots import JERUSALEM, REFERENCE_ZONES, SHANGHAI

ZONE_LABELS = {
    SHANGHAI: _("Shanghai"),
    JERUSALEM: _("Jerusalem"),
}


class LocalMoment(datetime):
    """A datetime already in the zone it is to be shown in.

    Django's `date` and `time` template filters convert aware datetimes to the active time
    zone unless told not to; this flag (the one Django's own `timezone` filter sets) tells them.
    """

    convert_to_local_time = False


def as_local(moment: datetime, zone: str) -> LocalMoment:
    value = moment.astimezone(ZoneInfo(zone))
    return LocalMoment(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=value.tzinfo,
        fold=value.fold,
    )


@dataclass(frozen=True)
class ZonedSpan:
    zone: str
    label: object  # a translated city name or the zone's IANA name
    start: datetime
    end: datetime
    is_viewer: bool
    is_reference: bool

    @property
    def offset(self) -> str:
        return utc_offset_label(self.start)

    @property
    def ends_on_another_day(self) -> bool:
        return self.end.date() != self.start.date() and self.end - self.start > timedelta(0)


def utc_offset_label(moment: datetime) -> str:
    """ "UTC+8", "UTC+3", "UTC+5:30", "UTC−3" (a true minus sign), "UTC" for zero."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@cache
def known_zones() -> tuple[str, ...]:
    """The IANA zones a viewer may choose (Area/City names without legacy aliases, and UTC)."""
    return (
        "UTC",
        *sorted(
            zone
            for zone in available_timezones()
            if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/", "posixrules"))
        ),
    )


def is_zone(name: str | None) -> bool:
    if not name or len(name) > 64:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone_label(zone: str) -> object:
    return ZONE_LABELS.get(zone, zone)


def zoned_spans(start: datetime, end: datetime, *, viewer_zone: str) -> list[ZonedSpan]:
    """The span in the viewer's zone first, then in Shanghai and Jerusalem (once each)."""
    zones = list(dict.fromkeys([viewer_zone, *REFERENCE_ZONES]))
    spans = []
    for zone in zones:
        spans.append(
            ZonedSpan(
                zone=zone,
                label=zone_label(zone),
                start=as_local(start, zone),
                end=as_local(end, zone),
                is_viewer=zone == viewer_zone,
                is_reference=zone in REFERENCE_ZONES,
            )
        )
    return spans


def resolve_viewer_zone(*choices: str | None, fallback: str = SHANGHAI) -> str:
    """The first valid zone among the choices (explicit, profile, browser), else the fallback."""
    for choice in choices:
        if is_zone(choice):
            return str(choice)
    return fallback
