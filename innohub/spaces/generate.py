"""Synthetic phases, buildings, rooms, leases and bookings for load tests (innohub generate).

Every generated hub gets a phase-1 building with its shared rooms (two roadshow centres, two
meeting rooms, an exhibition hall) and office floors, and a phase-2 building once it has more
than a building's worth of tenants. Each member that ever held an office gets its own office,
let by a chain of three-year leases while it stays; its bookings of the shared rooms are laid
out day by day, one after the other inside opening hours. Rooms are never double-let nor
double-booked by construction, so the database guards (exclusion constraints on PostgreSQL,
triggers on SQLite) stay in place and accept every row.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from innohub.common.generate import GenerateContext, bulk_insert, chunks
from innohub.directory.models import MembershipState
from innohub.network.models import Hub
from innohub.spaces.models import (
    Booking,
    BookingKind,
    BookingStatus,
    Building,
    Floor,
    Lease,
    LeaseRoom,
    LeaseStatus,
    Phase,
    Room,
    RoomKind,
    RoomUsage,
    Site,
)

OFFICES_PER_FLOOR = 20
FLOORS_PER_BUILDING = 10
LEASE_YEARS = 3
# (kind, code suffix, area m², seats, English, Chinese, Hebrew)
SHARED_ROOMS = [
    (RoomKind.ROADSHOW, "R1", 300, 100, "Roadshow centre 1", "路演中心一", "מרכז רודשואו 1"),
    (RoomKind.ROADSHOW, "R2", 300, 100, "Roadshow centre 2", "路演中心二", "מרכז רודשואו 2"),
    (RoomKind.MEETING, "M1", 60, 16, "Meeting room Haifa", "海法会议室", "חדר ישיבות חיפה"),
    (RoomKind.MEETING, "M2", 40, 10, "Meeting room Shanghai", "上海会议室", "חדר ישיבות שנחאי"),
]
# Booking titles in the language a member of that country would write them in.
TITLES = {
    "CN": ["项目路演", "投资人见面会", "团队周会", "客户洽谈", "技术交流会", "产品发布会"],
    "IL": ["פגישת משקיעים", "רודשואו מוצר", "ישיבת צוות שבועית", "פגישת לקוח", "סדנת טכנולוגיה"],
    "JOINT": ["Investor meeting", "Product roadshow", "Weekly team meeting", "Partner workshop"],
}
DURATIONS = [60, 60, 90, 120, 120, 180]  # minutes
GAPS = [0, 0, 30, 60, 90, 120]


def _i18n(en: str, zh: str, he: str) -> dict[str, str]:
    return {"en": en, "zh-hans": zh, "he": he}


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _tenancies(ctx: GenerateContext) -> dict[int, list[tuple[int, date, date | None]]]:
    """Per hub: (organisation, first day, day it left or None) of each member with an office."""
    from innohub.directory.models import Membership

    wanted = (MembershipState.RESIDENT, MembershipState.GRADUATED, MembershipState.LEFT)
    tenancies: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    rows = (
        Membership.objects.filter(
            hub_id__in=ctx.ids["hubs"], state__in=wanted, member_from__isnull=False
        )
        .order_by("hub_id", "organisation_id")
        .values_list("hub_id", "organisation_id", "member_from", "member_until")
    )
    for hub_id, org_id, start, until in rows.iterator(chunk_size=10_000):
        if until is None or until > start:
            tenancies[hub_id].append((org_id, start, until))
    return tenancies


def generate(ctx: GenerateContext) -> None:
    hubs = list(
        Hub.objects.filter(pk__in=ctx.ids["hubs"])
        .order_by("pk")
        .values_list("pk", "name", "opened_on", "time_zone")
    )
    tenancies = _tenancies(ctx)
    rooms = _buildings_and_rooms(ctx, hubs, tenancies)
    _leases(ctx, hubs, tenancies, rooms["office"])
    _bookings(ctx, hubs, rooms["shared"])


def _buildings_and_rooms(ctx, hubs, tenancies) -> dict[str, dict[int, list]]:
    rng = ctx.rng
    phases, sites = [], []
    for hub_id, name, opened, _zone in hubs:
        phases.append(
            Phase(hub_id=hub_id, number=1, name=_i18n("Phase 1", "一期", "שלב 1"), opened_on=opened)
        )
        phases.append(
            Phase(
                hub_id=hub_id,
                number=2,
                name=_i18n("Phase 2", "二期", "שלב 2"),
                opened_on=opened + timedelta(days=730),
            )
        )
        sites.append(Site(hub_id=hub_id, name=name, position=1))
    phase_ids = bulk_insert(Phase, phases)
    site_ids = bulk_insert(Site, sites)

    # Buildings: A (phase 1) with the shared rooms, then B, C, ... (phase 2) for more offices.
    building_plan = []  # (hub index, building number, offices in it)
    for h, (hub_id, _name, _opened, _zone) in enumerate(hubs):
        offices = max(len(tenancies.get(hub_id, [])) * 11 // 10, 4)
        per_building = OFFICES_PER_FLOOR * FLOORS_PER_BUILDING
        for b in range(0, (offices + per_building - 1) // per_building):
            building_plan.append((h, b, min(per_building, offices - b * per_building)))
    buildings = []
    for h, b, _offices in building_plan:
        code = chr(ord("A") + b % 26) + ("" if b < 26 else str(b // 26))
        buildings.append(
            Building(
                site_id=site_ids[h],
                phase_id=phase_ids[2 * h + (0 if b == 0 else 1)],
                code=code,
                name=_i18n(f"Building {code}", f"{code}栋", f"בניין {code}"),
                position=b + 1,
            )
        )
    building_ids = bulk_insert(Building, buildings)

    floors, floor_plan = [], []  # floor_plan: (hub index, building code, level, offices)
    for (h, b, offices), building_id, building in zip(
        building_plan, building_ids, buildings, strict=True
    ):
        levels = [1] if b == 0 else []
        levels += list(range(2, 2 + (offices + OFFICES_PER_FLOOR - 1) // OFFICES_PER_FLOOR))
        for level in levels:
            floors.append(Floor(building_id=building_id, level=level))
            on_floor = 0 if level == 1 else min(OFFICES_PER_FLOOR, offices)
            offices -= on_floor
            floor_plan.append((h, b, building.code, level, on_floor))
    floor_ids = bulk_insert(Floor, floors)

    room_rows, room_roles = [], []  # role: ("shared", hub_id) or ("office", hub_id)
    for floor_id, (h, b, code, level, offices) in zip(floor_ids, floor_plan, strict=True):
        hub_id, _name, opened, _zone = hubs[h]
        in_service = opened if b == 0 else opened + timedelta(days=730)
        if level == 1:
            for kind, suffix, area, seats, en, zh, he in SHARED_ROOMS:
                room_rows.append(
                    Room(
                        floor_id=floor_id,
                        hub_id=hub_id,
                        code=f"{code}-{suffix}",
                        name=_i18n(en, zh, he),
                        kind=kind,
                        usage=RoomUsage.BOOKING,
                        area_m2=Decimal(area),
                        capacity=seats,
                        in_service_from=opened,
                        equipment=_i18n(
                            "Projector, simultaneous interpretation booths, video link",
                            "投影仪、同声传译间、视频会议",
                            "מקרן, תאי תרגום סימולטני, שיחת וידאו",
                        ),
                    )
                )
                room_roles.append(("shared", hub_id))
            room_rows.append(
                Room(
                    floor_id=floor_id,
                    hub_id=hub_id,
                    code=f"{code}-E1",
                    name=_i18n("Exhibition hall", "展示厅", "אולם תצוגה"),
                    kind=RoomKind.EXHIBITION,
                    usage=RoomUsage.COMMON,
                    area_m2=Decimal(1500),
                    capacity=200,
                    in_service_from=opened,
                )
            )
            room_roles.append(("common", hub_id))
        for n in range(1, offices + 1):
            area = rng.choice((40, 50, 60, 80, 100, 120, 160))
            room_rows.append(
                Room(
                    floor_id=floor_id,
                    hub_id=hub_id,
                    code=f"{code}-{level}{n:02d}",
                    kind=RoomKind.OFFICE,
                    usage=RoomUsage.LEASE,
                    area_m2=Decimal(area),
                    capacity=area // 8,
                    in_service_from=in_service,
                )
            )
            room_roles.append(("office", hub_id))
    room_ids = bulk_insert(Room, room_rows)
    by_role: dict[str, dict[int, list]] = {"shared": defaultdict(list), "office": defaultdict(list)}
    for room_id, room, (role, hub_id) in zip(room_ids, room_rows, room_roles, strict=True):
        if role in by_role:
            by_role[role][hub_id].append((room_id, room))
    ctx.log(f"    spaces: {len(room_ids):,} rooms in {len(building_ids):,} buildings")
    return by_role


def _leases(ctx, hubs, tenancies, offices) -> None:
    """One office per tenant, let by consecutive three-year leases (each renewing the last)."""
    rng, today = ctx.rng, ctx.today
    chains = []  # per tenant: [(hub, org, room, start, end, terminated)]
    for hub_id, _name, _opened, _zone in hubs:
        free = list(offices.get(hub_id, []))
        for org_id, start, until in tenancies.get(hub_id, []):
            if not free:
                break
            room_id, room = free.pop()
            first = max(start, room.in_service_from)
            last_day = until - timedelta(days=1) if until else None
            if last_day is not None and last_day < first:
                continue
            chain, begins = [], first
            while True:
                ends = _add_years(begins, LEASE_YEARS) - timedelta(days=1)
                terminated = last_day if last_day is not None and last_day < ends else None
                chain.append((hub_id, org_id, room_id, begins, ends, terminated))
                if terminated is not None or ends >= today or (last_day and ends >= last_day):
                    break
                begins = ends + timedelta(days=1)
            chains.append(chain)
    previous: dict[int, int] = {}  # tenant index -> id of its latest lease so far
    generation, total = 0, 0
    while True:
        rows = [(i, chain[generation]) for i, chain in enumerate(chains) if len(chain) > generation]
        if not rows:
            break
        leases = []
        for i, (hub_id, org_id, _room, begins, ends, terminated) in rows:
            leases.append(
                Lease(
                    hub_id=hub_id,
                    organisation_id=org_id,
                    reference=f"GEN-{hub_id}-{org_id}-{generation + 1}",
                    starts_on=begins,
                    ends_on=ends,
                    terminated_on=terminated,
                    status=LeaseStatus.TERMINATED if terminated else LeaseStatus.SIGNED,
                    rent_rate=Decimal(rng.randrange(250, 900)) / 100,
                    rent_free_months=3 if generation == 0 and rng.random() < 0.3 else 0,
                    previous_id=previous.get(i),
                    is_generated=True,
                )
            )
        lease_ids = bulk_insert(Lease, leases)
        bulk_insert(
            LeaseRoom,
            (
                LeaseRoom(
                    lease_id=lease_id,
                    room_id=room_id,
                    starts_on=begins,
                    ends_on=terminated or ends,
                    is_active=True,
                )
                for lease_id, (_i, (_h, _o, room_id, begins, ends, terminated)) in zip(
                    lease_ids, rows, strict=True
                )
            ),
        )
        for lease_id, (i, _row) in zip(lease_ids, rows, strict=True):
            previous[i] = lease_id
        generation += 1
        total += len(lease_ids)
    ctx.log(f"    spaces: {total:,} leases of {len(chains):,} offices")


def _bookings(ctx, hubs, shared) -> None:
    """Bookings of the shared rooms, laid out one after another within each day's hours."""
    rng, today = ctx.rng, ctx.today
    rooms = [(hub, room_id, room) for hub in hubs for room_id, room in shared.get(hub[0], [])]
    if not rooms:
        return
    members = _members_by_hub(ctx)
    wanted = ctx.sizes["bookings"]
    share, rest = divmod(wanted, len(rooms))
    per_room = [share + (1 if i < rest else 0) for i in range(len(rooms))]
    # About 2.6 bookings a working day; start far enough back that a third lies ahead of today.
    stream = (
        booking
        for (hub, room_id, room), quota in zip(rooms, per_room, strict=True)
        for booking in _room_bookings(rng, today, hub, room_id, room, quota, members)
    )
    made = 0
    for batch in chunks(stream, 20_000):
        bulk_insert(Booking, batch)
        made += len(batch)
        if made % 200_000 < len(batch):
            ctx.log(f"    spaces: {made:,} bookings")
    ctx.log(f"    spaces: {made:,} bookings of {len(rooms):,} shared rooms")


def _members_by_hub(ctx) -> dict[int, list[tuple[int, str]]]:
    from innohub.directory.models import MEMBER_STATES, Membership

    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = (
        Membership.objects.filter(hub_id__in=ctx.ids["hubs"], state__in=MEMBER_STATES)
        .order_by("hub_id", "organisation_id")
        .values_list("hub_id", "organisation_id", "organisation__country")
    )
    for hub_id, org_id, country in rows.iterator(chunk_size=10_000):
        members[hub_id].append((org_id, country))
    return members


def _room_bookings(rng, today, hub, room_id, room, quota, members):
    hub_id, _name, _opened, zone_name = hub
    zone = ZoneInfo(zone_name)
    hub_members = members.get(hub_id, [])
    day = max(today - timedelta(days=int(quota / 2.6 * 1.4 * 2 / 3)), room.in_service_from)
    opens = datetime.combine(date.min, room.opens_at)
    closes = datetime.combine(date.min, room.closes_at)
    kind = BookingKind.ROADSHOW if room.kind == RoomKind.ROADSHOW else BookingKind.MEETING
    made = 0
    while made < quota:
        if day.weekday() < 5 or rng.random() < 0.15:
            cursor = opens + timedelta(minutes=60 * rng.randrange(0, 3))
            for _slot in range(rng.randrange(1, 6)):
                cursor += timedelta(minutes=rng.choice(GAPS))
                end = cursor + timedelta(minutes=rng.choice(DURATIONS))
                if end > closes or made >= quota:
                    break
                org_id, country = rng.choice(hub_members) if hub_members else (None, "JOINT")
                starts = datetime.combine(day, cursor.time(), tzinfo=zone).astimezone(UTC)
                ends = datetime.combine(day, end.time(), tzinfo=zone).astimezone(UTC)
                cancelled = rng.random() < 0.04
                yield Booking(
                    room_id=room_id,
                    starts_at=starts,
                    ends_at=ends,
                    status=BookingStatus.CANCELLED if cancelled else BookingStatus.CONFIRMED,
                    cancelled_at=starts - timedelta(days=1) if cancelled else None,
                    kind=kind,
                    title=rng.choice(TITLES.get(country, TITLES["JOINT"])),
                    attendance=rng.randint(2, room.capacity),
                    organisation_id=org_id,
                    is_generated=True,
                )
                made += 1
                cursor = end
        day += timedelta(days=1)
