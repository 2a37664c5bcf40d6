"""Booking shared rooms: slots, capacity, overlap, who may book and cancel, recurrence, zones."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from innohub.common.testing import make_org
from innohub.spaces import services
from innohub.spaces.models import Booking, BookingKind, BookingStatus
from innohub.spaces.recurrence import Recurrence

pytestmark = pytest.mark.django_db


def book(spaces, by, start=(10, 0), end=(12, 0), **extra):
    data = {
        "room": spaces.roadshow,
        "starts_at": spaces.at(*start),
        "ends_at": spaces.at(*end),
        "title": "Investor roadshow",
        "attendance": 60,
        "by": by,
    }
    data.update(extra)
    return services.booking_create(**data)


def test_it_books_a_free_slot_for_the_members_organisation(world, spaces):
    booking = book(spaces, world.bob)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.organisation == world.org_a
    assert booking.booked_by == world.bob


def test_it_stores_utc_and_reads_back_in_the_hubs_zone(world, spaces):
    booking = book(spaces, world.bob, start=(9, 0), end=(10, 30))
    stored = Booking.objects.get(pk=booking.pk)
    assert stored.starts_at.utcoffset() == timedelta(0)
    assert stored.starts_at == datetime.combine(spaces.day, datetime.min.time(), tzinfo=UTC) + (
        timedelta(hours=1)
    )
    local = stored.local_starts_at()
    assert (local.hour, local.minute, str(local.tzinfo)) == (9, 0, "Asia/Shanghai")


def test_it_refuses_an_overlapping_booking_with_a_clear_message(world, spaces):
    book(spaces, world.bob, start=(10, 0), end=(12, 0))
    with pytest.raises(ValidationError) as caught:
        book(spaces, world.alice, start=(11, 30), end=(13, 0))
    assert caught.value.code == "overlap"
    assert "already taken" in caught.value.messages[0]
    assert "10:00" in caught.value.messages[0] and "12:00" in caught.value.messages[0]
    assert Booking.objects.count() == 1


def test_it_accepts_back_to_back_bookings(world, spaces):
    book(spaces, world.bob, start=(10, 0), end=(12, 0))
    book(spaces, world.alice, start=(12, 0), end=(13, 0))
    book(spaces, world.alice, start=(9, 0), end=(10, 0))
    assert Booking.objects.count() == 3


def test_the_same_time_in_another_room_is_free(world, spaces):
    book(spaces, world.bob)
    services.booking_create(
        room=spaces.meeting,
        starts_at=spaces.at(10),
        ends_at=spaces.at(12),
        title="Team meeting",
        attendance=5,
        by=world.bob,
    )
    assert Booking.objects.count() == 2


def test_it_checks_capacity_against_attendance(world, spaces):
    book(spaces, world.bob, attendance=100)
    with pytest.raises(ValidationError) as caught:
        services.booking_create(
            room=spaces.meeting,
            starts_at=spaces.at(10),
            ends_at=spaces.at(11),
            title="Too many",
            attendance=13,
            by=world.bob,
        )
    assert caught.value.code == "capacity"
    assert "12" in caught.value.messages[0] and "13" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        ((10, 10), (11, 0), "slot"),
        ((7, 0), (9, 0), "hours"),
        ((20, 0), (21, 30), "hours"),
        ((11, 0), (10, 0), "order"),
    ],
)
def test_it_keeps_bookings_on_the_slot_grid_and_within_opening_hours(
    world, spaces, start, end, code
):
    with pytest.raises(ValidationError) as caught:
        book(spaces, world.bob, start=start, end=end)
    assert caught.value.code == code


def test_it_refuses_the_past_and_members_far_ahead_but_not_staff(world, spaces):
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        services.booking_create(
            room=spaces.roadshow,
            starts_at=spaces.at(10, day=yesterday),
            ends_at=spaces.at(11, day=yesterday),
            title="Too late",
            attendance=5,
            by=world.alice,
        )
    assert caught.value.code == "past"
    far = spaces.day + timedelta(days=250)
    with pytest.raises(ValidationError) as caught:
        services.booking_create(
            room=spaces.roadshow,
            starts_at=spaces.at(10, day=far),
            ends_at=spaces.at(11, day=far),
            title="Too early",
            attendance=5,
            by=world.bob,
        )
    assert caught.value.code == "horizon"
    services.booking_create(
        room=spaces.roadshow,
        starts_at=spaces.at(10, day=far),
        ends_at=spaces.at(11, day=far),
        title="Annual conference",
        attendance=90,
        by=world.alice,
    )


def test_other_apps_may_lift_the_slot_rules_but_never_overlap_or_capacity(world, spaces):
    venue = services.booking_create(
        room=spaces.roadshow,
        starts_at=spaces.at(7, 45),
        ends_at=spaces.at(22, 0),
        title="Conference day",
        kind=BookingKind.EVENT,
        attendance=100,
        by=None,
        enforce_rules=False,
    )
    assert venue.booked_by is None
    with pytest.raises(ValidationError) as caught:
        services.booking_create(
            room=spaces.roadshow,
            starts_at=spaces.at(21, 0),
            ends_at=spaces.at(23, 0),
            title="After party",
            attendance=50,
            by=None,
            enforce_rules=False,
        )
    assert caught.value.code == "overlap"
    with pytest.raises(ValidationError):
        services.booking_create(
            room=spaces.meeting,
            starts_at=spaces.at(7, 45),
            ends_at=spaces.at(9, 0),
            title="Breakfast",
            attendance=30,
            by=None,
            enforce_rules=False,
        )


def test_it_refuses_offices_and_planned_rooms(world, spaces):
    with pytest.raises(ValidationError) as caught:
        services.booking_create(
            room=spaces.office_1,
            starts_at=spaces.at(10),
            ends_at=spaces.at(11),
            title="Not shared",
            attendance=2,
            by=None,
        )
    assert caught.value.code == "usage"


def test_a_room_out_of_service_cannot_be_booked(world, spaces):
    services.room_update(
        room=spaces.meeting,
        out_of_service_from=spaces.day - timedelta(days=1),
        back_in_service_on=spaces.day + timedelta(days=1),
    )
    with pytest.raises(ValidationError) as caught:
        services.booking_create(
            room=spaces.meeting,
            starts_at=spaces.at(10),
            ends_at=spaces.at(11),
            title="Renovation day",
            attendance=2,
            by=world.alice,
        )
    assert caught.value.code == "not_in_service"
    next_day = spaces.day + timedelta(days=1)
    services.booking_create(
        room=spaces.meeting,
        starts_at=spaces.at(10, day=next_day),
        ends_at=spaces.at(11, day=next_day),
        title="Back in service",
        attendance=2,
        by=world.alice,
    )


@pytest.mark.parametrize("who", ["charlie", "mallory", "ivan", "erin"])
def test_only_members_and_staff_of_the_hub_may_book(world, spaces, who):
    with pytest.raises(PermissionDenied):
        book(spaces, getattr(world, who))
    assert not Booking.objects.exists()


def test_an_applicant_is_not_yet_a_member_who_may_book(world, spaces):
    from innohub.accounts.models import RoleKind
    from innohub.common.testing import grant, make_user

    applicant = grant(make_user(), RoleKind.MEMBER, organisation=world.org_a_applicant)
    with pytest.raises(PermissionDenied):
        book(spaces, applicant)


def test_a_member_books_only_for_its_own_organisation_and_staff_for_any(world, spaces):
    other_member = make_org({"en": "Other member"}, hub=world.hub_a)
    with pytest.raises(ValidationError) as caught:
        book(spaces, world.bob, organisation=other_member)
    assert "organisation" in caught.value.message_dict
    booking = book(spaces, world.alice, organisation=other_member)
    assert booking.organisation == other_member
    hub_booking = book(spaces, world.alice, start=(14, 0), end=(15, 0))
    assert hub_booking.organisation is None


def test_cancelling_frees_the_slot_and_bumps_the_calendar_sequence(world, spaces):
    booking = book(spaces, world.bob)
    cancelled = services.booking_cancel(booking=booking, by=world.bob, reason="Moved online")
    assert cancelled.status == BookingStatus.CANCELLED
    assert cancelled.sequence == 1
    assert cancelled.cancelled_by == world.bob
    again = book(spaces, world.alice)
    assert again.status == BookingStatus.CONFIRMED
    with pytest.raises(ValidationError):
        services.booking_cancel(booking=booking, by=world.bob)


def test_only_the_booker_its_organisation_and_hub_staff_may_cancel(world, spaces):
    booking = book(spaces, world.bob)
    for outsider in (world.charlie, world.mallory, world.ivan):
        with pytest.raises(PermissionDenied):
            services.booking_cancel(booking=booking, by=outsider)
    services.booking_cancel(booking=booking, by=world.alice)
    assert Booking.objects.get(pk=booking.pk).cancelled_by == world.alice


def test_a_booking_that_is_over_cannot_be_cancelled(world, spaces):
    start = timezone.now() - timedelta(hours=3)
    booking = services.booking_create(
        room=spaces.roadshow,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        title="Yesterday's meeting",
        attendance=3,
        by=None,
        enforce_rules=False,
    )
    with pytest.raises(ValidationError):
        services.booking_cancel(booking=booking, by=world.alice)


def test_a_recurring_booking_books_every_date_or_none(world, spaces):
    blocker = book(spaces, world.alice, start=(10, 0), end=(11, 0))
    blocker.starts_at += timedelta(days=14)
    blocker.ends_at += timedelta(days=14)
    Booking.objects.filter(pk=blocker.pk).update(
        starts_at=blocker.starts_at, ends_at=blocker.ends_at
    )
    weekly = Recurrence("weekly", count=4)
    with pytest.raises(ValidationError) as caught:
        services.booking_series_create(
            room=spaces.roadshow,
            starts_at=spaces.at(10),
            ends_at=spaces.at(11),
            recurrence=weekly,
            title="Weekly demo",
            attendance=20,
            by=world.bob,
        )
    assert caught.value.code == "overlap"
    assert Booking.objects.count() == 1
    result = services.booking_series_create(
        room=spaces.roadshow,
        starts_at=spaces.at(10),
        ends_at=spaces.at(11),
        recurrence=weekly,
        title="Weekly demo",
        attendance=20,
        by=world.bob,
        skip_conflicts=True,
    )
    assert len(result.bookings) == 3
    assert [s.date() for s, _e in result.skipped] == [spaces.day + timedelta(days=14)]
    assert result.series.rrule == "FREQ=WEEKLY;COUNT=4"
    assert {b.series_id for b in result.bookings} == {result.series.pk}


def test_cancelling_a_series_cancels_only_the_dates_to_come(world, spaces):
    result = services.booking_series_create(
        room=spaces.meeting,
        starts_at=spaces.at(16),
        ends_at=spaces.at(17),
        recurrence=Recurrence("daily", count=5),
        title="Stand-up",
        attendance=6,
        by=world.bob,
    )
    first = result.bookings[0]
    Booking.objects.filter(pk=first.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    count = services.booking_series_cancel(series=result.series, by=world.bob)
    assert count == 4
    assert Booking.objects.get(pk=first.pk).status == BookingStatus.CONFIRMED


def test_a_series_must_respect_the_rules_on_every_date(world, spaces):
    with pytest.raises(ValidationError) as caught:
        services.booking_series_create(
            room=spaces.roadshow,
            starts_at=spaces.at(10),
            ends_at=spaces.at(11),
            recurrence=Recurrence("weekly", count=30),
            title="Half a year of demos",
            attendance=20,
            by=world.bob,
        )
    assert caught.value.code == "horizon"
    assert not Booking.objects.exists()
