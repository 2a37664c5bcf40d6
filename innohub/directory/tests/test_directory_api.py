"""The directory through the REST API: same filters, same permissions as the pages."""

import json

import pytest

from innohub.directory.models import Organisation

pytestmark = pytest.mark.django_db
API = "/api/v1/directory"


def slugs(response):
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["items"]}


def test_anonymous_list_with_filters_and_search(client, world):
    assert slugs(client.get(f"{API}/organisations")) >= {world.org_a.slug, world.org_b.slug}
    assert world.org_a_applicant.slug not in slugs(client.get(f"{API}/organisations"))
    assert slugs(client.get(f"{API}/organisations", {"country": "CN", "hub": "hub-b"})) == {
        world.org_b.slug
    }
    assert slugs(client.get(f"{API}/organisations", {"q": "布拉沃"})) == {world.org_b.slug}
    page = client.get(f"{API}/organisations", {"limit": 1}).json()
    assert len(page["items"]) == 1 and page["count"] >= 3


def test_private_fields_only_for_the_organisation_and_its_hub_staff(client, api_as, world):
    public = client.get(f"{API}/organisations/{world.org_a.slug}").json()
    assert public["email"] is None and public["memberships"] is None
    assert (
        api_as(world.charlie).get(f"{API}/organisations/{world.org_a.slug}").json()["email"] is None
    )
    assert (
        api_as(world.bob).get(f"{API}/organisations/{world.org_a.slug}").json()["email"]
        == "contact@alpha.test"
    )
    staff_view = api_as(world.alice).get(f"{API}/organisations/{world.org_a.slug}").json()
    assert staff_view["memberships"][0]["hub"] == "hub-a"


def test_an_unlisted_organisation_is_404_for_outsiders(client, api_as, world):
    url = f"{API}/organisations/{world.org_a_applicant.slug}"
    assert client.get(url).status_code == 404
    assert api_as(world.charlie).get(url).status_code == 404
    assert api_as(world.alice).get(url).status_code == 200


def test_staff_create_in_their_hub_and_not_in_another(api_as, world):
    body = {
        "name": {"en": "Foxtrot AI", "he": "פוקסטרוט"},
        "kind": "startup",
        "country": "IL",
        "hub": "hub-a",
        "sectors": ["ai-robotics"],
        "il_company_number": "516179157",
    }
    response = api_as(world.alice).post(
        f"{API}/organisations", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["sectors"] == ["ai-robotics"]
    body.update(hub="hub-b", name={"en": "Golf AI"}, il_company_number=None)
    response = api_as(world.alice).post(
        f"{API}/organisations", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(slug="golf-ai").exists()


def test_a_member_patches_its_profile_but_not_staff_fields(api_as, world):
    client = api_as(world.bob)
    url = f"{API}/organisations/{world.org_a.slug}"
    ok = client.patch(url, json.dumps({"headcount": 22}), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["headcount"] == 22
    refused = client.patch(url, json.dumps({"is_public": False}), content_type="application/json")
    assert refused.status_code == 400 and "is_public" in refused.json()["errors"]
    other = client.patch(
        f"{API}/organisations/{world.org_b.slug}",
        json.dumps({"headcount": 1}),
        content_type="application/json",
    )
    assert other.status_code == 403


def test_invalid_input_gets_a_clear_error_and_changes_nothing(api_as, world):
    url = f"{API}/organisations/{world.org_a.slug}"
    response = api_as(world.bob).patch(
        url,
        json.dumps({"uscc": "91350100M000100Y44", "headcount": 50}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "uscc" in response.json()["errors"]
    assert Organisation.objects.get(pk=world.org_a.pk).headcount is None
    bad_language = api_as(world.bob).patch(
        url, json.dumps({"name": {"fr": "Alpha"}}), content_type="application/json"
    )
    assert bad_language.status_code == 422


def test_session_writes_need_the_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.bob)
    url = f"{API}/organisations/{world.org_a.slug}"
    response = client.patch(url, json.dumps({"headcount": 3}), content_type="application/json")
    assert response.status_code == 403
    client.get("/directory/")
    token = client.cookies["csrftoken"].value
    response = client.patch(
        url, json.dumps({"headcount": 3}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200


def test_anonymous_writes_are_401(client, world):
    response = client.patch(
        f"{API}/organisations/{world.org_a.slug}",
        json.dumps({"headcount": 3}),
        content_type="application/json",
    )
    assert response.status_code in (401, 403)


def test_the_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/directory/organisations" in schema["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in docs.lower() and "/static/ninja/swagger-ui-bundle.js" in docs


def test_hubs_list_and_detail(client, world):
    hubs = {h["slug"]: h for h in client.get("/api/v1/network/hubs").json()["items"]}
    assert hubs["hub-a"]["members"] == 1
    # A page of the list, as every list of the API: the count of all, the hubs asked for.
    second = client.get("/api/v1/network/hubs", {"limit": 1, "offset": 1}).json()
    assert second["count"] == len(hubs) and [h["slug"] for h in second["items"]] == [list(hubs)[1]]
    assert client.get("/api/v1/network/hubs/hub-a").json()["network"] == world.network.slug
    assert client.get("/api/v1/network/hubs/nope").status_code == 404


def test_null_means_unchanged_for_sectors_and_texts(api_as, world):
    from innohub.directory.models import Sector

    world.org_a.sectors.add(Sector.objects.get(slug="cybersecurity"))
    response = api_as(world.alice).patch(
        f"{API}/organisations/{world.org_a.slug}",
        json.dumps({"sectors": None, "description": None, "country": "CN"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["sectors"] == ["cybersecurity"] and response.json()["country"] == "CN"


def test_an_absurd_offset_is_refused_not_a_crash(client, world):
    response = client.get(f"{API}/organisations", {"offset": 10**25})
    assert response.status_code == 422
