"""API endpoints for hubs and networks."""

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate

from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.common.pagination import Pagination
from innohub.common.params import Key
from innohub.network import selectors
from innohub.network.schemas import HubOut, NetworkOut

router = Router(tags=["network"])


@router.get("/networks", response=list[NetworkOut], auth=AUTH_OPTIONAL)
def network_list(request: HttpRequest) -> list:
    return list(selectors.network_list())


@router.get("/hubs", response=list[HubOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def hub_list(request: HttpRequest) -> Any:
    """Hubs the caller may see, in the network's order, each with its members today."""
    return selectors.hub_list_with_members(api_user(request), timezone.localdate())


@router.get("/hubs/{slug}", response=HubOut, auth=AUTH_OPTIONAL)
def hub_detail(request: HttpRequest, slug: Key) -> object:
    hub = selectors.hub_get_visible(user=api_user(request), slug=slug)
    if hub is None:
        raise Http404
    hub.members = selectors.hub_current_member_count(hub)
    return hub
