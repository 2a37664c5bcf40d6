"""The IP API: the same permissions and rules as the pages."""

from __future__ import annotations

import json
from datetime import date

import pytest

from innohub.ip.models import Asset
from innohub.ip.tests.factories import make_asset

pytestmark = pytest.mark.django_db
API = "/api/v1/ip"


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def preparing(world):
    return make_asset(
        world,
        number="",
        status="in_preparation",
        filed_on=None,
        published_on=None,
        granted_on=None,
        title={"en": "Not yet filed"},
    )


def test_the_public_list_hides_applications_in_preparation(client, api_as, world, preparing):
    granted = make_asset(world)
    assert ids(client.get(f"{API}/assets")) == {granted.pk}
    assert ids(api_as(world.charlie).get(f"{API}/assets")) == {granted.pk}
    assert ids(api_as(world.bob).get(f"{API}/assets")) == {granted.pk, preparing.pk}
    assert ids(api_as(world.erin).get(f"{API}/assets", {"status": "in_preparation"})) == {
        preparing.pk
    }
    assert client.get(f"{API}/assets/{preparing.pk}").status_code == 404
    assert api_as(world.charlie).get(f"{API}/assets/{preparing.pk}").status_code == 404


def test_deadlines_and_notes_only_for_owners_and_ip_officers(client, api_as, world):
    asset = make_asset(world, notes="pay through the agent")
    public = client.get(f"{API}/assets/{asset.pk}").json()
    assert public["deadlines"] is None and public["notes"] is None
    assert public["display_number"] == "ZL202010123456.2"
    own = api_as(world.bob).get(f"{API}/assets/{asset.pk}").json()
    assert own["notes"] == "pay through the agent"
    assert own["deadlines"][0]["label"] == "Annual fee, year 4"
    assert own["deadlines"][0]["shifted_from"] == "2023-12-03"
    assert api_as(world.charlie).get(f"{API}/assets/{asset.pk}/deadlines").status_code == 404


def test_create_validates_numbers_and_permissions(api_as, world):
    payload = {
        "hub": "hub-a",
        "type": "cn-software",
        "number": "2021SR0805085",
        "title": {"zh-hans": "智能康复训练系统V1.0", "en": "Smart rehabilitation trainer V1.0"},
        "owners": [world.org_a.slug],
        "status": "valid",
        "filed_on": "2021-04-02",
        "published_on": "2021-01-15",
        "registered_on": "2021-06-01",
    }
    response = api_as(world.bob).post(
        f"{API}/assets", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["expires_on"] == "2071-12-31"
    wrong = {**payload, "number": "软著登字第1234567号"}
    response = api_as(world.erin).post(
        f"{API}/assets", json.dumps(wrong), content_type="application/json"
    )
    assert response.status_code == 400 and "number" in response.json()["errors"]
    foreign = {**payload, "number": "2021SR0805086", "owners": [world.org_b.slug], "hub": "hub-b"}
    response = api_as(world.bob).post(
        f"{API}/assets", json.dumps(foreign), content_type="application/json"
    )
    assert response.status_code == 403
    assert not Asset.objects.filter(number="2021SR0805086").exists()


def test_transition_and_payment_through_the_api(api_as, world):
    asset = make_asset(world)
    client = api_as(world.erin)
    deadline = client.get(f"{API}/assets/{asset.pk}/deadlines").json()[1]
    response = client.post(
        f"{API}/deadlines/{deadline['id']}/complete",
        json.dumps({"on": "2024-11-30"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == "done"
    response = client.post(
        f"{API}/assets/{asset.pk}/transition",
        json.dumps({"status": "lapsed", "on": "2025-12-03"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "lapsed"
    assert [d["state"] for d in body["deadlines"]] == ["done"]
    bad = client.post(
        f"{API}/assets/{asset.pk}/transition",
        json.dumps({"status": "in_preparation"}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert (
        api_as(world.charlie)
        .post(
            f"{API}/assets/{asset.pk}/transition",
            json.dumps({"status": "valid"}),
            content_type="application/json",
        )
        .status_code
        == 403
    )


def test_the_compute_endpoint_gives_the_same_json_as_the_command(client):
    response = client.get(f"{API}/compute", {"type": "cn-trademark", "registered": "2014-06-02"})
    assert response.status_code == 200
    assert response.json() == [
        {
            "kind": "expiry",
            "due": "2024-06-01",
            "window_opens": None,
            "grace_ends": None,
            "shifted_from": None,
            "provisional": False,
        },
        {
            "kind": "renewal",
            "due": "2024-06-03",
            "window_opens": "2023-06-01",
            "grace_ends": "2024-12-02",
            "shifted_from": "2024-06-01",
            "provisional": False,
        },
    ]
    bad = client.get(
        f"{API}/compute", {"type": "cn-invention", "filed": "2020-01-01", "granted": "2019-01-01"}
    )
    assert bad.status_code == 400


def test_board_statistics_and_settings(client, api_as, world):
    make_asset(world)
    board = api_as(world.erin).get(f"{API}/board", {"hub": "hub-a", "today": "2025-02-10"})
    assert board.status_code == 200
    assert [d["sequence"] for d in board.json()["in_grace"]] == [5]
    assert api_as(world.charlie).get(f"{API}/board", {"hub": "hub-a"}).status_code == 403
    stats = client.get(f"{API}/statistics", {"hub": "hub-a", "on": "2022-01-01"}).json()
    assert stats["counts"]["cn-invention"]["filed"] == 1 and stats["total"] == 1
    network = client.get(f"{API}/statistics", {"network": world.network.slug}).json()
    assert network["counts"]["cn-invention"]["valid"] == 1
    response = api_as(world.erin).put(
        f"{API}/hubs/hub-a/settings",
        json.dumps({"reminder_days": [30, 60]}),
        content_type="application/json",
    )
    assert response.json() == {"reminder_days": [60, 30]}
    assert api_as(world.bob).get(f"{API}/hubs/hub-a/settings").status_code == 403


def test_reminders_of_the_user_through_the_api(api_as, world):
    from innohub.ip.reminders import reminders_send

    make_asset(world, tracked_since=date(2024, 6, 1))
    reminders_send(today=date(2024, 11, 26))
    items = api_as(world.bob).get(f"{API}/reminders").json()["items"]
    assert len(items) == 1 and items[0]["lead_days"] == 7
    assert api_as(world.erin).post(f"{API}/reminders/{items[0]['id']}/dismiss").status_code == 404
    assert api_as(world.bob).post(f"{API}/reminders/{items[0]['id']}/dismiss").status_code == 204
    assert api_as(world.bob).get(f"{API}/reminders").json()["items"] == []


def test_null_and_missing_optional_values_are_a_clean_400_or_ignored(api_as, world):
    asset = make_asset(world)
    client = api_as(world.erin)
    patch = client.patch(
        f"{API}/assets/{asset.pk}",
        json.dumps({"is_confidential": None, "notes": None, "title": None}),
        content_type="application/json",
    )
    assert patch.status_code == 200
    created = client.post(
        f"{API}/assets",
        json.dumps(
            {
                "hub": "hub-a",
                "type": "cn-trademark",
                "title": {"en": "MARK"},
                "owners": [world.org_a.slug],
                "number": "40123456",
                "status": "valid",
                "filed_on": "2019-01-02",
                "registered_on": "2020-01-07",
                "nice_classes": [{"number": 9}],
                "is_confidential": None,
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["nice_classes"] == [{"number": 9, "similar_groups": ""}]
    far = client.get(f"{API}/compute", {"type": "cn-invention", "filed": "9999-01-01"})
    assert far.status_code in (400, 422)
