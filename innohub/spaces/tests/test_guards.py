"""The database itself refuses double bookings and double lets, whatever path the write takes."""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_migrate

from innohub.spaces import guards
from innohub.spaces.models import Booking, BookingStatus, Lease, LeaseRoom

pytestmark = pytest.mark.django_db


def raw_booking(spaces, start, end, **extra):
    """A booking written straight to the table: no service, no Python overlap check."""
    return Booking.objects.create(
        room=spaces.roadshow,
        starts_at=spaces.at(*start),
        ends_at=spaces.at(*end),
        title="Raw",
        attendance=1,
        **extra,
    )


def test_the_guards_are_installed_by_the_migrations():
    expected = (
        {guards.BOOKING_GUARD, guards.LEASE_GUARD}
        if connection.vendor == "postgresql"
        else set(guards.SQLITE_TRIGGERS)
    )
    assert guards.installed(connection) == expected


def test_the_database_refuses_an_overlapping_confirmed_booking(spaces):
    raw_booking(spaces, (10, 0), (12, 0))
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        raw_booking(spaces, (11, 0), (13, 0))
    assert guards.is_violation(caught.value, guards.BOOKING_GUARD)
    assert Booking.objects.count() == 1


def test_the_database_refuses_moving_a_booking_onto_another(spaces):
    raw_booking(spaces, (10, 0), (12, 0))
    later = raw_booking(spaces, (14, 0), (15, 0))
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=later.pk).update(starts_at=spaces.at(11, 30))


def test_cancelled_and_deleted_bookings_do_not_hold_the_slot(spaces):
    cancelled = raw_booking(spaces, (10, 0), (12, 0), status=BookingStatus.CANCELLED)
    deleted = raw_booking(spaces, (10, 0), (12, 0))
    deleted.soft_delete()
    raw_booking(spaces, (10, 0), (12, 0))
    assert Booking.all_objects.count() == 3
    # ...and reviving either of them would double-book, so the database refuses that too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=cancelled.pk).update(status=BookingStatus.CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.all_objects.filter(pk=deleted.pk).update(deleted_at=None)


def test_touching_bookings_do_not_overlap(spaces):
    raw_booking(spaces, (10, 0), (12, 0))
    raw_booking(spaces, (12, 0), (13, 0))
    raw_booking(spaces, (9, 0), (10, 0))
    assert Booking.objects.count() == 3


def test_a_long_booking_still_blocks_what_starts_inside_it(spaces):
    start = spaces.at(8)
    Booking.objects.create(
        room=spaces.roadshow,
        starts_at=start,
        ends_at=start + timedelta(days=13, hours=12),
        title="Exhibition fortnight",
        attendance=1,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            room=spaces.roadshow,
            starts_at=start + timedelta(days=13),
            ends_at=start + timedelta(days=13, hours=1),
            title="Inside",
            attendance=1,
        )


def test_the_database_refuses_overlapping_lets_of_a_room(world, spaces):
    def lease(starts_on, ends_on):
        return Lease.objects.create(
            hub=world.hub_a,
            organisation=world.org_a,
            starts_on=starts_on,
            ends_on=ends_on,
            rent_rate=4,
        )

    first = lease(date(2024, 1, 1), date(2024, 12, 31))
    LeaseRoom.objects.create(
        lease=first, room=spaces.office_1, starts_on=first.starts_on, ends_on=first.ends_on
    )
    second = lease(date(2024, 12, 31), date(2025, 12, 31))
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        LeaseRoom.objects.create(
            lease=second, room=spaces.office_1, starts_on=second.starts_on, ends_on=second.ends_on
        )
    assert guards.is_violation(caught.value, guards.LEASE_GUARD)
    # The next day is free (both ends of a lease are included), and an inactive row is ignored.
    LeaseRoom.objects.create(
        lease=second, room=spaces.office_1, starts_on=date(2025, 1, 1), ends_on=second.ends_on
    )
    LeaseRoom.objects.create(
        lease=first,
        room=spaces.office_2,
        starts_on=first.starts_on,
        ends_on=first.ends_on,
        is_active=False,
    )
    LeaseRoom.objects.create(
        lease=second, room=spaces.office_2, starts_on=date(2024, 6, 1), ends_on=second.ends_on
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite rebuilds tables and triggers")
def test_the_sqlite_triggers_come_back_after_a_migration_rebuilds_the_table(spaces):
    guards.remove(connection)
    assert guards.installed(connection) == set()
    config = apps.get_app_config("spaces")
    post_migrate.send(
        sender=config, app_config=config, verbosity=0, interactive=False, using="default"
    )
    assert guards.installed(connection) == set(guards.SQLITE_TRIGGERS)
    raw_booking(spaces, (10, 0), (12, 0))
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_booking(spaces, (11, 0), (12, 0))
