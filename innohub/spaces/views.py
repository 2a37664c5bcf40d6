"""Spaces pages: thin views over the selectors, services and access helpers."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import (
    ALL_HUBS,
    grants_for,
    hub_ids_staffed_by,
    require,
)
from innohub.common.feeds import feed_response
from innohub.directory.models import Membership, Organisation
from innohub.network.models import Hub
from innohub.network.selectors import hub_choices_for, hub_get_visible
from innohub.spaces import access, forms, ical, selectors, services
from innohub.spaces.models import (
    Booking,
    BookingStatus,
    Building,
    Floor,
    Lease,
    LeaseStatus,
    Phase,
    Room,
    RoomKind,
    RoomState,
    RoomUsage,
    Site,
)

FEED_SALT = "innohub.spaces.feed"
FEED_PAST_DAYS = 30
FEED_FUTURE_DAYS = 180
FEED_MAX_EVENTS = 2000
LEASES_PER_PAGE = 50
BOOKINGS_PER_PAGE = 50
# A network holds thousands of shared rooms; a page shows as many cards as fill a few screens.
ROOMS_PER_PAGE = 48


def _hub_or_404(request: HttpRequest, slug: str) -> Hub:
    hub = hub_get_visible(user=request.user, slug=slug)
    if hub is None:
        raise Http404
    return hub


def _staff_hub(request: HttpRequest, slug: str) -> Hub:
    hub = _hub_or_404(request, slug)
    access.require_staff(request.user, hub.pk)
    return hub


def _render_in_zone(
    request: HttpRequest, zone_name: str, template: str, context: dict[str, Any]
) -> HttpResponse:
    """Render with the hub's zone active, so every time on the page is the hub's local time."""
    with timezone.override(zone_name):
        context.setdefault("zone_name", zone_name)
        return render(request, template, context)


def _staff_hubs(user: Any) -> list[Hub]:
    staffed = hub_ids_staffed_by(user)
    hubs = Hub.objects.all() if staffed is ALL_HUBS else Hub.objects.filter(pk__in=staffed or [])
    return list(hubs.order_by("opened_on", "slug"))


# ------------------------------------------------------------------ shared rooms


def room_list(request: HttpRequest) -> HttpResponse:
    """Shared rooms: everyone sees the public ones and when they are free."""
    form = forms.RoomFilterForm(request.GET or None, hubs=hub_choices_for(request))
    filters = selectors.RoomFilters()
    window = None
    if form.is_valid():
        data = form.cleaned_data
        filters.hub = hub_get_visible(user=request.user, slug=data["hub"]) if data["hub"] else None
        filters.kind = data["kind"]
        filters.min_capacity = data["people"]
        if data["day"] and data["start"] and data["end"]:
            window = (data["day"], data["start"], data["end"])
            filters.free_local = window
    page = Paginator(
        selectors.rooms_bookable(user=request.user, filters=filters), ROOMS_PER_PAGE
    ).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rooms": page.object_list,
        "window": window,
        "staff_hubs": _staff_hubs(request.user),
    }
    return render(request, "spaces/room_list.html", context)


def _room_or_404(request: HttpRequest, pk: int) -> Room:
    return access.access_room_for_user(request.user, selectors.room_get(pk=pk))


def _feed_url(request: HttpRequest, room: Room) -> tuple[str, str | None]:
    """The public feed URL, and a personal one (with details) for a signed-in user."""
    public = request.build_absolute_uri(reverse("spaces:room_feed", args=[room.pk]))
    if not request.user.is_authenticated:
        return public, None
    token = signing.dumps({"u": request.user.pk, "r": room.pk}, salt=FEED_SALT, compress=True)
    return public, f"{public}?token={token}"


def room_detail(request: HttpRequest, pk: int) -> HttpResponse:
    room = _room_or_404(request, pk)
    user = request.user
    zone = room.zone
    today_local = timezone.now().astimezone(zone).date()
    day = forms.parse_day(request.GET.get("day"), today_local)
    first_day = forms.week_start(forms.parse_day(request.GET.get("week"), day))
    is_staff = access.user_manages_spaces(user, room.hub_id)
    can_book = user.is_authenticated and access.user_can_book(user, room)
    booking_form = None
    if can_book:
        organisations = access.booking_organisations(user, room)
        booking_form = forms.BookingForm(
            request.POST or None,
            room=room,
            organisations=organisations,
            staff=is_staff,
            initial={"day": day, "kind": "meeting"},
        )
        if request.method == "POST":
            result = _book(request, room, booking_form, organisations)
            if result is not None:
                return result
    elif request.method == "POST":
        require(False, _("You cannot book this room."))
    context: dict[str, Any] = {
        "room": room,
        "is_staff": is_staff,
        "can_book": can_book,
        "form": booking_form,
        "day": day,
        "today": today_local,
        "prev_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1),
        "first_day": first_day,
        "prev_week": first_day - timedelta(days=7),
        "next_week": first_day + timedelta(days=7),
        "feed_url": _feed_url(request, room),
    }
    if room.is_bookable:
        slots = selectors.room_day_slots(room=room, day=day)
        week = selectors.room_week(room=room, first_day=first_day)
        for schedule in week:
            for booking in schedule.bookings:
                booking.detailed = access.user_sees_booking_details(user, booking)
        for slot in slots:
            if slot.booking is not None:
                slot.detailed = access.user_sees_booking_details(user, slot.booking)
        context.update(slots=slots, free_periods=selectors.free_periods(slots), week=week)
    if is_staff:
        context["leases"] = (
            Lease.objects.filter(lease_rooms__room=room)
            .select_related("organisation")
            .order_by("-starts_on")[:20]
        )
        context["state_today"] = RoomState(
            room.state_on(
                today_local,
                leased=room.lease_rooms.filter(
                    is_active=True, starts_on__lte=today_local, ends_on__gte=today_local
                ).exists(),
            )
        )
    template = "spaces/room_detail.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "day-slots":
        template += "#slots"
    return _render_in_zone(request, room.hub.time_zone, template, context)


def _book(
    request: HttpRequest, room: Room, form: forms.BookingForm, organisations: list[Organisation]
) -> HttpResponse | None:
    if not form.is_valid() or "starts_at" not in form.cleaned_data:
        return None
    data = form.cleaned_data
    organisation = next((o for o in organisations if o.pk == data["organisation"]), None)
    common = {
        "room": room,
        "title": data["title"],
        "attendance": data["attendance"],
        "by": request.user,
        "kind": data["kind"],
        "organisation": organisation,
        "note": data["note"],
    }
    try:
        if data.get("recurrence"):
            result = services.booking_series_create(
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                recurrence=data["recurrence"],
                skip_conflicts=data["skip_conflicts"],
                **common,
            )
            first = result.bookings[0]
            messages.success(
                request,
                ngettext("Booked %(count)d date.", "Booked %(count)d dates.", len(result.bookings))
                % {"count": len(result.bookings)},
            )
            if result.skipped:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d date was already taken and was skipped.",
                        "%(count)d dates were already taken and were skipped.",
                        len(result.skipped),
                    )
                    % {"count": len(result.skipped)},
                )
        else:
            first = services.booking_create(
                starts_at=data["starts_at"], ends_at=data["ends_at"], **common
            )
            messages.success(request, _("The room is booked."))
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                target = field if field in form.fields else None
                for error in errors:
                    form.add_error(target, error)
        else:
            form.add_error(None, exc)
        return None
    local_day = first.starts_at.astimezone(room.zone).date()
    url = reverse("spaces:room", args=[room.pk])
    return redirect(f"{url}?day={local_day.isoformat()}&week={local_day.isoformat()}#calendar")


def room_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """The room's iCalendar feed: busy times for everyone; details with a personal link."""
    from innohub.accounts.models import User

    viewer: Any = request.user
    token = request.GET.get("token")
    if token:
        try:
            payload = signing.loads(token, salt=FEED_SALT)
        except signing.BadSignature as exc:
            raise Http404 from exc
        if payload.get("r") != pk:
            raise Http404
        viewer = User.objects.filter(pk=payload.get("u"), is_active=True).first()
        if viewer is None:
            raise Http404
    room = access.access_room_for_user(viewer, selectors.room_get(pk=pk))
    if not room.is_bookable:
        raise Http404
    now = timezone.now()
    bookings = (
        Booking.objects.filter(
            room=room,
            starts_at__gte=now - timedelta(days=FEED_PAST_DAYS),
            starts_at__lte=now + timedelta(days=FEED_FUTURE_DAYS),
        )
        .filter(
            Q(status=BookingStatus.CONFIRMED)
            | Q(status=BookingStatus.CANCELLED, updated_at__gte=now - timedelta(days=30))
        )
        .select_related("organisation")
        .order_by("starts_at")
    )
    # Calendar clients poll every hour or so: the feed is rendered again only when one of
    # its bookings changes (or a day later, when the window has moved on).
    changed = bookings.aggregate(count=Count("id"), ids=Sum("id"), changed=Max("updated_at"))
    version = (
        "spaces",
        room.pk,
        room.updated_at,
        room.hub.updated_at,
        getattr(viewer, "pk", None) or "public",
        get_language(),
        request.get_host(),
        now.date(),
        *changed.values(),
    )
    return feed_response(
        request,
        version=version,
        render=lambda: ical.room_calendar(
            room=room,
            bookings=bookings[:FEED_MAX_EVENTS],
            domain=request.get_host().split(":")[0] or "innohub",
            shows_details=lambda booking: access.user_sees_booking_details(viewer, booking),
            url=request.build_absolute_uri(room.get_absolute_url()),
        ),
        filename=f"room-{room.pk}.ics",
        cache_control="private, max-age=300",
    )


# ------------------------------------------------------------------ bookings


@login_required
def booking_list(request: HttpRequest) -> HttpResponse:
    """Bookings in a 90-day window: to come (from a day) or past (up to a day)."""
    when = request.GET.get("when", "upcoming")
    if when not in ("upcoming", "past"):
        when = "upcoming"
    hubs = _staff_hubs(request.user)
    hub = next((h for h in hubs if h.slug == request.GET.get("hub")), None)
    today = timezone.localdate()
    first, last = selectors.booking_window(
        when, forms.parse_day(request.GET.get("from"), today), today
    )
    qs = selectors.booking_list_for_user(
        user=request.user,
        hub=hub,
        start=datetime.combine(first, time.min, tzinfo=UTC),
        end=datetime.combine(last, time.min, tzinfo=UTC),
        newest_first=when == "past",
        include_cancelled=request.GET.get("cancelled") == "1",
    )
    page = Paginator(qs, BOOKINGS_PER_PAGE).get_page(request.GET.get("page"))
    span = timedelta(days=selectors.BOOKING_LIST_DAYS)
    context = {
        "page": page,
        "when": when,
        "hubs": hubs,
        "hub": hub,
        "first": first,
        "last": last - timedelta(days=1),
        "earlier": (first if when == "upcoming" else last) - span,
        "later": (first if when == "upcoming" else last) + span,
    }
    return render(request, "spaces/booking_list.html", context)


@login_required
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access.access_booking_for_user(request.user, selectors.booking_get(pk=pk))
    context = {
        "booking": booking,
        "room": booking.room,
        "can_cancel": booking.status == BookingStatus.CONFIRMED
        and booking.ends_at > timezone.now()
        and access.user_can_cancel_booking(request.user, booking),
        "cancel_form": forms.CancelForm(),
        "series_count": booking.series.bookings.filter(status=BookingStatus.CONFIRMED).count()
        if booking.series_id
        else 0,
    }
    return _render_in_zone(
        request, booking.room.hub.time_zone, "spaces/booking_detail.html", context
    )


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access.access_booking_for_user(request.user, selectors.booking_get(pk=pk))
    form = forms.CancelForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        if form.cleaned_data.get("whole_series") and booking.series_id:
            count = services.booking_series_cancel(
                series=booking.series, by=request.user, reason=reason
            )
            messages.success(
                request,
                ngettext("Cancelled %(count)d date.", "Cancelled %(count)d dates.", count)
                % {"count": count},
            )
        else:
            services.booking_cancel(booking=booking, by=request.user, reason=reason)
            messages.success(request, _("The booking is cancelled; the slot is free again."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("spaces:booking", pk=booking.pk)


# ------------------------------------------------------------------ leases


@login_required
def lease_list(request: HttpRequest) -> HttpResponse:
    """Staff: the leases of their hubs. Members: their organisation's own leases."""
    state = request.GET.get("state", "current")
    if state not in ("current", "upcoming", "ended", "all"):
        state = "current"
    hubs = _staff_hubs(request.user)
    hub = next((h for h in hubs if h.slug == request.GET.get("hub")), None)
    qs = selectors.with_rooms(
        selectors.lease_list_for_user(user=request.user, hub=hub, state=state)
    )
    page = Paginator(qs, LEASES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "state": state, "hubs": hubs, "hub": hub}
    return render(request, "spaces/lease_list.html", context)


@login_required
def lease_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lease = access.access_lease_for_user(request.user, selectors.lease_get(pk=pk))
    is_staff = access.user_manages_spaces(request.user, lease.hub_id)
    rooms = list(lease.rooms.all())
    area = sum((room.area_m2 for room in rooms), start=0)
    context = {
        "lease": lease,
        "rooms": rooms,
        "area": area,
        "monthly_rent": (lease.rent_rate * area * 365 / 12) if area else 0,
        "is_staff": is_staff,
        "renewals": list(lease.renewals.all()),
        "terminate_form": forms.LeaseTerminateForm(initial={"on": timezone.localdate()})
        if is_staff and lease.status == LeaseStatus.SIGNED
        else None,
        "history": list(lease.history.select_related("history_user").order_by("-history_date")[:20])
        if is_staff
        else [],
    }
    return render(request, "spaces/lease_detail.html", context)


def _tenant_choices(hub: Hub) -> Any:
    members = Membership.objects.filter(hub=hub, member_from__isnull=False).values(
        "organisation_id"
    )
    return Organisation.objects.filter(pk__in=members)


@login_required
def lease_create(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _staff_hub(request, hub_slug)
    initial: dict[str, Any] = {"starts_on": selectors.hub_today(hub), "currency": "CNY"}
    if request.GET.get("room"):
        initial["rooms"] = [request.GET["room"]]
    form = forms.LeaseForm(
        request.POST or None, hub=hub, organisations=_tenant_choices(hub), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            lease = services.lease_create(
                hub=hub,
                organisation=data.pop("organisation"),
                rooms=list(data.pop("rooms")),
                starts_on=data.pop("starts_on"),
                ends_on=data.pop("ends_on"),
                rent_rate=data.pop("rent_rate"),
                by=request.user,
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The lease has been recorded."))
            return redirect(lease)
    return render(request, "spaces/form.html", {"form": form, "hub": hub, "title": _("New lease")})


@login_required
def lease_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lease = access.access_lease_for_edit(request.user, selectors.lease_get(pk=pk))
    form = forms.LeaseForm(
        request.POST or None,
        instance=Lease.objects.get(pk=lease.pk),
        hub=lease.hub,
        organisations=_tenant_choices(lease.hub),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("organisation", None)
        try:
            services.lease_update(
                lease=lease, by=request.user, rooms=list(data.pop("rooms")), **data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The lease has been saved."))
            return redirect(lease)
    return render(
        request,
        "spaces/form.html",
        {"form": form, "hub": lease.hub, "title": _("Edit lease"), "back": lease},
    )


@login_required
@require_POST
def lease_terminate(request: HttpRequest, pk: int) -> HttpResponse:
    lease = access.access_lease_for_edit(request.user, selectors.lease_get(pk=pk))
    form = forms.LeaseTerminateForm(request.POST)
    if form.is_valid():
        try:
            services.lease_terminate(
                lease=lease,
                on=form.cleaned_data["on"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("The lease now ends early; its rooms are free after that day.")
            )
    else:
        messages.error(request, _("Give the last day let."))
    return redirect(lease)


@login_required
@require_POST
def lease_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    lease = access.access_lease_for_edit(request.user, selectors.lease_get(pk=pk))
    try:
        services.lease_cancel(lease=lease, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The lease is cancelled."))
    return redirect(lease)


@login_required
def lease_renew(request: HttpRequest, pk: int) -> HttpResponse:
    lease = access.access_lease_for_edit(request.user, selectors.lease_get(pk=pk))
    years_later = (
        lease.ends_on.replace(year=lease.ends_on.year + 1)
        if not (lease.ends_on.month == 2 and lease.ends_on.day == 29)
        else lease.ends_on + timedelta(days=365)
    )
    form = forms.LeaseRenewForm(
        request.POST or None, initial={"ends_on": years_later, "rent_rate": lease.rent_rate}
    )
    if request.method == "POST" and form.is_valid():
        try:
            renewal = services.lease_renew(
                lease=lease,
                ends_on=form.cleaned_data["ends_on"],
                rent_rate=form.cleaned_data["rent_rate"],
                reference=form.cleaned_data["reference"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The lease has been renewed."))
            return redirect(renewal)
    return render(
        request,
        "spaces/form.html",
        {"form": form, "hub": lease.hub, "title": _("Renew lease"), "back": lease},
    )


@login_required
def leases_expiring(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _staff_hub(request, hub_slug)
    today = selectors.hub_today(hub)
    items = selectors.leases_expiring(hub=hub, on=today, within=90)
    groups = [
        (mark, [item for item in items if item.mark == mark]) for mark in selectors.EXPIRY_MARKS
    ]
    return render(
        request,
        "spaces/leases_expiring.html",
        {"hub": hub, "groups": groups, "today": today, "count": len(items)},
    )


# ------------------------------------------------------------------ structure and occupancy


@login_required
def hub_spaces(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _staff_hub(request, hub_slug)
    phases, sites = selectors.hub_structure(hub=hub)
    today = selectors.hub_today(hub)
    context = {
        "hub": hub,
        "phases": phases,
        "sites": sites,
        "occupancy": selectors.occupancy(hub=hub, on=today),
        "expiring": len(selectors.leases_expiring(hub=hub, on=today)),
        "today": today,
    }
    return render(request, "spaces/hub_spaces.html", context)


@login_required
def occupancy(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _staff_hub(request, hub_slug)
    today = selectors.hub_today(hub)
    form = forms.DayForm(request.GET or None, initial={"on": today})
    on = form.day(today)
    context = {
        "hub": hub,
        "form": form,
        "on": on,
        "occupancy": selectors.occupancy(hub=hub, on=on),
        "states": RoomState,
    }
    return render(request, "spaces/occupancy.html", context)


@login_required
def floor_view(request: HttpRequest, pk: int) -> HttpResponse:
    floor = selectors.floor_get(pk=pk)
    if floor is None:
        raise Http404
    hub = floor.building.site.hub
    if not access.user_sees_floor(request.user, floor, hub.pk):
        raise Http404
    today = selectors.hub_today(hub)
    form = forms.DayForm(request.GET or None, initial={"on": today})
    on = form.day(today)
    is_staff = access.user_manages_spaces(request.user, hub.pk)
    own = grants_for(request.user).organisations
    rooms = selectors.floor_view(floor=floor, on=on)
    for item in rooms:
        item.shows_tenant = item.lease is not None and (
            is_staff or item.lease.organisation_id in own
        )
        item.is_own = item.lease is not None and item.lease.organisation_id in own
    context = {
        "floor": floor,
        "hub": hub,
        "form": form,
        "on": on,
        "rooms": rooms,
        "is_staff": is_staff,
        "floors": selectors.sibling_floors(floor),
        "states": RoomState,
    }
    return render(request, "spaces/floor.html", context)


@login_required
def hub_rooms(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = _staff_hub(request, hub_slug)
    kind = request.GET.get("kind", "")
    usage = request.GET.get("usage", "")
    today = selectors.hub_today(hub)
    rooms = list(
        selectors.rooms_on(
            rooms=selectors.rooms_for_staff(
                hub=hub,
                kind=kind if kind in RoomKind.values else "",
                usage=usage if usage in RoomUsage.values else "",
            ),
            day=today,
        )
    )
    for room in rooms:
        room.state_today = RoomState(room.state_on(today, leased=room.leased_on_day))
    context = {
        "hub": hub,
        "rooms": rooms,
        "kinds": RoomKind.choices,
        "usages": RoomUsage.choices,
        "kind": kind,
        "usage": usage,
        "total_area": sum((r.area_m2 for r in rooms), start=0),
    }
    return render(request, "spaces/hub_rooms.html", context)


# Staff forms for the structure: phase, site, building, floor, room.
STRUCTURE = {
    "phase": (Phase, forms.PhaseForm, services.phase_create, services.phase_update),
    "site": (Site, forms.SiteForm, services.site_create, services.site_update),
    "building": (Building, forms.BuildingForm, services.building_create, services.building_update),
    "floor": (Floor, forms.FloorForm, services.floor_create, services.floor_update),
    "room": (Room, forms.RoomForm, services.room_create, services.room_update),
}
STRUCTURE_TITLES = {
    "phase": (_("New development phase"), _("Edit development phase")),
    "site": (_("New site"), _("Edit site")),
    "building": (_("New building"), _("Edit building")),
    "floor": (_("New floor"), _("Edit floor")),
    "room": (_("New room"), _("Edit room")),
}


STRUCTURE_DELETE = {
    "phase": access.user_may_delete_phase,
    "site": access.user_may_delete_site,
    "building": access.user_may_delete_building,
    "floor": access.user_may_delete_floor,
    "room": access.user_may_delete_room,
}


def _hub_of(instance: Any) -> Hub:
    if isinstance(instance, Phase | Site):
        return instance.hub
    if isinstance(instance, Building):
        return instance.site.hub
    if isinstance(instance, Floor):
        return instance.building.site.hub
    return instance.hub


@login_required
def structure_create(
    request: HttpRequest, hub_slug: str, kind: str, building_pk: int | None = None
) -> HttpResponse:
    return _structure_form(request, kind, hub_slug=hub_slug, building_pk=building_pk)


@login_required
def structure_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _structure_form(request, kind, pk=pk)


def _structure_form(
    request: HttpRequest,
    kind: str,
    *,
    hub_slug: str | None = None,
    building_pk: int | None = None,
    pk: int | None = None,
) -> HttpResponse:
    if kind not in STRUCTURE:
        raise Http404
    model, form_class, create, update = STRUCTURE[kind]
    instance = None
    building = None
    if pk is not None:
        instance = get_object_or_404(model, pk=pk)
        hub = _hub_of(instance)
        if hub_get_visible(user=request.user, slug=hub.slug) is None:
            raise Http404
        if isinstance(instance, Room):
            access.access_room_for_user(request.user, instance)
        access.require_staff(request.user, hub.pk)
    else:
        hub = _staff_hub(request, hub_slug or "")
        if kind == "floor":
            building = get_object_or_404(Building, pk=building_pk, site__hub=hub)
    kwargs: dict[str, Any] = {"instance": instance}
    if kind in ("building", "room"):
        kwargs["hub"] = hub
    initial = {}
    if kind == "room" and request.GET.get("floor"):
        initial["floor"] = request.GET["floor"]
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if instance is not None:
                saved = update(**{kind: model.objects.get(pk=instance.pk)}, **data)
            elif kind == "floor":
                saved = create(building=building, **data)
            elif kind == "building":
                saved = create(site=data.pop("site"), **data)
            elif kind == "room":
                saved = create(floor=data.pop("floor"), **data)
            else:
                saved = create(hub=hub, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            if kind == "room":
                return redirect(saved)
            if kind == "floor":
                return redirect("spaces:floor", pk=saved.pk)
            return redirect("spaces:hub", hub_slug=hub.slug)
    title = STRUCTURE_TITLES[kind][1 if instance is not None else 0]
    context = {"form": form, "hub": hub, "title": title}
    if instance is not None and STRUCTURE_DELETE[kind](request.user, instance):
        context["delete"] = {"label": f"spaces.{kind}", "pk": instance.pk}
    return render(request, "spaces/form.html", context)
