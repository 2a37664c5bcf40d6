"""The matchmaking section of an organisation's page: its offers, needs and theses."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from innohub.matching import access, selectors


def organisation_listings(request: HttpRequest, organisation: Any) -> str | None:
    """The open listings of the organisation that the viewer may see (public ones for visitors)."""
    listings = list(
        selectors.listings_for_organisation(user=request.user, organisation=organisation)
    )
    can_post = access.user_can_post_for(request.user, organisation)
    if not listings and not can_post:
        return None
    return render_to_string(
        "matching/panel_organisation.html",
        {"organisation": organisation, "listings": listings, "can_post": can_post},
        request=request,
    )
