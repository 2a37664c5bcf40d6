"""The synthetic dataset: reproducible from its seed, consistent, and refused twice."""

import pytest

from innohub.common.generate import generate
from innohub.directory.models import Membership, Organisation
from innohub.network.models import Hub

pytestmark = pytest.mark.django_db


def fingerprint():
    return (
        list(
            Hub.objects.filter(slug__startswith="gen-")
            .order_by("slug")
            .values_list("slug", "opened_on")
        ),
        list(
            Organisation.objects.filter(is_generated=True)
            .order_by("slug")
            .values_list("slug", "country", "uscc")[:200]
        ),
        Membership.objects.count(),
    )


class Undo(Exception):
    pass


def test_the_same_seed_gives_the_same_dataset():
    from datetime import date

    from django.db import transaction

    def run():
        generate(scale="small", seed=7, log=lambda line: None, today=date(2026, 1, 1))
        return fingerprint()

    with pytest.raises(Undo), transaction.atomic():
        first = run()
        assert Organisation.objects.filter(is_generated=True).count() == 1200
        for org in Organisation.objects.filter(is_generated=True)[:50]:
            org.full_clean()  # identifiers valid, names present
        raise Undo
    assert not Hub.objects.filter(slug__startswith="gen-").exists()
    assert run() == first


def test_a_second_run_on_the_same_database_is_refused():
    generate(scale="small", seed=1, log=lambda line: None)
    with pytest.raises(ValueError, match="already holds"):
        generate(scale="small", seed=2, log=lambda line: None)
