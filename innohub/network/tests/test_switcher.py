"""The hub switcher in every page's menu: every public hub, in the page's language, the visitor's
hub selected, and never behind an edit (its options are rendered once per version of the hubs)."""

import re
from datetime import date

import pytest

from innohub.common.testing import make_hub

pytestmark = pytest.mark.django_db


def switcher(client, language="en"):
    html = client.get("/hubs/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    select = re.search(r'<select id="hub-select"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]+)"([^>]*)>([^<]*)</option>', select)


def test_the_switcher_offers_every_public_hub_in_the_page_language_and_follows_edits(client):
    older = make_hub("older", opened_on=date(2015, 1, 1))
    make_hub("newer", opened_on=date(2020, 1, 1))
    make_hub("hidden", is_public=False)

    assert [(slug, name) for slug, _marks, name in switcher(client, "he")] == [
        ("older", "מרכז older"),
        ("newer", "מרכז newer"),
    ]
    assert [name for *_rest, name in switcher(client, "zh-hans")] == [
        "创新园 older",
        "创新园 newer",
    ]

    older.name = {"en": "Renamed park", "he": "פארק חדש"}
    older.save()
    assert switcher(client, "he")[0][2] == "פארק חדש"
    assert switcher(client, "en")[0][2] == "Renamed park"

    older.is_public = False
    older.save()
    make_hub("latest", opened_on=date(2024, 1, 1))
    assert [slug for slug, *_rest in switcher(client)] == ["newer", "latest"]


def test_the_visitors_own_hub_is_selected_and_switching_moves_it(client):
    make_hub("first", opened_on=date(2015, 1, 1))
    make_hub("second", opened_on=date(2020, 1, 1))
    selected = lambda: [slug for slug, marks, _name in switcher(client) if "selected" in marks]  # noqa: E731

    assert selected() == ["first"]  # the oldest hub until the visitor chooses
    client.post("/hubs/switch/", {"hub": "second", "next": "/hubs/"})
    assert selected() == ["second"]
    client.post("/hubs/switch/", {"hub": "first", "next": "/hubs/"})
    assert selected() == ["first"]


def test_a_name_missing_in_the_page_language_is_marked_with_its_own_and_escaped(client):
    make_hub("plain", name={"en": "Park <b>&</b> Co"})

    [(slug, marks, name)] = switcher(client, "he")
    assert (slug, marks.strip(), name) == (
        "plain",
        'selected lang="en" dir="ltr"',
        "Park &lt;b&gt;&amp;&lt;/b&gt; Co",
    )


def hub_filter(client, path="/directory/"):
    html = client.get(path).content.decode()
    select = re.search(r'<select name="hub"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_hub_filters_of_list_pages_offer_a_private_hub_to_its_staff_alone(world, client_as):
    """The hubs are read once for every visitor of a worker; each visitor still sees only
    theirs, and a hub made private leaves the others' filters on their next page."""
    world.hub_b.is_public = False
    world.hub_b.save()

    for path in ("/directory/", "/relations/", "/events/", "/spaces/", "/ip/"):
        assert "hub-b" not in hub_filter(client_as(None), path), path
        assert "hub-b" not in hub_filter(client_as(world.alice), path), path
        assert "hub-b" in hub_filter(client_as(world.charlie), path), path
        assert "hub-b" in hub_filter(client_as(world.dave), path), path

    world.hub_a.is_public = False
    world.hub_a.save()
    assert "hub-a" not in hub_filter(client_as(world.bob))
    assert "hub-a" in hub_filter(client_as(world.alice))
