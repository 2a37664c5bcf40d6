"""Listings: embedded as they are saved, re-embedded when their text changes, kept in an index
that every change refreshes, and ranked on words alone when the model is unavailable."""

from __future__ import annotations

import json
from io import StringIO

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from innohub.matching import selectors, services
from innohub.matching.embedding import load_embedder, vector_from_bytes
from innohub.matching.index import index_for, stored_vector
from innohub.matching.models import Listing

pytestmark = pytest.mark.django_db


def test_a_listing_is_embedded_when_it_is_saved(market, embedder):
    offer = Listing.objects.get(pk=market.offer.pk)
    vector = vector_from_bytes(offer.embedding)
    assert offer.embedding_model == embedder.name
    assert vector.shape == (embedder.dim,) and abs(float(np.linalg.norm(vector)) - 1) < 1e-4
    assert offer.language == "en" and market.private_need.language == "zh-hans"


def test_changing_the_text_recomputes_the_embedding_and_other_changes_do_not(market, embedder):
    offer = market.offer
    before = bytes(Listing.objects.get(pk=offer.pk).embedding)
    services.listing_update(listing=offer, by=market.world.bob, visibility="members")
    assert bytes(Listing.objects.get(pk=offer.pk).embedding) == before
    services.listing_update(
        listing=offer, by=market.world.bob, title={"en": "Soft glove", "he": "כפפה רכה לשיקום"}
    )
    changed = Listing.objects.get(pk=offer.pk)
    assert bytes(changed.embedding) != before
    assert stored_vector(changed, embedder.name) is not None


def test_with_a_task_runner_listings_wait_for_reindex(settings, market, embedder):
    settings.MATCHING_EMBED_ON_SAVE = False
    waiting = services.listing_create(
        by=None,
        kind="offer",
        organisation=market.world.org_a,
        hub=market.world.hub_a,
        title={"he": "מתקן התפלה סולארי"},
        description={"he": "מי שתייה מים מלוחים לכפרים מרוחקים, בלי רשת חשמל."},
        visibility="public",
    )
    assert waiting.embedding is None
    assert index_for("offer").missing_vectors == 1
    result = selectors.listing_matches(user=market.world.bob, listing=market.members_need)
    assert result.missing_vectors == 1 and waiting.pk in {s.listing.pk for s in result.suggestions}

    out = StringIO()
    call_command("reindex", "--stale", stdout=out)
    assert "Embedded 1 listings (4 already current)" in out.getvalue()
    assert stored_vector(Listing.objects.get(pk=waiting.pk), embedder.name) is not None
    assert index_for("offer").missing_vectors == 0
    out = StringIO()
    call_command("reindex", "--kind", "thesis", stdout=out)
    assert "Embedded 1 listings (0 already current)" in out.getvalue()


def test_the_index_follows_every_change(market):
    world = market.world
    assert market.offer.pk in index_for("offer").index.key_position
    services.listing_update(listing=market.offer, by=world.bob, status="paused")
    assert market.offer.pk not in index_for("offer").index.key_position
    services.listing_update(listing=market.offer, by=world.bob, status="open")
    assert market.offer.pk in index_for("offer").index.key_position
    services.listing_delete(listing=market.offer, by=world.bob)
    assert market.offer.pk not in index_for("offer").index.key_position
    assert Listing.all_objects.filter(pk=market.offer.pk).exists()


def test_without_the_model_matching_runs_on_words_and_says_so(settings, client_as, market):
    settings.MATCHING_EMBEDDER = "innohub.matching.tests.no_such_module.Model"
    assert load_embedder(settings.MATCHING_EMBEDDER)[0] is None
    result = selectors.search(user=market.world.bob, text="soft robotic glove rehabilitation")
    assert result.mode == "lexical" and result.notice
    assert result.suggestions[0].listing == market.offer
    assert result.suggestions[0].similarity_percentile is None
    page = client_as(market.world.bob).get("/matching/", {"q": "robotic glove"})
    assert 'id="lexical-notice"' in page.content.decode()
    status = client_as(None).get("/api/v1/matching/status").json()
    assert status["mode"] == "lexical" and "ModuleNotFoundError" in status["reason"]


def test_rules_on_amounts_stages_and_kinds(market):
    world = market.world
    with pytest.raises(ValidationError) as caught:
        services.listing_create(
            by=None,
            kind="thesis",
            organisation=world.invest_org,
            hub=world.hub_a,
            title={"en": "Thesis"},
            description={"en": "Text"},
            amount_min=5,
            amount_max=1,
            stages=["seed", "unicorn"],
            countries=["XX"],
        )
    assert {"amount_max", "stages", "countries"} <= set(caught.value.message_dict)
    with pytest.raises(ValidationError):
        services.listing_create(
            by=None,
            kind="wish",
            organisation=world.org_a,
            hub=world.hub_a,
            title={"en": "x"},
            description={"en": "y"},
        )
    with pytest.raises(ValidationError):
        services.listing_update(listing=market.offer, by=world.bob, embedding=b"x")


def test_the_api_creates_reads_and_searches_listings(api_as, market):
    api = api_as(market.world.bob)
    created = api.post(
        "/api/v1/matching/listings",
        json.dumps(
            {
                "kind": "offer",
                "organisation": market.world.org_a.slug,
                "hub": market.world.hub_a.slug,
                "title": {"he": "בקר השקיה חכם"},
                "description": {"he": "השקיה בטפטוף לפי לחות הקרקע, חוסכת שליש מהמים."},
                "sectors": ["agrifood-water"],
                "visibility": "public",
            }
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["language"] == "he" and body["sectors"] == ["agrifood-water"]
    bad = api.post(
        "/api/v1/matching/listings",
        json.dumps({**body, "sectors": ["astrology"], "kind": "offer", "title": {"en": "x"}}),
        content_type="application/json",
    )
    assert bad.status_code in (400, 422)
    url = f"/api/v1/matching/listings/{body['id']}"
    emptied = api.patch(
        url, json.dumps({"title": {}, "sectors": None}), content_type="application/json"
    )
    assert emptied.status_code == 400 and "title" in emptied.json()["errors"]
    unknown = api.patch(url, json.dumps({"status": "sold"}), content_type="application/json")
    assert unknown.status_code == 422
    found = (
        api_as(None)
        .get("/api/v1/matching/search", {"q": "需要根据土壤湿度自动控制的滴灌", "kind": "offer"})
        .json()
    )
    assert found["mode"] == "hybrid"
    assert found["suggestions"][0]["listing"]["id"] == body["id"]
    assert found["suggestions"][0]["reasons"]["similarity_percentile"] is not None


def test_deleted_records_hold_a_removed_listing_until_it_is_restored(client_as, market):
    bob, offer = client_as(market.world.bob), market.offer
    delete = f"/trash/matching.listing/{offer.pk}/delete/"
    assert client_as(market.carol).post(delete).status_code == 403
    assert bob.post(delete, {"next": "/matching/mine/"}).status_code == 302
    assert offer.pk not in index_for("offer").index.key_position
    assert bob.get(offer.get_absolute_url()).status_code == 404
    assert "Soft robotic glove" in bob.get("/trash/").content.decode()
    assert bob.post(f"/trash/matching.listing/{offer.pk}/restore/").status_code == 302
    assert offer.pk in index_for("offer").index.key_position


def test_a_large_index_is_rebuilt_in_the_background(transactional_db, monkeypatch, settings):
    """Requests keep the previous index while a new one is built, then get the new one."""
    import time

    from innohub.common.testing import make_hub, make_org
    from innohub.matching import index as index_module

    settings.MATCHING_EMBED_ON_SAVE = False
    monkeypatch.setattr(index_module, "SYNC_REBUILD_LIMIT", 0)
    hub = make_hub()
    organisation = make_org(hub=hub)

    def offer(title: str) -> Listing:
        return services.listing_create(
            by=None,
            kind="offer",
            organisation=organisation,
            hub=hub,
            title={"en": title},
            description={"en": "A device."},
            visibility="public",
        )

    first = offer("First device")
    assert set(index_for("offer").index.keys) == {first.pk}  # built on the spot: none before
    second = offer("Second device")
    assert set(index_for("offer").index.keys) == {first.pk}  # meanwhile, the previous one
    deadline = time.monotonic() + 60
    while set(index_for("offer").index.keys) != {first.pk, second.pk}:
        assert time.monotonic() < deadline, "the background rebuild never finished"
        time.sleep(0.05)
