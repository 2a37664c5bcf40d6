"""Support programmes: rules evaluated on an organisation's own records, and applications."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from innohub.directory import services as directory_services
from innohub.directory.models import Sector
from innohub.ip.tests.factories import make_asset
from innohub.servicedesk import selectors, services
from innohub.servicedesk.eligibility import ELIGIBLE, NOT_ELIGIBLE
from innohub.servicedesk.facts import collect_facts, months_between
from innohub.servicedesk.models import ApplicationState, ProgrammeApplication

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 16)

RENT_RULES = [
    {"fact": "membership_state", "op": "in", "value": ["admitted", "resident"]},
    {"fact": "membership_months", "op": "lte", "value": 36},
    {"fact": "company_age_years", "op": "lte", "value": 5},
    {"fact": "country", "op": "in", "value": ["IL", "JOINT"]},
]
PATENT_RULES = [
    {"fact": "membership_state", "op": "eq", "value": "resident"},
    {"fact": "ip_invention_patents_granted", "op": "gte", "value": 1},
]
TALENT_RULES = [
    {"fact": "sectors", "op": "any_of", "value": ["ai-robotics", "healthcare-bioscience"]},
    {"fact": "headcount", "op": "between", "value": [3, 200]},
]


@pytest.fixture
def programmes(desk):
    make = services.programme_create
    return {
        "rent": make(
            hub=desk.hub_a,
            by=desk.alice,
            funder_kind="government",
            name={"en": "Rent subsidy for incubated companies"},
            rules=RENT_RULES,
            windows=[(date(2025, 6, 1), date(2025, 6, 30))],
        ),
        "patent": make(
            hub=desk.hub_a,
            by=desk.alice,
            funder_kind="government",
            name={"en": "Invention patent subsidy"},
            rules=PATENT_RULES,
            is_rolling=True,
        ),
        "talent": make(
            hub=desk.hub_a,
            by=desk.alice,
            funder_kind="hub",
            name={"en": "Talent programme"},
            rules=TALENT_RULES,
            windows=[(date(2025, 9, 1), date(2025, 9, 30))],
        ),
    }


@pytest.fixture
def alpha(desk):
    """org_a: Israeli, resident in hub A since 6 January 2020, founded 2021, 12 people, AI."""
    org = desk.org_a
    directory_services.organisation_update(
        organisation=org,
        by=desk.alice,
        as_staff=True,
        founded_year=2021,
        headcount=12,
        sectors=[Sector.objects.get(slug="ai-robotics")],
    )
    return org


def verdicts(org, hub, programmes):
    results = selectors.eligibility_for_organisation(
        organisation=org, hub=hub, programmes=list(programmes.values()), today=TODAY
    )
    return {p.slug: e for p, e in results}


def test_months_are_whole_calendar_months():
    assert months_between(date(2020, 1, 6), date(2025, 6, 16)) == 65
    assert months_between(date(2025, 3, 31), date(2025, 4, 30)) == 0
    assert months_between(date(2025, 3, 3), date(2025, 4, 3)) == 1
    assert months_between(date(2025, 5, 1), date(2025, 4, 1)) == 0


def test_facts_come_from_the_organisations_own_records(desk, alpha):
    facts = collect_facts([alpha, desk.org_c], desk.hub_a, TODAY)
    assert facts[alpha.pk]["country"] == "IL"
    assert facts[alpha.pk]["company_age_years"] == 4
    assert facts[alpha.pk]["membership_state"] == "resident"
    assert facts[alpha.pk]["membership_months"] == 65
    assert facts[alpha.pk]["sectors"] == ["ai-robotics"]
    assert facts[desk.org_c.pk]["company_age_years"].reason == "founding year not recorded"
    assert facts[alpha.pk]["ip_invention_patents_granted"] == 0
    assert collect_facts([alpha], desk.hub_b, TODAY)[alpha.pk]["membership_state"] == "none"


def test_each_programme_gets_a_verdict_with_a_reason_per_rule(desk, alpha, programmes):
    result = verdicts(alpha, desk.hub_a, programmes)
    rent = result[programmes["rent"].slug]
    assert rent.outcome == NOT_ELIGIBLE
    assert [r.outcome for r in rent.results] == ["met", "missed", "met", "met"]
    assert rent.results[1].reason == (
        "Not met: Length of membership is 65 months; required: at most 36 months."
    )
    assert rent.results[2].reason == (
        "Met: Age of the company is 4 years; required: at most 5 years."
    )
    assert rent.results[0].reason == (
        "Met: Membership status in the hub is Resident; required: one of Admitted, Resident."
    )
    talent = result[programmes["talent"].slug]
    assert talent.outcome == ELIGIBLE
    assert talent.results[1].reason == (
        "Met: Headcount is 12 people; required: from 3 people to 200 people."
    )


def test_rules_on_ip_counts_read_the_ip_portfolio_on_the_day(desk, alpha, programmes):
    patent = verdicts(alpha, desk.hub_a, programmes)[programmes["patent"].slug]
    assert patent.outcome == NOT_ELIGIBLE
    assert patent.results[1].reason == (
        "Not met: Granted invention patents is 0; required: at least 1."
    )
    make_asset(desk, owners=[alpha], granted_on=date(2023, 5, 9))
    make_asset(  # still an application on the day: it does not count as granted
        desk, owners=[alpha], number="202110654321.3", status="filed", granted_on=None
    )
    patent = verdicts(alpha, desk.hub_a, programmes)[programmes["patent"].slug]
    assert patent.outcome == ELIGIBLE
    assert patent.results[1].reason == (
        "Met: Granted invention patents is 1; required: at least 1."
    )
    facts = collect_facts([alpha], desk.hub_a, TODAY)[alpha.pk]
    assert facts["ip_patent_applications_pending"] == 1
    # Before the grant, the same organisation had none.
    before = collect_facts([alpha], desk.hub_a, date(2023, 5, 1))[alpha.pk]
    assert before["ip_invention_patents_granted"] == 0


def test_a_newer_member_is_eligible_for_the_rent_subsidy(desk, programmes):
    newcomer = directory_services.organisation_create(
        by=None, name={"en": "Delta Water"}, kind="startup", country="JOINT", founded_year=2023
    )
    directory_services.membership_start(
        organisation=newcomer, hub=desk.hub_a, state="admitted", on=date(2024, 2, 1), by=None
    )
    rent = verdicts(newcomer, desk.hub_a, programmes)[programmes["rent"].slug]
    assert rent.outcome == ELIGIBLE
    assert rent.results[1].reason == (
        "Met: Length of membership is 16 months; required: at most 36 months."
    )


def test_staff_see_which_members_look_eligible(desk, alpha, programmes):
    rows = selectors.eligibility_of_members(programme=programmes["talent"], today=TODAY)
    # The applicant is no member; org_c has no sector recorded, so the sector rule is missed.
    assert [(org.pk, e.outcome) for org, e in rows] == [
        (alpha.pk, ELIGIBLE),
        (desk.org_c.pk, NOT_ELIGIBLE),
    ]


def test_malformed_rules_are_refused_when_saved(desk):
    with pytest.raises(ValidationError) as caught:
        services.programme_create(
            hub=desk.hub_a,
            by=desk.alice,
            funder_kind="hub",
            name={"en": "Broken"},
            rules=[{"fact": "turnover", "op": "gte", "value": 1}],
        )
    assert "unknown fact" in str(caught.value)
    with pytest.raises(ValidationError):
        services.programme_create(
            hub=desk.hub_a,
            by=desk.alice,
            funder_kind="hub",
            name={"en": "Code"},
            rules=[{"fact": "country", "op": "eq", "value": "__import__('os')"}],
        )


def test_only_staff_of_the_hub_manage_programmes(desk):
    for user in (desk.bob, desk.charlie, desk.paula):
        with pytest.raises(PermissionDenied):
            services.programme_create(
                hub=desk.hub_a, by=user, funder_kind="hub", name={"en": "Mine"}, rules=[]
            )


def test_applications_follow_the_window_and_are_tracked_to_the_amount_granted(
    desk, alpha, programmes
):
    talent, rent = programmes["talent"], programmes["rent"]
    with pytest.raises(ValidationError, match="not open"):
        services.application_create(programme=talent, organisation=alpha, by=desk.bob, on=TODAY)
    application = services.application_create(
        programme=rent, organisation=alpha, by=desk.bob, amount_requested=Decimal("80000"), on=TODAY
    )
    assert application.eligibility_snapshot["outcome"] == NOT_ELIGIBLE
    with pytest.raises(ValidationError, match="already has an open application"):
        services.application_create(programme=rent, organisation=alpha, by=desk.bob, on=TODAY)
    with pytest.raises(PermissionDenied):
        services.application_transition(
            application=application, to_state="submitted", by=desk.bob, on=TODAY
        )
    with pytest.raises(ValidationError, match="cannot go from"):
        services.application_transition(
            application=application, to_state="granted", by=desk.alice, on=TODAY
        )
    services.application_transition(
        application=application, to_state="submitted", by=desk.alice, on=date(2025, 6, 20)
    )
    with pytest.raises(ValidationError, match="amount granted"):
        services.application_transition(
            application=application, to_state="granted", by=desk.alice, on=date(2025, 8, 1)
        )
    services.application_transition(
        application=application,
        to_state="granted",
        by=desk.alice,
        on=date(2025, 8, 1),
        amount_granted=Decimal("60000.00"),
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.GRANTED
    assert application.amount_granted == Decimal("60000.00")
    assert (application.submitted_on, application.decided_on) == (
        date(2025, 6, 20),
        date(2025, 8, 1),
    )


def test_the_database_keeps_amounts_to_granted_applications(desk, alpha, programmes):
    application = services.application_create(
        programme=programmes["rent"], organisation=alpha, by=desk.bob, on=TODAY
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeApplication.objects.filter(pk=application.pk).update(amount_granted=5)


def test_a_member_may_withdraw_its_application_but_not_another(desk, alpha, programmes):
    application = services.application_create(
        programme=programmes["rent"], organisation=alpha, by=desk.bob, on=TODAY
    )
    from django.http import Http404

    with pytest.raises(Http404):
        services.application_transition(
            application=application, to_state="withdrawn", by=desk.carol, on=TODAY
        )
    services.application_transition(
        application=application, to_state="withdrawn", by=desk.bob, on=TODAY
    )
    assert ProgrammeApplication.objects.get(pk=application.pk).state == "withdrawn"
