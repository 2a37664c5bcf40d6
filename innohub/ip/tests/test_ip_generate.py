"""The synthetic IP portfolio for load tests: consistent records with engine deadlines."""

from datetime import date

import pytest

from innohub.common.calendars import is_working_day
from innohub.common.generate import generate
from innohub.ip.models import Asset, Deadline
from innohub.ip.services import deadlines_recompute

pytestmark = pytest.mark.django_db


def test_the_small_dataset_has_its_ip_assets_with_the_engines_deadlines():
    generate(scale="small", seed=3, log=lambda line: None, today=date(2026, 1, 1))
    assert Asset.objects.filter(is_generated=True).count() == 6_000
    sample = list(Asset.objects.order_by("pk")[:40])
    for asset in sample:
        asset.full_clean()  # numbers valid for their type, every field in range
        assert asset.owners.filter(memberships__hub_id=asset.hub_id).exists()
    before = {
        (d.asset_id, d.kind, d.sequence, d.due) for d in Deadline.objects.filter(asset__in=sample)
    }
    for asset in sample:
        deadlines_recompute(asset=asset)
    after = {
        (d.asset_id, d.kind, d.sequence, d.due) for d in Deadline.objects.filter(asset__in=sample)
    }
    assert after == before
    for deadline in Deadline.objects.exclude(kind="expiry")[:500]:
        assert is_working_day(deadline.due, deadline.office)
