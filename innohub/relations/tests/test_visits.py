"""Delegations and visits: itinerary times in local time, hosts, follow-ups, who sees what."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from innohub.directory.models import Person
from innohub.relations import selectors, services
from innohub.relations.models import Delegation, FollowUp, Visit
from innohub.relations.tests.factories import visit

pytestmark = pytest.mark.django_db


def test_a_visit_of_a_new_delegation_is_recorded_with_the_delegation(world):
    recorded = services.visit_record(
        by=world.alice,
        hub=world.hub_a,
        new_delegation={"name": {"en": "Haifa tech delegation"}, "origin_country": "IL"},
        title={"en": "Haifa delegation at hub A"},
        starts_on=date(2024, 6, 5),
        ends_on=date(2024, 6, 6),
    )
    assert recorded.delegation.name["en"] == "Haifa tech delegation"
    assert recorded.delegation.hub == world.hub_a
    assert recorded.time_zone == world.hub_a.time_zone


def test_a_visit_needs_a_delegation(world):
    with pytest.raises(ValidationError):
        services.visit_record(by=None, hub=world.hub_a, title={"en": "Nobody"})
    assert not Delegation.objects.exists()


def test_a_visit_whose_date_is_not_known_keeps_no_date_and_says_what_is_known(world):
    with pytest.raises(ValidationError):
        visit(world.hub_a, starts_on=None, ends_on=None, date_precision="unknown")
    recorded = visit(
        world.hub_a,
        starts_on=date(2018, 6, 5),
        date_precision="unknown",
        date_note={"en": "5 to 7 June; the year is not stated."},
    )
    assert recorded.starts_on is None and recorded.ends_on is None


def test_the_last_day_cannot_come_before_the_first(world):
    with pytest.raises(ValidationError):
        visit(world.hub_a, starts_on=date(2024, 6, 7), ends_on=date(2024, 6, 5))


def test_stop_times_are_read_in_the_visits_local_zone(world):
    trip = visit(world.hub_a, time_zone="Asia/Jerusalem")
    stop = services.visit_stop_add(
        visit=trip,
        by=None,
        kind="meeting",
        title={"en": "Minister"},
        starts_at=datetime(2024, 6, 5, 10, 0),
    )
    assert stop.starts_at == datetime(2024, 6, 5, 10, 0, tzinfo=ZoneInfo("Asia/Jerusalem"))
    assert stop.starts_at.astimezone(ZoneInfo("UTC")).hour == 7  # Israel summer time, UTC+3


def test_a_stop_outside_the_days_of_the_visit_is_refused(world):
    trip = visit(world.hub_a)
    with pytest.raises(ValidationError) as caught:
        services.visit_stop_add(
            visit=trip, by=None, title={"en": "Too late"}, starts_at=datetime(2024, 6, 8, 9, 0)
        )
    assert "starts_at" in caught.value.message_dict


def test_a_stop_has_one_host_an_organisation_or_a_hub(world):
    trip = visit(world.hub_a)
    with pytest.raises(ValidationError):
        services.visit_stop_add(
            visit=trip,
            by=None,
            title={"en": "Both"},
            host_organisation=world.org_a,
            host_hub=world.hub_a,
        )


def test_a_stop_cannot_end_before_it_starts(world):
    trip = visit(world.hub_a)
    with pytest.raises(ValidationError):
        services.visit_stop_add(
            visit=trip,
            by=None,
            title={"en": "Backwards"},
            starts_at=datetime(2024, 6, 5, 11, 0),
            ends_at=datetime(2024, 6, 5, 10, 0),
        )


def test_the_itinerary_is_in_time_order_with_untimed_stops_last(world):
    trip = visit(world.hub_a)
    later = services.visit_stop_add(
        visit=trip, by=None, title={"en": "Afternoon"}, starts_at=datetime(2024, 6, 5, 15, 0)
    )
    untimed = services.visit_stop_add(visit=trip, by=None, title={"en": "Some time"})
    earlier = services.visit_stop_add(
        visit=trip, by=None, title={"en": "Morning"}, starts_at=datetime(2024, 6, 5, 9, 0)
    )
    assert list(trip.stops.all()) == [earlier, later, untimed]


def test_only_one_member_leads_a_delegation(world):
    trip = visit(world.hub_a)
    first = services.delegation_member_add(
        delegation=trip.delegation, by=None, name={"en": "Ruth"}, is_leader=True
    )
    second = services.delegation_member_add(
        delegation=trip.delegation, by=None, name={"en": "Noam"}, is_leader=True
    )
    first.refresh_from_db()
    assert not first.is_leader and second.is_leader


def test_a_member_from_the_directory_brings_name_and_title(world):
    trip = visit(world.hub_a)
    person = Person.objects.create(
        organisation=world.org_a, name={"en": "Yael"}, title={"en": "Mayor"}
    )
    member = services.delegation_member_add(delegation=trip.delegation, by=None, person=person)
    assert member.name["en"] == "Yael" and member.title["en"] == "Mayor"
    assert member.organisation == world.org_a
    with pytest.raises(ValidationError):
        services.delegation_member_add(delegation=trip.delegation, by=None, person=person)


def test_a_follow_up_needs_an_owner(world):
    trip = visit(world.hub_a)
    with pytest.raises(ValidationError):
        services.follow_up_add(
            visit=trip, by=None, title={"en": "Send list"}, due_on=date(2024, 7, 1)
        )


def test_a_private_visit_is_seen_by_its_hub_staff_sender_and_hosts(client, client_as, world):
    trip = visit(world.hub_a, organisation=world.invest_org, is_public=False)
    url = trip.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client_as(world.charlie).get(url).status_code == 404
    assert client_as(world.bob).get(url).status_code == 404
    assert client_as(world.alice).get(url).status_code == 200
    assert client_as(world.ivan).get(url).status_code == 200  # the sending organisation
    services.visit_stop_add(visit=trip, by=None, title={"en": "Lab"}, host_organisation=world.org_a)
    assert client_as(world.bob).get(url).status_code == 200  # now a host
    assert trip.pk in {v.pk for v in selectors.visit_list(user=world.bob)}
    assert trip.pk not in {v.pk for v in selectors.visit_list(user=world.charlie)}


def test_follow_ups_are_shown_to_hub_staff_and_their_owners_only(client, client_as, world):
    trip = visit(world.hub_a)
    services.follow_up_add(
        visit=trip,
        by=None,
        title={"en": "Send the sector list"},
        due_on=date(2024, 7, 1),
        owner_organisation=world.org_a,
    )
    url = trip.get_absolute_url()
    assert "Send the sector list" not in client.get(url).content.decode()
    assert "Send the sector list" not in client_as(world.charlie).get(url).content.decode()
    assert "Send the sector list" in client_as(world.bob).get(url).content.decode()
    assert "Send the sector list" in client_as(world.alice).get(url).content.decode()


def test_an_owner_ticks_a_follow_up_off_and_an_outsider_cannot(client_as, world):
    trip = visit(world.hub_a)
    follow_up = services.follow_up_add(
        visit=trip,
        by=None,
        title={"en": "Call back"},
        due_on=date(2024, 7, 1),
        owner_organisation=world.org_a,
    )
    url = f"/relations/follow-ups/{follow_up.pk}/done/"
    assert client_as(world.ivan).post(url, {"done": "1"}).status_code == 404
    client_as(world.bob).post(url, {"done": "1"})
    follow_up.refresh_from_db()
    assert follow_up.done


def test_staff_record_a_visit_and_its_stops_through_the_pages(client_as, world):
    client = client_as(world.alice)
    response = client.post(
        "/relations/visits/new/",
        {
            "hub": world.hub_a.pk,
            "title_1": "Ministry delegation",
            "direction": "incoming",
            "status": "completed",
            "delegation_name_1": "Ministry of Economy delegation",
            "origin_country": "IL",
            "starts_on": "2024-06-05",
            "ends_on": "2024-06-06",
            "date_precision": "day",
            "time_zone": "Asia/Shanghai",
            "is_public": "on",
            "origin_organisation": f"org:{world.org_b.pk}",
        },
    )
    trip = Visit.objects.get()
    assert response.status_code == 302 and response["Location"] == trip.get_absolute_url()
    assert trip.delegation.organisation == world.org_b
    response = client.post(
        f"/relations/visits/{trip.pk}/stops/new/",
        {
            "kind": "company",
            "title_1": "Robot lab tour",
            "starts_at": "2024-06-05T10:00",
            "host": f"org:{world.org_a.pk}",
        },
    )
    assert response.status_code == 302
    stop = trip.stops.get()
    assert stop.host_organisation == world.org_a
    assert stop.starts_at == datetime(2024, 6, 5, 2, 0, tzinfo=ZoneInfo("UTC"))


def test_staff_of_another_hub_cannot_add_stops(client_as, world):
    trip = visit(world.hub_a)
    assert (
        client_as(world.charlie).get(f"/relations/visits/{trip.pk}/stops/new/").status_code == 403
    )


def test_the_visit_list_page_takes_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for n in range(10):
        trip = visit(world.hub_a, title={"en": f"Visit {n}"})
        services.visit_stop_add(visit=trip, by=None, title={"en": "Stop"}, host_hub=world.hub_a)
    with django_assert_max_num_queries(14):
        response = client.get("/relations/visits/")
    assert response.status_code == 200 and len(response.context["page"].object_list) == 10


def test_follow_up_owner_may_be_an_organisation_chosen_in_the_form(client_as, world):
    trip = visit(world.hub_a)
    response = client_as(world.alice).post(
        f"/relations/visits/{trip.pk}/follow-ups/new/",
        {
            "title_1": "Introduce to investors",
            "due_on": "2024-07-01",
            "owner_organisation": f"org:{world.org_a.pk}",
        },
    )
    assert response.status_code == 302
    assert FollowUp.objects.get().owner_organisation == world.org_a


def test_a_visit_belongs_to_its_hub_its_host_hubs_its_sender_and_its_host_organisations(world):
    trip = visit(world.hub_a, organisation=world.org_b, title={"en": "Sent by B"})
    services.visit_stop_add(visit=trip, by=None, title={"en": "Hub B"}, host_hub=world.hub_b)
    services.visit_stop_add(visit=trip, by=None, title={"en": "Lab"}, host_organisation=world.org_a)
    elsewhere = visit(world.hub_b, title={"en": "Elsewhere"})
    for hub in (world.hub_a, world.hub_b):
        found = {v.pk for v in selectors.visits_for_hub(user=world.dave, hub=hub)}
        assert trip.pk in found
    assert elsewhere.pk not in {
        v.pk for v in selectors.visits_for_hub(user=world.dave, hub=world.hub_a)
    }
    for organisation in (world.org_a, world.org_b):
        found = {
            v.pk
            for v in selectors.visits_for_organisation(user=world.dave, organisation=organisation)
        }
        assert found == {trip.pk}
