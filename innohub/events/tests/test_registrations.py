"""Registration: capacity, the waiting list and its promotion, e-mails with .ics, check-in."""

from __future__ import annotations

import threading
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from innohub.events import services, tokens
from innohub.events.models import Registration, RegistrationStatus
from innohub.events.selectors import attendance_figures, waitlist_position
from innohub.events.tests.factories import BASE_URL, committed, make_event, register

pytestmark = pytest.mark.django_db

S = RegistrationStatus


def statuses(event) -> dict[str, str]:
    return dict(Registration.objects.filter(event=event).values_list("name", "status"))


def ics_of(message) -> icalendar.Calendar:
    for name, content, mimetype in message.attachments:
        if name == "event.ics":
            assert mimetype == "text/calendar"
            return icalendar.Calendar.from_ical(content)
    raise AssertionError("no .ics attached")


def test_it_confirms_until_full_then_queues(world):
    event = make_event(world.hub_a, capacity=2)
    register(event, "Ann")
    register(event, "Ben")
    carl = register(event, "Carl")
    dina = register(event, "Dina")
    assert statuses(event) == {
        "Ann": S.CONFIRMED,
        "Ben": S.CONFIRMED,
        "Carl": S.WAITLISTED,
        "Dina": S.WAITLISTED,
    }
    assert waitlist_position(carl) == 1
    assert waitlist_position(dina) == 2


def test_a_cancellation_promotes_the_first_in_the_queue(world):
    event = make_event(world.hub_a, capacity=2)
    ann = register(event, "Ann")
    register(event, "Ben")
    register(event, "Carl")
    register(event, "Dina")
    mail.outbox.clear()
    with committed():
        with_capture = services.registration_cancel(registration=ann, by=None, base_url=BASE_URL)
    assert with_capture.status == S.CANCELLED
    assert statuses(event) == {
        "Ann": S.CANCELLED,
        "Ben": S.CONFIRMED,
        "Carl": S.CONFIRMED,
        "Dina": S.WAITLISTED,
    }
    assert waitlist_position(Registration.objects.get(name="Dina")) == 1
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "A place has opened up for you: Forum on water technology",
        "Registration cancelled: Forum on water technology",
    ]
    promoted = next(m for m in mail.outbox if m.to == ["carl@example.test"])
    assert ics_of(promoted).walk("VEVENT")[0]["SUMMARY"] == "Forum on water technology"


def test_cancelling_a_waiting_place_promotes_nobody(world):
    event = make_event(world.hub_a, capacity=1)
    register(event, "Ann")
    ben = register(event, "Ben")
    register(event, "Carl")
    services.registration_cancel(registration=ben, by=None, base_url=BASE_URL)
    assert statuses(event) == {"Ann": S.CONFIRMED, "Ben": S.CANCELLED, "Carl": S.WAITLISTED}


def test_more_places_promote_the_queue_in_order(world):
    event = make_event(world.hub_a, capacity=1)
    for name in ("Ann", "Ben", "Carl", "Dina"):
        register(event, name)
    services.event_update(event=event, by=world.alice, base_url=BASE_URL, capacity=3)
    assert statuses(event) == {
        "Ann": S.CONFIRMED,
        "Ben": S.CONFIRMED,
        "Carl": S.CONFIRMED,
        "Dina": S.WAITLISTED,
    }


def test_without_a_waiting_list_a_full_event_refuses(world):
    event = make_event(world.hub_a, capacity=1, waitlist_enabled=False)
    register(event, "Ann")
    with pytest.raises(ValidationError, match="full"):
        register(event, "Ben")


def test_one_active_registration_per_address(world):
    event = make_event(world.hub_a)
    ann = register(event, "Ann", email="Ann@Example.test")
    with pytest.raises(ValidationError):
        register(event, "Ann again", email=" ann@example.TEST ")
    services.registration_cancel(registration=ann, by=None, base_url=BASE_URL)
    assert register(event, "Ann again", email="ann@example.test").status == S.CONFIRMED


def test_closed_past_and_invitation_only_events_refuse_registrations(world):
    closed = make_event(world.hub_a, registration_open=False)
    past_start = make_event(world.hub_a).starts_at - timedelta(days=60)
    past = make_event(world.hub_a, starts_at=past_start, ends_at=past_start + timedelta(hours=2))
    private = make_event(world.hub_a, audience="invitation")
    for event in (closed, past, private):
        with pytest.raises(ValidationError):
            register(event, "Ann")


def test_the_confirmation_is_in_the_language_chosen_with_the_event_as_ics(world):
    event = make_event(world.hub_a, online_url="https://meet.example.test/room")
    registration = register(event, "Noa Levi", language="he")
    message = mail.outbox[-1]
    assert message.to == ["noa.levi@example.test"]
    assert message.subject == "ההרשמה אושרה: פורום טכנולוגיות מים"
    assert "שלום Noa Levi" in message.body or "Noa Levi" in message.body
    assert "Asia/Shanghai" not in message.body  # cities, not zone names
    assert "ירושלים" in message.body and "שנחאי" in message.body
    html = message.alternatives[0][0]
    assert 'dir="rtl"' in html and 'lang="he"' in html
    calendar = ics_of(message)
    vevent = calendar.walk("VEVENT")[0]
    assert calendar["METHOD"] == "PUBLISH"
    assert vevent["SUMMARY"] == "פורום טכנולוגיות מים"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent.decoded("DTEND") == event.ends_at
    assert "https://meet.example.test/room" in str(vevent["DESCRIPTION"])
    assert str(vevent["UID"]).startswith(f"innohub-event-{event.pk}@")
    code = tokens.check_in_code(registration.pk)
    assert code in message.body  # the check-in link under the QR code
    images = [part for part in message.attachments if not isinstance(part, tuple)]
    assert images and images[0].get_content_type() == "image/png"


def test_a_waiting_list_message_carries_no_ticket(world):
    event = make_event(world.hub_a, capacity=1, online_url="https://meet.example.test/room")
    register(event, "Ann")
    register(event, "Ben", language="zh-hans")
    message = mail.outbox[-1]
    assert message.subject == "您已进入候补名单：水技术论坛"
    assert not any(isinstance(a, tuple) and a[0] == "event.ics" for a in message.attachments)
    assert "meet.example.test" not in message.body


def test_moving_an_event_moves_its_programme_and_tells_everyone(world):
    event = make_event(world.hub_a)
    services.session_create(
        event=event,
        by=None,
        title={"en": "Keynote"},
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(minutes=30),
    )
    register(event, "Ann")
    mail.outbox.clear()
    later = timedelta(days=1, hours=2)
    with committed():
        moved = services.event_update(
            event=event,
            by=world.alice,
            base_url=BASE_URL,
            starts_at=event.starts_at + later,
            ends_at=event.ends_at + later,
        )
    assert moved.sequence == 1
    assert moved.sessions.get().starts_at == event.starts_at + later
    (message,) = mail.outbox
    assert message.subject.startswith("New time or place")
    vevent = ics_of(message).walk("VEVENT")[0]
    assert vevent["SEQUENCE"] == 1
    assert vevent.decoded("DTSTART") == event.starts_at + later


def test_a_shorter_event_must_still_hold_its_programme(world):
    event = make_event(world.hub_a)
    services.session_create(
        event=event,
        by=None,
        title={"en": "Closing"},
        starts_at=event.ends_at - timedelta(minutes=30),
        ends_at=event.ends_at,
    )
    with pytest.raises(ValidationError):
        services.event_update(
            event=event,
            by=world.alice,
            base_url=BASE_URL,
            ends_at=event.ends_at - timedelta(hours=1),
        )


def test_cancelling_the_event_sends_a_cancelling_calendar_entry(world):
    event = make_event(world.hub_a, capacity=1)
    register(event, "Ann")
    register(event, "Ben")
    mail.outbox.clear()
    with committed():
        services.event_cancel(event=event, by=world.alice, base_url=BASE_URL)
    assert len(mail.outbox) == 2
    calendar = ics_of(mail.outbox[0])
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_invitations_are_answered_through_their_link(world, client):
    event = make_event(world.hub_a, audience="invitation", capacity=1)
    with committed():
        guest = services.invitation_create(
            event=event,
            by=world.alice,
            name="Guest",
            email="guest@example.test",
            language="en",
            base_url=BASE_URL,
        )
    assert mail.outbox[-1].subject == "Invitation: Forum on water technology"
    link = f"/events/registrations/{tokens.manage_token(guest.pk)}/"
    assert link in mail.outbox[-1].body
    # The signed link opens the private event's page for its holder only.
    assert client.get(link).status_code == 200
    assert client.get(event.get_absolute_url()).status_code == 404
    client.post(link + "answer/", {"answer": "accept"})
    guest.refresh_from_db()
    assert guest.status == S.CONFIRMED
    second = services.invitation_create(
        event=event,
        by=world.alice,
        name="Second",
        email="second@example.test",
        language="en",
        base_url=BASE_URL,
    )
    services.invitation_accept(registration=second, base_url=BASE_URL)
    second.refresh_from_db()
    assert second.status == S.WAITLISTED


def test_a_forged_link_opens_nothing(world, client):
    event = make_event(world.hub_a)
    ann = register(event, "Ann")
    token = tokens.manage_token(ann.pk)
    assert client.get(f"/events/registrations/{token}/").status_code == 200
    forged = f"{ann.pk}:{token.split(':')[1][:-2]}xx"
    assert client.get(f"/events/registrations/{forged}/").status_code == 404
    assert client.post(f"/events/registrations/{forged}/cancel/").status_code == 404
    assert client.get(f"/events/registrations/{ann.pk + 1}:x/qr.svg").status_code == 404


def test_the_participant_page_shows_the_qr_code_and_cancels(world, client):
    event = make_event(world.hub_a, capacity=1)
    ann = register(event, "Ann")
    ben = register(event, "Ben")
    token = tokens.manage_token(ann.pk)
    page = client.get(f"/events/registrations/{token}/").content.decode()
    assert f"/events/registrations/{token}/qr.svg" in page
    svg = client.get(f"/events/registrations/{token}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    client.post(f"/events/registrations/{token}/cancel/")
    ben.refresh_from_db()
    assert ben.status == S.CONFIRMED
    assert client.get(f"/events/registrations/{token}/qr.svg").status_code == 404


def test_staff_check_in_by_code_scan_or_list(world, client_as):
    event = make_event(world.hub_a)
    ann = register(event, "Ann")
    code = tokens.check_in_code(ann.pk)
    staff = client_as(world.alice)
    # Pasting the whole link from under the QR code finds the participant.
    response = staff.post(
        "/events/check-in/", {"code": f"http://testserver/events/check-in/{code}/"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/events/check-in/{code}/"
    assert "Ann" in staff.get(response["Location"]).content.decode()
    staff.post(f"/events/check-in/{code}/")
    ann.refresh_from_db()
    assert ann.checked_in_at is not None
    assert ann.checked_in_by == world.alice
    first = ann.checked_in_at
    staff.post(f"/events/check-in/{code}/")  # scanning twice changes nothing
    ann.refresh_from_db()
    assert ann.checked_in_at == first
    assert staff.post("/events/check-in/", {"code": "12:nonsense"}).status_code == 200


def test_only_the_events_hub_staff_check_people_in(world, client_as):
    event = make_event(world.hub_a)
    ann = register(event, "Ann")
    code = tokens.check_in_code(ann.pk)
    for user in (world.charlie, world.bob, world.judy):
        assert client_as(user).post(f"/events/check-in/{code}/").status_code == 403
    assert client_as(None).get(f"/events/check-in/{code}/").status_code == 302  # to sign in
    ann.refresh_from_db()
    assert ann.checked_in_at is None
    assert client_as(world.dave).post(f"/events/check-in/{code}/").status_code == 302
    ann.refresh_from_db()
    assert ann.checked_in_at is not None


def test_a_waiting_participant_cannot_check_in(world):
    event = make_event(world.hub_a, capacity=1)
    register(event, "Ann")
    ben = register(event, "Ben")
    with pytest.raises(ValidationError):
        services.registration_check_in(registration=ben, by=world.alice)


def test_attendance_figures(world):
    event = make_event(world.hub_a, capacity=3)
    ann = register(event, "Ann", country="CN")
    ben = register(event, "Ben", country="IL")
    register(event, "Carl", country="IL")
    register(event, "Dina", country="CN")
    gone = register(event, "Eve")
    services.registration_cancel(registration=gone, by=None, base_url=BASE_URL)
    services.registration_check_in(registration=ann, by=world.alice)
    services.registration_check_in(registration=ben, by=world.alice)
    figures = attendance_figures(event)
    assert (figures.confirmed, figures.waitlisted, figures.cancelled) == (3, 1, 1)
    assert figures.checked_in == 2
    assert figures.no_shows == 1
    assert figures.free_places == 0
    assert round(figures.attendance_rate, 3) == 0.667
    assert figures.by_country == [("IL", 2, 1), ("CN", 1, 1)]


def test_the_staff_list_and_csv(world, client_as):
    event = make_event(world.hub_a)
    register(event, "王伟", country="CN", email="wang.wei@example.test")
    register(event, "נועה לוי", country="IL", email="noa@example.test")
    staff = client_as(world.alice)
    page = staff.get(f"/events/{event.slug}/registrations/?q=王")
    assert "王伟" in page.content.decode()
    assert "נועה" not in page.content.decode()
    csv = staff.get(f"/events/{event.slug}/registrations.csv").content.decode("utf-8")
    assert csv.startswith("\ufeff")
    assert "王伟" in csv and "נועה לוי" in csv
    assert client_as(world.charlie).get(f"/events/{event.slug}/registrations/").status_code == 403
    assert client_as(world.bob).get(f"/events/{event.slug}/registrations.csv").status_code == 403


def test_registering_through_the_page(world, client_as):
    event = make_event(world.hub_a)
    visitor = client_as(None)
    with committed():
        response = visitor.post(
            f"/events/{event.slug}/register/",
            {
                "name": "Li Wei",
                "email": "li.wei@example.test",
                "country": "CN",
                "language": "zh-hans",
            },
        )
    assert response.status_code == 302
    registration = Registration.objects.get(email="li.wei@example.test")
    assert response["Location"] == f"/events/registrations/{tokens.manage_token(registration.pk)}/"
    assert mail.outbox[-1].subject == "报名已确认：水技术论坛"
    again = visitor.post(
        f"/events/{event.slug}/register/",
        {"name": "Li Wei", "email": "li.wei@example.test", "country": "CN", "language": "zh-hans"},
    )
    assert again.status_code == 400
    assert "already registered" in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_last_place_goes_to_one_of_two_people_registering_at_once(world):
    event = make_event(world.hub_a, capacity=1, waitlist_enabled=False)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(name: str) -> None:
        barrier.wait()
        try:
            register(event, name)
            outcomes.append("confirmed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in ("Ann", "Ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["confirmed", "refused"]
    assert Registration.objects.filter(event=event, status=S.CONFIRMED).count() == 1
