"""The expert pool: office hours, bookings refused twice by the database, who sees what."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.utils import timezone

from innohub.accounts.models import RoleKind
from innohub.common.testing import grant, make_user
from innohub.directory.models import Person
from innohub.servicedesk import access, selectors, services
from innohub.servicedesk.models import OfficeHourBooking

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(desk):
    person = Person.objects.create(
        name={"en": "Prof. Noa Levi", "he": "פרופ' נועה לוי"},
        email="noa@example.test",
        country="IL",
    )
    return services.expert_create(
        hub=desk.hub_a,
        person=person,
        by=desk.alice,
        kind="scientist",
        expertise={"en": "Soft robotics, rehabilitation devices"},
        languages=["he", "en"],
        can_judge=True,
    )


@pytest.fixture
def slot(desk, expert):
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    return services.office_hour_create(
        expert=expert,
        by=desk.alice,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        mode="online",
        meeting_url="https://meet.example.test/noa",
    )


def test_a_member_books_an_office_hour(desk, slot):
    booking = services.office_hour_book(
        office_hour=slot, organisation=desk.org_a, by=desk.bob, topic="Grip sensor design"
    )
    assert booking.organisation == desk.org_a
    hours = selectors.expert_office_hours(expert=slot.expert)
    assert hours[0].booking == booking


def test_double_booking_an_office_hour_is_refused(desk, slot):
    services.office_hour_book(office_hour=slot, organisation=desk.org_a, by=desk.bob, topic="A")
    with pytest.raises(ValidationError, match="Someone has just booked"):
        services.office_hour_book(
            office_hour=slot, organisation=desk.org_c, by=desk.carol, topic="B"
        )
    assert OfficeHourBooking.objects.filter(office_hour=slot).count() == 1


def test_the_database_itself_refuses_a_second_live_booking(desk, slot):
    OfficeHourBooking.objects.create(office_hour=slot, organisation=desk.org_a, topic="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeHourBooking.objects.create(office_hour=slot, organisation=desk.org_c, topic="B")


def test_a_cancelled_booking_frees_the_slot(desk, slot):
    booking = services.office_hour_book(
        office_hour=slot, organisation=desk.org_a, by=desk.bob, topic="A"
    )
    services.booking_cancel(booking=booking, by=desk.bob)
    again = services.office_hour_book(
        office_hour=slot, organisation=desk.org_c, by=desk.carol, topic="B"
    )
    assert again.organisation == desk.org_c


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_leave_exactly_one(desk, slot):
    outcomes = []

    def book(user, org):
        try:
            services.office_hour_book(office_hour=slot, organisation=org, by=user, topic="race")
            outcomes.append("booked")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=book, args=(desk.bob, desk.org_a)),
        threading.Thread(target=book, args=(desk.carol, desk.org_c)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked", "refused"]
    assert (
        OfficeHourBooking.objects.filter(office_hour=slot, cancelled_at__isnull=True).count() == 1
    )


def test_an_expert_cannot_offer_two_overlapping_office_hours(desk, slot):
    with pytest.raises(ValidationError, match="already has an office hour"):
        services.office_hour_create(
            expert=slot.expert,
            by=desk.alice,
            starts_at=slot.starts_at + timedelta(minutes=30),
            ends_at=slot.ends_at + timedelta(minutes=30),
            mode="online",
        )
    back_to_back = services.office_hour_create(
        expert=slot.expert,
        by=desk.alice,
        starts_at=slot.ends_at,
        ends_at=slot.ends_at + timedelta(minutes=45),
        mode="in_person",
        location="Roadshow room 1",
    )
    assert back_to_back.pk


def test_office_hours_need_a_future_start_a_sensible_length_and_a_place(desk, expert):
    now = timezone.now()
    for start, length, mode, location in [
        (now - timedelta(hours=1), 60, "online", ""),
        (now + timedelta(days=1), 5, "online", ""),
        (now + timedelta(days=1), 300, "online", ""),
        (now + timedelta(days=1), 60, "in_person", ""),
    ]:
        with pytest.raises(ValidationError):
            services.office_hour_create(
                expert=expert,
                by=desk.alice,
                starts_at=start,
                ends_at=start + timedelta(minutes=length),
                mode=mode,
                location=location,
            )


def test_only_members_of_the_hub_book_and_only_staff_or_the_expert_offer(desk, slot, expert):
    for outsider in (desk.mallory, desk.paula, desk.charlie):
        with pytest.raises(PermissionDenied):
            services.office_hour_book(
                office_hour=slot, organisation=desk.org_a, by=outsider, topic="x"
            )
    with pytest.raises(PermissionDenied):
        services.office_hour_create(
            expert=expert,
            by=desk.bob,
            starts_at=slot.starts_at + timedelta(days=1),
            ends_at=slot.ends_at + timedelta(days=1),
            mode="online",
        )
    noa = make_user("noa")
    Person.objects.filter(pk=expert.person_id).update(user=noa)
    expert.person.refresh_from_db()
    own = services.office_hour_create(
        expert=expert,
        by=noa,
        starts_at=slot.starts_at + timedelta(days=1),
        ends_at=slot.ends_at + timedelta(days=1),
        mode="online",
    )
    assert own.created_by == noa


def test_a_booking_is_seen_by_the_member_the_expert_and_staff_only(desk, slot):
    booking = services.office_hour_book(
        office_hour=slot, organisation=desk.org_a, by=desk.bob, topic="Private topic"
    )
    assert access.user_sees_booking(desk.bob, booking)
    assert access.user_sees_booking(desk.alice, booking)
    assert not access.user_sees_booking(desk.carol, booking)
    assert not access.user_sees_booking(desk.charlie, booking)
    assert list(selectors.bookings_for_user(user=desk.carol)) == []
    assert list(selectors.bookings_for_user(user=desk.bob)) == [booking]
    with pytest.raises(Http404):
        services.booking_cancel(booking=booking, by=desk.carol)


def test_withdrawing_a_slot_cancels_its_booking(
    desk, slot, mailoutbox, django_capture_on_commit_callbacks
):
    services.office_hour_book(office_hour=slot, organisation=desk.org_a, by=desk.bob, topic="A")
    with django_capture_on_commit_callbacks(execute=True):
        services.office_hour_cancel(office_hour=slot, by=desk.alice)
    assert OfficeHourBooking.objects.get(office_hour=slot).cancelled_at is not None
    assert {tuple(m.to) for m in mailoutbox} == {("bob@example.test",), ("noa@example.test",)}


def test_experts_open_to_judging_are_offered_to_contests_with_their_account(desk, expert):
    judge_user = grant(make_user("noa-judge"), RoleKind.JUDGE, hub=desk.hub_a)
    Person.objects.filter(pk=expert.person_id).update(user=judge_user)
    [candidate] = selectors.experts_for_contest_judging(hub=desk.hub_a)
    assert candidate.person.user == judge_user
    assert list(selectors.experts_for_contest_judging(hub=desk.hub_b)) == []


def test_experts_are_found_by_language(desk, expert):
    assert list(
        selectors.expert_list(
            hub=desk.hub_a, user=None, filters=selectors.ExpertFilters(language="he")
        )
    ) == [expert]
    assert (
        list(
            selectors.expert_list(
                hub=desk.hub_a, user=None, filters=selectors.ExpertFilters(language="zh")
            )
        )
        == []
    )
