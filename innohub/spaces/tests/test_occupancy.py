"""Occupancy at any date, by phase, building and kind, and the floor view's room states."""

from datetime import date
from decimal import Decimal

import pytest

from innohub.spaces import selectors, services
from innohub.spaces.models import RoomKind, RoomState

pytestmark = pytest.mark.django_db


def let(world, spaces, room, starts_on, ends_on):
    return services.lease_create(
        hub=world.hub_a,
        organisation=world.org_a,
        rooms=[room],
        starts_on=starts_on,
        ends_on=ends_on,
        rent_rate=Decimal("4.00"),
        by=world.alice,
    )


def test_it_counts_area_and_rooms_by_state_on_any_date(world, spaces):
    let(world, spaces, spaces.office_1, date(2024, 1, 1), date(2024, 12, 31))
    services.room_update(room=spaces.planned, in_service_from=date(2025, 3, 1))
    services.room_update(
        room=spaces.office_2,
        out_of_service_from=date(2025, 2, 1),
        back_in_service_on=date(2025, 4, 1),
    )

    in_2024 = selectors.occupancy(hub=world.hub_a, on=date(2024, 6, 1)).total
    assert in_2024.rooms[RoomState.LEASED] == 1
    assert in_2024.area[RoomState.LEASED] == Decimal(60)
    assert in_2024.area[RoomState.PLANNED] == Decimal(500)
    # Lettable: the two offices in service; the shared rooms count in the area, not in the share.
    assert in_2024.lettable_area == Decimal(140)
    assert in_2024.occupancy_rate == pytest.approx(60 / 140)

    in_feb_2025 = selectors.occupancy(hub=world.hub_a, on=date(2025, 2, 15)).total
    assert in_feb_2025.rooms == {
        RoomState.PLANNED: 1,
        RoomState.AVAILABLE: 3,
        RoomState.LEASED: 0,
        RoomState.OUT_OF_SERVICE: 1,
    }
    in_may_2025 = selectors.occupancy(hub=world.hub_a, on=date(2025, 5, 1)).total
    assert in_may_2025.area[RoomState.PLANNED] == 0
    assert in_may_2025.area[RoomState.AVAILABLE] == Decimal(220 + 40 + 60 + 80 + 500)
    assert in_may_2025.total_area == in_2024.total_area == Decimal(900)


def test_it_groups_by_phase_building_and_kind(world, spaces):
    let(world, spaces, spaces.office_1, date(2024, 1, 1), date(2024, 12, 31))
    result = selectors.occupancy(hub=world.hub_a, on=date(2024, 6, 1))
    [(phase, figures, kinds)] = result.phases
    assert phase == spaces.phase
    assert figures.total_area == Decimal(900)
    assert [(kind, f.total_area) for kind, f in kinds] == [
        (RoomKind.OFFICE, Decimal(640)),
        (RoomKind.ROADSHOW, Decimal(220)),
        (RoomKind.MEETING, Decimal(40)),
    ]
    [(building, _f)] = result.buildings
    assert building.code == "A"
    assert dict(result.kinds)[RoomKind.OFFICE].area[RoomState.LEASED] == Decimal(60)
    # Hub B's room is not in hub A's figures.
    assert selectors.occupancy(hub=world.hub_b, on=date(2024, 6, 1)).total.total_rooms == 1


def test_the_floor_view_shows_each_rooms_state_and_tenant(world, spaces):
    lease = let(world, spaces, spaces.office_1, date(2024, 1, 1), date(2024, 12, 31))
    view = {
        item.room.code: item
        for item in selectors.floor_view(floor=spaces.floor, on=date(2024, 6, 1))
    }
    assert view["A-103"].state == RoomState.LEASED
    assert view["A-103"].lease == lease
    assert view["A-104"].state == RoomState.AVAILABLE
    assert view["A-105"].state == RoomState.PLANNED
    assert view["A-101"].state == RoomState.AVAILABLE
    later = {
        item.room.code: item
        for item in selectors.floor_view(floor=spaces.floor, on=date(2025, 1, 1))
    }
    assert later["A-103"].state == RoomState.AVAILABLE and later["A-103"].lease is None
