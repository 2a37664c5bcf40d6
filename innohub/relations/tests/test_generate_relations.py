"""The synthetic load-test dataset carries agreements and visits between members of one hub."""

from datetime import date

import pytest

from innohub.common.generate import generate
from innohub.relations.models import Agreement, Visit

pytestmark = pytest.mark.django_db


def test_the_synthetic_dataset_includes_agreements_and_visits_between_hub_members():
    generate(scale="small", seed=3, log=lambda line: None, today=date(2026, 1, 1))
    generated = Agreement.objects.filter(hub__slug__startswith="gen-hub-")
    assert generated.count() == 240
    for agreement in generated[:20]:
        parties = list(agreement.parties.all())
        assert len(parties) >= 2
        assert all(p.organisation.memberships.filter(hub=agreement.hub).exists() for p in parties)
    assert Visit.objects.filter(hub__slug__startswith="gen-hub-", is_generated=True).count() == 120
