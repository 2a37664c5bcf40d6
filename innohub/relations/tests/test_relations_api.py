"""The relations API applies the same rules as the pages."""

import json
from datetime import date

import pytest

from innohub.relations import services
from innohub.relations.models import Agreement, Visit
from innohub.relations.tests.factories import agreement, visit

pytestmark = pytest.mark.django_db

API = "/api/v1/relations"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


def test_staff_create_a_three_party_agreement(api_as, world):
    response = post(
        api_as(world.alice),
        f"{API}/agreements",
        {
            "hub": world.hub_a.slug,
            "title": {"en": "Mobility pilot", "zh-hans": "出行试点"},
            "kind": "mou",
            "status": "signed",
            "signed_on": "2024-04-11",
            "sectors": ["mobility"],
            "parties": [
                {"organisation": world.org_a.slug, "role": {"en": "Technology"}},
                {"organisation": world.org_b.slug},
                {"hub": world.hub_b.slug},
            ],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [p["kind"] for p in body["parties"]] == ["organisation", "organisation", "hub"]
    assert body["parties"][0]["role"] == {"en": "Technology"}
    assert body["sectors"] == ["mobility"]
    assert body["milestones"] == []


def test_one_party_is_a_400_with_the_reason(api_as, world):
    response = post(
        api_as(world.alice),
        f"{API}/agreements",
        {
            "hub": world.hub_a.slug,
            "title": {"en": "Lonely"},
            "parties": [{"organisation": world.org_a.slug}, {"organisation": world.org_a.slug}],
        },
    )
    assert response.status_code == 400
    assert "parties" in response.json()["errors"]


def test_staff_of_another_hub_cannot_create_for_it(api_as, world):
    response = post(
        api_as(world.charlie),
        f"{API}/agreements",
        {
            "hub": world.hub_a.slug,
            "title": {"en": "Hijack"},
            "parties": [{"organisation": world.org_a.slug}, {"organisation": world.org_b.slug}],
        },
    )
    assert response.status_code == 403
    assert not Agreement.objects.exists()


def test_drafts_are_404_and_absent_from_lists_for_outsiders(client, api_as, world):
    draft = agreement(world.hub_a, world.org_a, world.org_b, status="draft")
    public = agreement(world.hub_a, world.org_a, world.org_b)
    assert client.get(f"{API}/agreements/{draft.pk}").status_code == 404
    assert api_as(world.charlie).get(f"{API}/agreements/{draft.pk}").status_code == 404
    assert api_as(world.bob).get(f"{API}/agreements/{draft.pk}").status_code == 200
    listed = {row["id"] for row in client.get(f"{API}/agreements").json()["items"]}
    assert listed == {public.pk}
    listed = {row["id"] for row in api_as(world.bob).get(f"{API}/agreements").json()["items"]}
    assert listed == {public.pk, draft.pk}


def test_milestones_are_null_for_the_public(client, world):
    public = agreement(world.hub_a, world.org_a, world.org_b)
    assert client.get(f"{API}/agreements/{public.pk}").json()["milestones"] is None


def test_a_status_going_backwards_is_a_400(api_as, world):
    signed = agreement(world.hub_a, world.org_a, world.org_b)
    response = patch(api_as(world.alice), f"{API}/agreements/{signed.pk}", {"status": "draft"})
    assert response.status_code == 400 and "status" in response.json()["errors"]


def test_a_party_ticks_a_milestone_but_cannot_rename_it(api_as, world):
    signed = agreement(world.hub_a, world.org_a, world.org_b)
    milestone = services.milestone_add(
        agreement=signed, by=None, title={"en": "Pilot"}, due_on=date(2025, 1, 6)
    )
    bob = api_as(world.bob)
    assert patch(bob, f"{API}/milestones/{milestone.pk}", {"done": True}).json()["done"] is True
    assert patch(bob, f"{API}/milestones/{milestone.pk}", {"title": {"en": "X"}}).status_code == 403
    assert (
        patch(api_as(world.ivan), f"{API}/milestones/{milestone.pk}", {"done": False}).status_code
        == 403
    )


def test_documents_upload_and_download_with_the_permission_check(
    api_as, client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    signed = agreement(world.hub_a, world.org_a, world.org_b)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("signed copy.pdf", b"%PDF-1.7\n1 0 obj\n", content_type="text/html")
    response = api_as(world.alice).post(
        f"{API}/agreements/{signed.pk}/documents", {"file": upload, "title": "Signed copy"}
    )
    assert response.status_code == 201, response.content
    document = response.json()
    assert document["content_type"] == "application/pdf"  # from the content, not the claim
    assert client.get(document["url"]).status_code == 404  # private to staff and parties
    download = api_as(world.bob).get(document["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "sandbox" in download["Content-Security-Policy"]
    bad = SimpleUploadedFile("page.pdf", b"<html><script>alert(1)</script>")
    response = api_as(world.alice).post(f"{API}/agreements/{signed.pk}/documents", {"file": bad})
    assert response.status_code == 400 and "file" in response.json()["errors"]


def test_staff_record_a_visit_with_a_new_delegation_and_stops(api_as, world):
    client = api_as(world.alice)
    response = post(
        client,
        f"{API}/visits",
        {
            "hub": world.hub_a.slug,
            "title": {"en": "Economic delegation"},
            "starts_on": "2024-06-05",
            "ends_on": "2024-06-06",
            "time_zone": "Asia/Shanghai",
            "new_delegation": {
                "name": {"en": "Israeli economic delegation"},
                "origin_country": "IL",
            },
        },
    )
    assert response.status_code == 201, response.content
    visit_id = response.json()["id"]
    stop = post(
        client,
        f"{API}/visits/{visit_id}/stops",
        {
            "kind": "meeting",
            "title": {"en": "Meeting at hub A"},
            "starts_at": "2024-06-05T10:00:00",
            "host_hub": world.hub_a.slug,
        },
    )
    assert stop.status_code == 201, stop.content
    assert stop.json()["starts_at"].startswith("2024-06-05T02:00:00")  # 10:00 in Shanghai
    detail = client.get(f"{API}/visits/{visit_id}").json()
    assert detail["delegation_detail"]["name"] == {"en": "Israeli economic delegation"}
    assert len(detail["stops"]) == 1


def test_private_visits_are_404_for_outsiders(client, api_as, world):
    trip = visit(world.hub_a, is_public=False)
    assert client.get(f"{API}/visits/{trip.pk}").status_code == 404
    assert api_as(world.alice).get(f"{API}/visits/{trip.pk}").status_code == 200
    assert client.get(f"{API}/visits").json()["count"] == 0


def test_the_due_list_is_for_staff_and_oldest_first(api_as, world):
    signed = agreement(world.hub_a, world.org_a, world.org_b)
    services.milestone_add(agreement=signed, by=None, title={"en": "B"}, due_on=date(2020, 2, 1))
    services.milestone_add(agreement=signed, by=None, title={"en": "A"}, due_on=date(2020, 1, 1))
    assert api_as(world.bob).get(f"{API}/due").status_code == 403
    items = api_as(world.alice).get(f"{API}/due").json()["items"]
    assert [i["title"]["en"] for i in items] == ["A", "B"]


def test_the_timeline_endpoint(client, world):
    agreement(world.hub_a, world.org_a, world.org_b, signed_on=date(2021, 3, 1))
    body = client.get(f"{API}/timeline", {"organisation": world.org_a.slug}).json()
    assert [row["kind"] for row in body["items"]] == ["agreement", "admission"]
    assert body["items"][0]["date"] == "2021-03-01"
    assert client.get(f"{API}/timeline").status_code == 400
    hidden = client.get(f"{API}/timeline", {"organisation": world.org_a_applicant.slug})
    assert hidden.status_code == 404
    assert Visit.objects.count() == 0


def test_nul_characters_are_refused_or_dropped_never_a_server_error(
    client, client_as, api_as, world
):
    response = post(
        api_as(world.alice),
        f"{API}/agreements",
        {
            "hub": world.hub_a.slug,
            "title": {"en": "bad\x00title"},
            "parties": [{"organisation": world.org_a.slug}, {"organisation": world.org_b.slug}],
        },
    )
    assert response.status_code == 422
    assert client.get(f"{API}/agreements", {"q": "a\x00b"}).status_code == 200
    assert client.get(f"{API}/agreements", {"hub": "x\x00"}).status_code == 422
    assert client.get(f"{API}/visits", {"year": 10**9}).status_code == 400
    picker = "/relations/picker/?name=parties&source=party&multiple=1&parties_q=al%00pha"
    assert client_as(world.alice).get(picker).status_code == 200
