"""Who sees a hub's figures: its staff and network admins, nobody else, never across hubs."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.utils import translation

from innohub.reports.charts import csp_safe_svg
from innohub.reports.selectors import Period, cache_key, hub_figures_cached

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_shows_a_hub_dashboard_to_its_staff_and_network_admins_only(world, client_as):
    url = f"/reports/hubs/{world.hub_a.slug}/"
    assert client_as(world.alice).get(url).status_code == 200
    assert client_as(world.dave).get(url).status_code == 200
    for outsider in (world.charlie, world.bob, world.erin, world.judy, world.ivan, world.mallory):
        assert client_as(outsider).get(url).status_code == 403
    assert client_as(None).get(url).status_code == 302
    assert client_as(world.alice).get("/reports/hubs/no-such-hub/").status_code == 404


def test_a_private_hub_is_not_found_by_others(world, client_as):
    world.hub_b.is_public = False
    world.hub_b.save()
    assert client_as(world.alice).get(f"/reports/hubs/{world.hub_b.slug}/").status_code == 404
    assert client_as(world.charlie).get(f"/reports/hubs/{world.hub_b.slug}/").status_code == 200


def test_the_network_dashboard_is_for_network_admins(world, client_as):
    assert client_as(world.dave).get("/reports/network/").status_code == 200
    assert client_as(world.alice).get("/reports/network/").status_code == 403
    assert (
        client_as(world.alice).get("/reports/").url.endswith(f"/reports/hubs/{world.hub_a.slug}/")
    )
    assert client_as(world.dave).get("/reports/").url.endswith("/reports/network/")


def test_the_report_and_its_files_follow_the_same_rule(world, client_as):
    for suffix in ("annual/", "annual.xlsx"):
        url = f"/reports/hubs/{world.hub_a.slug}/{suffix}"
        assert client_as(world.alice).get(url).status_code == 200
        assert client_as(world.charlie).get(url).status_code == 403


def test_the_api_gives_the_figures_to_the_same_people(world, api_as):
    url = f"/api/v1/reports/hubs/{world.hub_a.slug}/figures"
    response = api_as(world.alice).get(url, {"on": "2021-06-01"})
    assert response.status_code == 200
    data = response.json()
    assert data["hub"] == world.hub_a.slug and data["on"] == "2021-06-01"
    assert data["members"] == 1  # org_a
    assert data["ip"]["cn-trademark"]["valid"] == 0
    assert api_as(world.charlie).get(url).status_code == 403
    assert api_as(world.bob).get(url).status_code == 403
    assert api_as(world.alice).get("/api/v1/reports/network/figures").status_code == 403
    assert api_as(world.dave).get("/api/v1/reports/network/figures").status_code == 200
    assert (
        api_as(world.alice).get(url, {"on": "2021-06-01", "start": "2022-01-01"}).status_code == 400
    )
    assert api_as(world.alice).get(url, {"on": "1200-01-01"}).status_code in (400, 422)


def test_cached_figures_are_kept_per_hub_and_read_in_each_language(world):
    world.hub_a.name = {"en": "Hub A", "zh-hans": "甲园区", "he": "מרכז א"}
    world.hub_a.save()
    period = Period(start=date(2020, 1, 1), end=date(2021, 1, 1))
    keys = set()
    for hub in (world.hub_a, world.hub_b):
        for language in ("zh-hans", "en", "he"):
            with translation.override(language):
                keys.add(cache_key(hub, period))
                figures = hub_figures_cached(hub=hub, period=period)
                assert figures.hub_slug == hub.slug
                assert str(figures.hub_name) == str(hub.name)
    assert len(keys) == 2
    with translation.override("he"):
        assert str(hub_figures_cached(hub=world.hub_a, period=period).hub_name) == "מרכז א"


def test_refresh_computes_the_missing_and_ageing_figures_ahead_of_readers(
    world, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from innohub.network.models import Hub
    from innohub.reports import selectors

    hubs = selectors.hubs_for_network_dashboard()
    assert len(hubs) >= 2
    call_command("report", "--refresh")
    # Readers now find every hub's figures ready: the network dashboard computes none.
    with django_assert_max_num_queries(2):
        figures = selectors.network_figures(hubs=hubs)
    assert [f.hub_slug for f in figures.hubs] == [h.slug for h in hubs]
    # The network's IP statistics of today too, for the public and for network admins.
    from innohub.ip import selectors as ip_selectors

    today = timezone.localdate()
    for seen in (Hub.objects.filter(is_public=True), Hub.objects.all()):
        key = ip_selectors.statistics_cache_key(hubs=list(seen), on=today)
        assert isinstance(cache.get(key), ip_selectors.Statistics)
    assert selectors.refresh_cached_figures(hubs=hubs) == 0
    # A copy older than half its life is computed again, the fresh ones are left.
    key = selectors.cache_key(hubs[0], selectors.Period.year_to(figures.hubs[0].end))
    aged = cache.get(key)
    aged.computed_at = timezone.now() - timedelta(seconds=selectors.CACHE_SECONDS * 0.6)
    cache.set(key, aged)
    assert selectors.refresh_cached_figures(hubs=hubs) == 1
    assert cache.get(key).computed_at > aged.computed_at


def test_cached_figures_expire_within_the_stated_bound(world, monkeypatch):
    from innohub.reports import selectors

    assert selectors.CACHE_SECONDS <= 300
    stored = {}
    monkeypatch.setattr(
        selectors.cache, "set", lambda key, value, timeout: stored.update({key: timeout})
    )
    hub_figures_cached(hub=world.hub_a, period=Period.year_to(date(2021, 1, 1)))
    assert list(stored.values()) == [selectors.CACHE_SECONDS]


def test_charts_lose_what_the_csp_forbids_but_keep_their_text():
    raw = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg">'
        "<style>*{stroke:red}</style>"
        '<g id="text_1"><text style="font: 10px \'DejaVu Sans\'; text-anchor: end">'
        "中国 ישראל</text></g>"
        '<path style="fill: #ffffff; stroke-width: 0.8" clip-path="url(#p1)"/></svg>'
    )
    safe = csp_safe_svg(raw)
    assert safe.startswith("<svg") and "style" not in safe and 'id="text_1"' not in safe
    assert 'font-size="10px"' in safe and 'text-anchor="end"' in safe
    assert 'fill="#ffffff"' in safe and "中国 ישראל" in safe


def test_period_of_a_year_ends_on_the_chosen_day():
    assert Period.year_to(date(2020, 12, 3)) == Period(date(2019, 12, 3), date(2020, 12, 3))
    assert Period.year_to(date(2024, 2, 29)).start == date(2023, 2, 28)


def test_the_network_table_is_one_entry_never_older_than_its_oldest_hub(
    world, monkeypatch, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    from innohub.common.testing import make_hub
    from innohub.reports import selectors

    hubs = selectors.hubs_for_network_dashboard()
    full = selectors.network_hub_figures(hubs=hubs)
    key = cache_key(hubs[0], Period.year_to(full[0].end))
    aged = cache.get(key)
    aged.computed_at = timezone.now() - timedelta(seconds=200)
    cache.set(key, aged)
    stored, real_set = {}, selectors.cache.set

    def spy(key, value, timeout=None, **options):
        stored[key] = timeout
        real_set(key, value, timeout, **options)

    monkeypatch.setattr(selectors.cache, "set", spy)
    shown = selectors.network_dashboard_figures(hubs=hubs, end=None)
    (timeout,) = [t for k, t in stored.items() if ":network:" in k]
    # It lives only as long as its oldest hub's copy may: the page is never older than it says.
    assert selectors.CACHE_SECONDS - 202 <= timeout <= selectors.CACHE_SECONDS - 200
    assert [(f.hub_slug, f.members, f.ip) for f in shown] == [
        (f.hub_slug, f.members, f.ip) for f in full
    ]
    assert shown[0].members_over_time == [] and shown[0].labels == {}
    with django_assert_max_num_queries(1):  # the one entry, nothing computed
        assert selectors.network_dashboard_figures(hubs=hubs, end=None) == shown
    # A hub that joins the network is on the table at once, not when the entry expires.
    make_hub("hub-new")
    hubs = selectors.hubs_for_network_dashboard()
    assert "hub-new" in [
        f.hub_slug for f in selectors.network_dashboard_figures(hubs=hubs, end=None)
    ]
