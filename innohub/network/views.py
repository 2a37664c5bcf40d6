"""Pages about hubs: the list, one hub, the network overview and the hub switcher."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from innohub.accounts.access import user_is_hub_staff
from innohub.common.panels import render_panels
from innohub.network import selectors

HUB_PAGE_SIZE = 50


def hub_list(request: HttpRequest) -> HttpResponse:
    # Oldest first (Hub.Meta.ordering); members counted for the page's hubs only.
    hubs = selectors.hub_list_with_members(request.user, timezone.localdate())
    page = Paginator(hubs, HUB_PAGE_SIZE).get_page(request.GET.get("page"))
    networks = list(selectors.network_list())
    rows = [{"hub": hub, "members": hub.members} for hub in page]
    context = {"rows": rows, "networks": networks, "page": page}
    return render(request, "network/hub_list.html", context)


def hub_detail(request: HttpRequest, slug: str) -> HttpResponse:
    hub = selectors.hub_get_visible(user=request.user, slug=slug)
    if hub is None:
        raise Http404
    context = {
        "hub": hub,
        "members": selectors.hub_current_member_count(hub),
        "is_staff": user_is_hub_staff(request.user, hub.pk),
        "panels": render_panels("hub_panels", request, hub),
        "sister_hubs": hub.network.hubs.exclude(pk=hub.pk).filter(is_public=True)
        if hub.network
        else [],
    }
    return render(request, "network/hub_detail.html", context)


@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    hub = selectors.hub_get_visible(user=request.user, slug=request.POST.get("hub", ""))
    if hub is not None:
        request.session[selectors.SESSION_KEY] = hub.slug
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)
