"""Offers link to the IP records of the organisation that offers them."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from innohub.ip.tests.factories import make_asset
from innohub.matching import services

link_migration = importlib.import_module("innohub.matching.migrations.0003_link_ip_references")


@pytest.fixture
def assets(world):
    granted = make_asset(world)
    application = make_asset(  # an application in preparation: private to its owners
        world,
        number="",
        status="in_preparation",
        filed_on=None,
        published_on=None,
        granted_on=None,
        title={"en": "Glove controller (draft filing)"},
    )
    foreign = make_asset(
        world,
        owners=[world.org_b],
        hub=world.hub_b,
        number="202110654321.3",
        granted_on=None,
        status="filed",
        published_on=None,
    )
    return granted, application, foreign


def test_an_offer_links_only_its_own_organisations_records(market, assets):
    granted, application, foreign = assets
    offer = services.listing_update(
        listing=market.offer, by=market.world.bob, ip_assets=[granted, application]
    )
    assert set(offer.ip_assets.all()) == {granted, application}
    with pytest.raises(ValidationError) as caught:
        services.listing_update(listing=offer, by=market.world.bob, ip_assets=[foreign])
    assert "ip_assets" in caught.value.message_dict
    assert "202110654321" not in str(caught.value)  # the other's record is not named


def test_a_need_cannot_link_ip_records(market, assets):
    with pytest.raises(ValidationError):
        services.listing_update(listing=market.private_need, by=market.carol, ip_assets=[assets[0]])


def test_the_offer_shows_the_records_each_viewer_may_see(market, assets, client, client_as, api_as):
    granted, application, _foreign = assets
    world = market.world
    services.listing_update(listing=market.offer, by=world.bob, ip_assets=[granted, application])
    url = market.offer.get_absolute_url()
    public_page = client.get(url).content.decode()
    assert "ZL202010123456.2" in public_page
    assert "draft filing" not in public_page
    assert "draft filing" in client_as(world.bob).get(url).content.decode()
    listing_api = f"/api/v1/matching/listings/{market.offer.pk}"
    assert api_as(world.mallory).get(listing_api).json()["ip_assets"] == [granted.pk]
    owner_view = api_as(world.bob).get(listing_api).json()["ip_assets"]
    assert sorted(owner_view) == sorted([granted.pk, application.pk])


def test_the_api_sets_the_links_by_id(market, assets, api_as):
    granted, _application, foreign = assets
    api = api_as(market.world.bob)
    listing_api = f"/api/v1/matching/listings/{market.offer.pk}"
    response = api.patch(listing_api, {"ip_assets": [granted.pk]}, content_type="application/json")
    assert response.status_code == 200 and response.json()["ip_assets"] == [granted.pk]
    response = api.patch(listing_api, {"ip_assets": [foreign.pk]}, content_type="application/json")
    assert response.status_code == 400


def test_a_search_by_patent_number_finds_the_offer(market, assets):
    offer = services.listing_update(
        listing=market.offer, by=market.world.bob, ip_assets=[assets[0]]
    )
    assert "202010123456" in offer.search_text


def test_the_migration_links_numbers_named_in_the_old_text(market, assets):
    granted = assets[0]
    offer = market.offer
    type(offer).objects.filter(pk=offer.pk).update(
        ip_reference="Core patent ZL 2020 1012 3456.2; also 202110654321.3 (not ours); PCT pending"
    )
    link_migration.link_references(apps, None)
    assert list(offer.ip_assets.all()) == [granted]
    offer.refresh_from_db()
    assert offer.ip_reference.startswith("Core patent")  # the text is kept as it was


def test_a_product_shows_its_ip_records_both_ways(world, assets, client, api_as):
    from innohub.directory import services as directory_services
    from innohub.ip import services as ip_services

    granted, application, _foreign = assets
    product = directory_services.product_create(
        organisation=world.org_a, by=world.bob, name={"en": "Rehab glove"}, is_public=True
    )
    for asset in (granted, application):
        ip_services.asset_update(asset=asset, by=None, products=[product], today=date(2026, 11, 22))
    product_url = reverse("portal:showcase_detail", args=[product.pk])
    page = client.get(product_url).content.decode()
    assert granted.get_absolute_url() in page and application.get_absolute_url() not in page
    assert api_as(world.mallory).get(f"/api/v1/directory/products/{product.pk}").json()[
        "ip_assets"
    ] == [granted.pk]
    owner = api_as(world.bob).get(f"/api/v1/directory/products/{product.pk}").json()
    assert sorted(owner["ip_assets"]) == sorted([granted.pk, application.pk])
    asset_page = client.get(granted.get_absolute_url()).content.decode()
    assert product_url in asset_page
