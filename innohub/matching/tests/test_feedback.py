"""Feedback on suggestions: recorded, shown, and reordering the matches of that user only."""

from __future__ import annotations

import json

import pytest

from innohub.accounts.models import RoleKind
from innohub.common.testing import grant, make_org, make_user
from innohub.directory.models import Sector
from innohub.matching import selectors, services
from innohub.matching.models import Feedback, Verdict

pytestmark = pytest.mark.django_db
API = "/api/v1/matching"


@pytest.fixture
def needs(market):  # type: ignore[no-untyped-def]
    """Three more needs a rehabilitation offer might answer, from three Chinese enterprises."""
    world = market.world
    health = Sector.objects.get(slug="healthcare-bioscience")
    made = {}
    for key, title, text in [
        (
            "hospital",
            "康复医院采购手部康复设备",
            "中风病人手部抓握训练，需要能读取肌电信号的外骨骼手套。",
        ),
        ("nursing", "养老院需要康复训练设备", "帮助行动不便的老人做手部和上肢康复训练。"),
        ("clinic", "诊所需要血糖检测设备", "为糖尿病患者提供快速血糖检测。"),
    ]:
        organisation = make_org({"zh-hans": f"{title}公司"}, hub=world.hub_a, country="CN")
        made[key] = services.listing_create(
            by=None,
            kind="need",
            organisation=organisation,
            hub=world.hub_a,
            title={"zh-hans": title},
            description={"zh-hans": text},
            sectors=[health],
            visibility="members",
        )
    return made


def order(user, listing) -> list[int]:  # type: ignore[no-untyped-def]
    return [s.listing.pk for s in selectors.listing_matches(user=user, listing=listing).suggestions]


def test_not_relevant_sinks_a_suggestion_for_that_user_only(market, needs):
    world, offer = market.world, market.offer
    colleague = grant(make_user("bob2"), RoleKind.MEMBER, organisation=world.org_a)
    before = order(world.bob, offer)
    top = before[0]
    assert top == needs["hospital"].pk
    services.feedback_set(
        user=world.bob, listing=offer, candidate=needs["hospital"], verdict=Verdict.NOT_RELEVANT
    )
    after = order(world.bob, offer)
    assert after[-1] == top and after[0] != top
    assert order(colleague, offer) == before
    dismissed = selectors.listing_matches(user=world.bob, listing=offer).suggestions[-1]
    assert dismissed.verdict == -1


def test_interested_lifts_a_suggestion_and_can_be_withdrawn(market, needs):
    world, offer = market.world, market.offer
    before = order(world.bob, offer)
    last = before[-1]
    services.feedback_set(
        user=world.bob,
        listing=offer,
        candidate=selectors.listing_get(pk=last),
        verdict=Verdict.INTERESTED,
    )
    assert order(world.bob, offer).index(last) < before.index(last)
    services.feedback_set(
        user=world.bob, listing=offer, candidate=selectors.listing_get(pk=last), verdict=None
    )
    assert order(world.bob, offer) == before
    assert not Feedback.objects.filter(user=world.bob).exists()


def test_what_a_user_dismissed_for_one_listing_shapes_their_other_matches(market, needs):
    """Dismissing care-home needs for one offer lifts the hospital above them for another."""
    world = market.world
    second = services.listing_create(
        by=world.bob,
        kind="offer",
        organisation=world.org_a,
        hub=world.hub_a,
        title={"en": "Hand therapy app"},
        description={"en": "Exercises for hand rehabilitation at home, for patients and clinics."},
        sectors=[Sector.objects.get(slug="healthcare-bioscience")],
        visibility="public",
    )
    colleague = grant(make_user("bob3"), RoleKind.MEMBER, organisation=world.org_a)
    baseline = order(colleague, second)
    assert baseline[:2] == [needs["nursing"].pk, needs["hospital"].pk]
    for candidate in (needs["clinic"], needs["nursing"]):
        services.feedback_set(
            user=world.bob, listing=market.offer, candidate=candidate, verdict=Verdict.NOT_RELEVANT
        )
    assert order(world.bob, second)[:2] == [needs["hospital"].pk, needs["nursing"].pk]
    assert order(colleague, second) == baseline


def test_feedback_through_the_page_and_the_api(client_as, api_as, market, needs):
    world, offer = market.world, market.offer
    url = f"/matching/{offer.pk}/feedback/{needs['nursing'].pk}/"
    response = client_as(world.bob).post(url, {"verdict": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'data-verdict="interested"' in response.content.decode()
    assert Feedback.objects.get(user=world.bob, candidate=needs["nursing"]).verdict == 1
    page = client_as(world.bob).get(offer.get_absolute_url()).content.decode()
    assert 'data-verdict="interested"' in page
    response = client_as(world.bob).post(url, {"verdict": "0", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == offer.get_absolute_url()
    assert not Feedback.objects.filter(user=world.bob).exists()

    api = api_as(world.bob)
    put = api.put(
        f"{API}/listings/{offer.pk}/feedback/{needs['clinic'].pk}",
        json.dumps({"verdict": "not_relevant"}),
        content_type="application/json",
    )
    assert put.status_code == 200 and put.json()["verdict"] == "not_relevant"
    mine = api.get(f"{API}/feedback").json()["items"]
    assert [(f["candidate"], f["verdict"]) for f in mine] == [(needs["clinic"].pk, "not_relevant")]
    matches = api.get(f"{API}/listings/{offer.pk}/matches").json()["suggestions"]
    assert matches[-1]["listing"]["id"] == needs["clinic"].pk
    assert matches[-1]["verdict"] == "not_relevant"
    assert api.delete(f"{API}/listings/{offer.pk}/feedback/{needs['clinic'].pk}").status_code == 204


def test_staff_see_what_members_are_waiting_to_be_introduced_to(client_as, market, needs):
    world = market.world
    services.feedback_set(
        user=world.bob,
        listing=market.offer,
        candidate=needs["hospital"],
        verdict=Verdict.INTERESTED,
    )
    waiting = selectors.introduction_requests(user=world.alice)
    assert [(f.listing_id, f.candidate_id) for f in waiting] == [
        (market.offer.pk, needs["hospital"].pk)
    ]
    assert selectors.introduction_requests(user=world.charlie) == []
    page = client_as(world.alice).get("/matching/introductions/").content.decode()
    assert "采购手部康复设备" in page
