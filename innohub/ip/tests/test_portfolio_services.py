"""Recording assets: validation, status history, stored deadlines that follow every change."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from innohub.ip import selectors, services
from innohub.ip.models import Asset, Deadline, DeadlineState
from innohub.ip.tests.factories import TODAY, make_asset

pytestmark = pytest.mark.django_db


def test_it_stores_the_engine_deadlines_of_a_new_patent(world):
    asset = make_asset(world)
    fees = asset.deadlines.filter(kind="annual-fee").order_by("sequence")
    assert [f.sequence for f in fees] == list(range(4, 21))
    assert fees[0].due == date(2023, 12, 4) and fees[0].shifted_from == date(2023, 12, 3)
    assert asset.expires_on == date(2040, 12, 2)
    assert asset.deadlines.get(kind="expiry").due == date(2040, 12, 2)
    assert asset.display_number == "ZL202010123456.2"


def test_fees_whose_grace_ended_before_tracking_began_count_as_settled(world):
    asset = make_asset(world, tracked_since=date(2025, 1, 1))
    states = dict(asset.deadlines.filter(kind="annual-fee").values_list("sequence", "state"))
    assert states[4] == DeadlineState.SETTLED  # due 2023-12-04, grace to 2024-06-03
    assert states[5] == DeadlineState.OPEN  # due 2024-12-03, grace to 2025-06-03


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("202010123456.3", "check character"),
        ("202020123456.8", "does not match"),  # a utility-model number on an invention
    ],
)
def test_a_wrong_number_is_refused_with_a_clear_message(world, number, message):
    with pytest.raises(ValidationError) as error:
        make_asset(world, number=number)
    assert message in " ".join(error.value.message_dict["number"])


def test_the_same_number_cannot_be_recorded_twice_for_a_type(world):
    make_asset(world)
    with pytest.raises(ValidationError):
        make_asset(world)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"granted_on": None}, "granted_on"),
        ({"filed_on": date(2027, 1, 1)}, "filed_on"),
        ({"granted_on": date(2020, 1, 1)}, "granted_on"),
        ({"owners": []}, "owners"),
        ({"status": "in_preparation"}, "filed_on"),
        ({"type": "pct", "number": "PCT/IL2020/050123"}, "status"),
        ({"nice_classes": [(9, "")]}, "nice_classes"),
    ],
)
def test_inconsistent_records_are_refused(world, changes, field):
    with pytest.raises(ValidationError) as error:
        make_asset(world, **changes)
    assert field in error.value.message_dict


def test_an_owner_must_belong_to_the_hub_whose_portfolio_counts_the_asset(world):
    with pytest.raises(ValidationError) as error:
        make_asset(world, owners=[world.org_b])
    assert "owners" in error.value.message_dict


def test_a_trademark_needs_a_nice_class_and_renewing_it_adds_ten_years(world):
    with pytest.raises(ValidationError):
        make_asset(
            world,
            type="cn-trademark",
            number="12345678",
            filed_on=date(2013, 3, 1),
            granted_on=None,
            registered_on=date(2014, 6, 2),
        )
    mark = make_asset(
        world,
        type="cn-trademark",
        number="12345678",
        filed_on=date(2013, 3, 1),
        published_on=None,
        granted_on=None,
        registered_on=date(2014, 6, 2),
        nice_classes=[(9, "0901"), (42, "")],
        tracked_since=date(2020, 1, 1),
    )
    renewal = mark.deadlines.get(kind="renewal")
    assert (renewal.due, renewal.window_opens) == (date(2024, 6, 3), date(2023, 6, 1))
    services.deadline_complete(deadline=renewal, by=world.erin, on=date(2024, 5, 20))
    mark.refresh_from_db()
    assert mark.expires_on == date(2034, 6, 1)
    assert mark.deadlines.get(kind="renewal", sequence=2).due == date(2034, 6, 1)
    services.deadline_reopen(deadline=renewal, by=world.erin)
    mark.refresh_from_db()
    assert mark.expires_on == date(2024, 6, 1)
    assert not mark.deadlines.filter(kind="renewal", sequence=2).exists()


def test_correcting_a_date_recomputes_the_deadlines_and_keeps_payments(world):
    asset = make_asset(world)
    fee = asset.deadlines.get(kind="annual-fee", sequence=5)
    services.deadline_complete(deadline=fee, by=world.bob, on=date(2024, 11, 30))
    services.asset_update(asset=asset, by=world.erin, filed_on=date(2020, 12, 1), today=TODAY)
    fee.refresh_from_db()
    assert fee.state == DeadlineState.DONE and fee.due == date(2024, 12, 2)
    assert asset.events.get(status="filed").on == date(2020, 12, 1)
    assert Asset.objects.get(pk=asset.pk).expires_on == date(2040, 11, 30)


def test_a_lapse_removes_open_deadlines_and_keeps_what_was_paid(world):
    asset = make_asset(world)
    paid = asset.deadlines.get(kind="annual-fee", sequence=4)
    services.deadline_complete(deadline=paid, by=world.bob, on=date(2023, 12, 1))
    services.asset_transition(
        asset=asset, to_status="lapsed", on=date(2024, 12, 3), by=world.erin, today=TODAY
    )
    assert list(asset.deadlines.values_list("sequence", flat=True)) == [4]
    with pytest.raises(ValidationError):
        services.asset_transition(
            asset=asset, to_status="filed", on=date(2025, 1, 1), by=world.erin, today=TODAY
        )


def test_an_application_moves_from_preparation_to_grant_and_gets_its_fees(world):
    asset = make_asset(
        world,
        number="",
        status="in_preparation",
        filed_on=None,
        published_on=None,
        granted_on=None,
        status_on=date(2024, 2, 1),
    )
    assert not asset.deadlines.exists()
    asset = services.asset_transition(
        asset=asset,
        to_status="filed",
        on=date(2024, 3, 4),
        by=world.bob,
        number="202410123456.0",
        today=TODAY,
    )
    assert list(asset.deadlines.values_list("kind", flat=True)) == ["expiry"]
    asset = services.asset_transition(
        asset=asset, to_status="valid", on=date(2026, 6, 2), by=world.erin, today=TODAY
    )
    assert asset.granted_on == date(2026, 6, 2)
    first_fee = asset.deadlines.filter(kind="annual-fee").order_by("sequence").first()
    assert first_fee.sequence == 4 and first_fee.due == date(2027, 3, 4)
    assert first_fee.provisional  # 2027: the Chinese schedule is not yet published
    assert [e.status for e in asset.events.all()] == ["in_preparation", "filed", "valid"]


def test_statistics_read_the_status_each_asset_had_on_the_day(world):
    make_asset(world)  # filed 2020-12-03, granted 2023-05-09
    make_asset(
        world,
        type="cn-utility",
        number="201220687633.0",
        filed_on=date(2012, 10, 1),
        published_on=None,
        granted_on=date(2013, 4, 1),
        tracked_since=date(2013, 4, 1),
    )
    assets = selectors.hub_assets(world.hub_a)
    early = selectors.statistics(assets=assets, on=date(2021, 1, 1))
    assert early.counts["cn-invention"]["filed"] == 1
    assert early.counts["cn-utility"]["valid"] == 1
    later = selectors.statistics(assets=assets, on=date(2024, 1, 1))
    assert later.counts["cn-invention"]["valid"] == 1
    # The utility model's term ended on 2022-09-30 even though nobody marked it expired.
    assert later.counts["cn-utility"]["expired"] == 1
    assert selectors.statistics(assets=assets, on=date(2019, 1, 1)).total == 1
    assert selectors.statistics(assets=selectors.hub_assets(world.hub_b), on=TODAY).total == 0


def test_a_hub_counts_an_asset_only_while_an_owner_is_its_member(world):
    from innohub.directory import services as directory_services

    make_asset(world)  # org_a has been resident in hub A since 2020-01-06
    assets = selectors.hub_assets(world.hub_a)
    assert selectors.statistics(assets=assets, on=date(2019, 6, 1), members_only=True).total == 0
    assert selectors.statistics(assets=assets, on=date(2024, 1, 1), members_only=True).total == 1
    membership = world.org_a.memberships.get(hub=world.hub_a)
    directory_services.membership_transition(
        membership=membership, to_state="left", on=date(2025, 1, 1), by=None
    )
    assert selectors.statistics(assets=assets, on=date(2024, 12, 31), members_only=True).total == 1
    assert selectors.statistics(assets=assets, on=date(2025, 1, 1), members_only=True).total == 0
    # The organisation's own figures still count it.
    own = selectors.organisation_assets(organisation=world.org_a, user=world.dave)
    assert selectors.statistics(assets=own, on=date(2025, 6, 1)).total == 1


def test_rights_past_their_term_are_marked_expired_but_a_mark_in_grace_waits(world):
    utility = make_asset(
        world,
        type="cn-utility",
        number="201220687633.0",
        filed_on=date(2012, 10, 1),
        published_on=None,
        granted_on=date(2013, 4, 1),
        tracked_since=date(2013, 4, 1),
    )
    mark = make_asset(
        world,
        type="cn-trademark",
        number="7654321",
        filed_on=date(2015, 1, 5),
        published_on=None,
        granted_on=None,
        registered_on=date(2016, 10, 7),
        nice_classes=[(10, "")],
        tracked_since=date(2020, 1, 1),
    )
    assert services.assets_expire(today=date(2026, 11, 22)) == 1
    utility.refresh_from_db()
    mark.refresh_from_db()
    assert utility.status == "expired" and utility.status_since == date(2022, 10, 1)
    assert mark.status == "valid"  # expired 2026-10-06, renewal grace runs to 2027-04-06
    assert services.assets_expire(today=date(2026, 11, 22)) == 0
    assert Deadline.objects.filter(asset=utility, state="open").count() == 0
