"""The matchmaking pages in three languages: search, my matches, forms, organisation panel."""

from __future__ import annotations

import pytest

from innohub.directory.models import Sector
from innohub.matching import services
from innohub.matching.models import Listing

pytestmark = pytest.mark.django_db


def page(client, url, language="en", **params) -> str:  # type: ignore[no-untyped-def]
    client.cookies["innohub_language"] = language
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Matchmaking"), ("zh-hans", "合作对接"), ("he", "שידוכים")]
)
def test_the_search_finds_offers_across_languages_in_every_page_language(
    client_as, market, language, heading
):
    html = page(client_as(None), "/matching/", language, q="需要帮助中风病人手部康复的外骨骼手套")
    assert f'<html lang="{language}"' in html and heading in html
    assert "Soft robotic glove for stroke rehabilitation" in html
    # The English title is marked as English on a Chinese or Hebrew page.
    if language != "en":
        assert '<span lang="en" dir="ltr">Soft robotic glove' in html


def test_my_matches_show_each_listing_with_suggestions_and_their_reasons(client_as, market):
    services.listing_create(
        by=None,
        kind="need",
        organisation=market.world.org_b,
        hub=market.world.hub_b,
        title={"zh-hans": "医院需要中风康复设备"},
        description={"zh-hans": "帮助中风病人恢复手部功能的康复训练设备。"},
        sectors=[Sector.objects.get(slug="healthcare-bioscience")],
        visibility="members",
    )
    html = page(client_as(market.world.bob), "/matching/mine/")
    assert "Soft robotic glove for stroke rehabilitation" in html
    assert "Seed rounds in Israeli medical devices" in html  # the thesis, a counterpart
    assert "Shared sector:" in html and "Healthcare &amp; bioscience" in html
    assert "Closer in meaning than" in html and "Stage fits the thesis" in html
    carol = page(client_as(market.carol), "/matching/mine/", "zh-hans")
    assert "康复科需要手部康复外骨骼" in carol and "Soft robotic glove" in carol
    staff = page(client_as(market.world.alice), "/matching/mine/")
    assert "As hub staff" in staff


def test_a_member_offers_a_technology_through_the_form(client_as, market):
    bob = client_as(market.world.bob)
    form = page(bob, "/matching/new/offer/")
    assert 'name="title_0"' in form and 'name="target_markets"' in form and "Funding sought" in form
    assert 'name="timeline"' not in form and 'name="stages"' not in form
    agrifood = Sector.objects.get(slug="agrifood-water")
    response = bob.post(
        "/matching/new/offer/",
        {
            "organisation": market.world.org_a.pk,
            "hub": market.world.hub_a.pk,
            "title_0": "",
            "title_1": "",
            "title_2": "בקר השקיה בטפטוף לפי לחות הקרקע",
            "description_2": "חיישני לחות בקרקע מחליטים מתי להשקות כל חלקה וחוסכים שליש מהמים.",
            "sectors": [agrifood.pk],
            "stage": "seed",
            "maturity": "pilot",
            "target_markets": ["CN"],
            "amount_min": "100000",
            "amount_max": "50000",
            "currency": "USD",
            "visibility": "public",
        },
    )
    assert response.status_code == 200 and "must not be below" in response.content.decode()
    response = bob.post(
        "/matching/new/offer/",
        {
            "organisation": market.world.org_a.pk,
            "hub": market.world.hub_a.pk,
            "title_2": "בקר השקיה בטפטוף לפי לחות הקרקע",
            "description_2": "חיישני לחות בקרקע מחליטים מתי להשקות כל חלקה וחוסכים שליש מהמים.",
            "sectors": [agrifood.pk],
            "currency": "USD",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    listing = Listing.objects.get(title__he="בקר השקיה בטפטוף לפי לחות הקרקע")
    assert listing.created_by == market.world.bob and listing.language == "he"
    detail = page(bob, response["Location"])
    # The Chinese need about irrigation of hub B answers it, across languages.
    assert "寻找智能灌溉技术" in detail


def test_the_edit_form_shows_only_the_fields_of_the_kind(client_as, market):
    html = page(client_as(market.world.ivan), f"/matching/{market.thesis.pk}/edit/")
    assert 'name="stages"' in html and "Ticket size" in html and 'name="status"' in html
    assert 'name="maturity"' not in html and 'name="organisation"' not in html


def test_the_organisation_page_lists_what_the_viewer_may_see(client_as, market):
    url = f"/directory/{market.org_c.slug}/"
    assert "康复科需要手部康复外骨骼" not in page(client_as(None), url)
    own = page(client_as(market.carol), url, "zh-hans")
    assert "康复科需要手部康复外骨骼" in own and 'id="org-listings"' in own
    public = page(client_as(None), f"/directory/{market.world.org_a.slug}/")
    assert "Soft robotic glove for stroke rehabilitation" in public
    assert "/matching/new/offer/" not in public


def test_htmx_gets_only_the_results(client_as, market):
    response = client_as(None).get(
        "/matching/",
        {"q": "glove"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    html = response.content.decode()
    assert "<html" not in html and "Soft robotic glove" in html


def test_list_pages_need_a_fixed_number_of_queries(
    client_as, market, django_assert_max_num_queries, settings
):
    settings.MATCHING_EMBED_ON_SAVE = False
    health = Sector.objects.get(slug="healthcare-bioscience")
    for n in range(30):
        services.listing_create(
            by=None,
            kind="offer",
            organisation=market.world.org_a,
            hub=market.world.hub_a,
            title={"en": f"Device number {n}"},
            description={"en": "A medical device for hospitals."},
            sectors=[health],
            visibility="public",
        )
    client = client_as(market.world.bob)
    client.get("/matching/")  # warm the index of this process
    client.get("/matching/", {"q": "medical device"})
    with django_assert_max_num_queries(15):
        client.get("/matching/")
    with django_assert_max_num_queries(15):
        client.get("/matching/", {"q": "medical device for hospitals"})
    with django_assert_max_num_queries(25):
        client.get(market.offer.get_absolute_url())
