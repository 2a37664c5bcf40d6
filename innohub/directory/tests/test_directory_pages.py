"""The public directory, organisation pages, self-edit, staff edit and history."""

import pytest

from innohub.directory.models import Organisation

pytestmark = pytest.mark.django_db


def names(response):
    return {org.slug for org in response.context["page"].object_list}


def test_the_public_sees_listed_organisations_but_not_applicants(client, world):
    slugs = names(client.get("/directory/"))
    assert world.org_a.slug in slugs and world.org_b.slug in slugs
    assert world.org_a_applicant.slug not in slugs


def test_staff_of_the_hub_also_see_its_applicants_but_staff_of_another_hub_do_not(client_as, world):
    assert world.org_a_applicant.slug in names(client_as(world.alice).get("/directory/"))
    assert world.org_a_applicant.slug not in names(client_as(world.charlie).get("/directory/"))
    assert client_as(world.charlie).get(world.org_a_applicant.get_absolute_url()).status_code == 404
    assert client_as(world.alice).get(world.org_a_applicant.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("query", ["alpha", "阿尔法", "אלפא", "ＡＬＰＨＡ"])
def test_search_finds_an_organisation_in_any_of_its_languages(client, world, query):
    assert names(client.get("/directory/", {"q": query})) == {world.org_a.slug}


def test_filters_by_hub_country_kind_and_sector(client, world):
    from innohub.directory.models import Sector

    cyber = Sector.objects.get(slug="cybersecurity")
    world.org_b.sectors.add(cyber)
    assert names(client.get("/directory/", {"hub": "hub-b"})) == {world.org_b.slug}
    assert world.org_a.slug not in names(client.get("/directory/", {"country": "CN"}))
    assert names(client.get("/directory/", {"kind": "enterprise"})) == {world.org_b.slug}
    assert names(client.get("/directory/", {"sector": "cybersecurity"})) == {world.org_b.slug}
    assert names(client.get("/directory/", {"hub": "hub-a", "status": "resident"})) == {
        world.org_a.slug
    }


def test_the_public_cannot_filter_a_hub_by_private_states(client, client_as, world):
    assert names(client.get("/directory/", {"hub": "hub-a", "status": "applicant"})) == set()
    assert names(
        client_as(world.alice).get("/directory/", {"hub": "hub-a", "status": "applicant"})
    ) == {world.org_a_applicant.slug}


def test_htmx_requests_get_only_the_results_fragment(client, world):
    response = client.get(
        "/directory/", {"q": "bravo"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    body = response.content.decode()
    assert "<html" not in body and "Bravo Data" in body


def test_contacts_are_private_to_the_organisation_and_its_hub_staff(client, client_as, world):
    url = world.org_a.get_absolute_url()
    assert "contact@alpha.test" not in client.get(url).content.decode()
    assert "contact@alpha.test" not in client_as(world.charlie).get(url).content.decode()
    assert "contact@alpha.test" not in client_as(world.mallory).get(url).content.decode()
    assert "contact@alpha.test" in client_as(world.bob).get(url).content.decode()
    assert "contact@alpha.test" in client_as(world.alice).get(url).content.decode()
    assert "contact@alpha.test" in client_as(world.dave).get(url).content.decode()


def test_a_member_edits_its_own_profile_and_the_change_is_in_history(client_as, world):
    client = client_as(world.bob)
    form = client.get(f"/directory/{world.org_a.slug}/edit/")
    assert form.status_code == 200 and "kind" not in form.context["form"].fields
    response = client.post(
        f"/directory/{world.org_a.slug}/edit/",
        {
            "name_0": "阿尔法机器人",
            "name_1": "Alpha Robotics",
            "name_2": "אלפא רובוטיקה",
            "description_1": "Grippers for delicate fruit.",
            "headcount": "14",
            "il_company_number": "516179157",
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(pk=world.org_a.pk)
    assert org.headcount == 14 and org.description["en"] == "Grippers for delicate fruit."
    assert org.history.count() >= 2 and org.history.first().history_user == world.bob
    history = client_as(world.alice).get(f"/directory/{world.org_a.slug}/history/")
    assert "Grippers for delicate fruit." in history.content.decode()
    assert client_as(world.bob).get(f"/directory/{world.org_a.slug}/history/").status_code == 403


def test_a_bad_identifier_is_refused_with_the_reason_and_nothing_changes(client_as, world):
    response = client_as(world.bob).post(
        f"/directory/{world.org_a.slug}/edit/",
        {
            "name_1": "Alpha Robotics",
            "il_company_number": "516179150",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "check digit" in response.content.decode()
    assert Organisation.objects.get(pk=world.org_a.pk).il_company_number is None


def test_members_cannot_edit_other_organisations_nor_staff_of_other_hubs(client_as, world):
    assert client_as(world.bob).get(f"/directory/{world.org_b.slug}/edit/").status_code == 403
    assert client_as(world.charlie).get(f"/directory/{world.org_a.slug}/edit/").status_code == 403
    assert (
        client_as(world.mallory)
        .post(f"/directory/{world.org_a.slug}/edit/", {"name_1": "Hacked"})
        .status_code
        == 403
    )
    assert str(Organisation.objects.get(pk=world.org_a.pk).name) == "Alpha Robotics"


def test_staff_add_an_organisation_to_their_hub_only(client_as, world):
    data = {
        "name_1": "Delta Water",
        "kind": "startup",
        "country": "IL",
        "hub": world.hub_a.pk,
        "state": "admitted",
        "since": "2024-02-01",
    }
    response = client_as(world.alice).post("/directory/new/", data)
    assert response.status_code == 302
    created = Organisation.objects.get(slug="delta-water")
    assert created.memberships.get().hub == world.hub_a
    data["hub"] = world.hub_b.pk
    data["name_1"] = "Echo Water"
    response = client_as(world.alice).post("/directory/new/", data)
    assert (
        response.status_code == 200 and not Organisation.objects.filter(slug="echo-water").exists()
    )
    assert client_as(world.bob).get("/directory/new/").status_code == 403


def test_staff_move_a_membership_along_and_wrong_moves_are_refused(client_as, world):
    membership = world.org_a_applicant.memberships.get()
    url = f"/directory/memberships/{membership.pk}/transition/"
    assert (
        client_as(world.charlie).post(url, {"state": "admitted", "on": "2024-03-01"}).status_code
        == 403
    )
    client_as(world.alice).post(url, {"state": "resident", "on": "2024-03-01"})
    membership.refresh_from_db()
    assert membership.state == "applicant"
    client_as(world.alice).post(url, {"state": "admitted", "on": "2024-03-01"})
    membership.refresh_from_db()
    assert membership.state == "admitted" and membership.events.last().recorded_by == world.alice


def test_list_pages_use_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    from innohub.common.testing import make_org

    for i in range(30):
        make_org({"en": f"Filler {i}"}, hub=world.hub_a)
    with django_assert_max_num_queries(14):
        assert client.get("/directory/").status_code == 200
