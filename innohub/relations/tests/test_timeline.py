"""The timeline of an organisation or a hub: providers, ordering and who sees which entry."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from innohub.directory.services import membership_transition
from innohub.relations import services
from innohub.relations.tests.factories import agreement, visit
from innohub.relations.timeline import (
    TimelineEntry,
    order_entries,
    timeline_for,
    timeline_providers,
)

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def entry(when, title, kind="event", precision="day"):
    return TimelineEntry(when=when, kind=kind, title=title, precision=precision)


def test_entries_are_newest_first_with_unknown_dates_last():
    entries = [
        entry(date(2020, 12, 3), "anniversary"),
        entry(None, "year not stated", precision="unknown"),
        entry(date(2022, 11, 25), "90 members"),
        entry(date(2019, 12, 3), "opening"),
    ]
    ordered = [e.title for e in order_entries(entries, SHANGHAI)]
    assert ordered == ["90 members", "anniversary", "opening", "year not stated"]


def test_on_the_same_day_timed_entries_come_first_latest_first():
    day = date(2020, 12, 3)
    entries = [
        entry(day, "all day"),
        entry(datetime(2020, 12, 3, 1, 0, tzinfo=ZoneInfo("UTC")), "09:00 Shanghai"),
        entry(datetime(2020, 12, 3, 6, 0, tzinfo=ZoneInfo("UTC")), "14:00 Shanghai"),
        entry(date(2020, 12, 4), "next day"),
    ]
    ordered = [e.title for e in order_entries(entries, SHANGHAI)]
    assert ordered == ["next day", "14:00 Shanghai", "09:00 Shanghai", "all day"]


def test_a_time_belongs_to_the_day_of_the_timelines_zone():
    # 17:00 UTC on 2 December is 01:00 on 3 December in Shanghai.
    late = entry(datetime(2020, 12, 2, 17, 0, tzinfo=ZoneInfo("UTC")), "after midnight")
    ordered = order_entries([entry(date(2020, 12, 3), "that day"), late], SHANGHAI)
    assert [e.title for e in ordered] == ["after midnight", "that day"]


def test_this_app_registers_its_three_providers():
    names = {provider.__name__ for provider in timeline_providers()}
    assert {"agreement_entries", "visit_entries", "admission_entries"} <= names


def test_another_apps_provider_contributes_entries_without_relations_knowing_it(world):
    def events(*, user, organisation=None, hub=None):
        yield TimelineEntry(
            when=datetime(2020, 12, 3, 2, 0, tzinfo=ZoneInfo("UTC")),
            kind="event",
            title="Digital Innovation Conference",
        )

    entries = timeline_for(
        user=world.mallory, hub=world.hub_a, providers=[*timeline_providers(), events]
    )
    assert "Digital Innovation Conference" in [e.title for e in entries]


def test_the_organisation_timeline_merges_agreements_visits_and_admissions(world):
    agreement(world.hub_a, world.org_a, world.org_b, signed_on=date(2021, 3, 1))
    trip = visit(world.hub_a, starts_on=date(2022, 5, 9), ends_on=date(2022, 5, 9))
    services.visit_stop_add(visit=trip, by=None, title={"en": "Lab"}, host_organisation=world.org_a)
    entries = timeline_for(user=world.mallory, organisation=world.org_a)
    assert [(e.kind, e.when) for e in entries] == [
        ("visit", date(2022, 5, 9)),
        ("agreement", date(2021, 3, 1)),
        ("admission", date(2020, 1, 6)),
    ]


def test_a_hub_timeline_names_the_organisations(world):
    entries = timeline_for(user=world.mallory, hub=world.hub_a)
    admissions = [e for e in entries if e.kind == "admission"]
    assert [e.title for e in admissions] == ["Alpha Robotics became a resident"]


def test_private_membership_states_are_for_the_organisation_and_its_hub_staff(world):
    membership = world.org_a.memberships.get()
    membership_transition(membership=membership, to_state="left", on=date(2023, 1, 2), by=None)
    membership_transition(membership=membership, to_state="applicant", on=date(2024, 2, 5), by=None)

    def states(user):
        return [e.status for e in timeline_for(user=user, organisation=world.org_a)]

    assert states(world.mallory) == ["Resident"]
    assert states(world.charlie) == ["Resident"]
    assert states(world.bob) == ["Applicant", "Left", "Resident"]
    assert states(world.alice) == ["Applicant", "Left", "Resident"]


def test_an_unlisted_applicant_is_not_on_a_hub_timeline_for_the_public(world):
    public = timeline_for(user=world.mallory, hub=world.hub_a)
    staff = timeline_for(user=world.alice, hub=world.hub_a)
    assert not any("Applicant Labs" in str(e.title) for e in public)
    assert any("Applicant Labs" in str(e.title) for e in staff)


def test_drafts_appear_only_on_insiders_timelines(world):
    agreement(world.hub_a, world.org_a, world.org_b, status="draft", title={"en": "Draft MoU"})

    def titles(user):
        return [str(e.title) for e in timeline_for(user=user, organisation=world.org_b)]

    assert "Draft MoU" not in titles(world.mallory)
    assert "Draft MoU" in titles(world.alice)


def test_an_agreement_with_an_unknown_date_is_last_and_says_what_is_known(world):
    agreement(
        world.hub_a,
        world.org_a,
        world.org_b,
        signed_precision="unknown",
        signed_note={"en": "During TechWeek; the year is not stated."},
        title={"en": "Undated"},
    )
    entries = timeline_for(user=world.mallory, organisation=world.org_a)
    assert str(entries[-1].title) == "Undated"
    assert entries[-1].date_note["en"] == "During TechWeek; the year is not stated."


def test_the_timeline_pages_and_panels_show_the_entries(client, world):
    agreement(world.hub_a, world.org_a, world.org_b, title={"en": "Robot MoU"})
    page = client.get(f"/relations/timeline/organisation/{world.org_a.slug}/").content.decode()
    assert "Robot MoU" in page and "Became a resident of" in page
    assert "Robot MoU" in client.get(world.org_a.get_absolute_url()).content.decode()
    hub_page = client.get(f"/relations/timeline/hub/{world.hub_a.slug}/?kind=admission")
    assert "Robot MoU" not in hub_page.content.decode()
    assert "Alpha Robotics" in hub_page.content.decode()


def test_the_timeline_of_an_unlisted_organisation_is_not_found_for_outsiders(
    client, client_as, world
):
    url = f"/relations/timeline/organisation/{world.org_a_applicant.slug}/"
    assert client.get(url).status_code == 404
    assert client_as(world.alice).get(url).status_code == 200


def test_a_limited_timeline_is_the_head_of_the_full_one(world):
    for n in range(4):
        agreement(world.hub_a, world.org_a, world.org_b, signed_on=date(2021, 3, 1 + n))
    visit(world.hub_a, starts_on=date(2021, 3, 2), ends_on=date(2021, 3, 2))

    def events(*, user, organisation=None, hub=None):  # an older provider without `limit`
        yield TimelineEntry(when=date(2021, 3, 3), kind="event", title="Roadshow")

    providers = [*timeline_providers(), events]
    full = timeline_for(user=world.alice, hub=world.hub_a, providers=providers)
    head = timeline_for(user=world.alice, hub=world.hub_a, providers=providers, limit=4)
    assert len(full) > 4
    assert [(e.kind, e.when, str(e.title)) for e in head] == [
        (e.kind, e.when, str(e.title)) for e in full[:4]
    ]
