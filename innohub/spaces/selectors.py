"""Reads of spaces: rooms and their free slots, bookings, leases, occupancy at any date."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from innohub.spaces import access
from innohub.spaces.guards import MAX_BOOKING_DAYS
from innohub.spaces.models import (
    Booking,
    BookingStatus,
    Building,
    Floor,
    Lease,
    LeaseRoom,
    LeaseStatus,
    Phase,
    Room,
    RoomKind,
    RoomState,
    RoomUsage,
    Site,
)

EXPIRY_MARKS = (30, 60, 90)
# Dates the spaces app works with; outside them calendars would overflow Python's date range.
FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2199, 12, 31)


def is_supported_day(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def hub_today(hub: Any) -> date:
    """Today's date where the hub is (Shanghai is a day ahead of UTC every evening)."""
    return timezone.now().astimezone(ZoneInfo(hub.time_zone)).date()


def _room_qs() -> QuerySet[Room]:
    return Room.objects.select_related("hub", "floor__building__site", "floor__building__phase")


def room_get(*, pk: int) -> Room | None:
    return _room_qs().filter(pk=pk).first()


def confirmed_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": BookingStatus.CONFIRMED, f"{prefix}deleted_at__isnull": True})


def overlapping_q(start: datetime, end: datetime, prefix: str = "") -> Q:
    """Bookings that overlap [start, end). Bookings last at most MAX_BOOKING_DAYS, so the
    lower bound on starts_at turns the test into a short range scan of the (room, starts_at)
    index instead of a scan of every earlier booking of the room."""
    return Q(
        **{
            f"{prefix}starts_at__lt": end,
            f"{prefix}starts_at__gte": start - timedelta(days=MAX_BOOKING_DAYS),
            f"{prefix}ends_at__gt": start,
        }
    )


def bookings_overlapping(
    *, room: Room, starts_at: datetime, ends_at: datetime, exclude_pk: int | None = None
) -> QuerySet[Booking]:
    qs = Booking.objects.filter(confirmed_q(), overlapping_q(starts_at, ends_at), room=room)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("starts_at")


@dataclass
class RoomFilters:
    hub: Any = None
    kind: str = ""
    min_capacity: int | None = None
    free_from: datetime | None = None
    free_until: datetime | None = None
    # (day, start, end) in each hub's own wall-clock time: "free on Tuesday 10:00–12:00".
    free_local: tuple[date, time, time] | None = None


def in_service_q(day: date) -> Q:
    """Rooms in service on `day` (the query form of Room.is_in_service_on)."""
    out = Q(out_of_service_from__lte=day) & (
        Q(back_in_service_on__isnull=True) | Q(back_in_service_on__gt=day)
    )
    return Q(in_service_from__lte=day) & ~out


def _free_local_q(rooms: QuerySet[Room], free_local: tuple[date, time, time]) -> Q:
    """Free for the same wall-clock window in each hub's zone: one Exists per zone in use."""
    day, start, end = free_local
    condition = Q(pk__in=[])
    for zone_name in set(rooms.values_list("hub__time_zone", flat=True)):
        zone = ZoneInfo(zone_name)
        window = (
            datetime.combine(day, start, tzinfo=zone),
            datetime.combine(day, end, tzinfo=zone),
        )
        busy = Booking.objects.filter(confirmed_q(), overlapping_q(*window), room=OuterRef("pk"))
        condition |= Q(hub__time_zone=zone_name) & ~Exists(busy)
    return condition & in_service_q(day)


def rooms_bookable(*, user: Any, filters: RoomFilters) -> QuerySet[Room]:
    """Shared rooms the user may see, optionally only those free for a whole window."""
    qs = _room_qs().filter(
        access.room_visible_q(user),
        usage=RoomUsage.BOOKING,
        hub__deleted_at__isnull=True,
        in_service_from__isnull=False,
    )
    if filters.hub is not None:
        qs = qs.filter(hub=filters.hub)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.min_capacity:
        qs = qs.filter(capacity__gte=filters.min_capacity)
    if filters.free_from and filters.free_until:
        busy = Booking.objects.filter(
            confirmed_q(), overlapping_q(filters.free_from, filters.free_until), room=OuterRef("pk")
        )
        qs = qs.exclude(Exists(busy))
    if filters.free_local:
        qs = qs.filter(_free_local_q(qs, filters.free_local))
    return qs.order_by("hub_id", "kind", "code")


def rooms_for_staff(*, hub: Any, kind: str = "", usage: str = "") -> QuerySet[Room]:
    qs = _room_qs().filter(hub=hub)
    if kind:
        qs = qs.filter(kind=kind)
    if usage:
        qs = qs.filter(usage=usage)
    return qs.order_by("floor__building__site__position", "floor__building__code", "code")


@dataclass
class Slot:
    starts_at: datetime  # aware, in the hub's zone
    ends_at: datetime
    state: str  # free | busy | past
    booking: Booking | None = None


def room_bookings_between(*, room: Room, start: datetime, end: datetime) -> list[Booking]:
    return list(
        Booking.objects.filter(confirmed_q(), overlapping_q(start, end), room=room)
        .select_related("organisation", "booked_by")
        .order_by("starts_at")
    )


def room_day_slots(*, room: Room, day: date, now: datetime | None = None) -> list[Slot]:
    """The room's bookable slots on a local day, each free, busy or already past."""
    zone = room.zone
    now = now or timezone.now()
    opens = datetime.combine(day, room.opens_at, tzinfo=zone)
    closes = datetime.combine(day, room.closes_at, tzinfo=zone)
    if not room.is_in_service_on(day):
        return []
    bookings = room_bookings_between(room=room, start=opens, end=closes)
    step = timedelta(minutes=room.slot_minutes)
    slots: list[Slot] = []
    cursor = opens
    while cursor + step <= closes:
        end = cursor + step
        taken = next((b for b in bookings if b.starts_at < end and b.ends_at > cursor), None)
        if taken is not None:
            slots.append(Slot(cursor, end, "busy", taken))
        elif end <= now:
            slots.append(Slot(cursor, end, "past"))
        else:
            slots.append(Slot(cursor, end, "free"))
        cursor = end
    return slots


def free_periods(slots: list[Slot]) -> list[tuple[datetime, datetime]]:
    """Runs of consecutive free slots, merged."""
    periods: list[tuple[datetime, datetime]] = []
    for slot in slots:
        if slot.state != "free":
            continue
        if periods and periods[-1][1] == slot.starts_at:
            periods[-1] = (periods[-1][0], slot.ends_at)
        else:
            periods.append((slot.starts_at, slot.ends_at))
    return periods


@dataclass
class DaySchedule:
    day: date
    bookings: list[Booking]
    in_service: bool


def room_week(*, room: Room, first_day: date, days: int = 7) -> list[DaySchedule]:
    zone = room.zone
    start = datetime.combine(first_day, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(first_day + timedelta(days=days), datetime.min.time(), tzinfo=zone)
    bookings = room_bookings_between(room=room, start=start, end=end)
    by_day: dict[date, list[Booking]] = defaultdict(list)
    for booking in bookings:
        by_day[booking.starts_at.astimezone(zone).date()].append(booking)
    return [
        DaySchedule(
            day=first_day + timedelta(days=i),
            bookings=by_day.get(first_day + timedelta(days=i), []),
            in_service=room.is_in_service_on(first_day + timedelta(days=i)),
        )
        for i in range(days)
    ]


def booking_get(*, pk: int) -> Booking | None:
    return (
        Booking.all_objects.select_related(
            "room__hub", "room__floor__building__site", "organisation", "booked_by", "series"
        )
        .filter(pk=pk)
        .first()
    )


BOOKING_LIST_DAYS = 90


def booking_window(when: str, first_day: date | None, today: date) -> tuple[date, date]:
    """The days a bookings list covers: 90 from `first_day` (to come) or up to it (past).

    A bounded window keeps the list's count and sort cheap however many bookings exist.
    """
    span = timedelta(days=BOOKING_LIST_DAYS)
    if when == "past":
        last = first_day or today
        return last - span, last
    first = first_day or today
    return first, first + span


def booking_list_for_user(
    *,
    user: Any,
    start: datetime,
    end: datetime,
    hub: Any = None,
    newest_first: bool = False,
    include_cancelled: bool = False,
) -> QuerySet[Booking]:
    """Bookings starting in [start, end) whose details the user may see: staff see their
    hubs', members their organisations' and their own."""
    from innohub.accounts.access import ALL_HUBS, grants_for, hub_ids_staffed_by

    staffed = hub_ids_staffed_by(user)
    qs = Booking.objects.select_related("room__hub", "organisation", "booked_by").filter(
        starts_at__gte=start, starts_at__lt=end
    )
    if staffed is not ALL_HUBS:
        grants = grants_for(user)
        visible = Q(booked_by_id=getattr(user, "pk", None)) | Q(
            organisation_id__in=grants.member_organisations
        )
        if staffed:
            visible |= Q(room__hub_id__in=staffed)
        qs = qs.filter(visible)
    if hub is not None:
        qs = qs.filter(room__hub=hub)
    if not include_cancelled:
        qs = qs.filter(status=BookingStatus.CONFIRMED)
    order = ("-starts_at", "-id") if newest_first else ("starts_at", "id")
    return qs.order_by(*order)


# ------------------------------------------------------------------ leases


def lease_get(*, pk: int) -> Lease | None:
    return (
        Lease.objects.select_related("hub", "organisation", "previous")
        .prefetch_related(
            Prefetch("rooms", queryset=Room.objects.select_related("floor__building__site"))
        )
        .filter(pk=pk)
        .first()
    )


def lease_live_q(prefix: str = "") -> Q:
    return ~Q(**{f"{prefix}status": LeaseStatus.CANCELLED}) & Q(
        **{f"{prefix}deleted_at__isnull": True}
    )


def lease_covering_q(day: date) -> Q:
    """Live leases whose effective span includes `day`."""
    return (
        lease_live_q()
        & Q(starts_on__lte=day)
        & (
            Q(terminated_on__isnull=True, ends_on__gte=day)
            | Q(terminated_on__isnull=False, terminated_on__gte=day)
        )
    )


def lease_list_for_user(
    *,
    user: Any,
    hub: Any = None,
    organisation: Any = None,
    state: str = "current",
    on: date | None = None,
) -> QuerySet[Lease]:
    """Leases the user may see; `state` is current, upcoming, ended or all (on `on`)."""
    on = on or timezone.localdate()
    qs = Lease.objects.filter(access.lease_visible_q(user)).select_related("hub", "organisation")
    if hub is not None:
        qs = qs.filter(hub=hub)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if state == "current":
        qs = qs.filter(lease_covering_q(on))
    elif state == "upcoming":
        qs = qs.filter(lease_live_q(), starts_on__gt=on)
    elif state == "ended":
        qs = qs.filter(
            Q(status=LeaseStatus.CANCELLED)
            | Q(terminated_on__lt=on)
            | Q(terminated_on__isnull=True, ends_on__lt=on)
        )
    # A correlated subquery rather than a join with GROUP BY: PostgreSQL then sums the rooms of
    # the page's 50 leases only, not of every lease in the network before sorting.
    area = (
        LeaseRoom.objects.filter(lease=OuterRef("pk"))
        .order_by()
        .values("lease")
        .annotate(total=Sum("room__area_m2"))
        .values("total")
    )
    return qs.annotate(area=Subquery(area)).order_by("organisation__sort_name", "starts_on", "id")


def with_rooms(leases: QuerySet[Lease]) -> QuerySet[Lease]:
    return leases.prefetch_related(
        Prefetch("rooms", queryset=Room.objects.select_related("floor__building").order_by("code"))
    )


@dataclass
class ExpiringLease:
    lease: Lease
    days_left: int
    mark: int  # 30, 60 or 90: the reminder window it falls in
    tenant_is_member: bool


def leases_expiring(*, hub: Any, on: date, within: int = 90) -> list[ExpiringLease]:
    """Live leases whose last day falls in the next `within` days, with their 30/60/90 mark.

    A lease already followed by a renewal that starts the next day is not expiring.
    """
    from innohub.directory.models import Membership, members_on_q

    horizon = on + timedelta(days=within)
    leases = list(
        with_rooms(
            Lease.objects.filter(lease_live_q(), hub=hub)
            .filter(
                Q(terminated_on__isnull=True, ends_on__gte=on, ends_on__lte=horizon)
                | Q(terminated_on__gte=on, terminated_on__lte=horizon)
            )
            .select_related("organisation")
            .annotate(area=Sum("lease_rooms__room__area_m2"))
        )
    )
    renewed = set(
        Lease.objects.filter(lease_live_q(), previous__in=leases).values_list(
            "previous_id", flat=True
        )
    )
    members = set(
        Membership.objects.filter(
            members_on_q(on), hub=hub, organisation_id__in=[le.organisation_id for le in leases]
        ).values_list("organisation_id", flat=True)
    )
    found = []
    for lease in leases:
        if lease.pk in renewed:
            continue
        days_left = (lease.last_day - on).days
        mark = next(m for m in EXPIRY_MARKS if days_left <= m) if days_left <= 90 else within
        found.append(ExpiringLease(lease, days_left, mark, lease.organisation_id in members))
    found.sort(key=lambda item: (item.days_left, item.lease.pk))
    return found


# ------------------------------------------------------------------ structure and occupancy


def hub_structure(*, hub: Any) -> tuple[list[Phase], list[Site]]:
    """Phases, and sites with their buildings and floors, for the spaces overview."""
    phases = list(Phase.objects.filter(hub=hub).order_by("number"))
    sites = list(
        Site.objects.filter(hub=hub)
        .prefetch_related(
            Prefetch(
                "buildings",
                queryset=Building.objects.select_related("phase").prefetch_related(
                    Prefetch("floors", queryset=Floor.objects.order_by("level"))
                ),
            )
        )
        .order_by("position", "id")
    )
    return phases, sites


def rooms_on(*, rooms: QuerySet[Room], day: date) -> QuerySet[Room]:
    """Rooms annotated with `leased_on_day` for one date."""
    covering = LeaseRoom.objects.filter(
        room=OuterRef("pk"), is_active=True, starts_on__lte=day, ends_on__gte=day
    )
    return rooms.annotate(leased_on_day=Exists(covering))


@dataclass
class Figures:
    """Rooms and area per state, and the share of lettable area that is let."""

    rooms: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RoomState.values, 0))
    area: dict[str, Decimal] = field(
        default_factory=lambda: dict.fromkeys(RoomState.values, Decimal(0))
    )
    lettable_area: Decimal = Decimal(0)
    let_area: Decimal = Decimal(0)

    def add(self, room: Room, state: str) -> None:
        self.rooms[state] += 1
        self.area[state] += room.area_m2
        if room.usage == RoomUsage.LEASE and state in (RoomState.LEASED, RoomState.AVAILABLE):
            self.lettable_area += room.area_m2
            if state == RoomState.LEASED:
                self.let_area += room.area_m2

    @property
    def total_rooms(self) -> int:
        return sum(self.rooms.values())

    @property
    def total_area(self) -> Decimal:
        return sum(self.area.values(), Decimal(0))

    @property
    def in_service_area(self) -> Decimal:
        return self.total_area - self.area[RoomState.PLANNED]

    @property
    def occupancy_rate(self) -> float | None:
        """Let area over lettable area in service, as a fraction; None when nothing is lettable."""
        if not self.lettable_area:
            return None
        return float(self.let_area / self.lettable_area)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rooms": dict(self.rooms),
            "area_m2": {k: float(v) for k, v in self.area.items()},
            "total_rooms": self.total_rooms,
            "total_area_m2": float(self.total_area),
            "lettable_area_m2": float(self.lettable_area),
            "let_area_m2": float(self.let_area),
            "occupancy_rate": self.occupancy_rate,
        }


@dataclass
class Occupancy:
    on: date
    total: Figures
    phases: list[tuple[Phase | None, Figures, list[tuple[RoomKind, Figures]]]]
    buildings: list[tuple[Building, Figures]]
    kinds: list[tuple[RoomKind, Figures]]


_OCCUPANCY_FIELDS = (
    "kind",
    "usage",
    "area_m2",
    "in_service_from",
    "out_of_service_from",
    "back_in_service_on",
    "floor__building__site",
    "floor__building__code",
    "floor__building__name",
    "floor__building__position",
    "floor__building__phase__number",
    "floor__building__phase__name",
    "floor__building__phase__opened_on",
)


def occupancy(*, hub: Any, on: date) -> Occupancy:
    """Rooms and area leased, available, planned and out of service on a date, grouped."""
    # Only what the figures and their rows' names need: at a national hub's two hundred rooms,
    # building every room's hub and site, with all their texts, took most of the time.
    rooms = list(
        rooms_on(
            rooms=Room.objects.filter(hub=hub)
            .select_related("floor__building__phase")
            .only(*_OCCUPANCY_FIELDS),
            day=on,
        )
    )
    total = Figures()
    by_phase: dict[int | None, Figures] = defaultdict(Figures)
    by_phase_kind: dict[int | None, dict[str, Figures]] = defaultdict(lambda: defaultdict(Figures))
    by_building: dict[int, Figures] = defaultdict(Figures)
    by_kind: dict[str, Figures] = defaultdict(Figures)
    phases: dict[int | None, Phase | None] = {None: None}
    buildings: dict[int, Building] = {}
    for room in rooms:
        state = room.state_on(on, leased=room.leased_on_day)
        building = room.floor.building
        phase_id = building.phase_id
        phases[phase_id] = building.phase
        buildings[building.pk] = building
        for figures in (
            total,
            by_phase[phase_id],
            by_phase_kind[phase_id][room.kind],
            by_building[building.pk],
            by_kind[room.kind],
        ):
            figures.add(room, state)
    kind_order = list(RoomKind.values)
    phase_rows = []
    for phase_id in sorted(
        by_phase, key=lambda pid: (pid is None, phases[pid].number if phases[pid] else 0)
    ):
        kinds = [
            (RoomKind(kind), figures)
            for kind, figures in sorted(
                by_phase_kind[phase_id].items(), key=lambda kv: kind_order.index(kv[0])
            )
        ]
        phase_rows.append((phases[phase_id], by_phase[phase_id], kinds))
    building_rows = sorted(
        ((buildings[pk], figures) for pk, figures in by_building.items()),
        key=lambda row: (row[0].site_id, row[0].position, row[0].code),
    )
    kind_rows = [
        (RoomKind(kind), figures)
        for kind, figures in sorted(by_kind.items(), key=lambda kv: kind_order.index(kv[0]))
    ]
    return Occupancy(on, total, phase_rows, building_rows, kind_rows)


@dataclass
class RoomOnDay:
    room: Room
    state: RoomState
    lease: Lease | None
    size: str  # a CSS size bucket for the floor view


def _size_bucket(area: Decimal) -> str:
    for limit, name in ((50, "xs"), (90, "s"), (200, "m"), (600, "l")):
        if area < limit:
            return name
    return "xl"


def floor_get(*, pk: int) -> Floor | None:
    qs = Floor.objects.select_related("building__site__hub", "building__phase")
    return qs.filter(pk=pk).first()


def floor_view(*, floor: Floor, on: date) -> list[RoomOnDay]:
    """Every room of a floor with its state on `on` and the lease that covers it."""
    rooms = list(rooms_on(rooms=_room_qs().filter(floor=floor), day=on).order_by("code"))
    covering = (
        LeaseRoom.objects.filter(room__in=rooms, is_active=True, starts_on__lte=on, ends_on__gte=on)
        .select_related("lease__organisation")
        .order_by("starts_on")
    )
    lease_by_room = {lr.room_id: lr.lease for lr in covering}
    return [
        RoomOnDay(
            room=room,
            state=RoomState(room.state_on(on, leased=room.leased_on_day)),
            lease=lease_by_room.get(room.pk),
            size=_size_bucket(room.area_m2),
        )
        for room in rooms
    ]


def floors_of_building(building: Building) -> list[Floor]:
    return list(building.floors.order_by("level"))


def sibling_floors(floor: Floor) -> list[Floor]:
    hub_id = floor.building.site.hub_id
    return list(
        Floor.objects.filter(building__site__hub_id=hub_id)
        .select_related("building")
        .order_by("building__site__position", "building__position", "building__code", "level")
    )
