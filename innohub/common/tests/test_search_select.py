"""Selects of many records become a search over exactly the choices the form accepts."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from innohub.accounts.models import RoleKind
from innohub.common import search_select
from innohub.common.testing import grant, make_org, make_user
from innohub.directory.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def few(monkeypatch):
    """Three choices are already too many to list."""
    monkeypatch.setattr(search_select, "LIMIT", 2)


def _token(page: str, name: str) -> str:
    url = re.search(rf'name="_search_{name}"[^>]*hx-get="([^"]+)"', page)[1]
    return parse_qs(urlsplit(url.replace("&amp;", "&")).query)["token"][0]


def _options(html: str) -> list[str]:
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", html)


def test_a_long_list_shows_a_search_that_finds_only_what_the_form_accepts(client_as, world, few):
    """Staff of hub A adding an expert: people of hub A's members, and public people of
    public organisations, never a private person of another hub's member."""
    mine = make_org({"en": "Alpha Ventures"}, hub=world.hub_a)
    theirs = make_org({"en": "Bravo Quiet"}, hub=world.hub_b, is_public=False)
    public = make_org({"en": "Charlie Open"}, hub=world.hub_b)
    for org, names in (
        (mine, ["Avi Cohen", "Avi Levi"]),
        (theirs, ["Avi Secret"]),
        (public, ["Avi Public"]),
    ):
        for name in names:
            Person.objects.create(organisation=org, name={"en": name})
    Person.objects.create(organisation=public, name={"en": "Avi Hidden"}, is_public=False)
    Person.objects.create(organisation=mine, name={"en": "Avi Private Mine"}, is_public=False)

    client = client_as(world.alice)
    page = client.get(f"/services/experts/new/?hub={world.hub_a.slug}").content.decode()
    select = re.search(r'<select name="person".*?</select>', page, re.S)[0]
    assert _options(select) == []  # nothing listed until searched
    token = _token(page, "person")

    found = client.get(
        "/search-select/", {"name": "person", "token": token, "_search_person": "avi"}
    )
    assert found.status_code == 200
    assert sorted(_options(found.content.decode())) == [
        "Avi Cohen",
        "Avi Levi",
        "Avi Private Mine",
        "Avi Public",
    ]
    # The chosen option stays first and selected while searching further.
    chosen = Person.objects.get(name__en="Avi Levi")
    again = client.get(
        "/search-select/",
        {"name": "person", "token": token, "_search_person": "cohen", "person": chosen.pk},
    ).content.decode()
    assert _options(again) == ["Avi Levi", "Avi Cohen"]
    assert f'<option value="{chosen.pk}" selected>' in again

    # The form accepts a found person and refuses one it would not have offered.
    secret = Person.objects.get(name__en="Avi Secret")
    refused = client.post(
        f"/services/experts/new/?hub={world.hub_a.slug}",
        {"person": secret.pk, "kind": "mentor", "expertise_0": "x", "languages": ["en"]},
    )
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()


def test_the_search_belongs_to_the_user_it_was_made_for(client_as, world, few):
    for n in range(3):
        make_org({"en": f"Delta {n}"}, hub=world.hub_a)
    page = client_as(world.alice).get(f"/services/experts/new/?hub={world.hub_a.slug}")
    token = _token(page.content.decode(), "new_organisation")
    query = {"name": "new_organisation", "token": token, "_search_new_organisation": "delta"}
    assert len(_options(client_as(world.alice).get("/search-select/", query).content.decode())) == 3

    other = grant(make_user("zed"), RoleKind.HUB_STAFF, hub=world.hub_a)
    refused = client_as(other).get("/search-select/", query)
    assert refused.status_code == 400
    assert _options(refused.content.decode()) == []
    forged = client_as(world.alice).get("/search-select/", {**query, "token": token[:-2] + "xx"})
    assert forged.status_code == 400


def test_a_short_list_stays_a_select(client_as, world):
    page = client_as(world.alice).get(f"/services/experts/new/?hub={world.hub_a.slug}")
    html = page.content.decode()
    assert "_search_new_organisation" not in html
    select = re.search(r'<select name="new_organisation".*?</select>', html, re.S)[0]
    assert world.org_a.name["en"] in select
