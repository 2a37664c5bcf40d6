"""Sections the spaces app adds to organisation and hub pages (see innohub.common.panels)."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from innohub.accounts.access import user_represents
from innohub.spaces import access, selectors
from innohub.spaces.models import Booking, Lease, Room, RoomUsage

PANEL_LEASES = 10


def organisation_leases(request: HttpRequest, organisation: Any) -> str | None:
    """The organisation's leases and next bookings: for itself and its hubs' staff only."""
    user = request.user
    leases = Lease.objects.filter(organisation=organisation)
    if not user_represents(user, organisation.pk):
        hub_ids = [
            hub_id
            for hub_id in set(leases.values_list("hub_id", flat=True))
            if access.user_manages_spaces(user, hub_id)
        ]
        if not hub_ids:
            return None
        leases = leases.filter(hub_id__in=hub_ids)
    today = timezone.localdate()
    rows = list(
        selectors.with_rooms(
            leases.select_related("hub")
            .annotate(area=Sum("lease_rooms__room__area_m2"))
            .order_by("-starts_on", "-id")
        )[: PANEL_LEASES + 1]
    )
    current_ids = set(
        Lease.objects.filter(
            selectors.lease_covering_q(today), organisation=organisation
        ).values_list("pk", flat=True)
    )
    upcoming = list(
        Booking.objects.filter(
            selectors.confirmed_q(), organisation=organisation, ends_at__gt=timezone.now()
        )
        .select_related("room__hub")
        .order_by("starts_at")[:5]
    )
    upcoming = [b for b in upcoming if access.user_sees_booking_details(user, b)]
    return render_to_string(
        "spaces/panels/organisation_leases.html",
        {
            "leases": rows[:PANEL_LEASES],
            "more": len(rows) > PANEL_LEASES,
            "current_ids": current_ids,
            "today": today,
            "upcoming_bookings": upcoming,
        },
        request=request,
    )


def hub_occupancy(request: HttpRequest, hub: Any) -> str | None:
    """Phases and their area for everyone; leased area and the let share for the hub's staff."""
    if not Room.objects.filter(hub=hub).exists():
        return None
    is_staff = access.user_manages_spaces(request.user, hub.pk)
    bookable = selectors.rooms_bookable(
        user=request.user, filters=selectors.RoomFilters(hub=hub)
    ).count()
    return render_to_string(
        "spaces/panels/hub_occupancy.html",
        {
            "hub": hub,
            "occupancy": selectors.occupancy(hub=hub, on=selectors.hub_today(hub)),
            "is_staff": is_staff,
            "bookable": bookable,
            "usage": RoomUsage,
        },
        request=request,
    )
