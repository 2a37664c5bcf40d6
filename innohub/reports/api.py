"""API endpoints: every figure of the hub and network dashboards, as numbers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router

from innohub.accounts.api_auth import api_user
from innohub.common.params import Key
from innohub.directory.admissions import hub_today
from innohub.ip.schemas import Day
from innohub.reports import access, selectors
from innohub.reports.schemas import HubFiguresOut, NetworkFiguresOut

router = Router(tags=["reports"])


def figures_json(figures: selectors.HubFigures) -> dict[str, Any]:
    """A hub's figures in the API's (and `innohub report --format json`'s) shape."""
    data = figures.as_dict()
    data["hub"] = data.pop("hub_slug")
    data["on"] = figures.end
    if not data["spaces_total"]:
        data["spaces_total"] = selectors.empty_space_figures()
    return data


@router.get("/hubs/{slug}/figures", response=HubFiguresOut)
def hub_figures(
    request: HttpRequest, slug: Key, on: Day | None = None, start: Day | None = None
) -> Any:
    """A hub's figures on `on` (the hub's today by default): members, IP and space on that
    day; applications, events, agreements, visits and introductions from `start` (a year
    before by default) to `on`. Staff of the hub and network admins only."""
    hub = access.access_hub_figures_for_user(api_user(request), slug)
    end = on or hub_today(hub)
    period = selectors.Period.year_to(end)
    if start is not None:
        if start > end:
            raise ValidationError({"start": ["The period must start before it ends."]})
        period = selectors.Period(start=start, end=end)
    return figures_json(selectors.hub_figures_cached(hub=hub, period=period))


@router.get("/network/figures", response=NetworkFiguresOut)
def network_figures(request: HttpRequest, on: Day | None = None) -> Any:
    """Every hub's figures side by side and their sums (network admins only)."""
    access.access_network_figures_for_user(api_user(request))
    figures = selectors.network_figures(hubs=selectors.hubs_for_network_dashboard(), end=on)
    return {
        "end": figures.end,
        "hubs": [figures_json(h) for h in figures.hubs],
        "total": figures.total,
    }
