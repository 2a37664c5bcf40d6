"""Twenty people try to book the same slot at the same moment: exactly one gets it.

Runs on whichever database the suite runs on (SQLite by default, PostgreSQL with DATABASE_URL;
scripts/test runs both). Each thread has its own database connection. Transactional tests
flush the database afterwards, so each test builds what it needs itself.
"""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, connections, transaction

from innohub.accounts.models import RoleKind
from innohub.common.testing import grant, make_org, make_user, make_world
from innohub.spaces import guards, services
from innohub.spaces.models import Booking, BookingStatus, LeaseRoom
from innohub.spaces.tests.conftest import build_spaces

THREADS = 20


def run_together(worker, count=THREADS):
    """Start `count` threads that wait on a barrier, then call worker(i) at the same moment."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def target(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[index] = ("ok", worker(index))
        except Exception as exc:  # every outcome, good or bad, is inspected by the test
            outcomes[index] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_twenty_members_booking_the_same_slot_at_once_leave_exactly_one_booking():
    world = make_world()
    spaces = build_spaces(world)
    members = []
    for i in range(THREADS):
        organisation = make_org({"en": f"Racer {i}"}, hub=world.hub_a)
        members.append(grant(make_user(f"racer{i}"), RoleKind.MEMBER, organisation=organisation))

    def attempt(index: int) -> int:
        return services.booking_create(
            room=spaces.roadshow,
            starts_at=spaces.at(14),
            ends_at=spaces.at(16),
            title=f"Roadshow {index}",
            attendance=80,
            by=members[index],
        ).pk

    outcomes = run_together(attempt)
    successes = [value for kind, value in outcomes if kind == "ok"]
    failures = [value for kind, value in outcomes if kind == "error"]
    assert len(successes) == 1
    assert len(failures) == THREADS - 1
    for error in failures:
        assert isinstance(error, ValidationError), repr(error)
        assert error.code == "overlap"
        assert "already taken" in error.messages[0]
    assert (
        list(
            Booking.objects.filter(
                room=spaces.roadshow, status=BookingStatus.CONFIRMED
            ).values_list("pk", flat=True)
        )
        == successes
    )


@pytest.mark.django_db(transaction=True)
def test_the_database_alone_keeps_concurrent_raw_inserts_apart():
    """No service, no Python check: twenty overlapping INSERTs race and one survives."""
    world = make_world()
    spaces = build_spaces(world)

    def insert(index: int) -> int:
        with transaction.atomic():
            return Booking.objects.create(
                room=spaces.roadshow,
                starts_at=spaces.at(9, 0),
                ends_at=spaces.at(10 + index % 3, 0),
                title=f"Raw {index}",
                attendance=1,
            ).pk

    outcomes = run_together(insert)
    errors = [value for kind, value in outcomes if kind == "error"]
    assert sum(1 for kind, _value in outcomes if kind == "ok") == 1
    # Each loser meets the guard, or PostgreSQL aborts it as a deadlock while checking it.
    assert all(
        (isinstance(e, IntegrityError) and guards.is_violation(e, guards.BOOKING_GUARD))
        or (isinstance(e, OperationalError) and guards.is_guard_deadlock(e))
        for e in errors
    ), errors
    assert Booking.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_staff_letting_the_same_office_at_once_make_one_lease():
    world = make_world()
    spaces = build_spaces(world)
    tenants = [make_org({"en": f"Tenant {i}"}, hub=world.hub_a) for i in range(THREADS)]

    def let(index: int) -> int:
        return services.lease_create(
            hub=world.hub_a,
            organisation=tenants[index],
            rooms=[spaces.office_1],
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 12, 31),
            rent_rate=Decimal("4.00"),
            by=world.alice,
        ).pk

    outcomes = run_together(let)
    assert sum(1 for kind, _value in outcomes if kind == "ok") == 1
    errors = [value for kind, value in outcomes if kind == "error"]
    assert all(isinstance(e, ValidationError) for e in errors), errors
    assert LeaseRoom.objects.filter(room=spaces.office_1, is_active=True).count() == 1


def test_the_concurrency_tests_run_on_a_database_with_separate_connections():
    # SQLite's in-memory test database is shared by nobody; the test settings use a file.
    if connection.vendor == "sqlite":
        assert connection.settings_dict["TEST"]["NAME"]
