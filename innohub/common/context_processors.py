"""Values every page needs: the menu, the hub switcher and the language direction."""

from typing import Any

from django.http import HttpRequest

from innohub.common.nav import nav_items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    from innohub.network.selectors import current_hub, hub_list_for_switcher

    return {
        "nav_items": nav_items_for(request.user),
        "switcher_hubs": hub_list_for_switcher(),
        "current_hub": current_hub(request),
    }
