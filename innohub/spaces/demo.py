"""Demo: the hub's phases, buildings and rooms from the seeds, leases that follow each member's
membership, and bookings of the roadshow centres around the hub's events.

Areas reproduce the seeds exactly: phase 1 holds a 1,500 m² exhibition and service centre,
1,500 m² of support facilities and 4,500 m² of offices (two buildings turned into small offices);
phase 2 holds 50,000 m² of offices (one 12,960 m² building in service, two towers planned) and
10,400 m² of planned apartments. The Hero Pen Factory site thus covers about 20,000 m², with two
100-seat roadshow centres and dozens of small offices; Mantis Vision leases a 2,000 m²
headquarters and exhibition area. Rents are in CNY per m² per day, as Shanghai offices are quoted.

Roadshow centre A is left free from the demo's "today" on, for the events app's venue bookings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import cycle
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

from innohub.common.demo import DemoContext
from innohub.directory.models import Membership, OrganisationKind
from innohub.spaces import services
from innohub.spaces.models import BookingKind, Floor, Room, RoomKind, RoomUsage

PHASE_1_OPENED = date(2019, 12, 3)
BUILDING_5_OPENED = date(2021, 3, 1)
SMALL_OFFICES = [40, 45, 50, 50, 55, 60, 60, 70, 80, 80, 80, 80]  # 750 m² a floor
LARGER_OFFICES = [80, 100, 120, 150, 90, 110, 130, 160]

TERMS = [
    {
        "en": "Rent is paid quarterly in advance. Deposit of two months' rent. Property fees, "
        "shared meeting rooms and the roadshow centres are included; electricity is metered.",
        "zh-hans": "租金按季度预付，押金为两个月租金。含物业费，可使用共享会议室和路演中心；电费按表计收。",
        "he": "שכר הדירה משולם מראש לרבעון. פיקדון בגובה שכר דירה של חודשיים. דמי ניהול, חדרי ישיבות "
        "משותפים ומרכזי הרודשואו כלולים; חשמל לפי מונה.",
    },
    {
        "en": "Incubator terms: the first three months are rent-free for startups admitted to "
        "the incubation programme; rent is paid quarterly afterwards.",
        "zh-hans": "孵化条款：入选孵化计划的初创企业前三个月免租，此后按季度支付租金。",
        "he": "תנאי חממה: שלושת החודשים הראשונים ללא שכר דירה לסטארט-אפים שהתקבלו לתוכנית "
        "האינקובציה; לאחר מכן תשלום רבעוני.",
    },
]


def _i18n(en: str, zh: str, he: str) -> dict[str, str]:
    return {"en": en, "zh-hans": zh, "he": he}


def _fill(total: int, sizes: list[int], minimum: int) -> Iterator[int]:
    """Room areas from a repeating list that add up exactly to a floor's total."""
    remaining = total
    for size in cycle(sizes):
        if remaining <= 0:
            return
        if remaining - size < minimum:
            size = remaining
        remaining -= size
        yield size


class Builder:
    """Creates rooms through the services and remembers them by role for leases and bookings."""

    def __init__(self, hub: Any) -> None:
        self.hub = hub
        self.rooms: list[Room] = []

    def floor(self, building: Any, level: int, name: dict[str, str] | None = None) -> Floor:
        return services.floor_create(building=building, level=level, name=name or {})

    def room(
        self,
        floor: Floor,
        code: str,
        kind: str,
        area: int,
        capacity: int,
        *,
        opened: date | None,
        usage: str | None = None,
        **extra: Any,
    ) -> Room:
        room = services.room_create(
            floor=floor,
            code=code,
            kind=kind,
            usage=usage or "",
            area_m2=Decimal(area),
            capacity=capacity,
            in_service_from=opened,
            **extra,
        )
        self.rooms.append(room)
        return room


def _ciih(ctx: DemoContext) -> dict[str, Room]:
    hub = ctx.hubs["ciih"]
    b = Builder(hub)
    phase_1 = services.phase_create(
        hub=hub,
        number=1,
        name=_i18n("Phase 1", "一期", "שלב 1"),
        description=_i18n(
            "The renovated Hero Pen Factory: exhibition and service centre, support facilities "
            "and two buildings turned into small offices.",
            "改造后的英雄金笔厂：展示与服务中心、配套设施，以及改造为小型办公空间的两栋楼。",
            "מפעל העטים 'הירו' המשופץ: מרכז תצוגה ושירות, מתקני תמיכה ושני בניינים שהוסבו "
            "למשרדים קטנים.",
        ),
        opened_on=PHASE_1_OPENED,
    )
    phase_2 = services.phase_create(
        hub=hub,
        number=2,
        name=_i18n("Phase 2", "二期", "שלב 2"),
        description=_i18n(
            "Office buildings and talent apartments; the first building is in service, the "
            "towers and apartments are planned.",
            "办公楼和人才公寓；首栋楼已投入使用，塔楼和公寓尚在规划中。",
            "בנייני משרדים ודירות לכישרונות; הבניין הראשון פועל, המגדלים והדירות מתוכננים.",
        ),
        opened_on=BUILDING_5_OPENED,
        planned_completion=date(2027, 12, 31),
    )
    factory = services.site_create(
        hub=hub,
        name=_i18n("Former Hero Pen Factory", "原英雄金笔厂", "מפעל העטים 'הירו' לשעבר"),
        address=_i18n(
            "Gateway of Taopu Smart City, Putuo District, Shanghai",
            "上海市普陀区桃浦智创城门户",
            "שער העיר החכמה טאופו, מחוז פוטואו, שנחאי",
        ),
        position=1,
    )
    plot = services.site_create(
        hub=hub,
        name=_i18n(
            "Taopu Smart City, phase 2 plot", "桃浦智创城二期地块", "העיר החכמה טאופו, מגרש שלב 2"
        ),
        position=2,
    )
    rooms: dict[str, Room] = {}

    # Building 1: the 1,500 m² exhibition and service centre.
    centre = services.building_create(
        site=factory,
        phase=phase_1,
        code="1",
        name=_i18n("Exhibition and service centre", "展示与服务中心", "מרכז התצוגה והשירות"),
        position=1,
    )
    ground = b.floor(centre, 1)
    b.room(
        ground,
        "1-101",
        RoomKind.EXHIBITION,
        860,
        200,
        opened=PHASE_1_OPENED,
        usage=RoomUsage.COMMON,
        name=_i18n("Exhibition and service hall", "展示与服务大厅", "אולם התצוגה והשירות"),
        description=_i18n(
            "Members' products on show, the reception desk and the district IP service desk.",
            "展示成员企业产品，设有接待台和区知识产权服务窗口。",
            "מוצרי החברות מוצגים כאן, לצד דלפק הקבלה ודלפק שירותי הקניין הרוחני של המחוז.",
        ),
    )
    upper = b.floor(centre, 2)
    equipment = _i18n(
        "Stage, projector and LED wall, sound system, simultaneous interpretation booths, video link",
        "舞台、投影及LED屏、音响、同声传译间、视频连线",
        "במה, מקרן וקיר לד, מערכת הגברה, תאי תרגום סימולטני, שיחת וידאו",
    )
    rooms["roadshow_a"] = b.room(
        upper,
        "1-201",
        RoomKind.ROADSHOW,
        220,
        100,
        opened=PHASE_1_OPENED,
        name=_i18n("Roadshow centre A", "路演中心A", "מרכז רודשואו A"),
        equipment=equipment,
        opens_at=time(8, 0),
        closes_at=time(21, 0),
    )
    rooms["roadshow_b"] = b.room(
        upper,
        "1-202",
        RoomKind.ROADSHOW,
        220,
        100,
        opened=PHASE_1_OPENED,
        name=_i18n("Roadshow centre B", "路演中心B", "מרכז רודשואו B"),
        equipment=equipment,
    )
    screen = _i18n(
        "Screen and video-conference camera", "屏幕及视频会议摄像头", "מסך ומצלמת שיחות וידאו"
    )
    for code, area, seats, key, name in (
        (
            "1-203",
            40,
            12,
            "meeting_haifa",
            _i18n("Meeting room Haifa", "海法会议室", "חדר ישיבות חיפה"),
        ),
        (
            "1-204",
            40,
            12,
            "meeting_telaviv",
            _i18n("Meeting room Tel Aviv", "特拉维夫会议室", "חדר ישיבות תל אביב"),
        ),
        (
            "1-205",
            60,
            20,
            "meeting_jerusalem",
            _i18n("Meeting room Jerusalem", "耶路撒冷会议室", "חדר ישיבות ירושלים"),
        ),
        (
            "1-206",
            60,
            20,
            "meeting_shanghai",
            _i18n("Meeting room Shanghai", "上海会议室", "חדר ישיבות שנחאי"),
        ),
    ):
        rooms[key] = b.room(
            upper,
            code,
            RoomKind.MEETING,
            area,
            seats,
            opened=PHASE_1_OPENED,
            name=name,
            equipment=screen,
        )

    # Buildings 2 and 3: the two buildings turned into small offices (4,500 m²).
    for code, name in (
        ("2", _i18n("Office building 2", "2号办公楼", "בניין משרדים 2")),
        ("3", _i18n("Office building 3", "3号办公楼", "בניין משרדים 3")),
    ):
        building = services.building_create(
            site=factory, phase=phase_1, code=code, name=name, position=int(code)
        )
        for level in (1, 2, 3):
            floor = b.floor(building, level)
            for index, area in enumerate(SMALL_OFFICES, start=1):
                b.room(
                    floor,
                    f"{code}-{level}{index:02d}",
                    RoomKind.OFFICE,
                    area,
                    max(2, area // 8),
                    opened=PHASE_1_OPENED,
                )

    # Building 4: 1,500 m² of support facilities.
    support = services.building_create(
        site=factory,
        phase=phase_1,
        code="4",
        name=_i18n("Support centre", "配套服务楼", "מרכז שירותים"),
        position=4,
    )
    for level, code, area, people, name in (
        (1, "4-101", 600, 220, _i18n("Canteen", "员工餐厅", "חדר אוכל")),
        (1, "4-102", 300, 4, _i18n("Logistics and storage", "物流与仓储", "לוגיסטיקה ואחסון")),
        (
            2,
            "4-201",
            250,
            40,
            _i18n("Fitness room and showers", "健身房及淋浴间", "חדר כושר ומקלחות"),
        ),
        (
            2,
            "4-202",
            350,
            80,
            _i18n("Lounge and shared kitchen", "休息区及共享厨房", "טרקלין ומטבח משותף"),
        ),
    ):
        floor = Floor.objects.filter(building=support, level=level).first() or b.floor(
            support, level
        )
        b.room(floor, code, RoomKind.SUPPORT, area, people, opened=PHASE_1_OPENED, name=name)

    # Building 5: phase 2's first building, 12,960 m² with Mantis Vision's headquarters.
    hero = services.building_create(
        site=factory,
        phase=phase_2,
        code="5",
        name=_i18n("Hero Building", "英雄大楼", "בניין הירו"),
        position=5,
    )
    per_floor = 2592
    f1 = b.floor(hero, 1)
    rooms["mantis_exhibition"] = b.room(
        f1,
        "5-101",
        RoomKind.EXHIBITION,
        800,
        120,
        opened=BUILDING_5_OPENED,
        name=_i18n("Exhibition area", "展示区", "אזור תצוגה"),
    )
    rooms["meeting_5a"] = b.room(
        f1,
        "5-102",
        RoomKind.MEETING,
        80,
        24,
        opened=BUILDING_5_OPENED,
        name=_i18n("Meeting room Nanjing", "南京会议室", "חדר ישיבות נאנג'ינג"),
        equipment=screen,
    )
    rooms["meeting_5b"] = b.room(
        f1,
        "5-103",
        RoomKind.MEETING,
        80,
        24,
        opened=BUILDING_5_OPENED,
        name=_i18n("Meeting room Hangzhou", "杭州会议室", "חדר ישיבות האנגג'ואו"),
        equipment=screen,
    )
    f2 = b.floor(hero, 2)
    rooms["mantis_hq"] = b.room(
        f2,
        "5-201",
        RoomKind.OFFICE,
        1200,
        140,
        opened=BUILDING_5_OPENED,
        name=_i18n("Headquarters suite", "总部办公区", "אגף מטה"),
    )
    for floor, first_index, total in (
        (f1, 4, per_floor - 960),
        (f2, 2, per_floor - 1200),
        *((b.floor(hero, level), 1, per_floor) for level in (3, 4, 5)),
    ):
        for index, area in enumerate(_fill(total, LARGER_OFFICES, 80), start=first_index):
            b.room(
                floor,
                f"5-{floor.level}{index:02d}",
                RoomKind.OFFICE,
                area,
                max(4, area // 8),
                opened=BUILDING_5_OPENED,
            )

    # Phase 2 on its own plot: two office towers and the talent apartments, planned.
    for position, code, name, levels, area, kind in (
        (6, "6", _i18n("Tower A", "A塔楼", "מגדל A"), 10, 1900, RoomKind.OFFICE),
        (7, "7", _i18n("Tower B", "B塔楼", "מגדל B"), 10, 1900, RoomKind.OFFICE),
        (
            8,
            "8",
            _i18n("Talent apartments", "人才公寓", "דירות לכישרונות"),
            16,
            650,
            RoomKind.APARTMENT,
        ),
    ):
        building = services.building_create(
            site=plot, phase=phase_2, code=code, name=name, position=position
        )
        for level in range(1, levels + 1):
            floor = b.floor(building, level)
            b.room(
                floor,
                f"{code}-{level:02d}F",
                kind,
                area,
                area // 10 if kind == RoomKind.OFFICE else 12,
                opened=None,
                name=_i18n(
                    f"Floor {level} (whole floor)",
                    f"{level}层（整层）",
                    f"קומה {level} (קומה שלמה)",
                ),
            )
    rooms["_all"] = b.rooms  # type: ignore[assignment]
    return rooms


def _sister(ctx: DemoContext, key: str, code: str, opened: date, offices: int) -> list[Room]:
    hub = ctx.hubs[key]
    b = Builder(hub)
    phase = services.phase_create(
        hub=hub, number=1, name=_i18n("Phase 1", "一期", "שלב 1"), opened_on=opened
    )
    site = services.site_create(hub=hub, name=hub.name, address=hub.address, position=1)
    building = services.building_create(
        site=site,
        phase=phase,
        code=code,
        name=_i18n("Innovation centre", "创新中心", "מרכז החדשנות"),
        position=1,
    )
    ground = b.floor(building, 1)
    if key == "jiangsu":
        b.room(
            ground,
            f"{code}-101",
            RoomKind.EXHIBITION,
            400,
            120,
            opened=opened,
            usage=RoomUsage.COMMON,
            name=_i18n(
                "Israeli startup showcase", "以色列初创企业展示区", "תצוגת סטארט-אפים ישראליים"
            ),
        )
        b.room(
            ground,
            f"{code}-102",
            RoomKind.ROADSHOW,
            150,
            60,
            opened=opened,
            name=_i18n("Roadshow hall", "路演厅", "אולם רודשואו"),
        )
    b.room(
        ground,
        f"{code}-103",
        RoomKind.MEETING,
        50,
        16,
        opened=opened,
        name=_i18n("Meeting room", "会议室", "חדר ישיבות"),
    )
    upper = b.floor(building, 2)
    for index in range(1, offices + 1):
        area = (50, 60, 80)[index % 3]
        b.room(upper, f"{code}-2{index:02d}", RoomKind.OFFICE, area, area // 8, opened=opened)
    return b.rooms


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _rate(value: float) -> Decimal:
    return (Decimal(str(value)) * 20).quantize(Decimal(1)) / 20


def _leases_for(
    ctx: DemoContext,
    hub: Any,
    rooms: list[Room],
    fixed: dict[int, list[Room]],
    prefix: str,
) -> None:
    """Let each member one or two offices for its membership, in renewed terms of 1–3 years."""
    rng = ctx.rng
    lettable = [r for r in rooms if r.usage == RoomUsage.LEASE and r.in_service_from]
    fixed_ids = {room.pk for group in fixed.values() for room in group}
    free_from: dict[int, date] = {r.pk: r.in_service_from for r in lettable}  # type: ignore[misc]
    memberships = (
        Membership.objects.filter(hub=hub, member_from__isnull=False)
        .select_related("organisation")
        .order_by("member_from", "organisation_id")
    )
    serial = 0
    for membership in memberships:
        organisation = membership.organisation
        start = membership.member_from
        assert start is not None
        last_day = membership.member_until - timedelta(days=1) if membership.member_until else None
        if start > ctx.today:
            continue
        chosen = fixed.get(organisation.pk)
        if chosen is None:
            free = [
                r
                for r in lettable
                if r.pk not in fixed_ids and free_from[r.pk] <= start and r.kind == RoomKind.OFFICE
            ]
            if not free:
                continue
            small = [r for r in free if r.area_m2 <= 80]
            big = organisation.kind in (
                OrganisationKind.ENTERPRISE,
                OrganisationKind.INCUBATOR,
                OrganisationKind.ASSOCIATION,
            )
            pool = free if big or not small else small
            count = (
                2
                if (organisation.kind == OrganisationKind.INCUBATOR or rng.random() < 0.3)
                and len(pool) > 12
                else 1
            )
            pool.sort(key=lambda r: (r.floor_id, r.code))
            first = rng.randrange(len(pool))
            chosen = [pool[first]]
            if count == 2:
                neighbours = [
                    r for r in pool if r.floor_id == chosen[0].floor_id and r is not chosen[0]
                ]
                if neighbours:
                    chosen.append(neighbours[0])
        sponsored = organisation.sponsor_id is not None
        in_phase_2 = any(r.in_service_from >= BUILDING_5_OPENED for r in chosen)  # type: ignore[operator]
        rate = rng.uniform(4.0, 4.8) if in_phase_2 else rng.uniform(3.2, 4.2)
        previous = None
        term_start = start
        while True:
            years = rng.choice((1, 2, 2, 3))
            natural_end = _add_years(term_start, years) - timedelta(days=1)
            serial += 1
            lease = services.lease_create(
                hub=hub,
                organisation=organisation,
                rooms=chosen,
                starts_on=term_start,
                ends_on=natural_end,
                rent_rate=_rate(rate),
                by=None,
                previous=previous,
                is_generated=True,
                reference=f"{prefix}-{term_start.year}-{serial:03d}",
                terms=TERMS[1] if sponsored and previous is None else TERMS[0],
                rent_free_months=3 if sponsored and previous is None else 0,
                payment_interval_months=3,
                deposit_months=2,
                check_tenant=False,  # the loop walks the hub's own memberships
            )
            if last_day is not None and last_day <= natural_end:
                if last_day < natural_end:
                    services.lease_terminate(lease=lease, on=last_day, by=None, reason="moved out")
                end = last_day
                break
            if natural_end >= ctx.today:
                end = natural_end
                break
            previous = lease
            term_start = natural_end + timedelta(days=1)
            rate *= 1.04
        for room in chosen:
            free_from[room.pk] = end + timedelta(days=1)


def _refurbish_one_free_office(ctx: DemoContext, rooms: list[Room]) -> None:
    """An office left empty is being refurbished: out of service for a few weeks."""
    from innohub.spaces.models import LeaseRoom

    taken = set(
        LeaseRoom.objects.filter(
            is_active=True, ends_on__gte=ctx.today - timedelta(days=60)
        ).values_list("room_id", flat=True)
    )
    for room in rooms:
        if room.kind == RoomKind.OFFICE and room.in_service_from and room.pk not in taken:
            services.room_update(
                room=room,
                out_of_service_from=ctx.today - timedelta(days=20),
                back_in_service_on=ctx.today + timedelta(days=40),
                description=_i18n(
                    "Being refurbished after its tenant moved out.",
                    "原租户迁出后正在翻新。",
                    "בשיפוץ לאחר שהשוכר עזב.",
                ),
            )
            return


def _book(room: Room, day: date, start: time, end: time, title: str, **data: Any) -> None:
    """Book through the service; a slot already taken is simply skipped."""
    zone = ZoneInfo(room.hub.time_zone)
    with contextlib.suppress(ValidationError):
        services.booking_create(
            room=room,
            starts_at=datetime.combine(day, start, tzinfo=zone),
            ends_at=datetime.combine(day, end, tzinfo=zone),
            title=title,
            by=None,
            enforce_rules=False,
            **data,
        )


def _bookings(ctx: DemoContext, rooms: dict[str, Room]) -> None:
    orgs, rng = ctx.orgs, ctx.rng
    a, b = rooms["roadshow_a"], rooms["roadshow_b"]
    # Around the first anniversary (2020-12-03) and the 2022 open day.
    _book(
        a,
        date(2020, 12, 2),
        time(14, 0),
        time(17, 30),
        "Rehearsal: first anniversary ceremony",
        kind=BookingKind.EVENT,
        attendance=40,
    )
    _book(
        b,
        date(2020, 12, 4),
        time(9, 30),
        time(12, 0),
        "Israeli digital health startups roadshow",
        kind=BookingKind.ROADSHOW,
        attendance=85,
        organisation=orgs["ehealth"],
    )
    _book(
        b,
        date(2020, 12, 4),
        time(14, 0),
        time(16, 30),
        "Cybersecurity cooperation signing follow-up",
        kind=BookingKind.MEETING,
        attendance=30,
        organisation=orgs["360-vision"],
    )
    _book(
        a,
        date(2022, 6, 16),
        time(14, 0),
        time(17, 0),
        "Agrifood technology roadshow",
        kind=BookingKind.ROADSHOW,
        attendance=70,
        organisation=orgs["trendlines"],
    )
    _book(
        b,
        date(2022, 11, 24),
        time(14, 0),
        time(17, 0),
        "Investor roadshow before the park open day",
        kind=BookingKind.ROADSHOW,
        attendance=95,
        organisation=orgs["mantis"],
    )

    # The weeks around "today": roadshows in centre B, meetings in the meeting rooms.
    members = [
        m.organisation
        for m in Membership.objects.filter(
            hub=ctx.hubs["ciih"], member_from__isnull=False, member_until__isnull=True
        )
        .select_related("organisation")
        .order_by("organisation_id")
    ]
    topics = [
        ("Startup roadshow: medical devices", BookingKind.ROADSHOW),
        ("Startup roadshow: intelligent manufacturing", BookingKind.ROADSHOW),
        ("Investor meeting", BookingKind.MEETING),
        ("Partner meeting with a Chinese distributor", BookingKind.MEETING),
        ("Team planning", BookingKind.MEETING),
        ("Product demonstration for a delegation", BookingKind.MEETING),
        ("Recruitment interviews", BookingKind.MEETING),
    ]
    meeting_rooms = [
        rooms[k]
        for k in (
            "meeting_haifa",
            "meeting_telaviv",
            "meeting_jerusalem",
            "meeting_shanghai",
            "meeting_5a",
            "meeting_5b",
        )
    ]
    for offset in range(-28, 29):
        day = ctx.today + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for _n in range(rng.randint(1, 3)):
            title, kind = rng.choice(topics)
            room = b if kind == BookingKind.ROADSHOW else rng.choice(meeting_rooms)
            hour = rng.choice((9, 10, 11, 13, 14, 15, 16))
            length = 3 if kind == BookingKind.ROADSHOW else rng.choice((1, 1, 2))
            attendance = (
                rng.randint(30, 100) if room.capacity >= 100 else rng.randint(3, room.capacity)
            )
            _book(
                room,
                day,
                time(hour),
                time(min(hour + length, 20)),
                title,
                kind=kind,
                attendance=attendance,
                organisation=rng.choice(members),
            )
    # The demo members' own bookings, so that "My bookings" shows something.
    for offset, org_key, room_key, title in (
        (3, "ai-care", "meeting_jerusalem", "Hand exoskeleton trial planning with Ruijin Hospital"),
        (9, "ai-care", "roadshow_b", "Ai-Care investor roadshow"),
        (5, "mantis", "meeting_5a", "Structured-light camera demo for a carmaker"),
    ):
        day = ctx.today + timedelta(days=offset)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        room = rooms[room_key]
        _book(
            room,
            day,
            time(18, 0),
            time(20, 0) if room.capacity >= 100 else time(19, 0),
            title,
            kind=BookingKind.ROADSHOW if room.capacity >= 100 else BookingKind.MEETING,
            attendance=60 if room.capacity >= 100 else 8,
            organisation=orgs[org_key],
        )


def load(ctx: DemoContext) -> None:
    rooms = _ciih(ctx)
    all_rooms = rooms.pop("_all")  # type: ignore[arg-type]
    mantis = ctx.orgs["mantis"]
    _leases_for(
        ctx,
        ctx.hubs["ciih"],
        all_rooms,  # type: ignore[arg-type]
        {mantis.pk: [rooms["mantis_exhibition"], rooms["mantis_hq"]]},
        "CIIH",
    )
    for key, code, opened, offices in (
        ("jiangsu", "J", date(2020, 6, 1), 10),
        ("zhejiang", "Z", date(2020, 9, 1), 8),
    ):
        _leases_for(ctx, ctx.hubs[key], _sister(ctx, key, code, opened, offices), {}, code)
    _refurbish_one_free_office(ctx, all_rooms)  # type: ignore[arg-type]
    _bookings(ctx, rooms)
    ctx.extra["spaces"] = rooms
