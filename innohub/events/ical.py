"""iCalendar (RFC 5545) for events: a hub's public feed and the file attached to a registration."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from urllib.parse import urlsplit

import icalendar
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innohub.events.models import Event, EventStatus, VenueKind

PRODID = "-//innohub//events//EN"


def event_uid(event: Event, base_url: str) -> str:
    """Stable per event, so a calendar replaces its copy when the time or place changes."""
    host = urlsplit(base_url).hostname or "innohub.local"
    return f"innohub-event-{event.pk}@{host}"


def event_location(event: Event, language: str) -> str:
    if event.venue_kind == VenueKind.ONLINE:
        return _("Online")
    room = getattr(event, "room_label", None)
    address = event.venue_address.in_language(language)
    return ", ".join(part for part in (str(room) if room else "", address) if part)


def event_component(
    event: Event,
    *,
    language: str,
    base_url: str,
    cancelled: bool = False,
    extra_description: str = "",
) -> icalendar.Event:
    with translation.override(language):
        url = base_url.rstrip("/") + event.get_absolute_url()
        component = icalendar.Event()
        component.add("uid", event_uid(event, base_url))
        component.add("dtstamp", timezone.now().astimezone(UTC))
        component.add("dtstart", event.starts_at.astimezone(UTC))
        component.add("dtend", event.ends_at.astimezone(UTC))
        component.add("summary", event.title.in_language(language))
        description = "\n\n".join(
            part
            for part in (event.description.in_language(language), extra_description, url)
            if part
        )
        component.add("description", description)
        location = event_location(event, language)
        if location:
            component.add("location", location)
        component.add("url", url)
        component.add("categories", [event.get_kind_display()])
        component.add("sequence", event.sequence)
        is_cancelled = cancelled or event.status == EventStatus.CANCELLED
        component.add("status", "CANCELLED" if is_cancelled else "CONFIRMED")
        component.add("class", "PUBLIC" if event.is_public else "PRIVATE")
        component.add("last-modified", event.updated_at.astimezone(UTC))
    return component


def _calendar(name: str, method: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    # A calendar's name is one line: a hub name typed with a line break must not break the feed.
    calendar.add("x-wr-calname", " ".join(name.split()))
    return calendar


def events_feed(events: Iterable[Event], *, name: str, language: str, base_url: str) -> bytes:
    """A subscribable calendar of several events."""
    calendar = _calendar(name, "PUBLISH")
    for event in events:
        calendar.add_component(event_component(event, language=language, base_url=base_url))
    return calendar.to_ical()


def single_event_ics(
    event: Event,
    *,
    language: str,
    base_url: str,
    cancelled: bool = False,
    extra_description: str = "",
) -> bytes:
    """One event, to attach to an e-mail or to download; CANCEL removes it from calendars."""
    calendar = _calendar(event.title.in_language(language), "CANCEL" if cancelled else "PUBLISH")
    calendar.add_component(
        event_component(
            event,
            language=language,
            base_url=base_url,
            cancelled=cancelled,
            extra_description=extra_description,
        )
    )
    return calendar.to_ical()
