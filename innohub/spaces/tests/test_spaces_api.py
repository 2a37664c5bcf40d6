"""Spaces through the REST API: the same rules and permissions as the pages."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from innohub.spaces import selectors, services
from innohub.spaces.models import Booking, Lease

pytestmark = pytest.mark.django_db
API = "/api/v1/spaces"


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_public_lists_shared_rooms_and_their_slots(client, world, spaces):
    response = client.get(f"{API}/rooms")
    assert response.status_code == 200
    assert {room["code"] for room in response.json()["items"]} == {"A-101", "A-102", "B-1"}
    slots = client.get(f"{API}/rooms/{spaces.roadshow.pk}/slots", {"day": spaces.day.isoformat()})
    assert slots.status_code == 200
    first = slots.json()[0]
    assert first["starts_local"].endswith("08:00:00+08:00")
    assert first["starts_at"].endswith("00:00:00Z") and first["state"] == "free"
    assert client.get(f"{API}/rooms/{spaces.office_1.pk}").status_code == 404


def test_a_member_books_with_local_times_and_utc_times_alike(api_as, world, spaces):
    client = api_as(world.bob)
    day = spaces.day.isoformat()
    local = post(
        client,
        f"{API}/bookings",
        {
            "room": spaces.roadshow.pk,
            "starts_at": f"{day}T10:00:00",
            "ends_at": f"{day}T11:00:00",
            "title": "Local time",
            "attendance": 40,
        },
    )
    assert local.status_code == 201, local.content
    body = local.json()
    assert body["starts_local"] == f"{day}T10:00:00+08:00"
    assert body["starts_at"] == f"{day}T02:00:00Z"
    assert body["time_zone"] == "Asia/Shanghai" and body["organisation"] == world.org_a.slug
    utc = post(
        client,
        f"{API}/bookings",
        {
            "room": spaces.roadshow.pk,
            "starts_at": f"{day}T03:00:00Z",
            "ends_at": f"{day}T04:00:00Z",
            "title": "UTC time",
            "attendance": 40,
        },
    )
    assert utc.status_code == 201
    assert utc.json()["starts_local"] == f"{day}T11:00:00+08:00"


def test_a_taken_slot_or_too_small_a_room_is_a_400_with_a_reason(api_as, world, spaces):
    client = api_as(world.bob)
    day = spaces.day.isoformat()
    body = {
        "room": spaces.roadshow.pk,
        "starts_at": f"{day}T10:00:00+08:00",
        "ends_at": f"{day}T12:00:00+08:00",
        "title": "First",
        "attendance": 40,
    }
    assert post(client, f"{API}/bookings", body).status_code == 201
    taken = post(api_as(world.alice), f"{API}/bookings", {**body, "title": "Second"})
    assert taken.status_code == 400
    assert "already taken" in taken.json()["errors"]["__all__"][0]
    crowded = post(client, f"{API}/bookings", {**body, "room": spaces.meeting.pk, "attendance": 30})
    assert crowded.status_code == 400
    assert "holds 12 people" in crowded.json()["errors"]["__all__"][0]


def test_outsiders_cannot_book_and_the_public_must_sign_in(client, api_as, world, spaces):
    day = spaces.day.isoformat()
    body = {
        "room": spaces.roadshow.pk,
        "starts_at": f"{day}T10:00:00+08:00",
        "ends_at": f"{day}T11:00:00+08:00",
        "title": "x",
        "attendance": 4,
    }
    assert post(client, f"{API}/bookings", body).status_code == 401
    assert post(api_as(world.charlie), f"{API}/bookings", body).status_code == 403
    assert post(api_as(world.ivan), f"{API}/bookings", body).status_code == 403
    assert not Booking.objects.exists()


def test_busy_times_are_public_and_details_private(client, api_as, world, spaces):
    services.booking_create(
        room=spaces.roadshow,
        starts_at=spaces.at(10),
        ends_at=spaces.at(11),
        title="Secret deal",
        attendance=5,
        by=world.bob,
    )
    window = {"start": spaces.day.isoformat(), "end": spaces.day.isoformat()}
    public = client.get(f"{API}/rooms/{spaces.roadshow.pk}/bookings", window).json()
    assert len(public) == 1 and public[0]["title"] is None and public[0]["organisation"] is None
    mine = api_as(world.bob).get(f"{API}/rooms/{spaces.roadshow.pk}/bookings", window).json()
    assert mine[0]["title"] == "Secret deal"
    too_long = {"start": "2026-01-01", "end": "2026-06-01"}
    assert client.get(f"{API}/rooms/{spaces.roadshow.pk}/bookings", too_long).status_code == 400


def test_a_recurring_booking_and_its_cancellation(api_as, world, spaces):
    client = api_as(world.bob)
    day = spaces.day.isoformat()
    response = post(
        client,
        f"{API}/booking-series",
        {
            "room": spaces.meeting.pk,
            "starts_at": f"{day}T16:00:00+08:00",
            "ends_at": f"{day}T17:00:00+08:00",
            "title": "Weekly sync",
            "attendance": 6,
            "repeat": {"frequency": "weekly", "count": 3},
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["rrule"] == "FREQ=WEEKLY;COUNT=3" and len(body["bookings"]) == 3
    one = body["bookings"][0]["id"]
    assert post(client, f"{API}/bookings/{one}/cancel", {"reason": "holiday"}).json()["status"] == (
        "cancelled"
    )
    assert (
        post(api_as(world.charlie), f"{API}/booking-series/{body['series']}/cancel", {}).status_code
        == 404
    )
    rest = post(client, f"{API}/booking-series/{body['series']}/cancel", {})
    assert rest.json() == {"cancelled": 2}


def test_leases_through_the_api_for_staff_and_their_tenant_only(client, api_as, world, spaces):
    body = {
        "hub": "hub-a",
        "organisation": world.org_a.slug,
        "rooms": [spaces.office_1.pk],
        "starts_on": "2025-01-01",
        "ends_on": "2025-12-31",
        "rent_rate": "4.50",
    }
    assert post(api_as(world.bob), f"{API}/leases", body).status_code == 403
    assert post(api_as(world.charlie), f"{API}/leases", body).status_code == 403
    created = post(api_as(world.alice), f"{API}/leases", body)
    assert created.status_code == 201, created.content
    lease = created.json()
    assert lease["area_m2"] == "60.00" and lease["rooms"][0]["code"] == "A-103"
    clash = post(
        api_as(world.alice),
        f"{API}/leases",
        {**body, "starts_on": "2025-12-31", "ends_on": "2026-06-30"},
    )
    assert clash.status_code == 400 and "rooms" in clash.json()["errors"]
    url = f"{API}/leases/{lease['id']}"
    assert api_as(world.bob).get(url).status_code == 200
    assert api_as(world.charlie).get(url).status_code == 404
    assert client.get(url).status_code == 401
    listed = api_as(world.bob).get(f"{API}/leases", {"state": "all"}).json()["items"]
    assert [item["id"] for item in listed] == [lease["id"]]
    assert api_as(world.charlie).get(f"{API}/leases", {"state": "all"}).json()["items"] == []
    renewed = post(api_as(world.alice), f"{url}/renew", {"ends_on": "2026-12-31"})
    assert renewed.status_code == 201 and renewed.json()["starts_on"] == "2026-01-01"
    ended = post(api_as(world.alice), f"{url}/terminate", {"on": "2025-06-30"})
    assert ended.json()["last_day"] == "2025-06-30"
    assert Lease.objects.count() == 2


def test_occupancy_and_expiring_leases_are_for_staff(api_as, world, spaces):
    services.lease_create(
        hub=world.hub_a,
        organisation=world.org_a,
        rooms=[spaces.office_1],
        starts_on=date(2024, 1, 1),
        ends_on=selectors.hub_today(world.hub_a) + timedelta(days=40),
        rent_rate=Decimal(4),
        by=world.alice,
    )
    occupancy = api_as(world.alice).get(f"{API}/hubs/hub-a/occupancy").json()
    assert occupancy["total"]["rooms"]["leased"] == 1
    assert occupancy["total"]["area_m2"]["planned"] == 500.0
    assert occupancy["phases"][0]["phase"] == 1
    assert api_as(world.bob).get(f"{API}/hubs/hub-a/occupancy").status_code == 403
    expiring = api_as(world.alice).get(f"{API}/hubs/hub-a/leases/expiring").json()
    assert [(item["mark"], item["days_left"]) for item in expiring] == [(60, 40)]
    assert api_as(world.charlie).get(f"{API}/hubs/hub-a/leases/expiring").status_code == 403


def test_phases_are_public_figures(client, world, spaces):
    phases = client.get(f"{API}/hubs/hub-a/phases").json()
    assert phases == [
        {
            "number": 1,
            "name": {"en": "Phase 1"},
            "in_service_area_m2": 400.0,
            "planned_area_m2": 500.0,
            "kinds": {"office": 640.0, "roadshow": 220.0, "meeting": 40.0},
        }
    ]


def test_staff_build_the_structure_through_the_api(api_as, world):
    client = api_as(world.alice)
    phase = post(
        client, f"{API}/hubs/hub-a/phases", {"number": 2, "name": {"en": "Phase 2"}}
    ).json()
    site = post(client, f"{API}/hubs/hub-a/sites", {"name": {"en": "North plot"}}).json()
    building = post(
        client,
        f"{API}/buildings",
        {"site": site["id"], "phase": phase["id"], "code": "N", "name": {"en": "North tower"}},
    ).json()
    floor = post(client, f"{API}/buildings/{building['id']}/floors", {"level": 3}).json()
    room = post(
        client,
        f"{API}/rooms",
        {
            "floor": floor["id"],
            "code": "N-301",
            "kind": "office",
            "area_m2": "120.5",
            "capacity": 12,
        },
    )
    assert room.status_code == 201, room.content
    assert room.json()["usage"] == "lease" and room.json()["in_service_from"] is None
    patched = client.patch(
        f"{API}/rooms/{room.json()['id']}",
        json.dumps({"in_service_from": "2027-01-01"}),
        content_type="application/json",
    )
    assert patched.json()["in_service_from"] == "2027-01-01"
    structure = client.get(f"{API}/hubs/hub-a/structure").json()
    assert [p["number"] for p in structure["phases"]] == [2]
    assert (
        post(
            api_as(world.charlie), f"{API}/buildings/{building['id']}/floors", {"level": 4}
        ).status_code
        == 403
    )
    duplicate = post(client, f"{API}/hubs/hub-a/phases", {"number": 2, "name": {"en": "Again"}})
    assert duplicate.status_code == 400


def test_the_floor_view_through_the_api(api_as, world, spaces):
    services.lease_create(
        hub=world.hub_a,
        organisation=world.org_a,
        rooms=[spaces.office_1],
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 12, 31),
        rent_rate=Decimal(4),
        by=world.alice,
    )
    view = api_as(world.alice).get(f"{API}/floors/{spaces.floor.pk}", {"on": "2024-06-01"}).json()
    states = {item["room"]["code"]: (item["state"], item["tenant"]) for item in view["rooms"]}
    assert states["A-103"] == ("leased", world.org_a.slug)
    assert states["A-105"] == ("planned", None)
    assert api_as(world.charlie).get(f"{API}/floors/{spaces.floor.pk}").status_code == 404
