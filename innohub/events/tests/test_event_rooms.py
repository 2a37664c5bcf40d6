"""Events held in a hub room: the room is held through a spaces booking that follows the event;
agreements signed at an event; events on the timelines of organisations and hubs."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import translation

from innohub.common import trash
from innohub.events import services
from innohub.events.models import Event
from innohub.events.tests.factories import BASE_URL, make_event, soon
from innohub.relations.services import PartyInput, agreement_create
from innohub.relations.timeline import timeline_for
from innohub.spaces import services as spaces_services
from innohub.spaces.models import Booking, BookingKind, BookingStatus
from innohub.spaces.tests.conftest import build_spaces


@pytest.fixture
def rooms(world):
    return build_spaces(world)


def _in_room(world, rooms, **fields) -> Event:
    return make_event(
        world.hub_a, venue_kind="room", room=rooms.roadshow, venue_address={}, **fields
    )


def test_it_books_the_room_for_an_event_held_in_it(world, rooms):
    event = _in_room(world, rooms, capacity=80)
    booking = event.booking
    assert booking.room == rooms.roadshow
    assert booking.kind == BookingKind.EVENT
    assert (booking.starts_at, booking.ends_at) == (event.starts_at, event.ends_at)
    assert booking.attendance == 80
    assert booking.held_by == event


def test_it_refuses_an_event_in_a_room_already_booked(world, rooms):
    start = soon()
    spaces_services.booking_create(
        room=rooms.roadshow,
        starts_at=start + timedelta(hours=1),
        ends_at=start + timedelta(hours=2),
        title="Investor meeting",
        attendance=20,
        by=None,
        enforce_rules=False,
    )
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        _in_room(world, rooms, starts_at=start)
    message = caught.value.message_dict["room"][0]
    assert "A-101" in message and "already taken" not in message  # said in Chinese
    assert not Event.all_objects.filter(room=rooms.roadshow).exists()


def test_it_refuses_a_capacity_larger_than_the_room(world, rooms):
    with pytest.raises(ValidationError) as caught:
        _in_room(world, rooms, capacity=150)
    assert "capacity" in caught.value.message_dict
    assert not Booking.objects.filter(room=rooms.roadshow).exists()


def test_it_refuses_a_room_of_another_hub(world, rooms):
    with pytest.raises(ValidationError) as caught:
        make_event(world.hub_a, venue_kind="room", room=rooms.room_b)
    assert "room" in caught.value.message_dict


def test_moving_the_event_moves_its_booking(world, rooms):
    event = _in_room(world, rooms)
    booking = event.booking
    later = event.starts_at + timedelta(days=1)
    event = services.event_update(
        event=event,
        by=world.alice,
        base_url=BASE_URL,
        starts_at=later,
        ends_at=later + timedelta(hours=3),
    )
    booking.refresh_from_db()
    assert event.booking_id == booking.pk
    assert booking.starts_at == later and booking.is_confirmed
    assert booking.sequence == 1
    services.event_update(
        event=event, by=world.alice, base_url=BASE_URL, room=rooms.meeting, capacity=10
    )
    booking.refresh_from_db()
    assert booking.room == rooms.meeting and booking.attendance == 10


def test_moving_onto_a_taken_slot_is_refused_and_nothing_moves(world, rooms):
    first = _in_room(world, rooms)
    second = _in_room(world, rooms, starts_at=first.starts_at + timedelta(days=2))
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            event=second,
            by=world.alice,
            base_url=BASE_URL,
            starts_at=first.starts_at,
            ends_at=first.ends_at,
        )
    assert "room" in caught.value.message_dict
    second.booking.refresh_from_db()
    assert second.booking.starts_at == first.starts_at + timedelta(days=2)


def test_cancelling_or_leaving_the_room_frees_it(world, rooms):
    event = _in_room(world, rooms)
    booking = event.booking
    services.event_cancel(event=event, by=world.alice, base_url=BASE_URL)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    other = _in_room(world, rooms, starts_at=soon(days=20))
    held = other.booking
    services.event_update(
        event=other, by=world.alice, base_url=BASE_URL, venue_kind="online", room=None
    )
    held.refresh_from_db()
    other.refresh_from_db()
    assert held.status == BookingStatus.CANCELLED and other.booking is None and other.room is None


def test_deleting_frees_the_room_and_restoring_holds_it_again(world, rooms):
    event = _in_room(world, rooms)
    booking = event.booking
    trash.trash_delete(label="events.event", pk=event.pk, user=world.alice)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    trash.trash_restore(label="events.event", pk=event.pk, user=world.alice)
    event.refresh_from_db()
    assert event.booking is not None and event.booking.is_confirmed


def test_the_room_booking_cannot_be_cancelled_from_spaces(world, rooms):
    event = _in_room(world, rooms)
    with pytest.raises(ValidationError) as caught:
        spaces_services.booking_cancel(booking=event.booking, by=world.alice)
    assert caught.value.code == "held"


def test_the_event_page_and_api_show_the_room(world, rooms, client, api_as):
    event = _in_room(world, rooms)
    page = client.get(event.get_absolute_url())
    assert page.status_code == 200
    assert "Roadshow centre" in page.content.decode()
    data = api_as(world.alice).get(f"/api/v1/events/{event.slug}").json()
    assert data["venue_kind"] == "room"
    assert data["room"]["id"] == rooms.roadshow.pk
    assert data["room"]["capacity"] == 100


def test_the_api_refuses_a_room_taken_at_that_time(world, rooms, api_as):
    _in_room(world, rooms)
    start = soon()
    response = api_as(world.alice).post(
        "/api/v1/events/",
        {
            "hub": world.hub_a.slug,
            "kind": "roadshow",
            "title": {"en": "Clashing roadshow"},
            "starts_at": (start + timedelta(hours=1)).isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "venue_kind": "room",
            "room": rooms.roadshow.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "room" in response.json()["errors"]


def _agreement(world, event, status="signed"):
    return agreement_create(
        by=world.alice,
        hub=world.hub_a,
        parties=[PartyInput(organisation=world.org_a), PartyInput(hub=world.hub_a)],
        title={"en": f"Pilot agreement ({status})"},
        status=status,
        signed_on=event.starts_at.astimezone(ZoneInfo(event.time_zone)).date()
        if status != "draft"
        else None,
        event=event,
    )


def test_agreements_signed_at_an_event_show_on_both_pages(world, client_as, client):
    event = make_event(world.hub_a)
    signed = _agreement(world, event)
    _agreement(world, event, status="draft")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Pilot agreement (signed)" in page
    assert "Pilot agreement (draft)" not in page  # drafts: staff and parties only
    staff_page = client_as(world.alice).get(event.get_absolute_url()).content.decode()
    assert "Pilot agreement (draft)" in staff_page
    agreement_page = client.get(signed.get_absolute_url()).content.decode()
    assert event.get_absolute_url() in agreement_page


def test_an_agreement_signed_at_an_event_is_signed_on_its_days(world):
    event = make_event(world.hub_a)
    with pytest.raises(ValidationError) as caught:
        agreement_create(
            by=world.alice,
            hub=world.hub_a,
            parties=[PartyInput(organisation=world.org_a), PartyInput(hub=world.hub_a)],
            title={"en": "Wrong day"},
            status="signed",
            signed_on=event.starts_at.date() - timedelta(days=30),
            event=event,
        )
    assert "signed_on" in caught.value.message_dict


def test_the_agreement_api_names_the_event_and_accepts_it(world, api_as):
    event = make_event(world.hub_a)
    agreement = _agreement(world, event)
    api = api_as(world.alice)
    assert api.get(f"/api/v1/relations/agreements/{agreement.pk}").json()["event"] == event.slug
    response = api.patch(
        f"/api/v1/relations/agreements/{agreement.pk}",
        {"event": "no-such-event"},
        content_type="application/json",
    )
    assert response.status_code == 400


def test_events_are_on_the_timelines_as_the_viewer_may_see_them(world, client):
    public = make_event(world.hub_a, partners=[world.org_a])
    private = make_event(
        world.hub_a,
        audience="invitation",
        title={"en": "Closed-door investor dinner"},
        partners=[world.org_a],
        starts_at=soon(days=12),
    )
    anonymous = AnonymousUser()
    seen = {
        e.url for e in timeline_for(user=anonymous, organisation=world.org_a) if e.kind == "event"
    }
    assert seen == {public.get_absolute_url()}
    staff = {e.url for e in timeline_for(user=world.alice, hub=world.hub_a) if e.kind == "event"}
    assert staff == {public.get_absolute_url(), private.get_absolute_url()}
    newest = timeline_for(user=world.alice, hub=world.hub_a, limit=1)
    assert newest[0].url == private.get_absolute_url()


def test_the_new_event_form_offers_the_rooms_of_the_hub_chosen(world, rooms, client_as):
    admin = client_as(world.dave)  # a network admin: every hub is a choice
    page = admin.get(f"/events/new/?hub={world.hub_a.slug}").content.decode()
    hub_select = re.search(r'<select name="hub"[^>]*>', page)[0]
    assert 'hx-get="/events/new/rooms/"' in hub_select and 'hx-target="#id_room"' in hub_select
    room_select = re.search(r'<select name="room".*?</select>', page, re.S)[0]
    assert "A-101" in room_select and "B-1" not in room_select

    options = admin.get("/events/new/rooms/", {"hub": world.hub_b.pk}).content.decode()
    assert "B-1" in options and "A-101" not in options
    assert options.startswith('<option value="">')

    # Staff of one hub get neither another hub's rooms nor a chooser that fetches them.
    staff = client_as(world.alice)
    assert staff.get("/events/new/rooms/", {"hub": world.hub_b.pk}).status_code == 404
    assert staff.get("/events/new/rooms/", {"hub": "99999999999999999999"}).status_code == 404
    assert (
        "hx-get"
        not in re.search(r'<select name="hub"[^>]*>', staff.get("/events/new/").content.decode())[0]
    )


def test_an_event_is_created_in_a_room_of_the_hub_chosen_in_the_form(world, rooms, client_as):
    admin = client_as(world.dave)
    fields = {
        "kind": "forum",
        "title_1": "Water forum",
        "time_zone": "Asia/Shanghai",
        "starts_at": "2031-01-06T10:00",
        "ends_at": "2031-01-06T11:00",
        "venue_kind": "room",
        "audience": "public",
        "status": "published",
    }
    # A room of hub B offered for hub A: refused, nothing booked.
    response = admin.post(
        "/events/new/", {**fields, "hub": world.hub_a.pk, "room": rooms.room_b.pk}
    )
    assert response.status_code == 200 and "room" in response.context["form"].errors
    assert not Event.objects.filter(title__en="Water forum").exists()

    response = admin.post(
        "/events/new/", {**fields, "hub": world.hub_b.pk, "room": rooms.room_b.pk}
    )
    assert response.status_code == 302
    event = Event.objects.get(title__en="Water forum")
    assert (event.hub, event.room, event.booking.room) == (world.hub_b, rooms.room_b, rooms.room_b)
