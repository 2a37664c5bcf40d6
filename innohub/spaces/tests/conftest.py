"""Fixtures of the spaces tests: a small building in hub A (and one room in hub B)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from innohub.spaces import services
from innohub.spaces.models import Floor, Phase, Room, RoomKind

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass
class Spaces:
    phase: Phase
    floor: Floor
    roadshow: Room
    meeting: Room
    office_1: Room
    office_2: Room
    planned: Room
    room_b: Room
    day: date  # a weekday about two weeks ahead

    def at(self, hour: int, minute: int = 0, *, day: date | None = None) -> datetime:
        """An aware datetime in the hub's zone (Asia/Shanghai) on the test day."""
        return datetime.combine(day or self.day, time(hour, minute), tzinfo=SHANGHAI)


def build_spaces(world) -> Spaces:  # type: ignore[no-untyped-def]
    phase = services.phase_create(hub=world.hub_a, number=1, name={"en": "Phase 1"})
    site = services.site_create(hub=world.hub_a, name={"en": "Campus"})
    building = services.building_create(site=site, phase=phase, code="A", name={"en": "Building A"})
    floor = services.floor_create(building=building, level=1)
    opened = date(2019, 12, 3)

    def room(code: str, kind: str, area: int, capacity: int, **extra) -> Room:  # type: ignore[no-untyped-def]
        return services.room_create(
            floor=floor,
            code=code,
            kind=kind,
            area_m2=Decimal(area),
            capacity=capacity,
            in_service_from=extra.pop("in_service_from", opened),
            **extra,
        )

    site_b = services.site_create(hub=world.hub_b, name={"en": "B campus"})
    building_b = services.building_create(site=site_b, code="B", name={"en": "Building B"})
    floor_b = services.floor_create(building=building_b, level=1)
    room_b = services.room_create(
        floor=floor_b,
        code="B-1",
        kind=RoomKind.MEETING,
        area_m2=Decimal(30),
        capacity=8,
        in_service_from=opened,
    )
    day = timezone.localdate() + timedelta(days=14)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return Spaces(
        phase=phase,
        floor=floor,
        roadshow=room("A-101", RoomKind.ROADSHOW, 220, 100, name={"en": "Roadshow centre"}),
        meeting=room("A-102", RoomKind.MEETING, 40, 12),
        office_1=room("A-103", RoomKind.OFFICE, 60, 8),
        office_2=room("A-104", RoomKind.OFFICE, 80, 10),
        planned=room("A-105", RoomKind.OFFICE, 500, 60, in_service_from=None),
        room_b=room_b,
        day=day,
    )


@pytest.fixture
def spaces(world) -> Spaces:  # type: ignore[no-untyped-def]
    return build_spaces(world)
