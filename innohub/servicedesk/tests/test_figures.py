"""Dashboard figures of the service desk on fixed data, as the reports app reads them."""

from datetime import date
from decimal import Decimal

import pytest

from innohub.servicedesk import selectors, services
from innohub.servicedesk.models import RequestState

from .conftest import sh

pytestmark = pytest.mark.django_db
S = RequestState
YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))


def play(desk, submit, *, submitted, answered=None, done=None, rating=None, service=None):
    request = submit(now=submitted, service=service or desk.permits)
    if answered:
        services.request_transition(
            request=request, to_state=S.ACCEPTED, by=desk.alice, now=answered
        )
    if done:
        services.request_transition(request=request, to_state=S.DONE, by=desk.alice, now=done)
    if rating:
        services.request_rate(request=request, by=desk.bob, rating=rating)
    return request


def test_request_figures_count_states_times_punctuality_and_satisfaction(desk, submit):
    # Answered after 1 h and 3 h (on time, target 4 h), and after 6 h (late); one never answered.
    play(desk, submit, submitted=sh(2025, 3, 17, 9), answered=sh(2025, 3, 17, 10),
         done=sh(2025, 3, 17, 18), rating=5)  # fmt: skip
    play(desk, submit, submitted=sh(2025, 3, 18, 9), answered=sh(2025, 3, 18, 12),
         done=sh(2025, 3, 19, 18), rating=3)  # fmt: skip
    play(desk, submit, submitted=sh(2025, 3, 19, 9), answered=sh(2025, 3, 19, 15))
    play(desk, submit, submitted=sh(2025, 3, 20, 9), service=desk.company_setup)
    play(desk, submit, submitted=sh(2024, 12, 31, 9))  # outside the period
    figures = selectors.request_figures(desk.hub_a, YEAR_2025)
    assert figures["total"] == 4
    assert figures["by_state"] == {
        "submitted": 1,
        "accepted": 1,
        "in_progress": 0,
        "waiting_member": 0,
        "done": 2,
        "cancelled": 0,
    }
    permits = figures["by_service"][0]
    assert (permits["service_id"], permits["total"], permits["by_state"]["done"]) == (
        desk.permits.pk,
        3,
        2,
    )
    assert figures["median_response_hours"] == 3.0
    # Done after 9 and 18 desk hours: the median is 13.5.
    assert figures["median_completion_hours"] == 13.5
    # Two answered in time, one late, one overdue without answer: 2 of 4.
    assert figures["response_on_time_share"] == 0.5
    assert figures["overdue_unanswered"] == 1
    assert figures["satisfaction"] == {
        "rated": 2,
        "average": 4.0,
        "distribution": {"1": 0, "2": 0, "3": 1, "4": 0, "5": 1},
    }
    assert selectors.request_figures(desk.hub_b, YEAR_2025)["total"] == 0


def test_programme_figures_follow_applications_to_the_amount_granted(desk):
    programme = services.programme_create(
        hub=desk.hub_a, by=desk.alice, funder_kind="government", name={"en": "Rent"},
        rules=[], is_rolling=True,
    )  # fmt: skip
    granted = services.application_create(
        programme=programme, organisation=desk.org_a, by=desk.bob, on=date(2025, 2, 3)
    )
    services.application_transition(
        application=granted, to_state="submitted", by=desk.alice, on=date(2025, 2, 10)
    )
    services.application_transition(
        application=granted, to_state="granted", by=desk.alice, on=date(2025, 5, 6),
        amount_granted=Decimal("60000"),
    )  # fmt: skip
    services.application_create(
        programme=programme, organisation=desk.org_c, by=desk.carol, on=date(2025, 4, 1)
    )
    figures = selectors.programme_figures(desk.hub_a, (date(2000, 1, 1), date(2099, 12, 31)))
    assert figures["applications"] == 2
    assert figures["by_state"]["granted"] == 1 and figures["by_state"]["preparing"] == 1
    assert figures["amount_granted"] == "60000.00"
    assert figures["by_programme"][0]["granted_count"] == 1
    # Grants count by the day they were decided.
    assert (
        selectors.programme_figures(desk.hub_a, (date(2025, 6, 1), date(2025, 12, 31)))[
            "amount_granted"
        ]
        == "0.00"
    )


def test_figures_accept_a_period_object_with_start_and_end(desk, submit):
    from dataclasses import dataclass

    @dataclass
    class Period:
        start: date
        end: date

    play(desk, submit, submitted=sh(2025, 3, 17, 9))
    assert selectors.desk_figures(desk.hub_a, Period(*YEAR_2025))["requests"]["total"] == 1
