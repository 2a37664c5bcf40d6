"""Values every page needs: the menu, the hub switcher and the language direction."""

import functools
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from innohub.common.nav import nav_items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Computed once per request, however many templates (page, panels) the request renders."""
    from innohub.network.selectors import current_hub
    from innohub.network.switcher import switcher_options

    cached = getattr(request, "_innohub_navigation", None)
    if cached is None:
        hub = current_hub(request)
        cached = {
            "nav_items": nav_items_for(request.user),
            # Rendered only by pages that show the menu (a template calls it), once.
            "switcher_options": functools.cache(
                lambda: switcher_options(request, get_language(), hub)
            ),
            "current_hub": hub,
        }
        request._innohub_navigation = cached  # type: ignore[attr-defined]
    return cached
