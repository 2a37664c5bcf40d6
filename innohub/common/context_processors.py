"""Values every page needs: the menu, the hub switcher and the language direction."""

from typing import Any

from django.http import HttpRequest

from innohub.common.nav import nav_items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Computed once per request, however many templates (page, panels) the request renders."""
    from innohub.network.selectors import current_hub, hub_list_for_switcher

    cached = getattr(request, "_innohub_navigation", None)
    if cached is None:
        cached = {
            "nav_items": nav_items_for(request.user),
            "switcher_hubs": hub_list_for_switcher(),
            "current_hub": current_hub(request),
        }
        request._innohub_navigation = cached  # type: ignore[attr-defined]
    return cached
