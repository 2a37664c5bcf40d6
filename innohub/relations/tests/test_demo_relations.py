"""The demo hub carries the agreements and the visit the seed articles report, as reported."""

from datetime import date

import pytest

from innohub.relations.models import Agreement, Visit

pytestmark = pytest.mark.django_db


def parties_of(agreement):
    return [str(p.display_name) for p in agreement.parties.order_by("position")]


def find(title_part):
    return Agreement.objects.get(title__en__icontains=title_part, is_generated=False)


def test_putuo_and_360_signed_the_it_platform_at_the_first_anniversary(demo):
    platform = find("IT public service platform")
    assert parties_of(platform) == ["Putuo District People's Government", "360 Group"]
    assert platform.signed_on == date(2020, 12, 3) and platform.status == "signed"


def test_the_hub_and_the_security_center_signed_with_five_resident_enterprises(demo):
    contracts = Agreement.objects.filter(
        title__en__startswith="Cooperation contract with", is_generated=False
    )
    assert contracts.count() == 5
    for contract in contracts:
        parties = list(contract.parties.order_by("position"))
        assert parties[0].hub.slug == "ciih-shanghai"
        assert parties[1].organisation.name["en"].startswith("International Digital Security")
        assert contract.signed_on == date(2020, 12, 3)
    signed_with = {str(c.parties.order_by("position")[2].display_name) for c in contracts}
    assert {"Redstone Data", "Shanghai Tower"} <= signed_with


def test_the_techweek_agreements_have_three_and_four_parties_and_no_invented_date(demo):
    mobility = find("Smart-mobility")
    assert parties_of(mobility) == [
        "EcoMotion",
        "Jiangning Development Zone",
        "Shengjing Peakview Capital",
    ]
    ai = find("artificial intelligence")
    assert len(parties_of(ai)) == 4
    for agreement in (mobility, ai):
        assert agreement.signed_on is None and agreement.signed_precision == "unknown"
        assert "year" in agreement.signed_note["en"]
        assert agreement.hub.slug == "jiangsu-nanjing"


def test_the_mayors_visit_keeps_june_5_to_7_without_a_year(demo):
    visit = Visit.objects.get(title__en="Shanghai mayor's visit to Israel")
    assert visit.direction == "outgoing" and visit.destination_country == "IL"
    assert visit.starts_on is None and visit.date_precision == "unknown"
    assert "5 to 7 June" in visit.date_note["en"] and "year" in visit.date_note["en"]
    leader = visit.delegation.members.get(is_leader=True)
    assert leader.name["en"] == "Ying Yong"
    met = {p.name["en"] for stop in visit.stops.all() for p in stop.people.all()}
    assert {"Eli Cohen", "Ofir Akunis", "Ami Appelbaum", "Yona Yahav"} <= met
    hosts = {str(s.host_organisation) for s in visit.stops.all() if s.host_organisation}
    assert {"Mobileye", "Techcode Israel Global Innovation Center"} <= hosts
    signed = {a.title["en"] for a in visit.agreements.all()}
    assert signed == {
        "Cooperation on technological innovation",
        "Terminal project at the port of Haifa",
    }


def test_delegations_received_at_the_hub_are_marked_generated(demo):
    received = Visit.objects.filter(direction="incoming", hub__slug="ciih-shanghai")
    assert received.exists()
    assert all(v.is_generated for v in received)


def test_the_seed_agreements_show_on_the_party_and_hub_pages(client, demo):
    page = client.get("/directory/360-group/").content.decode()
    assert "IT public service platform" in page
    hub_page = client.get("/hubs/ciih-shanghai/").content.decode()
    assert "Cooperation contract with" in hub_page and "Timeline" in hub_page


def test_the_demo_draft_is_seen_by_the_member_and_staff_but_not_the_public(client, client_as, demo):
    draft = Agreement.objects.get(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client_as(demo.users["member"]).get(draft.get_absolute_url()).status_code == 200
    assert client_as(demo.users["staff"]).get(draft.get_absolute_url()).status_code == 200
    assert client_as(demo.users["jiangsu"]).get(draft.get_absolute_url()).status_code == 404


def test_the_demo_due_list_has_overdue_items_for_staff(client_as, demo):
    response = client_as(demo.users["staff"]).get("/relations/due/")
    assert response.status_code == 200
    assert any(item.is_overdue for item in response.context["page"].object_list)
