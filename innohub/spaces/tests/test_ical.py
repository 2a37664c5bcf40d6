"""The per-room iCalendar feed, parsed back with icalendar as a calendar client would."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from innohub.spaces import services

pytestmark = pytest.mark.django_db


def feed(client, room, token=None):
    url = f"/spaces/rooms/{room.pk}/calendar.ics" + (f"?token={token}" if token else "")
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"\r\n" in response.content
    return Calendar.from_ical(response.content)


@pytest.fixture
def booked(world, spaces):
    booking = services.booking_create(
        room=spaces.roadshow,
        starts_at=spaces.at(14),
        ends_at=spaces.at(16, 30),
        title="Alpha Robotics investor roadshow",
        attendance=70,
        by=world.bob,
        note="Simultaneous interpretation needed",
    )
    cancelled = services.booking_create(
        room=spaces.roadshow,
        starts_at=spaces.at(9),
        ends_at=spaces.at(10),
        title="Cancelled rehearsal",
        attendance=5,
        by=world.alice,
    )
    services.booking_cancel(booking=cancelled, by=world.alice)
    return booking, cancelled


def test_the_feed_is_a_valid_calendar_in_the_hubs_zone(client, spaces, booked):
    booking, _cancelled = booked
    calendar = feed(client, spaces.roadshow)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-TIMEZONE"] == "Asia/Shanghai"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    event = next(e for e in calendar.walk("VEVENT") if e["STATUS"] == "CONFIRMED")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == booking.starts_at and end == booking.ends_at
    assert (start.hour, start.minute, str(start.tzinfo)) == (14, 0, "Asia/Shanghai")
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert str(event["UID"]) == f"booking-{booking.pk}@testserver"
    assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert "Roadshow centre" in str(event["LOCATION"])


def test_the_public_sees_busy_times_and_not_who_booked(client, spaces, booked):
    calendar = feed(client, spaces.roadshow)
    events = list(calendar.walk("VEVENT"))
    assert {str(e["SUMMARY"]) for e in events} == {"Booked"}
    assert all("DESCRIPTION" not in e for e in events)
    assert b"Alpha Robotics" not in calendar.to_ical()


def test_a_cancelled_booking_stays_as_cancelled_so_clients_remove_it(client, spaces, booked):
    _booking, cancelled = booked
    calendar = feed(client, spaces.roadshow)
    event = next(
        e for e in calendar.walk("VEVENT") if e["UID"] == f"booking-{cancelled.pk}@testserver"
    )
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_a_personal_link_shows_the_details_the_user_may_see(client_as, world, spaces, booked):
    booking, _cancelled = booked
    page = client_as(world.bob).get(f"/spaces/rooms/{spaces.roadshow.pk}/")
    personal = page.context["feed_url"][1]
    token = personal.split("token=")[1]
    calendar = feed(client_as(None), spaces.roadshow, token=token)
    mine = next(
        e for e in calendar.walk("VEVENT") if e["UID"] == f"booking-{booking.pk}@testserver"
    )
    assert str(mine["SUMMARY"]) == "Alpha Robotics investor roadshow"
    assert "Simultaneous interpretation" in str(mine["DESCRIPTION"])
    # The same token does not open another room's feed, and a forged one opens nothing.
    other = client_as(None).get(f"/spaces/rooms/{spaces.meeting.pk}/calendar.ics?token={token}")
    assert other.status_code == 404
    forged = client_as(None).get(f"/spaces/rooms/{spaces.roadshow.pk}/calendar.ics?token=x{token}")
    assert forged.status_code == 404


def test_offices_have_no_public_feed(client, client_as, world, spaces):
    assert client.get(f"/spaces/rooms/{spaces.office_1.pk}/calendar.ics").status_code == 404
    assert (
        client_as(world.alice).get(f"/spaces/rooms/{spaces.office_1.pk}/calendar.ics").status_code
        == 404
    )


def test_the_feed_follows_every_change_although_it_is_cached(client, world, spaces, booked):
    booking, _cancelled = booked
    assert len(list(feed(client, spaces.roadshow).walk("VEVENT"))) == 2
    services.booking_create(
        room=spaces.roadshow,
        starts_at=spaces.at(17),
        ends_at=spaces.at(18),
        title="Late meeting",
        attendance=5,
        by=world.alice,
    )
    assert len(list(feed(client, spaces.roadshow).walk("VEVENT"))) == 3
    services.booking_cancel(booking=booking, by=world.bob)
    statuses = {
        str(e["UID"]): str(e["STATUS"]) for e in feed(client, spaces.roadshow).walk("VEVENT")
    }
    assert statuses[f"booking-{booking.pk}@testserver"] == "CANCELLED"
