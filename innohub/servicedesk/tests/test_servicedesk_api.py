"""The service desk through the REST API: the same routing, visibility and rules as the pages."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from innohub.directory.models import Person
from innohub.servicedesk import services

pytestmark = pytest.mark.django_db
API = "/api/v1/services"


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_catalogue_is_public_and_staff_extend_it(client, api_as, desk):
    listed = client.get(f"{API}/catalogue", {"hub": "hub-a"})
    assert listed.status_code == 200
    assert {s["name"]["en"] for s in listed.json()} == {
        "Work permits for foreign staff",
        "Company set-up",
    }
    permits = next(s for s in listed.json() if s["category"] == "visas")
    assert permits["provider"] == desk.provider.slug and permits["target_response_hours"] == 4
    body = {
        "hub": "hub-a",
        "category": "translation",
        "name": {"en": "Interpreting at meetings", "zh-hans": "会议口译", "he": "תרגום בפגישות"},
        "provider": desk.other_provider.slug,
        "target_response_hours": 8,
    }
    assert post(api_as(desk.alice), f"{API}/catalogue", body).status_code == 201
    assert post(api_as(desk.charlie), f"{API}/catalogue", body).status_code == 403
    assert post(api_as(desk.bob), f"{API}/catalogue", body).status_code == 403
    body["provider"] = desk.org_b.slug  # not a service provider
    assert post(api_as(desk.alice), f"{API}/catalogue", body).status_code == 400


def test_a_request_through_the_api_is_routed_and_private(api_as, desk):
    created = post(
        api_as(desk.bob),
        f"{API}/requests",
        {"service_id": desk.permits.pk, "subject": "Permit", "description": "For our CTO."},
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["provider"] == desk.provider.slug and data["state"] == "submitted"
    assert data["response_timeliness"] in ("open", "late")
    url = f"{API}/requests/{data['id']}"
    for user, status in [
        (desk.bob, 200),
        (desk.paula, 200),
        (desk.alice, 200),
        (desk.dave, 200),
        (desk.carol, 404),
        (desk.quentin, 404),
        (desk.charlie, 404),
        (desk.mallory, 404),
    ]:
        assert api_as(user).get(url).status_code == status, user
    assert [r["id"] for r in api_as(desk.paula).get(f"{API}/requests").json()["items"]] == [
        data["id"]
    ]
    assert api_as(desk.quentin).get(f"{API}/requests").json()["items"] == []
    assert api_as(desk.carol).get(f"{API}/requests").json()["items"] == []


def test_states_messages_files_and_rating_through_the_api(api_as, desk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bob, paula = api_as(desk.bob), api_as(desk.paula)
    rid = post(
        bob,
        f"{API}/requests",
        {"service_id": desk.permits.pk, "subject": "Permit", "description": "For our CTO."},
    ).json()["id"]
    refused = post(paula, f"{API}/requests/{rid}/transition", {"state": "done"})
    assert refused.status_code == 400 and "cannot go from" in refused.json()["errors"]["__all__"][0]
    assert post(bob, f"{API}/requests/{rid}/transition", {"state": "accepted"}).status_code == 403
    assert post(paula, f"{API}/requests/{rid}/transition", {"state": "accepted"}).status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    sent = paula.post(
        f"{API}/requests/{rid}/messages",
        {"body": "请提供护照扫描件。", "file": SimpleUploadedFile("checklist.pdf", b"%PDF-1.4")},
    )
    assert sent.status_code == 201, sent.content
    file_url = sent.json()["attachment_url"]
    assert bob.get(file_url).status_code == 200
    assert api_as(desk.carol).get(file_url).status_code == 404
    assert post(paula, f"{API}/requests/{rid}/transition", {"state": "done"}).status_code == 200
    assert post(paula, f"{API}/requests/{rid}/rating", {"rating": 5}).status_code == 403
    assert post(bob, f"{API}/requests/{rid}/rating", {"rating": 9}).status_code == 422
    rated = post(bob, f"{API}/requests/{rid}/rating", {"rating": 4, "comment": "תודה"})
    assert rated.status_code == 200 and rated.json()["rating"] == 4
    detail = bob.get(f"{API}/requests/{rid}").json()
    assert [e["to_state"] for e in detail["events"]] == ["submitted", "accepted", "done"]
    assert detail["messages"][0]["side"] == "provider"


def test_staff_reroute_through_the_api(api_as, desk, submit):
    request = submit()
    moved = post(
        api_as(desk.alice),
        f"{API}/requests/{request.pk}/route",
        {"provider": desk.other_provider.slug},
    )
    assert moved.status_code == 200 and moved.json()["provider"] == desk.other_provider.slug
    assert api_as(desk.paula).get(f"{API}/requests/{request.pk}").status_code == 404
    assert api_as(desk.quentin).get(f"{API}/requests/{request.pk}").status_code == 200
    assert post(api_as(desk.quentin), f"{API}/requests/{request.pk}/route", {}).status_code == 403


def test_eligibility_and_applications_through_the_api(client, api_as, desk):
    programme = services.programme_create(
        hub=desk.hub_a,
        by=desk.alice,
        funder_kind="government",
        name={"en": "Rent subsidy"},
        rules=[{"fact": "country", "op": "in", "value": ["IL", "JOINT"]}],
        is_rolling=True,
    )
    assert client.get(f"{API}/programmes", {"hub": "hub-a"}).json()[0]["is_open"] is True
    facts = client.get(f"{API}/facts").json()
    assert {"country", "membership_months", "ip_invention_patents_granted"} <= {
        f["name"] for f in facts
    }
    mine = api_as(desk.bob).get(f"{API}/eligibility", {"hub": "hub-a"}).json()
    assert mine[0]["outcome"] == "eligible"
    assert mine[0]["results"][0]["reason"].startswith("Met: Country of origin is Israel")
    assert (
        api_as(desk.carol)
        .get(f"{API}/eligibility", {"hub": "hub-a", "organisation": desk.org_a.slug})
        .status_code
        == 404
    )
    assert (
        api_as(desk.alice)
        .get(f"{API}/eligibility", {"hub": "hub-a", "organisation": desk.org_c.slug})
        .json()[0]["outcome"]
        == "not_eligible"
    )
    created = post(
        api_as(desk.bob),
        f"{API}/applications",
        {"programme_id": programme.pk, "amount_requested": "50000"},
    )
    assert created.status_code == 201, created.content
    aid = created.json()["id"]
    staff = api_as(desk.alice)
    assert (
        post(staff, f"{API}/applications/{aid}/transition", {"state": "submitted"}).status_code
        == 200
    )
    granted = post(
        staff,
        f"{API}/applications/{aid}/transition",
        {"state": "granted", "amount_granted": "42000.00"},
    )
    assert granted.status_code == 200 and granted.json()["amount_granted"] == "42000.00"
    bad = post(
        api_as(desk.alice),
        f"{API}/programmes",
        {"hub": "hub-a", "funder_kind": "hub", "name": {"en": "X"}, "rules": [{"fact": "x"}]},
    )
    assert bad.status_code == 400 and "rules" in bad.json()["errors"]


def test_office_hours_through_the_api(client, api_as, desk):
    person = Person.objects.create(name={"en": "Dr. Amit Shaked"}, country="IL")
    expert = services.expert_create(
        hub=desk.hub_a,
        person=person,
        by=desk.alice,
        kind="mentor",
        expertise={"en": "Go-to-market in China"},
        languages=["en", "he"],
        can_judge=True,
    )
    start = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    made = post(
        api_as(desk.alice),
        f"{API}/experts/{expert.pk}/office-hours",
        {
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
            "mode": "online",
            "meeting_url": "https://meet.example.test/amit",
        },
    )
    assert made.status_code == 201, made.content
    slot_id = made.json()["id"]
    booked = post(api_as(desk.bob), f"{API}/office-hours/{slot_id}/bookings", {"topic": "Pricing"})
    assert booked.status_code == 201 and booked.json()["meeting_url"].endswith("/amit")
    again = post(api_as(desk.carol), f"{API}/office-hours/{slot_id}/bookings", {"topic": "Me too"})
    assert again.status_code == 400
    public = client.get(f"{API}/experts/{expert.pk}/office-hours").json()
    assert public == [
        {
            "id": slot_id,
            "expert_id": expert.pk,
            "starts_at": public[0]["starts_at"],
            "ends_at": public[0]["ends_at"],
            "mode": "online",
            "location": "",
            "room": None,
            "booked": True,
        }
    ]
    assert api_as(desk.carol).get(f"{API}/bookings").json() == []
    judges = api_as(desk.alice).get(f"{API}/judge-candidates", {"hub": "hub-a"}).json()
    assert [j["id"] for j in judges] == [expert.pk] and judges[0]["user_id"] is None
    assert api_as(desk.bob).get(f"{API}/judge-candidates", {"hub": "hub-a"}).status_code == 403


def test_figures_are_for_the_hubs_staff(api_as, desk, submit):
    submit()
    url = f"{API}/figures"
    params = {"hub": "hub-a", "start": "2025-01-01", "end": "2025-12-31"}
    data = api_as(desk.alice).get(url, params).json()
    assert data["requests"]["total"] == 1
    assert api_as(desk.charlie).get(url, params).status_code == 403
    assert api_as(desk.bob).get(url, params).status_code == 403
    assert date.fromisoformat(data["requests"]["period"]["end"]) == date(2025, 12, 31)


def test_the_api_schema_documents_the_service_desk(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = {path for path in schema["paths"] if path.startswith("/api/v1/services/")}
    assert {"/api/v1/services/requests", "/api/v1/services/eligibility"} <= paths
    state = schema["paths"]["/api/v1/services/requests/{request_id}/transition"]["post"]
    assert state["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "RequestTransitionIn"
    )
    assert set(schema["components"]["schemas"]["RequestState"]["enum"]) == {
        "submitted",
        "accepted",
        "in_progress",
        "waiting_member",
        "done",
        "cancelled",
    }


def test_text_with_nul_characters_is_refused_not_stored(api_as, desk):
    response = post(
        api_as(desk.bob),
        f"{API}/requests",
        {"service_id": desk.permits.pk, "subject": "Per\x00mit", "description": "x"},
    )
    assert response.status_code == 422
