"""Office hours in person are held in a meeting room of the hub, booked through spaces."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from innohub.directory.models import Person
from innohub.servicedesk import services
from innohub.spaces import services as spaces_services
from innohub.spaces.models import BookingKind, BookingStatus
from innohub.spaces.tests.conftest import build_spaces

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(desk):
    person = Person.objects.create(name={"en": "Dr. Lior Ben-David"}, country="IL")
    return services.expert_create(
        hub=desk.hub_a,
        person=person,
        by=desk.alice,
        kind="mentor",
        expertise={"en": "Market entry in China"},
        languages=["he", "en"],
        can_judge=True,
    )


@pytest.fixture
def rooms(world):
    return build_spaces(world)


def _slot(desk, expert, rooms, start, **extra):
    return services.office_hour_create(
        expert=expert,
        by=desk.alice,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        mode="in_person",
        room=rooms.meeting,
        **extra,
    )


def test_it_books_the_meeting_room_for_the_office_hour(desk, expert, rooms, client):
    slot = _slot(desk, expert, rooms, rooms.at(15))
    booking = slot.room_booking
    assert booking.room == rooms.meeting and booking.kind == BookingKind.OFFICE_HOURS
    assert (booking.starts_at, booking.ends_at) == (slot.starts_at, slot.ends_at)
    assert booking.held_by == slot
    assert str(rooms.meeting) in slot.place
    page = client.get(expert.get_absolute_url()).content.decode()
    assert "A-102" in page


def test_a_room_already_booked_is_refused(desk, expert, rooms):
    spaces_services.booking_create(
        room=rooms.meeting,
        starts_at=rooms.at(15, 30),
        ends_at=rooms.at(16, 30),
        title="Team planning",
        attendance=6,
        by=None,
    )
    with pytest.raises(ValidationError) as caught:
        _slot(desk, expert, rooms, rooms.at(15))
    assert "room" in caught.value.message_dict
    assert not expert.office_hours.exists()


def test_a_room_of_another_hub_is_refused(desk, expert, rooms):
    with pytest.raises(ValidationError) as caught:
        services.office_hour_create(
            expert=expert,
            by=desk.alice,
            starts_at=rooms.at(10),
            ends_at=rooms.at(11),
            mode="in_person",
            room=rooms.room_b,
        )
    assert "room" in caught.value.message_dict


def test_withdrawing_the_office_hour_frees_the_room(desk, expert, rooms, api_as):
    slot = _slot(desk, expert, rooms, rooms.at(15))
    services.office_hour_cancel(office_hour=slot, by=desk.alice)
    slot.room_booking.refresh_from_db()
    assert slot.room_booking.status == BookingStatus.CANCELLED
    response = api_as(desk.alice).post(
        f"/api/v1/services/experts/{expert.pk}/office-hours",
        {
            "starts_at": rooms.at(15).isoformat(),
            "ends_at": rooms.at(16).isoformat(),
            "mode": "in_person",
            "room": rooms.meeting.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["room"] == rooms.meeting.pk


def test_staff_make_an_expert_with_an_account_a_contest_judge(desk, expert, api_as, client_as):
    from innohub.accounts.access import user_is_judge
    from innohub.common.testing import make_user

    with pytest.raises(ValidationError, match="no account"):
        services.expert_judge_appoint(expert=expert, by=desk.alice)
    expert.person.user = make_user("lior")
    expert.person.save(update_fields=["user"])
    expert.can_judge = False
    expert.save(update_fields=["can_judge"])
    assert api_as(desk.alice).post(f"/api/v1/services/experts/{expert.pk}/judge").status_code == 400
    expert.can_judge = True
    expert.save(update_fields=["can_judge"])
    assert api_as(desk.bob).post(f"/api/v1/services/experts/{expert.pk}/judge").status_code == 403
    page = client_as(desk.alice).post(f"/services/experts/{expert.pk}/judge/", follow=True)
    assert page.status_code == 200
    assert user_is_judge(expert.person.user, desk.hub_a.pk)
