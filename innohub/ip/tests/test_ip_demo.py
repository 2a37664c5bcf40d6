"""The demo hub's IP reproduces the seeds' figures on the first anniversary."""

from __future__ import annotations

from datetime import date

import pytest

from innohub.common.calendars import is_working_day
from innohub.ip import selectors, services
from innohub.ip.models import Asset, Deadline, DeadlineState, Reminder
from innohub.network.models import Hub

pytestmark = pytest.mark.django_db

ANNIVERSARY = date(2020, 12, 3)


@pytest.fixture
def figures(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    return selectors.statistics(
        assets=selectors.hub_assets(hub), on=ANNIVERSARY, members_only=True
    ).counts


def test_the_first_anniversary_figures_are_exactly_the_seeds(figures):
    assert figures["cn-trademark"]["valid"] == 37
    assert figures["cn-utility"]["valid"] == 22
    assert figures["cn-software"]["valid"] == 68
    assert figures["cn-invention"]["valid"] == 19
    assert figures["cn-design"]["valid"] == 1
    assert figures["cn-design"]["filed"] + figures["cn-design"]["under_examination"] == 1
    in_preparation = sum(row["in_preparation"] for row in figures.values())
    assert in_preparation == 10


def test_the_seeds_more_than_100_and_more_than_50_patents(figures):
    valid = sum(row["valid"] for row in figures.values())
    assert valid > 100
    patents = sum(
        sum(figures[t][s] for s in ("valid", "filed", "under_examination", "in_preparation"))
        for t in ("cn-invention", "cn-utility", "cn-design")
    )
    assert patents > 50


def test_the_statistics_page_shows_them(client, demo):
    response = client.get("/ip/statistics/", {"hub": "ciih-shanghai", "on": "2020-12-03"})
    rows = {row["type"]: row for row in response.context["figures"].rows()}
    assert rows["cn-trademark"]["valid"] == 37 and rows["cn-software"]["valid"] == 68


def test_generated_records_are_marked_and_owned_by_members(demo):
    assert not Asset.objects.filter(is_generated=False).exists()
    hub = Hub.objects.get(slug="ciih-shanghai")
    existing = Asset.objects.filter(hub=hub, events__on__lte=ANNIVERSARY).distinct()
    not_counted = existing.exclude(selectors.counted_in_hub_q(ANNIVERSARY))
    # Only Mantis Vision's rights existed then without counting: it joined in 2022.
    assert set(not_counted.values_list("owners__slug", flat=True)) == {"mantis-vision"}


def test_the_stored_deadlines_are_what_the_engine_computes(demo):
    """Recomputing every demo asset through the service changes nothing."""
    before = {
        (d.asset_id, d.kind, d.sequence): (d.due, d.grace_ends, d.state)
        for d in Deadline.objects.all()
    }
    for asset in Asset.objects.all():
        services.deadlines_recompute(asset=asset)
    after = {
        (d.asset_id, d.kind, d.sequence): (d.due, d.grace_ends, d.state)
        for d in Deadline.objects.all()
    }
    assert after == before
    for deadline in Deadline.objects.exclude(kind="expiry"):
        assert is_working_day(deadline.due, deadline.office)


def test_the_board_the_reminders_and_the_member_dashboard_have_content(client_as, demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    board = selectors.board_for(hub_ids=frozenset({hub.pk}), today=demo.today)
    assert board.overdue and board.in_grace and board.due_this_month
    assert Reminder.objects.filter(user=demo.users["ipofficer"]).exists()
    member = client_as(demo.users["member"]).get("/ip/my/")
    assert member.context["reminders"] and member.context["deadlines"]
    assert Deadline.objects.filter(state=DeadlineState.DONE).count() > 200
    officer = client_as(demo.users["ipofficer"]).get("/ip/board/")
    assert officer.status_code == 200 and officer.context["hub"] == hub


def test_the_status_on_a_day_is_the_last_change_recorded_by_then(demo):
    """Statistics read an asset's own status when it has not changed since the day; that must
    give what the history alone gives, on every day, across the whole demo network."""
    from django.utils import timezone

    from innohub.ip.models import AssetEvent, AssetStatus

    events: dict[int, list[tuple[date, int, str]]] = {}
    for asset_id, on, pk, status in AssetEvent.objects.values_list(
        "asset_id", "on", "pk", "status"
    ):
        events.setdefault(asset_id, []).append((on, pk, status))
    assets = list(Asset.objects.values_list("pk", "type", "expires_on"))
    assert len(assets) > 200
    today = timezone.localdate()
    for day in (date(2019, 12, 3), ANNIVERSARY, date(2023, 6, 30), today):
        expected: dict[tuple[str, str], int] = {}
        for pk, type_, expires_on in assets:
            then = [e for e in events.get(pk, []) if e[0] <= day]
            if not then:
                continue
            status = max(then)[2]
            if status == AssetStatus.VALID and expires_on and expires_on < day:
                status = AssetStatus.EXPIRED
            expected[type_, status] = expected.get((type_, status), 0) + 1
        counts = selectors.statistics(assets=Asset.objects.all(), on=day).counts
        found = {(t, s): n for t, row in counts.items() for s, n in row.items() if n}
        assert found == expected, day
