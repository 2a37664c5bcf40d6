"""iCalendar feeds of deadlines, and the `innohub ip-deadlines` what-if command."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from icalendar import Calendar

from innohub.ip.tests.factories import make_asset


def events(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/calendar")
    return [c for c in Calendar.from_ical(response.content).walk("VEVENT")]


@pytest.mark.django_db
def test_the_hub_feed_is_for_its_ip_officers(client_as, world):
    asset = make_asset(world)
    url = f"/ip/calendar/hub/{world.hub_a.slug}.ics"
    found = events(client_as(world.erin).get(url))
    assert len(found) == asset.deadlines.exclude(state="settled").count()
    first = found[0]
    assert first.decoded("dtstart") == date(2023, 12, 4)
    assert "Annual fee, year 4" in str(first["summary"])
    assert "Moved from" in str(first["description"])
    assert str(first["uid"]).startswith("ip-deadline-")
    assert client_as(world.charlie).get(url).status_code == 403
    assert client_as(world.bob).get(url).status_code == 403


@pytest.mark.django_db
def test_the_organisation_feed_is_for_its_people_and_subscriptions_need_no_login(
    client, client_as, world
):
    make_asset(world)
    url = f"/ip/calendar/organisation/{world.org_a.slug}.ics"
    assert len(events(client_as(world.bob).get(url))) == 18
    assert client_as(world.charlie).get(url).status_code == 403
    page = client_as(world.bob).post("/ip/calendar/subscribe/", {"organisation": world.org_a.slug})
    feed_url = page.context["url"]
    assert "/ip/calendar/s/ipcal_" in feed_url
    path = feed_url.split("testserver", 1)[1]
    assert len(events(client.get(path))) == 18
    # Subscribing again replaces the secret: the old address stops working.
    client_as(world.bob).post("/ip/calendar/subscribe/", {"organisation": world.org_a.slug})
    assert client.get(path).status_code == 404
    assert client.get("/ip/calendar/s/ipcal_guessed.ics").status_code == 404
    assert (
        client_as(world.charlie)
        .post("/ip/calendar/subscribe/", {"organisation": world.org_a.slug})
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_a_subscription_stops_when_the_user_loses_the_role(client, client_as, world):
    from innohub.accounts.models import RoleKind
    from innohub.accounts.services import role_revoke

    make_asset(world)
    page = client_as(world.erin).post("/ip/calendar/subscribe/", {"hub": world.hub_a.slug})
    path = page.context["url"].split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    role_revoke(user=world.erin, kind=RoleKind.IP_OFFICER, hub=world.hub_a)
    assert client.get(path).status_code == 403


def run(*args):
    out = StringIO()
    call_command("ip-deadlines", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_exactly_the_json_of_the_issue():
    output = json.loads(
        run("--type", "cn-design", "--filed", "2021-06-01", "--granted", "2021-12-01", "--json")
    )
    assert output[0] == {
        "kind": "annual-fee",
        "due": "2022-06-01",
        "window_opens": None,
        "grace_ends": "2022-12-01",
        "shifted_from": None,
        "provisional": False,
    }
    assert output[-1]["kind"] == "expiry" and output[-1]["due"] == "2036-05-31"
    assert all(
        set(item) == {"kind", "due", "window_opens", "grace_ends", "shifted_from", "provisional"}
        for item in output
    )
    assert [item["due"] for item in output] == sorted(item["due"] for item in output)


def test_the_command_covers_every_type_of_the_issue():
    cases = {
        "cn-invention": ["--filed", "2020-12-03"],
        "cn-utility": ["--filed", "2020-02-29", "--granted", "2020-09-01"],
        "cn-design": ["--filed", "2021-05-31"],
        "cn-trademark": ["--filed", "2009-01-01", "--registered", "2010-05-14"],
        "cn-software": ["--filed", "2020-07-01", "--published", "2020-06-15"],
        "il-patent": ["--filed", "2015-03-01", "--granted", "2019-07-04"],
    }
    expiries = {
        "cn-invention": "2040-12-02",
        "cn-utility": "2030-02-28",
        "cn-design": "2031-05-30",
        "cn-trademark": "2020-05-13",
        "cn-software": "2070-12-31",
        "il-patent": "2035-02-28",
    }
    for asset_type, args in cases.items():
        output = json.loads(run("--type", asset_type, *args, "--json"))
        assert [i["due"] for i in output if i["kind"] == "expiry"] == [expiries[asset_type]]


def test_the_command_says_what_is_missing_or_wrong():
    with pytest.raises(CommandError, match="needs --registered"):
        run("--type", "cn-trademark", "--filed", "2020-01-01", "--json")
    with pytest.raises(CommandError, match="grant date"):
        run("--type", "cn-invention", "--filed", "2020-01-01", "--granted", "2019-01-01")
    with pytest.raises(CommandError, match="not a date"):
        run("--type", "cn-invention", "--filed", "2020-13-01")
    text = run("--type", "cn-trademark", "--registered", "2015-10-02")
    assert "2025-10-09  renewal" in text and "moved from 2025-10-01" in text
