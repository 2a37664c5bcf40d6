"""Who sees which listing, suggestion and introduction, in pages and API alike.

The rule that matters most: a member never sees another member's private need, not even as a
suggestion for the offer it would match best.
"""

from __future__ import annotations

import json

import pytest

from innohub.matching import selectors
from innohub.matching.models import Introduction

pytestmark = pytest.mark.django_db
API = "/api/v1/matching"


def titles(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def test_a_member_never_sees_another_members_private_need(client_as, api_as, market):
    world, need = market.world, market.private_need
    secret = "康复科需要手部康复外骨骼"
    bob = client_as(world.bob)
    assert secret not in titles(bob.get("/matching/", {"kind": "need"}))
    assert secret not in titles(bob.get("/matching/", {"kind": "need", "q": "手部康复外骨骼"}))
    assert bob.get(need.get_absolute_url()).status_code == 404
    # Bob's own offer is the best counterpart of that need, yet its suggestions omit the need.
    assert secret not in titles(bob.get(market.offer.get_absolute_url()))
    assert secret not in titles(bob.get("/matching/mine/"))
    assert secret not in titles(bob.get(f"/directory/{market.org_c.slug}/"))

    api = api_as(world.bob)
    assert api.get(f"{API}/listings/{need.pk}").status_code == 404
    listed = api.get(f"{API}/listings", {"kind": "need"}).json()["items"]
    assert need.pk not in {item["id"] for item in listed}
    matches = api.get(f"{API}/listings/{market.offer.pk}/matches").json()
    assert need.pk not in {s["listing"]["id"] for s in matches["suggestions"]}
    found = api.get(f"{API}/search", {"q": "手部康复外骨骼", "kind": "need"}).json()
    assert need.pk not in {s["listing"]["id"] for s in found["suggestions"]}


def test_the_private_need_is_seen_by_its_owner_its_hubs_staff_and_the_network_admin(
    client_as, api_as, market
):
    world, need = market.world, market.private_need
    for user in (market.carol, world.alice, world.dave):
        assert client_as(user).get(need.get_absolute_url()).status_code == 200
    for user in (world.charlie, world.mallory, world.ivan, None):
        assert client_as(user).get(need.get_absolute_url()).status_code == 404
    # Hub A's staff see it among the suggestions for bob's offer, and can act on it.
    staff_view = selectors.listing_matches(user=world.alice, listing=market.offer)
    assert need.pk in {s.listing.pk for s in staff_view.suggestions}
    other_hub = selectors.listing_matches(user=world.charlie, listing=market.offer)
    assert need.pk not in {s.listing.pk for s in other_hub.suggestions}


def test_listings_for_members_stay_hidden_from_visitors_and_roleless_accounts(
    client_as, api_as, market
):
    need = market.members_need
    assert client_as(market.world.bob).get(need.get_absolute_url()).status_code == 200
    assert client_as(market.world.mallory).get(need.get_absolute_url()).status_code == 404
    assert client_as(None).get(need.get_absolute_url()).status_code == 404
    assert api_as(None).get(f"{API}/listings/{need.pk}").status_code == 404
    public = api_as(None).get(f"{API}/listings").json()["items"]
    assert {item["visibility"] for item in public} == {"public"}


def test_only_a_listings_people_get_its_suggestions(client_as, api_as, market):
    world, offer = market.world, market.offer
    assert api_as(world.bob).get(f"{API}/listings/{offer.pk}/matches").status_code == 200
    assert api_as(world.alice).get(f"{API}/listings/{offer.pk}/matches").status_code == 200
    for user in (world.ivan, world.charlie, market.carol, world.mallory):
        assert api_as(user).get(f"{API}/listings/{offer.pk}/matches").status_code == 403
    page = titles(client_as(world.ivan).get(offer.get_absolute_url()))
    assert "suggestions-heading" not in page and "Interested?" in page


def test_members_post_for_their_own_organisation_in_its_hub(client_as, api_as, market):
    world = market.world
    body = {
        "kind": "offer",
        "organisation": world.org_a.slug,
        "hub": world.hub_a.slug,
        "title": {"en": "Edge AI camera"},
        "description": {"en": "Counts people on the device."},
        "sectors": ["ai-robotics"],
    }
    post = lambda user, data: api_as(user).post(  # noqa: E731
        f"{API}/listings", json.dumps(data), content_type="application/json"
    )
    assert post(world.bob, body).status_code == 201
    assert post(world.bob, {**body, "organisation": market.org_c.slug}).status_code == 403
    assert post(world.bob, {**body, "hub": world.hub_b.slug}).status_code == 403
    assert post(world.charlie, body).status_code == 403
    assert post(world.alice, {**body, "organisation": market.org_c.slug}).status_code == 201
    # An investor belongs to no hub: it publishes its thesis in any public hub.
    thesis = {**body, "kind": "thesis", "organisation": world.invest_org.slug}
    assert post(world.ivan, {**thesis, "hub": world.hub_b.slug}).status_code == 201
    assert post(world.mallory, body).status_code == 403
    assert post(None, body).status_code == 401
    page = client_as(world.bob).post(
        "/matching/new/offer/",
        {
            "organisation": market.org_c.pk,
            "hub": world.hub_a.pk,
            "title_0": "",
            "title_1": "Hijack",
            "title_2": "",
            "description_1": "x",
            "currency": "USD",
            "visibility": "public",
        },
    )
    assert page.status_code == 200  # org_c is not among bob's choices: the form refuses it
    assert "Hijack" not in {str(t) for t in market.org_c.listings.values_list("title", flat=True)}


def test_only_the_owner_and_its_hubs_staff_change_a_listing(client_as, api_as, market):
    world, offer = market.world, market.offer
    patch = lambda user: api_as(user).patch(  # noqa: E731
        f"{API}/listings/{offer.pk}",
        json.dumps({"status": "paused"}),
        content_type="application/json",
    )
    assert patch(market.carol).status_code == 403
    assert patch(world.charlie).status_code == 403
    assert patch(world.alice).status_code == 200
    assert client_as(market.carol).get(f"/matching/{offer.pk}/edit/").status_code == 403
    assert client_as(world.bob).get(f"/matching/{offer.pk}/edit/").status_code == 200
    assert api_as(market.carol).delete(f"{API}/listings/{offer.pk}").status_code == 403
    assert api_as(world.bob).delete(f"{API}/listings/{offer.pk}").status_code == 204
    assert client_as(None).get(offer.get_absolute_url()).status_code == 404


def test_feedback_is_for_the_listings_people_about_what_they_can_see(client_as, api_as, market):
    world = market.world
    url = f"{API}/listings/{market.offer.pk}/feedback/{market.thesis.pk}"
    body = json.dumps({"verdict": "interested"})
    assert api_as(world.mallory).put(url, body, content_type="application/json").status_code == 403
    assert api_as(world.bob).put(url, body, content_type="application/json").status_code == 200
    hidden = f"{API}/listings/{market.offer.pk}/feedback/{market.private_need.pk}"
    assert api_as(world.bob).put(hidden, body, content_type="application/json").status_code == 404
    same_kind = f"{API}/listings/{market.thesis.pk}/feedback/{market.thesis.pk}"
    response = api_as(world.ivan).put(same_kind, body, content_type="application/json")
    assert response.status_code == 400


def test_introductions_are_made_by_staff_and_seen_by_both_parties(client_as, api_as, market):
    world = market.world
    body = json.dumps({"listing": market.private_need.pk, "counterpart": market.offer.pk})
    post = lambda user: api_as(user).post(  # noqa: E731
        f"{API}/introductions", body, content_type="application/json"
    )
    assert post(world.bob).status_code == 404  # bob cannot even see the private need
    assert post(world.charlie).status_code == 404
    assert post(market.carol).status_code == 403
    made = post(world.alice)
    assert made.status_code == 201, made.content
    introduction = Introduction.objects.get(pk=made.json()["id"])
    # Once introduced, bob sees carol's need and the introduction; outsiders see neither.
    assert client_as(world.bob).get(market.private_need.get_absolute_url()).status_code == 200
    for user in (world.bob, market.carol, world.alice, world.dave):
        assert client_as(user).get(introduction.get_absolute_url()).status_code == 200
    for user in (world.charlie, world.mallory, world.ivan):
        assert client_as(user).get(introduction.get_absolute_url()).status_code == 404
    step = json.dumps({"state": "meeting"})
    url = f"{API}/introductions/{introduction.pk}/steps"
    assert api_as(world.bob).post(url, step, content_type="application/json").status_code == 403
    assert api_as(world.alice).post(url, step, content_type="application/json").status_code == 200
    assert post(world.alice).status_code == 400  # the same pair twice
    listed = api_as(market.carol).get(f"{API}/introductions").json()["items"]
    assert [item["state"] for item in listed] == ["meeting"]
    assert api_as(world.charlie).get(f"{API}/introductions").json()["items"] == []
