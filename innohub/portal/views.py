"""The public home page."""

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from innohub.directory.models import MEMBER_STATES, Sector
from innohub.directory.selectors import members_count_on
from innohub.network.selectors import current_hub


def home(request: HttpRequest) -> HttpResponse:
    hub = current_hub(request)
    context: dict = {"hub": hub}
    if hub is not None:
        member_filter = Q(
            organisations__memberships__hub=hub,
            organisations__memberships__state__in=MEMBER_STATES,
            organisations__deleted_at__isnull=True,
            organisations__is_public=True,
        )
        context["members"] = members_count_on(hub=hub, day=timezone.localdate())
        context["sectors"] = (
            Sector.objects.annotate(n=Count("organisations", filter=member_filter, distinct=True))
            .filter(n__gt=0)
            .order_by("-n", "position")
        )
    return render(request, "portal/home.html", context)
