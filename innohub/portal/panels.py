"""The portal's section on hub pages: the hub's latest published news."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from innohub.network.models import Hub
from innohub.portal import selectors


def hub_news(request: HttpRequest, hub: Hub) -> str | None:
    items = list(selectors.news_published(hub_slug=hub.slug)[:3])
    if not items:
        return None
    cards = selectors.news_cards(selectors.news_page_related(items))
    return render_to_string(
        "portal/hub_news_panel.html", {"hub": hub, "cards": cards}, request=request
    )
