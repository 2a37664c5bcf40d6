"""Sections on hub and organisation pages: a hub's upcoming events, an organisation's events."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from innohub.events import selectors


def hub_upcoming_events(request: HttpRequest, hub: Any) -> str | None:
    """Always shown (an empty list says so): visitors learn that the hub holds events."""
    events = selectors.upcoming_events_of_hub(hub=hub, user=request.user)
    return render_to_string(
        "events/panels/hub_events.html",
        {"hub": hub, "events": events, "zone": hub.time_zone},
        request=request,
    )


def organisation_events(request: HttpRequest, organisation: Any) -> str | None:
    events = selectors.events_of_organisation(organisation=organisation, user=request.user)
    if not events:
        return None
    return render_to_string(
        "events/panels/organisation_events.html",
        {"organisation": organisation, "events": events},
        request=request,
    )
