"""API endpoints for hubs and networks."""

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router

from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.common.params import Key
from innohub.network import selectors
from innohub.network.schemas import HubOut, NetworkOut

router = Router(tags=["network"])


@router.get("/networks", response=list[NetworkOut], auth=AUTH_OPTIONAL)
def network_list(request: HttpRequest) -> list:
    return list(selectors.network_list())


@router.get("/hubs", response=list[HubOut], auth=AUTH_OPTIONAL)
def hub_list(request: HttpRequest) -> list:
    hubs = list(selectors.hub_list_for_user(api_user(request)))
    counts = selectors.hub_member_counts(hubs, timezone.localdate())
    for hub in hubs:
        hub.members = counts.get(hub.pk, 0)
    return hubs


@router.get("/hubs/{slug}", response=HubOut, auth=AUTH_OPTIONAL)
def hub_detail(request: HttpRequest, slug: Key) -> object:
    hub = selectors.hub_get_visible(user=api_user(request), slug=slug)
    if hub is None:
        raise Http404
    hub.members = selectors.hub_current_member_count(hub)
    return hub
