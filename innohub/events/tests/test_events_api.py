"""The events API: the same visibility and staff rules as the pages, times with their zones."""

from __future__ import annotations

import pytest
from django.core import mail

from innohub.events import tokens
from innohub.events.models import Registration
from innohub.events.tests.factories import committed, make_event, register

pytestmark = pytest.mark.django_db


def test_the_list_shows_what_the_caller_may_see(world, api_as, client):
    make_event(world.hub_a, title={"en": "Open"})
    make_event(world.hub_a, audience="invitation", title={"en": "Closed"})
    make_event(world.hub_b, status="draft", title={"en": "B draft"})
    titles = lambda response: sorted(row["title"]["en"] for row in response.json()["items"])  # noqa: E731
    assert titles(client.get("/api/v1/events/")) == ["Open"]
    assert titles(api_as(world.alice).get("/api/v1/events/")) == ["Closed", "Open"]
    assert titles(api_as(world.charlie).get("/api/v1/events/")) == ["B draft", "Open"]
    assert titles(api_as(world.dave).get("/api/v1/events/?hub=hub-b")) == ["B draft"]


def test_the_detail_gives_utc_and_the_local_times(world, client):
    from datetime import UTC, datetime

    event = make_event(
        world.hub_a,
        starts_at=datetime(2031, 3, 27, 7, tzinfo=UTC),
        ends_at=datetime(2031, 3, 27, 9, tzinfo=UTC),
        online_url="https://meet.example.test/x",
    )
    data = client.get(f"/api/v1/events/{event.slug}").json()
    assert data["starts_at"].startswith("2031-03-27T07:00:00")
    assert data["local_start"] == {
        "Asia/Shanghai": "2031-03-27T15:00:00+08:00",
        "Asia/Jerusalem": "2031-03-27T09:00:00+02:00",
    }
    assert data["online_url"] is None
    assert data["sessions"] == []


def test_staff_create_update_and_cancel_through_the_api(world, api_as):
    staff = api_as(world.alice)
    created = staff.post(
        "/api/v1/events/",
        {
            "hub": world.hub_a.slug,
            "kind": "roadshow",
            "title": {"en": "API roadshow", "he": "רודשואו"},
            "starts_at": "2031-05-05T07:00:00Z",
            "ends_at": "2031-05-05T09:00:00Z",
            "venue_kind": "online",
            "capacity": 2,
            "partners": [world.org_a.slug],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    slug = created.json()["slug"]
    assert created.json()["partners"] == [world.org_a.slug]
    assert created.json()["online_url"] == ""  # staff see it (empty here)
    patched = staff.patch(
        f"/api/v1/events/{slug}", {"capacity": 5}, content_type="application/json"
    )
    assert patched.json()["capacity"] == 5
    session = staff.post(
        f"/api/v1/events/{slug}/sessions",
        {
            "title": {"en": "Pitches"},
            "starts_at": "2031-05-05T07:30:00Z",
            "ends_at": "2031-05-05T08:30:00Z",
            "speakers": [{"guest_name": {"en": "Founder"}, "mode": "remote"}],
        },
        content_type="application/json",
    )
    assert session.status_code == 201
    assert session.json()["speakers"][0]["mode"] == "remote"
    assert session.json()["local_start"]["Asia/Jerusalem"] == "2031-05-05T10:30:00+03:00"
    bad = staff.post(
        f"/api/v1/events/{slug}/sessions",
        {
            "title": {"en": "Late"},
            "starts_at": "2031-05-06T07:30:00Z",
            "ends_at": "2031-05-06T08:30:00Z",
        },
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert (
        staff.post(f"/api/v1/events/{slug}/cancel", content_type="application/json").json()[
            "status"
        ]
        == "cancelled"
    )


def test_others_cannot_write(world, api_as, client):
    event = make_event(world.hub_a)
    body = {
        "hub": world.hub_a.slug,
        "kind": "forum",
        "title": {"en": "X"},
        "starts_at": "2031-05-05T07:00:00Z",
        "ends_at": "2031-05-05T09:00:00Z",
        "venue_kind": "online",
    }
    for user in (world.charlie, world.bob, world.judy):
        api = api_as(user)
        assert api.post("/api/v1/events/", body, content_type="application/json").status_code == 403
        assert (
            api.patch(
                f"/api/v1/events/{event.slug}", {"capacity": 1}, content_type="application/json"
            ).status_code
            == 403
        )
        assert api.get(f"/api/v1/events/{event.slug}/registrations").status_code == 403
        assert api.get(f"/api/v1/events/{event.slug}/attendance").status_code == 403
    assert client.post("/api/v1/events/", body, content_type="application/json").status_code == 401


def test_registering_through_the_api_and_promotion(world, api_as, client):
    event = make_event(world.hub_a, capacity=1)
    with committed():
        first = client.post(
            f"/api/v1/events/{event.slug}/registrations",
            {"name": "Ann", "email": "ann@example.test", "language": "he"},
            content_type="application/json",
        )
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed"
    assert first.json()["check_in_code"] == tokens.check_in_code(first.json()["id"])
    assert mail.outbox[-1].subject.startswith("ההרשמה אושרה")
    second = (
        api_as(world.bob)
        .post(
            f"/api/v1/events/{event.slug}/registrations",
            {"name": "Bob", "email": "bob@example.test"},
            content_type="application/json",
        )
        .json()
    )
    assert second["status"] == "waitlisted"
    assert second["waitlist_position"] == 1
    assert second["check_in_code"] is None
    # Bob sees his own registration; Mallory does not.
    assert api_as(world.bob).get(f"/api/v1/events/registrations/{second['id']}").status_code == 200
    assert (
        api_as(world.mallory).get(f"/api/v1/events/registrations/{second['id']}").status_code == 404
    )
    ann = Registration.objects.get(pk=first.json()["id"])
    with committed():
        cancelled = api_as(world.alice).post(f"/api/v1/events/registrations/{ann.pk}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    assert (
        api_as(world.bob).get(f"/api/v1/events/registrations/{second['id']}").json()["status"]
        == "confirmed"
    )
    duplicate = client.post(
        f"/api/v1/events/{event.slug}/registrations",
        {"name": "Bob", "email": "BOB@example.test"},
        content_type="application/json",
    )
    assert duplicate.status_code == 400


def test_check_in_and_attendance_through_the_api(world, api_as):
    event = make_event(world.hub_a)
    ann = register(event, "Ann", country="IL")
    staff = api_as(world.alice)
    done = staff.post(
        "/api/v1/events/check-in",
        {"code": tokens.check_in_code(ann.pk)},
        content_type="application/json",
    )
    assert done.json()["newly_checked_in"] is True
    again = staff.post(
        "/api/v1/events/check-in",
        {"code": tokens.check_in_code(ann.pk)},
        content_type="application/json",
    )
    assert again.json()["newly_checked_in"] is False
    assert (
        api_as(world.charlie)
        .post(
            "/api/v1/events/check-in",
            {"code": tokens.check_in_code(ann.pk)},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert (
        staff.post(
            "/api/v1/events/check-in", {"code": "1:forged"}, content_type="application/json"
        ).status_code
        == 404
    )
    figures = staff.get(f"/api/v1/events/{event.slug}/attendance").json()
    assert figures["confirmed"] == 1 and figures["checked_in"] == 1
    assert figures["by_country"] == [{"country": "IL", "confirmed": 1, "checked_in": 1}]


def test_the_slots_endpoint(client):
    response = client.get(
        "/api/v1/events/slots?date_from=2025-10-05&date_to=2025-10-11&minutes=60&limit=2"
    )
    assert response.json() == [
        {
            "start": "2025-10-09T06:00:00Z",
            "end": "2025-10-09T07:00:00Z",
            "local": {
                "Asia/Shanghai": "2025-10-09T14:00:00+08:00",
                "Asia/Jerusalem": "2025-10-09T09:00:00+03:00",
            },
            "score": 1.0,
        },
        {
            "start": "2025-10-09T06:30:00Z",
            "end": "2025-10-09T07:30:00Z",
            "local": {
                "Asia/Shanghai": "2025-10-09T14:30:00+08:00",
                "Asia/Jerusalem": "2025-10-09T09:30:00+03:00",
            },
            "score": 1.0,
        },
    ]
    bad = client.get("/api/v1/events/slots?date_from=2025-10-05&date_to=2025-10-01&minutes=60")
    assert bad.status_code == 400


def test_the_openapi_schema_lists_the_events_api(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/events/",
        "/api/v1/events/{slug}/registrations",
        "/api/v1/events/check-in",
        "/api/v1/events/contests/entries/{entry_id}",
        "/api/v1/events/contests/{slug}/results",
    ):
        assert path in paths
