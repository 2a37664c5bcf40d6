"""Spaces pages per role: what the public, members, staff and other hubs' staff may see and do."""

from datetime import UTC, date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from innohub.common.testing import make_org
from innohub.spaces import services
from innohub.spaces.models import Booking, BookingStatus, Lease

pytestmark = pytest.mark.django_db


@pytest.fixture
def lease(world, spaces):
    return services.lease_create(
        hub=world.hub_a,
        organisation=world.org_a,
        rooms=[spaces.office_1],
        starts_on=timezone.localdate() - timedelta(days=100),
        ends_on=timezone.localdate() + timedelta(days=200),
        rent_rate=Decimal("4.20"),
        by=world.alice,
    )


def test_the_public_sees_shared_rooms_and_their_free_slots_only(client, spaces):
    page = client.get("/spaces/")
    assert page.status_code == 200
    codes = {room.code for room in page.context["rooms"]}
    assert codes == {"A-101", "A-102", "B-1"}
    detail = client.get(f"/spaces/rooms/{spaces.roadshow.pk}/?day={spaces.day.isoformat()}")
    assert detail.status_code == 200
    assert "Free slots on" in detail.content.decode()
    assert detail.context["form"] is None
    assert client.get(f"/spaces/rooms/{spaces.office_1.pk}/").status_code == 404
    assert client.get(f"/spaces/rooms/{spaces.planned.pk}/").status_code == 404


def test_members_only_rooms_are_hidden_from_the_public_and_other_hubs(
    client, client_as, world, spaces
):
    services.room_update(room=spaces.meeting, is_public=False)
    assert client.get(f"/spaces/rooms/{spaces.meeting.pk}/").status_code == 404
    assert client_as(world.charlie).get(f"/spaces/rooms/{spaces.meeting.pk}/").status_code == 404
    assert client_as(world.bob).get(f"/spaces/rooms/{spaces.meeting.pk}/").status_code == 200
    assert client_as(world.alice).get(f"/spaces/rooms/{spaces.meeting.pk}/").status_code == 200


def test_the_room_list_finds_rooms_free_for_a_window_and_a_group(client, world, spaces):
    services.booking_create(
        room=spaces.roadshow,
        starts_at=spaces.at(10),
        ends_at=spaces.at(12),
        title="Taken",
        attendance=50,
        by=world.alice,
    )
    query = {"day": spaces.day.isoformat(), "start": "11:00", "end": "12:00", "hub": "hub-a"}
    free = client.get("/spaces/", query)
    assert {room.code for room in free.context["rooms"]} == {"A-102"}
    large = client.get("/spaces/", {**query, "start": "13:00", "end": "14:00", "people": 50})
    assert {room.code for room in large.context["rooms"]} == {"A-101"}


def test_a_member_books_on_the_room_page_and_sees_it_in_the_calendar(client_as, world, spaces):
    client = client_as(world.bob)
    url = f"/spaces/rooms/{spaces.roadshow.pk}/"
    response = client.post(
        url,
        {
            "day": spaces.day.isoformat(),
            "start": "14:00",
            "end": "15:30",
            "title": "Alpha demo day",
            "kind": "roadshow",
            "attendance": 80,
            "organisation": world.org_a.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    booking = Booking.objects.get()
    assert booking.local_starts_at().hour == 14
    html = response.content.decode()
    assert "The room is booked." in html
    assert "Alpha demo day" in html and "14:00–15:30" in html
    # Someone else sees the slot as taken, without its title.
    other = client_as(world.alice).get(f"{url}?day={spaces.day.isoformat()}")
    assert "Alpha demo day" in other.content.decode()  # staff see everything
    public = client_as(None).get(
        f"{url}?day={spaces.day.isoformat()}&week={spaces.day.isoformat()}"
    )
    assert "Alpha demo day" not in public.content.decode()
    assert "Booked" in public.content.decode()


def test_the_booking_form_shows_why_a_slot_cannot_be_had(client_as, world, spaces):
    services.booking_create(
        room=spaces.meeting,
        starts_at=spaces.at(10),
        ends_at=spaces.at(11),
        title="Taken",
        attendance=4,
        by=world.alice,
    )
    response = client_as(world.bob).post(
        f"/spaces/rooms/{spaces.meeting.pk}/",
        {
            "day": spaces.day.isoformat(),
            "start": "10:30",
            "end": "11:30",
            "title": "Mine",
            "kind": "meeting",
            "attendance": 20,
            "organisation": world.org_a.pk,
        },
    )
    assert response.status_code == 200
    assert (
        "already taken" in response.content.decode()
        or "holds 12 people" in response.content.decode()
    )
    assert Booking.objects.count() == 1


def test_a_signed_in_outsider_cannot_book_by_posting(client_as, world, spaces):
    response = client_as(world.charlie).post(
        f"/spaces/rooms/{spaces.roadshow.pk}/",
        {
            "day": spaces.day.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "title": "x",
            "kind": "meeting",
            "attendance": 3,
        },
    )
    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_bookings_list_shows_members_their_own_and_staff_their_hubs(client_as, world, spaces):
    other = make_org({"en": "Other member"}, hub=world.hub_a)
    mine = services.booking_create(
        room=spaces.roadshow,
        starts_at=spaces.at(10),
        ends_at=spaces.at(11),
        title="Mine",
        attendance=10,
        by=world.bob,
    )
    theirs = services.booking_create(
        room=spaces.roadshow,
        starts_at=spaces.at(13),
        ends_at=spaces.at(14),
        title="Theirs",
        attendance=10,
        by=world.alice,
        organisation=other,
    )
    listed = lambda user: set(client_as(user).get("/spaces/bookings/").context["page"].object_list)  # noqa: E731
    assert listed(world.bob) == {mine}
    assert listed(world.alice) == {mine, theirs}
    assert listed(world.charlie) == set()
    assert client_as(world.bob).get(f"/spaces/bookings/{theirs.pk}/").status_code == 404
    assert client_as(world.charlie).get(f"/spaces/bookings/{mine.pk}/").status_code == 404
    page = client_as(world.bob).get(f"/spaces/bookings/{mine.pk}/")
    assert "(Asia/Shanghai)" in page.content.decode()


def test_a_member_cancels_its_booking_from_the_page(client_as, world, spaces):
    booking = services.booking_create(
        room=spaces.roadshow,
        starts_at=spaces.at(10),
        ends_at=spaces.at(11),
        title="Mine",
        attendance=10,
        by=world.bob,
    )
    client_as(world.charlie).post(f"/spaces/bookings/{booking.pk}/cancel/")
    assert Booking.objects.get().status == BookingStatus.CONFIRMED
    client_as(world.bob).post(f"/spaces/bookings/{booking.pk}/cancel/", {"reason": "Moved"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancellation_reason == "Moved"


def test_members_see_their_own_leases_and_nobody_elses(client, client_as, world, spaces, lease):
    assert client.get("/spaces/leases/").status_code == 302
    assert client.get(f"/spaces/leases/{lease.pk}/").status_code == 302
    assert list(client_as(world.bob).get("/spaces/leases/").context["page"].object_list) == [lease]
    assert client_as(world.bob).get(f"/spaces/leases/{lease.pk}/").status_code == 200
    for outsider in (world.charlie, world.mallory, world.ivan, world.erin):
        assert client_as(outsider).get(f"/spaces/leases/{lease.pk}/").status_code == 404
        assert list(client_as(outsider).get("/spaces/leases/").context["page"].object_list) == []
    assert client_as(world.bob).get(f"/spaces/leases/{lease.pk}/edit/").status_code == 403


def test_staff_record_a_lease_and_end_it_early(client_as, world, spaces):
    client = client_as(world.alice)
    response = client.post(
        "/spaces/hubs/hub-a/leases/new/",
        {
            "organisation": world.org_a.pk,
            "rooms": [spaces.office_1.pk, spaces.office_2.pk],
            "reference": "A-2025-001",
            "starts_on": "2025-01-01",
            "ends_on": "2027-12-31",
            "rent_rate": "3.80",
            "currency": "CNY",
            "payment_interval_months": 3,
            "deposit_months": 2,
            "rent_free_months": 0,
        },
    )
    lease = Lease.objects.get()
    assert response.status_code == 302 and response["Location"] == lease.get_absolute_url()
    assert lease.rooms.count() == 2
    client.post(f"/spaces/leases/{lease.pk}/terminate/", {"on": "2026-06-30", "reason": "moved"})
    lease.refresh_from_db()
    assert lease.terminated_on == date(2026, 6, 30)
    assert client_as(world.charlie).get("/spaces/hubs/hub-a/leases/new/").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/spaces/hubs/hub-a/",
        "/spaces/hubs/hub-a/occupancy/",
        "/spaces/hubs/hub-a/rooms/",
        "/spaces/hubs/hub-a/leases/expiring/",
        "/spaces/hubs/hub-a/rooms/new/",
        "/spaces/hubs/hub-a/phases/new/",
    ],
)
def test_staff_pages_are_for_the_hubs_staff(client_as, world, spaces, path):
    assert client_as(world.alice).get(path).status_code == 200
    assert client_as(world.dave).get(path).status_code == 200
    assert client_as(world.charlie).get(path).status_code == 403
    assert client_as(world.bob).get(path).status_code == 403


def test_the_floor_view_shows_tenants_to_staff_and_states_to_members(
    client, client_as, world, spaces, lease
):
    url = f"/spaces/floors/{spaces.floor.pk}/"
    staff = client_as(world.alice).get(url).content.decode()
    assert (
        "Alpha Robotics" in staff
        and 'data-state="leased"' in staff
        and 'data-state="planned"' in staff
    )
    member = client_as(world.bob).get(url).content.decode()
    assert "Alpha Robotics" in member  # its own lease
    other = make_org({"en": "Quiet Tenant"}, hub=world.hub_a, since=date(2020, 1, 6))
    services.lease_create(
        hub=world.hub_a,
        organisation=other,
        rooms=[spaces.office_2],
        starts_on=date(2024, 1, 1),
        ends_on=timezone.localdate() + timedelta(days=30),
        rent_rate=Decimal(4),
        by=world.alice,
    )
    assert "Quiet Tenant" not in client_as(world.bob).get(url).content.decode()
    assert client_as(world.charlie).get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_occupancy_page_at_a_past_date(client_as, world, spaces, lease):
    page = client_as(world.alice).get("/spaces/hubs/hub-a/occupancy/", {"on": "2020-01-01"})
    assert page.context["on"] == date(2020, 1, 1)
    assert page.context["occupancy"].total.rooms["leased"] == 0
    today = client_as(world.alice).get("/spaces/hubs/hub-a/occupancy/")
    assert today.context["occupancy"].total.rooms["leased"] == 1


def test_staff_edit_the_structure_and_other_hubs_cannot(client_as, world, spaces):
    client = client_as(world.alice)
    response = client.post(
        "/spaces/hubs/hub-a/rooms/new/",
        {
            "floor": spaces.floor.pk,
            "code": "A-199",
            "name_1": "New meeting room",
            "kind": "meeting",
            "usage": "",
            "area_m2": "30",
            "capacity": "10",
            "in_service_from": "2024-01-01",
            "is_public": "on",
            "opens_at": "08:00",
            "closes_at": "21:00",
            "slot_minutes": "30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from innohub.spaces.models import Room

    room = Room.objects.get(code="A-199")
    assert room.usage == "booking" and room.hub == world.hub_a
    duplicate = client.post(
        "/spaces/hubs/hub-a/rooms/new/",
        {
            "floor": spaces.floor.pk,
            "code": "A-199",
            "kind": "office",
            "area_m2": "30",
            "capacity": "3",
            "opens_at": "08:00",
            "closes_at": "21:00",
            "slot_minutes": "30",
        },
    )
    assert duplicate.status_code == 200 and Room.objects.filter(code="A-199").count() == 1
    assert client_as(world.charlie).get(f"/spaces/rooms/{room.pk}/edit/").status_code == 403
    assert client_as(world.bob).get(f"/spaces/rooms/{room.pk}/edit/").status_code == 403
    # An office is private: other hubs' staff do not even learn that it exists.
    office = f"/spaces/rooms/{spaces.office_1.pk}/edit/"
    assert client_as(world.charlie).get(office).status_code == 404
    assert client_as(world.alice).get(office).status_code == 200


def test_list_pages_take_a_fixed_number_of_queries(
    client_as, world, spaces, django_assert_max_num_queries
):
    tenants = [
        make_org({"en": f"Tenant {i}"}, hub=world.hub_a, since=date(2020, 1, 6)) for i in range(6)
    ]
    for i, tenant in enumerate(tenants):
        room = services.room_create(
            floor=spaces.floor,
            code=f"A-3{i}",
            kind="office",
            area_m2=40,
            capacity=4,
            in_service_from=date(2019, 12, 3),
        )
        services.lease_create(
            hub=world.hub_a,
            organisation=tenant,
            rooms=[room],
            starts_on=date(2024, 1, 1),
            ends_on=timezone.localdate() + timedelta(days=20 + i),
            rent_rate=Decimal(4),
            by=world.alice,
        )
        services.booking_create(
            room=spaces.roadshow,
            starts_at=spaces.at(8 + i),
            ends_at=spaces.at(9 + i),
            title=f"Roadshow {i}",
            attendance=10,
            by=world.alice,
            organisation=tenant,
        )
    client = client_as(world.alice)
    for path in (
        "/spaces/",
        "/spaces/leases/",
        "/spaces/bookings/",
        "/spaces/hubs/hub-a/rooms/",
        "/spaces/hubs/hub-a/occupancy/",
        "/spaces/hubs/hub-a/leases/expiring/",
        f"/spaces/floors/{spaces.floor.pk}/",
        f"/spaces/rooms/{spaces.roadshow.pk}/?day={spaces.day.isoformat()}",
    ):
        with django_assert_max_num_queries(25):
            assert client.get(path).status_code == 200


def test_the_organisation_page_shows_its_leases_to_itself_and_its_hubs_staff(
    client, client_as, world, lease
):
    url = world.org_a.get_absolute_url()
    for user in (world.bob, world.alice, world.dave):
        html = client_as(user).get(url).content.decode()
        assert 'id="spaces-leases"' in html and "A-103" in html
    for user in (None, world.charlie, world.mallory, world.ivan):
        assert 'id="spaces-leases"' not in client_as(user).get(url).content.decode()


def test_the_hub_page_shows_phases_to_all_and_occupancy_to_staff(client_as, world, spaces, lease):
    public = client_as(None).get("/hubs/hub-a/").content.decode()
    assert 'id="spaces-occupancy"' in public and "Phase 1" in public
    assert "Leased (m²)" not in public
    staff = client_as(world.alice).get("/hubs/hub-a/").content.decode()
    assert "Leased (m²)" in staff


def test_staff_delete_an_unused_room_and_restore_it(client_as, world, spaces, lease):
    client = client_as(world.alice)
    held = client.get(f"/spaces/rooms/{spaces.office_1.pk}/edit/")
    assert held.context.get("delete") is None  # let until later: it cannot go
    free = client.get(f"/spaces/rooms/{spaces.office_2.pk}/edit/")
    assert free.context["delete"] == {"label": "spaces.room", "pk": spaces.office_2.pk}
    client.post(f"/trash/spaces.room/{spaces.office_2.pk}/delete/")
    from innohub.spaces.models import Room

    assert not Room.objects.filter(pk=spaces.office_2.pk).exists()
    assert (
        client_as(world.charlie)
        .post(f"/trash/spaces.room/{spaces.office_2.pk}/restore/")
        .status_code
        == 404
    )
    client.post(f"/trash/spaces.room/{spaces.office_2.pk}/restore/")
    assert Room.objects.filter(pk=spaces.office_2.pk).exists()
    assert client.post(f"/trash/spaces.room/{spaces.office_1.pk}/delete/").status_code == 403


def test_times_are_shown_in_the_hubs_zone_whatever_the_servers_zone(client_as, world, spaces):
    booking = services.booking_create(
        room=spaces.meeting,
        starts_at=spaces.at(9),
        ends_at=spaces.at(10, 30),
        title="Breakfast briefing",
        attendance=6,
        by=world.bob,
    )
    assert booking.starts_at.astimezone(UTC).hour == 1  # stored as 01:00 UTC
    client = client_as(world.bob)
    listing = client.get("/spaces/bookings/", {"from": spaces.day.isoformat()}).content.decode()
    assert "09:00–10:30" in listing and "01:00" not in listing
    detail = client.get(f"/spaces/bookings/{booking.pk}/").content.decode()
    assert "09:00–10:30" in detail and "(Asia/Shanghai)" in detail
    assert "01:00–02:30 UTC" in detail
    room = client.get(f"/spaces/rooms/{spaces.meeting.pk}/", {"day": spaces.day.isoformat()})
    slots = {slot.starts_at.strftime("%H:%M"): slot.state for slot in room.context["slots"]}
    assert slots["09:00"] == slots["10:00"] == "busy" and slots["10:30"] == "free"


def test_a_room_must_close_after_it_opens(world, spaces):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        services.room_update(room=spaces.meeting, opens_at="18:00", closes_at="09:00")
    assert "closes_at" in caught.value.message_dict
