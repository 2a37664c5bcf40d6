"""Event pages: who sees what, staff editing, the programme, the calendar, feeds and panels."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from innohub.events import services
from innohub.events.models import Event, Session
from innohub.events.tests.factories import make_event, register, soon

pytestmark = pytest.mark.django_db


def test_visibility_of_public_invitation_and_draft_events(world, client_as):
    public = make_event(world.hub_a)
    private = make_event(world.hub_a, audience="invitation", title={"en": "Closed dinner"})
    draft = make_event(world.hub_a, status="draft", title={"en": "Not ready"})
    for user, expected in (
        (None, (200, 404, 404)),
        (world.mallory, (200, 404, 404)),
        (world.charlie, (200, 404, 404)),  # staff of hub B
        (world.alice, (200, 200, 200)),
        (world.dave, (200, 200, 200)),
    ):
        client = client_as(user)
        got = tuple(client.get(e.get_absolute_url()).status_code for e in (public, private, draft))
        assert got == expected, user
    calendar = client_as(None).get("/events/").content.decode()
    assert "Forum on water technology" in calendar
    assert "Closed dinner" not in calendar and "Not ready" not in calendar


def test_an_invited_user_sees_the_private_event(world, client_as):
    from innohub.events.tests.factories import BASE_URL, committed

    private = make_event(world.hub_a, audience="invitation")
    with committed():
        invitation = services.invitation_create(
            event=private,
            by=world.alice,
            name="Bob",
            email="bob@example.test",
            language="en",
            base_url=BASE_URL,
        )
    invitation.user = world.bob
    invitation.save()
    assert client_as(world.bob).get(private.get_absolute_url()).status_code == 200
    assert client_as(world.mallory).get(private.get_absolute_url()).status_code == 404


def test_staff_create_an_event_in_local_time(world, client_as):
    staff = client_as(world.alice)
    assert client_as(world.bob).get("/events/new/").status_code == 403
    response = staff.post(
        "/events/new/",
        {
            "hub": world.hub_a.pk,
            "kind": "workshop",
            "title_0": "以色列水技术工作坊",
            "title_1": "Israeli water technology workshop",
            "title_2": "סדנת טכנולוגיות מים ישראליות",
            "time_zone": "Asia/Jerusalem",
            "starts_at": "2031-03-27T09:00",
            "ends_at": "2031-03-27T11:00",
            "venue_kind": "online",
            "audience": "public",
            "status": "published",
            "registration_open": "on",
            "capacity": "40",
            "waitlist_enabled": "on",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(kind="workshop")
    # 09:00 in Jerusalem on 27 March 2031 (summer time from the 28th: still UTC+2) is 07:00 UTC.
    assert event.starts_at == datetime(2031, 3, 27, 7, tzinfo=UTC)
    assert event.time_zone == "Asia/Jerusalem"
    assert event.slug == "israeli-water-technology-workshop-2031"
    edit = staff.get(f"/events/{event.slug}/edit/").content.decode()
    assert 'value="2031-03-27T09:00"' in edit


def test_staff_of_another_hub_cannot_create_or_edit_here(world, client_as):
    event = make_event(world.hub_a)
    other = client_as(world.charlie)
    assert other.get(f"/events/{event.slug}/edit/").status_code == 403
    response = other.post(
        "/events/new/",
        {
            "hub": world.hub_a.pk,
            "kind": "forum",
            "title_1": "Sneaky",
            "time_zone": "Asia/Shanghai",
            "starts_at": "2031-01-01T10:00",
            "ends_at": "2031-01-01T11:00",
            "venue_kind": "online",
            "audience": "public",
            "status": "published",
        },
    )
    assert response.status_code == 200  # the hub is not among their choices
    assert not Event.objects.filter(title__en="Sneaky").exists()
    assert other.post(f"/events/{event.slug}/cancel/").status_code == 403


def test_staff_build_the_programme_with_remote_speakers(world, client_as):
    from innohub.directory.models import Person

    speaker = Person.objects.create(
        organisation=world.org_a, name={"en": "Prof. Dana Cohen"}, title={"en": "Chief scientist"}
    )
    event = make_event(world.hub_a)
    staff = client_as(world.alice)
    start = event.starts_at.astimezone(ZoneInfo(event.time_zone))
    response = staff.post(
        f"/events/{event.slug}/sessions/new/",
        {
            "title_1": "Desalination at scale",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"),
            "speakers-TOTAL_FORMS": "2",
            "speakers-INITIAL_FORMS": "0",
            "speakers-MIN_NUM_FORMS": "0",
            "speakers-MAX_NUM_FORMS": "30",
            "speakers-0-person": speaker.pk,
            "speakers-0-role": "keynote",
            "speakers-0-mode": "remote",
            "speakers-1-guest_name": "Li Ming",
            "speakers-1-guest_affiliation": "Water bureau",
            "speakers-1-role": "moderator",
            "speakers-1-mode": "in_person",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get(event=event)
    assert [(str(s.display_name), s.mode) for s in session.speakers.all()] == [
        ("Prof. Dana Cohen", "remote"),
        ("Li Ming", "in_person"),
    ]
    page = client_as(None).get(event.get_absolute_url()).content.decode()
    assert "Prof. Dana Cohen" in page and "Remote" in page and "Water bureau" in page
    outside = staff.post(
        f"/events/{event.slug}/sessions/new/",
        {
            "title_1": "Too late",
            "starts_at": (start + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(days=2, hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "speakers-TOTAL_FORMS": "0",
            "speakers-INITIAL_FORMS": "0",
        },
    )
    assert outside.status_code == 200
    assert Session.objects.filter(event=event).count() == 1


def test_the_online_link_is_for_confirmed_participants_and_staff(world, client_as):
    event = make_event(world.hub_a, online_url="https://meet.example.test/secret", capacity=1)
    register(event, "Someone")
    mine = register(event, "Bob", email="bob@example.test", user=world.bob)
    assert mine.status == "waitlisted"
    assert (
        "meet.example.test/secret"
        not in client_as(None).get(event.get_absolute_url()).content.decode()
    )
    assert (
        "meet.example.test/secret"
        not in client_as(world.bob).get(event.get_absolute_url()).content.decode()
    )
    assert (
        "meet.example.test/secret"
        in client_as(world.alice).get(event.get_absolute_url()).content.decode()
    )


def test_the_calendar_shows_a_month_and_stays_cheap(world, client, django_assert_max_num_queries):
    for day in range(8):
        make_event(world.hub_a, starts_at=soon(days=day + 1), title={"en": f"Event {day}"})
    with django_assert_max_num_queries(14):
        page = client.get("/events/").content.decode()
    assert "Event 0" in page and "Event 7" in page
    month = soon(days=1).strftime("%Y-%m")
    with django_assert_max_num_queries(14):
        response = client.get(
            f"/events/?month={month}", headers={"HX-Request": "true", "HX-Target": "calendar-body"}
        )
    assert "<html" not in response.content.decode()
    assert "Event 0" in response.content.decode()


def test_a_busy_day_shows_its_first_events_and_links_to_all_of_them(world, client):
    day = soon(days=3, clock=time(9)).date()
    for hour in range(7):
        start = datetime.combine(day, time(9 + hour), ZoneInfo("Asia/Shanghai"))
        make_event(world.hub_a, starts_at=start, title={"en": f"Busy {hour}"})
    month = day.strftime("%Y-%m")
    page = client.get(f"/events/?month={month}&tz=Asia/Shanghai").content.decode()
    grid = page.split('class="table table-bordered month-grid"')[1].split("</table>")[0]
    assert [f"Busy {h}" in grid for h in range(7)] == [True] * 4 + [False] * 3
    more = re.search(r'<a class="grid-more" href="\?([^"]+)">\+3 more</a>', grid)
    assert more, grid
    listed = client.get("/events/?" + more.group(1).replace("&amp;", "&")).content.decode()
    below = listed.split("</table>")[1]
    assert all(f"Busy {h}" in below for h in range(7))
    assert "Events from " in below and "Coming up" not in below


def test_the_calendar_offers_the_feed_of_the_chosen_hub_or_else_the_visitors(world, client_as):
    def feeds(client, query=""):
        page = client.get(f"/events/{query}").content.decode()
        listed = page.split('id="feeds"')[1].split("</ul>")[0]
        return re.findall(r'href="/events/hubs/([^/]+)/calendar.ics', listed)

    assert feeds(client_as(None)) == [world.hub_a.slug]  # the first hub, as the switcher shows
    assert feeds(client_as(None), f"?hub={world.hub_b.slug}") == [world.hub_b.slug]
    assert feeds(client_as(world.charlie)) == [world.hub_b.slug]  # the hub they keep
    world.hub_b.is_public = False
    world.hub_b.save()
    assert feeds(client_as(world.charlie)) == []  # a private hub has no public feed
    assert feeds(client_as(world.charlie), f"?hub={world.hub_a.slug}") == [world.hub_a.slug]


def test_the_hub_feed_holds_its_public_events_only(world, client):
    public = make_event(world.hub_a, title={"en": "Open forum", "he": "פורום פתוח"})
    make_event(world.hub_a, audience="invitation", title={"en": "Closed dinner"})
    make_event(world.hub_a, status="draft", title={"en": "Not ready"})
    make_event(world.hub_b, title={"en": "Elsewhere forum"})
    response = client.get(f"/events/hubs/{world.hub_a.slug}/calendar.ics?lang=he")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["פורום פתוח"]
    assert events[0].decoded("DTSTART") == public.starts_at
    assert str(events[0]["URL"]).endswith(public.get_absolute_url())


def test_the_hub_feed_follows_every_change_although_it_is_rendered_once(world, client):
    def summaries(response):
        return [
            str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        ]

    url = f"/events/hubs/{world.hub_a.slug}/calendar.ics?lang=en"
    forum = make_event(world.hub_a, title={"en": "Open forum", "he": "פורום פתוח"})
    first = client.get(url)
    assert summaries(first) == ["Open forum"]
    # A calendar client that already holds this version is told so, without a body.
    unchanged = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    # Another language is another feed.
    assert summaries(client.get(url.replace("lang=en", "lang=he"))) == ["פורום פתוח"]

    services.event_update(event=forum, by=None, base_url="", title={"en": "Open forum, moved"})
    edited = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert edited.status_code == 200 and edited["ETag"] != first["ETag"]
    assert summaries(edited) == ["Open forum, moved"]

    later = make_event(world.hub_a, title={"en": "Second forum"}, starts_at=soon(days=9))
    assert sorted(summaries(client.get(url))) == ["Open forum, moved", "Second forum"]
    services.event_delete(event=later, by=None)
    assert summaries(client.get(url)) == ["Open forum, moved"]


def test_one_event_downloads_as_ics(world, client):
    event = make_event(world.hub_a)
    calendar = icalendar.Calendar.from_ical(client.get(f"/events/{event.slug}/event.ics").content)
    assert calendar.walk("VEVENT")[0]["LOCATION"] == "Hall A, the hub"


def test_the_hub_page_lists_upcoming_events_and_the_organisation_page_its_events(world, client):
    from innohub.directory.models import Person

    upcoming = make_event(world.hub_a, title={"en": "Coming soon"})
    make_event(world.hub_a, audience="invitation", title={"en": "Closed dinner"})
    hub_page = client.get(world.hub_a.get_absolute_url()).content.decode()
    assert 'id="hub-events"' in hub_page
    assert "Coming soon" in hub_page and "Closed dinner" not in hub_page
    person = Person.objects.create(organisation=world.org_a, name={"en": "Speaker A"})
    services.session_create(
        event=upcoming,
        by=None,
        title={"en": "Talk"},
        starts_at=upcoming.starts_at,
        ends_at=upcoming.starts_at + timedelta(minutes=20),
        speakers=[{"person": person, "mode": "remote"}],
    )
    org_page = client.get(world.org_a.get_absolute_url()).content.decode()
    assert 'id="organisation-events"' in org_page and "Coming soon" in org_page


def test_the_slot_finder_page(world, client_as):
    page = client_as(world.mallory).get(
        "/events/slots/?date_from=2031-10-07&date_to=2031-10-09&minutes=60&countries=CN&countries=IL&limit=5&tz=Asia/Shanghai"
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="card mb-2 slot"') == 5
    assert client_as(None).get("/events/slots/").status_code == 302  # signed-in users only
    bad = client_as(world.mallory).get(
        "/events/slots/?date_from=2031-10-07&date_to=2031-10-01&minutes=60&countries=CN&limit=5"
    )
    assert "The range ends before it starts." in bad.content.decode()


def test_menu_entries(world, client_as):
    assert 'href="/events/"' in client_as(None).get("/").content.decode()
    assert 'href="/events/judging/"' in client_as(world.judy).get("/").content.decode()
    assert 'href="/events/judging/"' not in client_as(world.bob).get("/").content.decode()


def test_staff_see_how_full_their_events_are(world, client_as):
    event = make_event(world.hub_a, capacity=40)
    register(event, "Ann")
    assert "1/40" in client_as(world.alice).get("/events/").content.decode()
    assert "1/40" not in client_as(world.charlie).get("/events/").content.decode()
    assert "1/40" not in client_as(None).get("/events/").content.decode()


def test_editing_a_cancelled_event_keeps_it_cancelled(world, client_as):
    from innohub.events.forms import EventForm
    from innohub.events.tests.factories import BASE_URL

    event = make_event(world.hub_a)
    services.event_cancel(event=event, by=world.alice, base_url=BASE_URL)
    event.refresh_from_db()
    data = EventForm.initial_for(event)
    post = {
        "hub": world.hub_a.pk,
        "kind": data["kind"],
        "title_1": "Renamed forum",
        "time_zone": data["time_zone"],
        "starts_at": data["starts_at"].strftime("%Y-%m-%dT%H:%M"),
        "ends_at": data["ends_at"].strftime("%Y-%m-%dT%H:%M"),
        "venue_kind": "elsewhere",
        "venue_address_1": "Hall B",
        "audience": "public",
        "status": "published",
    }
    assert client_as(world.alice).post(f"/events/{event.slug}/edit/", post).status_code == 302
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert event.title["en"] == "Renamed forum"
