"""Members over time per hub, by country of origin and by sector, from membership history."""

from datetime import date

import pytest

from innohub.common.testing import make_hub, make_org
from innohub.directory import services
from innohub.directory.charts import line_chart, nice_step
from innohub.directory.models import MembershipState, Sector
from innohub.directory.selectors import membership_growth

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    hub = make_hub("growth-hub", opened_on=date(2020, 1, 1))
    cyber = Sector.objects.get(slug="cybersecurity")
    ai = Sector.objects.get(slug="ai-robotics")
    first = make_org({"en": "First"}, hub=hub, country="IL", since=date(2020, 1, 15))
    first.sectors.set([cyber, ai])
    make_org({"en": "Second"}, hub=hub, country="CN", since=date(2020, 2, 10)).sectors.set([cyber])
    leaver = make_org({"en": "Leaver"}, hub=hub, country="IL", since=date(2020, 2, 1))
    services.membership_transition(
        membership=leaver.memberships.get(),
        to_state=MembershipState.LEFT,
        on=date(2020, 3, 31),
        by=None,
    )
    make_org({"en": "Applicant"}, hub=hub, state=MembershipState.APPLICANT, since=date(2020, 1, 2))
    return hub


def test_monthly_counts_by_country_follow_joining_and_leaving(hub):
    growth = membership_growth(hub=hub, by="country", end=date(2020, 4, 10))
    assert growth.months == [
        date(2020, 1, 31),
        date(2020, 2, 29),
        date(2020, 3, 31),
        date(2020, 4, 10),
    ]
    series = {key: counts for key, _label, counts in growth.series}
    assert series == {"CN": [0, 1, 1, 1], "IL": [1, 2, 1, 1]}
    assert growth.totals == [1, 3, 2, 2]


def test_by_sector_an_organisation_counts_in_each_of_its_sectors(hub):
    growth = membership_growth(hub=hub, by="sector", end=date(2020, 2, 29))
    series = {key: counts for key, _label, counts in growth.series}
    assert series["cybersecurity"] == [1, 2]
    assert series["ai-robotics"] == [1, 1]
    assert series["none"] == [0, 1]  # the leaver gave no sector
    assert growth.totals == [1, 3]


def test_the_page_has_a_table_and_a_chart_and_the_api_the_same_figures(client, api_as, hub):
    page = client.get("/directory/growth/", {"hub": "growth-hub", "by": "country"})
    body = page.content.decode()
    assert page.status_code == 200
    assert '<table class="table table-sm table-figures" id="growth-table">' in body
    assert 'role="img"' in body and "<polyline" in body
    rows = page.context["rows"]
    assert rows[1]["month"] == date(2020, 2, 29) and rows[1]["total"] == 3
    data = api_as(None).get("/api/v1/directory/growth", {"hub": "growth-hub"}).json()
    assert data["totals"][:4] == [1, 3, 2, 2]
    assert {s["key"] for s in data["series"]} == {"CN", "IL"}


def test_a_private_hub_has_no_public_growth(client, api_as, world):
    hidden = make_hub("hidden", is_public=False)
    assert client.get("/directory/growth/", {"hub": "hidden"}).context["hub"] != hidden
    assert api_as(None).get("/api/v1/directory/growth", {"hub": "hidden"}).status_code == 404


def test_chart_steps_are_round_numbers():
    assert [nice_step(n) for n in (3, 9, 32, 95, 480)] == [1, 2, 10, 20, 100]
    chart = line_chart([date(2020, 1, 31), date(2020, 2, 29)], [("x", "X", [0, 10])])
    assert chart.lines[0].points.split()[0].endswith(f",{chart.bottom:.1f}")
    assert chart.y_ticks[-1].label == "10"
