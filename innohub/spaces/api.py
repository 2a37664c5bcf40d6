"""Spaces API: the same selectors, services and access rules as the pages.

Times are returned in UTC (`starts_at`) and in the hub's zone (`starts_local`); a time sent
without an offset is read in the hub's zone.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from innohub.accounts.access import grants_for
from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.common.pagination import Pagination
from innohub.common.params import Key
from innohub.directory.models import Organisation
from innohub.network.models import Hub
from innohub.network.selectors import hub_get_visible
from innohub.spaces import access, schemas, selectors, services
from innohub.spaces.models import (
    Booking,
    BookingSeries,
    Building,
    Floor,
    Lease,
    Phase,
    Room,
    RoomState,
    Site,
)
from innohub.spaces.recurrence import Recurrence

router = Router(tags=["spaces"])

MAX_RANGE_DAYS = 62


def _hub(user: Any, slug: str) -> Hub:
    hub = hub_get_visible(user=user, slug=slug)
    if hub is None:
        raise Http404
    return hub


def _staff_hub(user: Any, slug: str) -> Hub:
    hub = _hub(user, slug)
    access.require_staff(user, hub.pk)
    return hub


def _room(user: Any, pk: int) -> Room:
    return access.access_room_for_user(user, selectors.room_get(pk=pk))


def _staff_room(user: Any, pk: int) -> Room:
    room = _room(user, pk)
    access.require_staff(user, room.hub_id)
    return room


def _patch(payload: Any, nullable: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The fields a PATCH sets; null is refused for fields that cannot be empty."""
    data = payload.dict(exclude_unset=True)
    refused = sorted(name for name, value in data.items() if value is None and name not in nullable)
    if refused:
        raise ValidationError({name: _("This field cannot be empty.") for name in refused})
    return data


def _day(value: date | None, name: str) -> date | None:
    if value is not None and not selectors.is_supported_day(value):
        raise ValidationError({name: _("Choose a date between 1990 and 2199.")})
    return value


def _aware(moment: datetime, room: Room) -> datetime:
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=room.zone)
    return moment


# ------------------------------------------------------------------ rooms


@router.get("/rooms", response=list[schemas.RoomOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def room_list(
    request: HttpRequest,
    hub: Key = "",
    kind: Key = "",
    min_capacity: int | None = None,
    free_from: datetime | None = None,
    free_until: datetime | None = None,
) -> Any:
    """Shared rooms the caller may see (the public: the publicly listed ones), optionally free
    for a whole window."""
    user = api_user(request)
    if min_capacity is not None and not 1 <= min_capacity <= 100_000:
        raise ValidationError({"min_capacity": _("Give a number of people from 1 to 100,000.")})
    for name, moment in (("free_from", free_from), ("free_until", free_until)):
        if moment is not None:
            _day(moment.date(), name)
    filters = selectors.RoomFilters(
        hub=_hub(user, hub) if hub else None,
        kind=kind[:20],
        min_capacity=min_capacity,
        free_from=free_from if free_from and timezone.is_aware(free_from) else None,
        free_until=free_until if free_until and timezone.is_aware(free_until) else None,
    )
    if (free_from or free_until) and not (filters.free_from and filters.free_until):
        raise ValidationError(
            {"free_from": _("Give both ends of the window, with their time zone offset.")}
        )
    return selectors.rooms_bookable(user=user, filters=filters)


@router.get("/rooms/{room_id}", response=schemas.RoomOut, auth=AUTH_OPTIONAL)
def room_detail(request: HttpRequest, room_id: int) -> Any:
    return _room(api_user(request), room_id)


@router.get("/rooms/{room_id}/slots", response=list[schemas.RoomSlotOut], auth=AUTH_OPTIONAL)
def room_slots(request: HttpRequest, room_id: int, day: date) -> Any:
    """The room's slots on a local day: free, busy or past. Who booked is never shown here."""
    room = _room(api_user(request), room_id)
    if not room.is_bookable:
        raise Http404
    _day(day, "day")
    return [
        {
            "starts_at": slot.starts_at.astimezone(UTC),
            "ends_at": slot.ends_at.astimezone(UTC),
            "starts_local": slot.starts_at,
            "ends_local": slot.ends_at,
            "state": slot.state,
        }
        for slot in selectors.room_day_slots(room=room, day=day)
    ]


@router.get("/rooms/{room_id}/bookings", response=list[schemas.BusyOut], auth=AUTH_OPTIONAL)
def room_bookings(request: HttpRequest, room_id: int, start: date, end: date) -> Any:
    """Confirmed bookings between two local days (at most 62): details only when allowed."""
    user = api_user(request)
    room = _room(user, room_id)
    if not room.is_bookable:
        raise Http404
    _day(start, "start")
    _day(end, "end")
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        raise ValidationError(
            {"end": _("Ask for at most %(days)d days at a time.") % {"days": MAX_RANGE_DAYS}}
        )
    zone = room.zone
    bookings = selectors.room_bookings_between(
        room=room,
        start=datetime.combine(start, datetime.min.time(), tzinfo=zone),
        end=datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=zone),
    )
    out = []
    for booking in bookings:
        item: dict[str, Any] = {
            "starts_at": booking.starts_at,
            "ends_at": booking.ends_at,
            "starts_local": booking.starts_at.astimezone(zone),
            "ends_local": booking.ends_at.astimezone(zone),
        }
        if access.user_sees_booking_details(user, booking):
            item.update(
                id=booking.pk,
                title=booking.title,
                kind=booking.kind,
                organisation=booking.organisation.slug if booking.organisation_id else None,
            )
        out.append(item)
    return out


@router.get("/hubs/{hub_slug}/rooms", response=list[schemas.RoomStateOut])
def hub_rooms(
    request: HttpRequest, hub_slug: Key, on: date | None = None, kind: Key = "", usage: Key = ""
) -> Any:
    """Every room of a hub with its state on a day (staff)."""
    user = api_user(request)
    hub = _staff_hub(user, hub_slug)
    day = _day(on, "on") or selectors.hub_today(hub)
    rooms = list(
        selectors.rooms_on(
            rooms=selectors.rooms_for_staff(hub=hub, kind=kind[:20], usage=usage[:10]), day=day
        )
    )
    for room in rooms:
        room.state = room.state_on(day, leased=room.leased_on_day)
    return rooms


@router.post("/rooms", response={201: schemas.RoomOut})
def room_create(request: HttpRequest, payload: schemas.RoomIn) -> Any:
    user = api_user(request)
    floor = get_object_or_404(Floor.objects.select_related("building__site"), pk=payload.floor)
    access.require_staff(user, floor.building.site.hub_id)
    data = payload.dict(exclude={"floor"})
    room = services.room_create(floor=floor, **data)
    return Status(201, selectors.room_get(pk=room.pk))


@router.patch("/rooms/{room_id}", response=schemas.RoomOut)
def room_update(request: HttpRequest, room_id: int, payload: schemas.RoomPatchIn) -> Any:
    user = api_user(request)
    room = _staff_room(user, room_id)
    data = _patch(
        payload, frozenset({"in_service_from", "out_of_service_from", "back_in_service_on"})
    )
    services.room_update(room=room, **data)
    return selectors.room_get(pk=room.pk)


# ------------------------------------------------------------------ structure


@router.get("/hubs/{hub_slug}/phases", response=list[schemas.PublicPhaseOut], auth=AUTH_OPTIONAL)
def hub_phases(request: HttpRequest, hub_slug: Key) -> Any:
    """A hub's development phases with their area in service and planned, by kind of room."""
    hub = _hub(api_user(request), hub_slug)
    occupancy = selectors.occupancy(hub=hub, on=selectors.hub_today(hub))
    return [
        {
            "number": phase.number if phase else None,
            "name": dict(phase.name) if phase else {},
            "in_service_area_m2": float(figures.in_service_area),
            "planned_area_m2": float(figures.area[RoomState.PLANNED]),
            "kinds": {kind.value: float(f.total_area) for kind, f in kinds},
        }
        for phase, figures, kinds in occupancy.phases
    ]


@router.get("/hubs/{hub_slug}/structure", response=schemas.StructureOut)
def hub_structure(request: HttpRequest, hub_slug: Key) -> Any:
    hub = _staff_hub(api_user(request), hub_slug)
    phases, sites = selectors.hub_structure(hub=hub)
    return {"phases": phases, "sites": sites}


@router.post("/hubs/{hub_slug}/phases", response={201: schemas.DevelopmentPhaseOut})
def phase_create(request: HttpRequest, hub_slug: Key, payload: schemas.PhaseIn) -> Any:
    hub = _staff_hub(api_user(request), hub_slug)
    return Status(201, services.phase_create(hub=hub, **payload.dict()))


@router.patch("/phases/{phase_id}", response=schemas.DevelopmentPhaseOut)
def phase_update(request: HttpRequest, phase_id: int, payload: schemas.PhasePatchIn) -> Any:
    phase = get_object_or_404(Phase, pk=phase_id)
    access.require_staff(api_user(request), phase.hub_id)
    data = _patch(payload, frozenset({"opened_on", "planned_completion"}))
    return services.phase_update(phase=phase, **data)


@router.post("/hubs/{hub_slug}/sites", response={201: schemas.SiteOut})
def site_create(request: HttpRequest, hub_slug: Key, payload: schemas.SiteIn) -> Any:
    hub = _staff_hub(api_user(request), hub_slug)
    return Status(201, services.site_create(hub=hub, **payload.dict()))


@router.patch("/sites/{site_id}", response=schemas.SiteOut)
def site_update(request: HttpRequest, site_id: int, payload: schemas.SitePatchIn) -> Any:
    site = get_object_or_404(Site, pk=site_id)
    access.require_staff(api_user(request), site.hub_id)
    return services.site_update(site=site, **_patch(payload))


def _phase_of(hub_id: int, phase_id: int | None) -> Phase | None:
    if phase_id is None:
        return None
    phase = Phase.objects.filter(pk=phase_id, hub_id=hub_id).first()
    if phase is None:
        raise ValidationError({"phase": _("Unknown phase of this hub.")})
    return phase


@router.post("/buildings", response={201: schemas.BuildingOut})
def building_create(request: HttpRequest, payload: schemas.BuildingIn) -> Any:
    site = get_object_or_404(Site, pk=payload.site)
    access.require_staff(api_user(request), site.hub_id)
    data = payload.dict(exclude={"site", "phase"})
    building = services.building_create(
        site=site, phase=_phase_of(site.hub_id, payload.phase), **data
    )
    return Status(201, building)


@router.patch("/buildings/{building_id}", response=schemas.BuildingOut)
def building_update(
    request: HttpRequest, building_id: int, payload: schemas.BuildingPatchIn
) -> Any:
    building = get_object_or_404(Building.objects.select_related("site"), pk=building_id)
    access.require_staff(api_user(request), building.site.hub_id)
    data = _patch(payload, frozenset({"phase"}))
    if "phase" in data:
        data["phase"] = _phase_of(building.site.hub_id, data["phase"])
    return services.building_update(building=building, **data)


@router.post("/buildings/{building_id}/floors", response={201: schemas.FloorOut})
def floor_create(request: HttpRequest, building_id: int, payload: schemas.FloorIn) -> Any:
    building = get_object_or_404(Building.objects.select_related("site"), pk=building_id)
    access.require_staff(api_user(request), building.site.hub_id)
    return Status(201, services.floor_create(building=building, **payload.dict()))


@router.patch("/floors/{floor_id}", response=schemas.FloorOut)
def floor_update(request: HttpRequest, floor_id: int, payload: schemas.FloorPatchIn) -> Any:
    floor = get_object_or_404(Floor.objects.select_related("building__site"), pk=floor_id)
    access.require_staff(api_user(request), floor.building.site.hub_id)
    return services.floor_update(floor=floor, **_patch(payload))


@router.get("/floors/{floor_id}", response=schemas.FloorViewOut)
def floor_view(request: HttpRequest, floor_id: int, on: date | None = None) -> Any:
    """Each room of a floor and its state on a day; tenants for staff and for one's own rooms."""
    user = api_user(request)
    floor = selectors.floor_get(pk=floor_id)
    if floor is None:
        raise Http404
    hub_id = floor.building.site.hub_id
    if not access.user_sees_floor(user, floor, hub_id):
        raise Http404
    day = _day(on, "on") or selectors.hub_today(floor.building.site.hub)
    is_staff = access.user_manages_spaces(user, hub_id)
    own = grants_for(user).organisations
    rooms = []
    for item in selectors.floor_view(floor=floor, on=day):
        shows = item.lease is not None and (is_staff or item.lease.organisation_id in own)
        rooms.append(
            {
                "room": item.room,
                "state": item.state.value,
                "lease": item.lease.pk if shows else None,
                "tenant": item.lease.organisation.slug if shows else None,
            }
        )
    return {"floor": floor, "building_code": floor.building.code, "on": day, "rooms": rooms}


@router.get("/hubs/{hub_slug}/occupancy", response=schemas.OccupancyOut)
def hub_occupancy(request: HttpRequest, hub_slug: Key, on: date | None = None) -> Any:
    """Rooms and area leased, available, planned and out of service on a day (staff)."""
    hub = _staff_hub(api_user(request), hub_slug)
    day = _day(on, "on") or selectors.hub_today(hub)
    result = selectors.occupancy(hub=hub, on=day)
    return {
        "hub": hub.slug,
        "on": day,
        "total": result.total.as_dict(),
        "phases": [
            {
                "phase": phase.number if phase else None,
                "name": dict(phase.name) if phase else {},
                "figures": figures.as_dict(),
                "kinds": [{"kind": k.value, "figures": f.as_dict()} for k, f in kinds],
            }
            for phase, figures, kinds in result.phases
        ],
        "buildings": [
            {"building": b.pk, "code": b.code, "name": dict(b.name), "figures": f.as_dict()}
            for b, f in result.buildings
        ],
        "kinds": [{"kind": k.value, "figures": f.as_dict()} for k, f in result.kinds],
    }


# ------------------------------------------------------------------ bookings


def _booking_out(pk: int) -> Booking:
    booking = selectors.booking_get(pk=pk)
    assert booking is not None
    return booking


def _organisation(slug: str | None) -> Organisation | None:
    if not slug:
        return None
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise ValidationError({"organisation": _("Unknown organisation.")})
    return organisation


def _booking_args(user: Any, payload: schemas.BookingIn) -> dict[str, Any]:
    room = _room(user, payload.room)
    return {
        "room": room,
        "starts_at": _aware(payload.starts_at, room),
        "ends_at": _aware(payload.ends_at, room),
        "title": payload.title,
        "attendance": payload.attendance,
        "kind": payload.kind,
        "organisation": _organisation(payload.organisation),
        "note": payload.note,
        "by": user,
    }


@router.get("/bookings", response=list[schemas.BookingOut])
@paginate(Pagination)
def booking_list(
    request: HttpRequest,
    when: Key = "upcoming",
    start: date | None = None,
    hub: Key = "",
    cancelled: bool = False,
) -> Any:
    """Bookings whose details the caller may see (staff: their hubs'; members: their own), in
    a 90-day window: `when=upcoming` from `start` (today by default), `when=past` up to it."""
    user = api_user(request)
    when = when if when in ("upcoming", "past") else "upcoming"
    first, last = selectors.booking_window(when, _day(start, "start"), timezone.localdate())
    return selectors.booking_list_for_user(
        user=user,
        hub=_hub(user, hub) if hub else None,
        start=datetime.combine(first, datetime.min.time(), tzinfo=UTC),
        end=datetime.combine(last, datetime.min.time(), tzinfo=UTC),
        newest_first=when == "past",
        include_cancelled=cancelled,
    )


@router.post("/bookings", response={201: schemas.BookingOut})
def booking_create(request: HttpRequest, payload: schemas.BookingIn) -> Any:
    """Book one slot. 400 with a clear message when it is taken or too small for the attendance."""
    booking = services.booking_create(**_booking_args(api_user(request), payload))
    return Status(201, _booking_out(booking.pk))


@router.post("/booking-series", response={201: schemas.BookingSeriesOut})
def booking_series_create(request: HttpRequest, payload: schemas.BookingSeriesIn) -> Any:
    """Book a repeating slot (at most 100 times, within a year); all or nothing unless
    `skip_conflicts`."""
    user = api_user(request)
    repeat = payload.repeat
    result = services.booking_series_create(
        **_booking_args(user, payload),
        recurrence=Recurrence(
            frequency=repeat.frequency,
            interval=repeat.interval,
            weekdays=tuple(repeat.weekdays),
            count=repeat.count,
            until=repeat.until,
        ),
        skip_conflicts=payload.skip_conflicts,
    )
    bookings = list(
        Booking.objects.filter(pk__in=[b.pk for b in result.bookings])
        .select_related("room__hub", "organisation", "booked_by")
        .order_by("starts_at")
    )
    return Status(
        201,
        {
            "series": result.series.pk,
            "rrule": result.series.rrule,
            "bookings": bookings,
            "skipped": [{"starts_at": s, "ends_at": e} for s, e in result.skipped],
        },
    )


@router.get("/bookings/{booking_id}", response=schemas.BookingOut)
def booking_detail(request: HttpRequest, booking_id: int) -> Any:
    return access.access_booking_for_user(api_user(request), selectors.booking_get(pk=booking_id))


@router.post("/bookings/{booking_id}/cancel", response=schemas.BookingOut)
def booking_cancel(request: HttpRequest, booking_id: int, payload: schemas.CancelIn) -> Any:
    user = api_user(request)
    booking = access.access_booking_for_user(user, selectors.booking_get(pk=booking_id))
    services.booking_cancel(booking=booking, by=user, reason=payload.reason)
    return _booking_out(booking.pk)


@router.post("/booking-series/{series_id}/cancel", response=schemas.CancelCountOut)
def booking_series_cancel(request: HttpRequest, series_id: int, payload: schemas.CancelIn) -> Any:
    """Cancel every occurrence still to come."""
    user = api_user(request)
    series = get_object_or_404(BookingSeries.objects.select_related("room__hub"), pk=series_id)
    first = series.bookings.select_related("room__hub").first()
    access.access_booking_for_user(user, first)
    count = services.booking_series_cancel(series=series, by=user, reason=payload.reason)
    return {"cancelled": count}


# ------------------------------------------------------------------ leases


def _lease(user: Any, pk: int) -> Lease:
    return access.access_lease_for_user(user, selectors.lease_get(pk=pk))


def _rooms_of(hub_id: int, ids: list[int]) -> list[Room]:
    rooms = list(Room.objects.filter(pk__in=ids, hub_id=hub_id))
    missing = set(ids) - {room.pk for room in rooms}
    if missing:
        raise ValidationError(
            {"rooms": _("Unknown room of this hub: %(ids)s") % {"ids": sorted(missing)}}
        )
    return rooms


@router.get("/leases", response=list[schemas.LeaseOut])
@paginate(Pagination)
def lease_list(
    request: HttpRequest,
    state: Key = "current",
    hub: Key = "",
    organisation: Key = "",
    on: date | None = None,
) -> Any:
    """Leases of the hubs the caller staffs and of the organisations the caller represents."""
    user = api_user(request)
    return selectors.with_rooms(
        selectors.lease_list_for_user(
            user=user,
            hub=_hub(user, hub) if hub else None,
            organisation=Organisation.objects.filter(slug=organisation).first()
            if organisation
            else None,
            state=state if state in ("current", "upcoming", "ended", "all") else "current",
            on=_day(on, "on"),
        )
    )


@router.post("/leases", response={201: schemas.LeaseOut})
def lease_create(request: HttpRequest, payload: schemas.LeaseIn) -> Any:
    user = api_user(request)
    hub = _staff_hub(user, payload.hub)
    organisation = _organisation(payload.organisation)
    data = payload.dict(exclude={"hub", "organisation", "rooms"})
    lease = services.lease_create(
        hub=hub,
        organisation=organisation,
        rooms=_rooms_of(hub.pk, payload.rooms),
        by=user,
        **data,
    )
    return Status(201, selectors.lease_get(pk=lease.pk))


@router.get("/leases/{lease_id}", response=schemas.LeaseOut)
def lease_detail(request: HttpRequest, lease_id: int) -> Any:
    return _lease(api_user(request), lease_id)


@router.patch("/leases/{lease_id}", response=schemas.LeaseOut)
def lease_update(request: HttpRequest, lease_id: int, payload: schemas.LeasePatchIn) -> Any:
    user = api_user(request)
    lease = access.access_lease_for_edit(user, selectors.lease_get(pk=lease_id))
    data = _patch(payload)
    rooms = _rooms_of(lease.hub_id, data.pop("rooms")) if "rooms" in data else None
    services.lease_update(lease=lease, by=user, rooms=rooms, **data)
    return selectors.lease_get(pk=lease.pk)


@router.post("/leases/{lease_id}/terminate", response=schemas.LeaseOut)
def lease_terminate(request: HttpRequest, lease_id: int, payload: schemas.TerminateIn) -> Any:
    user = api_user(request)
    lease = access.access_lease_for_edit(user, selectors.lease_get(pk=lease_id))
    services.lease_terminate(lease=lease, on=payload.on, by=user, reason=payload.reason)
    return selectors.lease_get(pk=lease.pk)


@router.post("/leases/{lease_id}/cancel", response=schemas.LeaseOut)
def lease_cancel(request: HttpRequest, lease_id: int) -> Any:
    user = api_user(request)
    lease = access.access_lease_for_edit(user, selectors.lease_get(pk=lease_id))
    services.lease_cancel(lease=lease, by=user)
    return selectors.lease_get(pk=lease.pk)


@router.post("/leases/{lease_id}/renew", response={201: schemas.LeaseOut})
def lease_renew(request: HttpRequest, lease_id: int, payload: schemas.RenewIn) -> Any:
    user = api_user(request)
    lease = access.access_lease_for_edit(user, selectors.lease_get(pk=lease_id))
    renewal = services.lease_renew(
        lease=lease,
        ends_on=payload.ends_on,
        rent_rate=payload.rent_rate,
        reference=payload.reference,
        by=user,
    )
    return Status(201, selectors.lease_get(pk=renewal.pk))


@router.get("/hubs/{hub_slug}/leases/expiring", response=list[schemas.ExpiringOut])
def leases_expiring(request: HttpRequest, hub_slug: Key, within: int = 90) -> Any:
    """Leases whose last day falls within `within` days (at most 365), with their 30/60/90 mark."""
    hub = _staff_hub(api_user(request), hub_slug)
    return selectors.leases_expiring(
        hub=hub, on=selectors.hub_today(hub), within=max(1, min(within, 365))
    )
