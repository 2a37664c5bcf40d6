"""Introductions by hub staff, tracked to a meeting, a pilot, an agreement or an investment."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innohub.matching import selectors, services
from innohub.matching.models import IntroductionState

pytestmark = pytest.mark.django_db
S = IntroductionState


@pytest.fixture
def introduction(market):  # type: ignore[no-untyped-def]
    return services.introduction_create(
        by=market.world.alice,
        hub=market.world.hub_a,
        listing=market.thesis,
        counterpart=market.offer,
        on=timezone.localdate() - timedelta(days=60),
        note="Lunch at the roadshow centre.",
    )


def test_it_follows_an_introduction_to_an_investment(market, introduction):
    today = timezone.localdate()
    alice = market.world.alice
    services.introduction_transition(
        introduction=introduction, to_state=S.MEETING, by=alice, on=today - timedelta(days=50)
    )
    # A step may be skipped: no pilot between an investor and a startup.
    services.introduction_transition(
        introduction=introduction,
        to_state=S.INVESTMENT,
        by=alice,
        on=today - timedelta(days=3),
        reference="Seed round, term sheet 2024-07",
    )
    introduction.refresh_from_db()
    assert introduction.state == S.INVESTMENT and introduction.reference.startswith("Seed")
    assert [e.state for e in introduction.events.all()] == [S.INTRODUCED, S.MEETING, S.INVESTMENT]
    assert [e.recorded_by for e in introduction.events.all()] == [alice, alice, alice]
    counts = selectors.introduction_counts(user=alice)
    assert counts[S.INVESTMENT] == 1 and counts[S.MEETING] == 0


@pytest.mark.parametrize(
    ("path", "wrong"),
    [
        ([S.PILOT], S.MEETING),
        ([S.AGREEMENT], S.PILOT),
        ([S.AGREEMENT], S.ENDED),
        ([S.INVESTMENT], S.AGREEMENT),
        ([S.MEETING, S.ENDED], S.PILOT),
    ],
)
def test_an_introduction_never_walks_back(market, introduction, path, wrong):
    for state in path:
        services.introduction_transition(introduction=introduction, to_state=state, by=None)
    with pytest.raises(ValidationError):
        services.introduction_transition(introduction=introduction, to_state=wrong, by=None)


def test_an_ended_introduction_can_be_taken_up_again(market, introduction):
    services.introduction_transition(introduction=introduction, to_state=S.ENDED, by=None)
    assert services.introduction_next_states(S.ENDED) == [S.INTRODUCED]
    services.introduction_transition(introduction=introduction, to_state=S.INTRODUCED, by=None)
    introduction.refresh_from_db()
    assert introduction.is_open


def test_dates_go_forward_and_not_into_the_future(market, introduction):
    with pytest.raises(ValidationError, match="before"):
        services.introduction_transition(
            introduction=introduction, to_state=S.MEETING, by=None, on=date(2001, 1, 1)
        )
    with pytest.raises(ValidationError, match="future"):
        services.introduction_transition(
            introduction=introduction,
            to_state=S.MEETING,
            by=None,
            on=timezone.localdate() + timedelta(days=2),
        )


def test_what_cannot_be_introduced(market, introduction):
    world = market.world
    with pytest.raises(ValidationError, match="already"):
        services.introduction_create(
            by=world.alice, hub=world.hub_a, listing=market.offer, counterpart=market.thesis
        )
    with pytest.raises(ValidationError, match="answer"):
        services.introduction_create(
            by=world.alice,
            hub=world.hub_a,
            listing=market.private_need,
            counterpart=market.members_need,
        )
    with pytest.raises(ValidationError, match="hub"):
        services.introduction_create(
            by=world.charlie,
            hub=world.hub_b,
            listing=market.private_need,
            counterpart=market.offer,
        )


def test_staff_record_steps_on_the_page(client_as, market, introduction):
    staff = client_as(market.world.alice)
    page = staff.get(introduction.get_absolute_url()).content.decode()
    assert 'id="introduction-step"' in page and "Lunch at the roadshow centre." in page
    response = staff.post(
        f"/matching/introductions/{introduction.pk}/step/",
        {
            "state": S.AGREEMENT,
            "on": timezone.localdate().isoformat(),
            "reference": "MoU CIIH-2024-07",
        },
    )
    assert response.status_code == 302
    page = staff.get(introduction.get_absolute_url()).content.decode()
    assert "MoU CIIH-2024-07" in page
    member_view = client_as(market.world.bob).get(introduction.get_absolute_url()).content.decode()
    assert 'id="introduction-step"' not in member_view and "MoU CIIH-2024-07" in member_view
    listing = staff.get("/matching/introductions/", {"state": S.AGREEMENT}).content.decode()
    assert "Seed rounds in Israeli medical devices" in listing


def test_staff_introduce_from_the_suggestions_of_a_listing(client_as, market):
    staff = client_as(market.world.alice)
    page = staff.get(market.offer.get_absolute_url()).content.decode()
    assert f"/matching/{market.offer.pk}/introduce/{market.private_need.pk}/" in page
    response = staff.post(
        f"/matching/{market.offer.pk}/introduce/{market.private_need.pk}/",
        {"on": timezone.localdate().isoformat(), "note": "Both at the hub on Thursday."},
    )
    assert response.status_code == 302
    page = staff.get(market.offer.get_absolute_url()).content.decode()
    assert "Introduced" in page
    refused = client_as(market.world.bob).post(
        f"/matching/{market.offer.pk}/introduce/{market.thesis.pk}/",
        {"on": timezone.localdate().isoformat()},
    )
    assert refused.status_code == 403


def _agreement(market, *organisations, status="signed"):  # type: ignore[no-untyped-def]
    from innohub.relations.services import PartyInput, agreement_create

    return agreement_create(
        by=None,
        hub=market.world.hub_a,
        parties=[PartyInput(organisation=org) for org in organisations],
        kind="investment",
        status=status,
        title={"en": f"Agreement of {len(organisations)} ({status})"},
        signed_on=None if status == "draft" else timezone.localdate() - timedelta(days=5),
    )


def test_an_agreement_step_names_the_agreement_of_both_organisations(
    client_as, market, introduction
):
    ours = (market.thesis.organisation, market.offer.organisation)
    signed = _agreement(market, *ours)
    draft = _agreement(market, *ours, status="draft")
    one_side = _agreement(market, ours[0], market.world.org_b)
    alice = market.world.alice
    choices = set(selectors.introduction_agreement_choices(introduction))
    assert choices == {signed}
    for wrong in (draft, one_side):
        with pytest.raises(ValidationError, match="both"):
            services.introduction_transition(
                introduction=introduction, to_state=S.INVESTMENT, by=alice, agreement_id=wrong.pk
            )
    with pytest.raises(ValidationError, match="Only an agreement"):
        services.introduction_transition(
            introduction=introduction, to_state=S.MEETING, by=alice, agreement_id=signed.pk
        )
    introduction.refresh_from_db()
    assert introduction.state == S.INTRODUCED and introduction.agreement is None

    staff = client_as(alice)
    page = staff.get(introduction.get_absolute_url()).content.decode()
    assert f'<option value="{signed.pk}"' in page and f'<option value="{draft.pk}"' not in page
    staff.post(
        f"/matching/introductions/{introduction.pk}/step/",
        {"state": S.INVESTMENT, "on": timezone.localdate().isoformat(), "agreement": signed.pk},
    )
    introduction.refresh_from_db()
    assert (introduction.state, introduction.agreement) == (S.INVESTMENT, signed)
    page = staff.get(introduction.get_absolute_url()).content.decode()
    assert 'id="introduction-agreement"' in page and signed.get_absolute_url() in page
    # The agreement's page leads back to the introduction, for those who may see it.
    assert introduction.get_absolute_url() in staff.get(signed.get_absolute_url()).content.decode()
    outsider = client_as(market.world.charlie).get(signed.get_absolute_url()).content.decode()
    assert introduction.get_absolute_url() not in outsider


def test_the_api_names_the_agreement_and_refuses_a_wrong_one(api_as, market, introduction):
    signed = _agreement(market, market.thesis.organisation, market.offer.organisation)
    one_side = _agreement(market, market.thesis.organisation, market.world.org_b)
    api = api_as(market.world.alice)
    url = f"/api/v1/matching/introductions/{introduction.pk}/steps"
    wrong = api.post(
        url, {"state": "agreement", "agreement": one_side.pk}, content_type="application/json"
    )
    assert wrong.status_code == 400
    introduction.refresh_from_db()
    assert introduction.agreement is None and introduction.state == S.INTRODUCED
    response = api.post(
        url, {"state": "agreement", "agreement": signed.pk}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["agreement"] == signed.pk
