"""The service desk's sections on organisation and hub pages (see innohub/common/panels.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from innohub.accounts.access import user_is_hub_staff, user_represents
from innohub.directory.access import user_is_staff_for_organisation
from innohub.directory.models import Organisation, OrganisationKind
from innohub.network.models import Hub
from innohub.servicedesk import selectors
from innohub.servicedesk.models import OPEN_REQUEST_STATES, Programme, Service, ServiceRequest


def organisation_services(request: HttpRequest, organisation: Organisation) -> str | None:
    """A provider's services (public); a member's open requests (to itself and its hub staff)."""
    offered = []
    if organisation.kind == OrganisationKind.SERVICE_PROVIDER:
        offered = list(
            Service.objects.filter(
                provider=organisation, is_active=True, hub__is_public=True
            ).select_related("hub")
        )
    open_requests: list[ServiceRequest] = []
    user = request.user
    if user_represents(user, organisation.pk) or user_is_staff_for_organisation(user, organisation):
        open_requests = list(
            selectors.request_list(user=user)
            .filter(organisation=organisation, state__in=OPEN_REQUEST_STATES)
            .select_related("service")[:10]
        )
    if not offered and not open_requests:
        return None
    return render_to_string(
        "servicedesk/panel_organisation.html",
        {"offered": offered, "open_requests": open_requests, "organisation": organisation},
        request=request,
    )


def hub_services(request: HttpRequest, hub: Hub) -> str | None:
    """What the hub's service desk offers, with links; staff also see the open workload."""
    services = list(selectors.service_catalogue(hub=hub, user=request.user)[:12])
    programmes = list(Programme.objects.filter(hub=hub, is_public=True).prefetch_related("windows"))
    if not services and not programmes:
        return None
    today = timezone.localdate()
    open_programmes = [p for p in programmes if selectors.programme_window_status(p, today)["open"]]
    workload = None
    if user_is_hub_staff(request.user, hub.pk):
        open_requests = ServiceRequest.objects.filter(hub=hub, state__in=OPEN_REQUEST_STATES)
        workload = {
            "open": open_requests.count(),
            "overdue": open_requests.filter(
                first_response_at__isnull=True, response_due_at__lt=timezone.now()
            ).count(),
        }
    return render_to_string(
        "servicedesk/panel_hub.html",
        {
            "hub": hub,
            "services": services,
            "programmes": programmes,
            "open_programmes": open_programmes,
            "workload": workload,
        },
        request=request,
    )
