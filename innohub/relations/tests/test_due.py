"""The staff list of overdue milestones and follow-up actions, oldest due date first."""

from datetime import date

import pytest

from innohub.relations import selectors, services
from innohub.relations.tests.factories import agreement, visit

pytestmark = pytest.mark.django_db

TODAY = date(2025, 3, 10)


def milestone(recorded, title, due, done=False):
    item = services.milestone_add(agreement=recorded, by=None, title={"en": title}, due_on=due)
    if done:
        services.milestone_set_done(milestone=item, by=None, done=True, on=due)
    return item


def follow_up(trip, title, due, **owners):
    owners = owners or {"owner_organisation": trip.delegation.organisation}
    return services.follow_up_add(visit=trip, by=None, title={"en": title}, due_on=due, **owners)


@pytest.fixture
def due_world(world):
    signed = agreement(world.hub_a, world.org_a, world.org_b)
    milestone(signed, "Pilot site chosen", date(2025, 2, 1))
    milestone(signed, "Joint lab opens", date(2025, 3, 1))
    milestone(signed, "Done already", date(2025, 1, 1), done=True)
    milestone(signed, "Due today", TODAY)
    milestone(signed, "Next week", date(2025, 3, 15))
    terminated = agreement(world.hub_a, world.org_a, world.org_b, status="signed")
    milestone(terminated, "Of a terminated agreement", date(2025, 1, 15))
    services.agreement_update(agreement=terminated, by=None, status="terminated")
    trip = visit(world.hub_a, organisation=world.org_a)
    follow_up(trip, "Send the sector list", date(2025, 2, 15), owner=world.alice)
    other_hub = agreement(world.hub_b, world.org_b, world.invest_org)
    milestone(other_hub, "Hub B task", date(2025, 1, 10))
    return world


def titles(items):
    return [item.title["en"] for item in items]


def test_it_lists_overdue_items_of_both_kinds_ordered_by_due_date(due_world):
    items = selectors.due_items(user=due_world.alice, today=TODAY)
    assert titles(items) == ["Pilot site chosen", "Send the sector list", "Joint lab opens"]
    assert [item.kind for item in items] == ["milestone", "follow_up", "milestone"]
    assert items[0].days_overdue == 37 and items[0].is_overdue


def test_done_items_and_terminated_agreements_are_left_out(due_world):
    shown = titles(selectors.due_items(user=due_world.alice, today=TODAY))
    assert "Done already" not in shown and "Of a terminated agreement" not in shown


def test_it_can_include_items_due_in_the_coming_days(due_world):
    items = selectors.due_items(user=due_world.alice, today=TODAY, within_days=7)
    assert titles(items)[-2:] == ["Due today", "Next week"]
    assert not items[-1].is_overdue


def test_staff_see_only_their_own_hubs_items_and_a_network_admin_sees_all(due_world):
    assert "Hub B task" not in titles(selectors.due_items(user=due_world.alice, today=TODAY))
    assert titles(selectors.due_items(user=due_world.charlie, today=TODAY)) == ["Hub B task"]
    assert titles(selectors.due_items(user=due_world.dave, today=TODAY))[0] == "Hub B task"
    assert list(selectors.due_items(user=due_world.bob, today=TODAY)) == []


def test_mine_shows_only_the_follow_ups_the_user_owns(due_world):
    items = selectors.due_items(user=due_world.alice, today=TODAY, mine=True)
    assert titles(items) == ["Send the sector list"]


def test_the_due_page_is_for_staff(client, client_as, due_world):
    assert client_as(due_world.bob).get("/relations/due/").status_code == 403
    assert client.get("/relations/due/").status_code == 302  # to the sign-in page
    response = client_as(due_world.alice).get("/relations/due/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pilot site chosen" in body and "Hub B task" not in body


def test_staff_tick_an_item_off_from_the_due_page(client_as, due_world):
    client = client_as(due_world.alice)
    first = client.get("/relations/due/").context["page"].object_list[0]
    response = client.post(f"/relations/milestones/{first.pk}/done/", {"done": "1", "next": "due"})
    assert response.status_code == 302 and response["Location"] == "/relations/due/"
    remaining = [i.title["en"] for i in client.get("/relations/due/").context["page"].object_list]
    assert "Pilot site chosen" not in remaining


def test_a_long_due_list_is_counted_and_paged_in_due_date_order(
    client_as, api_as, due_world, django_assert_max_num_queries
):
    """Both kinds interleave by due date across pages; a page reads only its own items."""
    signed = agreement(due_world.hub_a, due_world.org_a, due_world.org_b)
    trip = visit(due_world.hub_a, organisation=due_world.org_a)
    for day in range(1, 31):
        milestone(signed, f"M{day:02d}", date(2024, 12, day))
        follow_up(trip, f"F{day:02d}", date(2024, 12, day), owner=due_world.alice)
    items = selectors.due_items(user=due_world.alice, today=TODAY)
    assert len(items) == 63 and items.overdue_count() == 63
    assert titles(items[:4]) == ["F01", "M01", "F02", "M02"]  # same day: follow-ups first
    assert items[-1].title["en"] == "Joint lab opens" and titles(items[58:60]) == ["F30", "M30"]
    with_next_week = selectors.due_items(user=due_world.alice, today=TODAY, within_days=7)
    assert len(with_next_week) == 65 and with_next_week.overdue_count() == 63
    client = client_as(due_world.alice)
    client.get("/relations/due/")
    with django_assert_max_num_queries(20):
        second = client.get("/relations/due/", {"page": 2})
    shown = [i.title["en"] for i in second.context["page"].object_list]
    # The page's today is the real one, long after these due dates: all 65 are overdue.
    assert shown[:3] == ["F26", "M26", "F27"] and len(shown) == 65 - 50
    assert shown[-3:] == ["Joint lab opens", "Due today", "Next week"]
    assert "65 items overdue" in second.content.decode()
    api = api_as(due_world.alice).get("/api/v1/relations/due", {"limit": 3, "offset": 60}).json()
    assert api["count"] == 65
    assert [(i["title"]["en"], i["kind"]) for i in api["items"]] == [
        ("Pilot site chosen", "milestone"),
        ("Send the sector list", "follow_up"),
        ("Joint lab opens", "milestone"),
    ]
