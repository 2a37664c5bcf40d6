"""The per-room iCalendar feed (RFC 5545), written with `icalendar`.

What calendar clients need to accept a subscription: VERSION and PRODID, METHOD:PUBLISH, a
VTIMEZONE for every TZID used, and for every event a stable UID, DTSTAMP, DTSTART/DTEND in
the hub's zone, SEQUENCE that grows when the event changes, and STATUS (a cancelled booking
stays in the feed as CANCELLED so subscribed clients remove it). Outlook and Google also read
the X-WR-CALNAME / X-WR-TIMEZONE / REFRESH-INTERVAL hints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from innohub.spaces.models import Booking, BookingStatus, Room

PRODID = "-//innohub//Spaces//EN"


def room_calendar(
    *,
    room: Room,
    bookings: Iterable[Booking],
    domain: str,
    shows_details: Callable[[Booking], bool],
    url: str = "",
) -> bytes:
    """The feed of a room. Bookings the viewer may not see in detail appear as "Booked"."""
    zone = room.zone
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # A calendar's name is one line: a room or hub name with a line break must not break it.
    name = " ".join((_("%(room)s · %(hub)s") % {"room": room, "hub": room.hub}).split())
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-timezone", room.hub.time_zone)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    location = _location(room)
    stamp = timezone.now()
    for booking in bookings:
        detailed = shows_details(booking)
        event = Event()
        event.add("uid", f"booking-{booking.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.starts_at.astimezone(zone))
        event.add("dtend", booking.ends_at.astimezone(zone))
        event.add("summary", booking.title if detailed else _("Booked"))
        event.add("location", location)
        event.add("sequence", booking.sequence)
        event.add("created", booking.created_at)
        event.add("last-modified", booking.updated_at)
        event.add(
            "status", "CANCELLED" if booking.status == BookingStatus.CANCELLED else "CONFIRMED"
        )
        event.add("transp", "OPAQUE")
        event.add("class", "PUBLIC" if detailed else "PRIVATE")
        if detailed:
            event.add("description", _describe(booking))
            event.add("categories", [booking.get_kind_display()])
        if url:
            event.add("url", url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _location(room: Room) -> str:
    building = room.floor.building
    parts: list[Any] = [room, building, room.hub]
    if room.hub.address:
        parts.append(room.hub.address)
    return ", ".join(str(part) for part in parts)


def _describe(booking: Booking) -> str:
    lines = [
        _("Purpose: %(kind)s") % {"kind": booking.get_kind_display()},
        _("Attendance: %(count)d") % {"count": booking.attendance},
    ]
    if booking.organisation_id:
        lines.append(_("Booked for: %(organisation)s") % {"organisation": booking.organisation})
    if booking.note:
        lines.append(booking.note)
    return "\n".join(lines)
