"""The demo's listings, feedback and introductions, and the vectors shipped for them."""

from __future__ import annotations

import pytest

from innohub.matching import selectors
from innohub.matching.demo import all_listing_texts, load_vectors
from innohub.matching.index import embedding_digest
from innohub.matching.models import Feedback, Introduction, Listing


def test_every_demo_listing_has_a_shipped_vector(embedder):
    """Otherwise the demo embeds on load and takes half a minute: run
    `python -m innohub.matching.demo_vectors` after changing a demo text."""
    shipped = load_vectors(embedder.name)
    missing = [
        texts[0][:40]
        for kind, texts in all_listing_texts()
        if embedding_digest(kind, texts, embedder.name) not in shipped
    ]
    assert missing == []


@pytest.mark.django_db
def test_the_demo_has_listings_feedback_and_introductions_in_three_languages(demo):
    listings = list(Listing.objects.all())
    assert {listing.kind for listing in listings} == {"offer", "need", "thesis"}
    assert {listing.language for listing in listings} == {"zh-hans", "en", "he"}
    assert all(listing.embedding for listing in listings)
    assert {i.state for i in Introduction.objects.all()} >= {
        "introduced",
        "meeting",
        "pilot",
        "agreement",
        "ended",
    }
    assert Feedback.objects.filter(verdict=1).exists()
    assert Feedback.objects.filter(verdict=-1).exists()


@pytest.mark.django_db
def test_the_demo_matches_peakview_with_ecomotion_and_keeps_360s_need_private(demo):
    thesis = demo.extra["matching"]["peakview-thesis"]
    top = selectors.listing_matches(user=demo.users["investor"], listing=thesis).suggestions[0]
    assert top.listing == demo.extra["matching"]["ecomotion-startups"]
    assert top.introduction is not None and top.introduction.state == "agreement"
    secret = demo.extra["matching"]["360-ics-threat-intel"]
    visible = selectors.listing_list(
        user=demo.users["mantis"], filters=selectors.ListingFilters(kind="need")
    )
    assert secret not in visible
    assert secret in selectors.listing_list(
        user=demo.users["staff"], filters=selectors.ListingFilters(kind="need")
    )


@pytest.mark.django_db
def test_the_nanjing_introductions_lead_to_the_smart_mobility_agreement(demo):
    nanjing = Introduction.objects.filter(state="agreement", hub__slug="jiangsu-nanjing")
    assert nanjing.count() == 2
    for introduction in nanjing.select_related("agreement"):
        assert introduction.agreement.title["en"].startswith("Smart-mobility cooperation")
