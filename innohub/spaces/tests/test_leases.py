"""Leases: rooms let to members over date ranges that never overlap, and their end in sight."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from innohub.accounts.models import RoleKind
from innohub.common.testing import grant, make_org, make_user
from innohub.spaces import selectors, services
from innohub.spaces.models import LeaseReminder, LeaseRoom, LeaseStatus

pytestmark = pytest.mark.django_db


def let(world, spaces, rooms=None, starts_on=date(2024, 1, 1), ends_on=date(2024, 12, 31), **extra):
    data = {
        "hub": world.hub_a,
        "organisation": world.org_a,
        "rooms": rooms or [spaces.office_1],
        "starts_on": starts_on,
        "ends_on": ends_on,
        "rent_rate": Decimal("4.20"),
        "by": world.alice,
    }
    data.update(extra)
    return services.lease_create(**data)


def test_it_lets_one_or_two_rooms_to_a_member(world, spaces):
    lease = let(world, spaces, rooms=[spaces.office_1, spaces.office_2])
    assert set(lease.rooms.all()) == {spaces.office_1, spaces.office_2}
    assert lease.status == LeaseStatus.SIGNED
    assert LeaseRoom.objects.filter(lease=lease, is_active=True).count() == 2


def test_two_leases_of_one_room_cannot_overlap(world, spaces):
    let(world, spaces)
    other = make_org({"en": "Zeta Labs"}, hub=world.hub_a)
    with pytest.raises(ValidationError) as caught:
        let(
            world,
            spaces,
            organisation=other,
            starts_on=date(2024, 12, 31),
            ends_on=date(2025, 6, 30),
        )
    message = caught.value.message_dict["rooms"][0]
    assert "A-103" in message and "Alpha Robotics" in message
    let(world, spaces, organisation=other, starts_on=date(2025, 1, 1), ends_on=date(2025, 6, 30))


def test_a_lease_overlapping_in_only_one_of_its_rooms_is_refused_whole(world, spaces):
    let(world, spaces, rooms=[spaces.office_2])
    with pytest.raises(ValidationError):
        let(world, spaces, rooms=[spaces.office_1, spaces.office_2], starts_on=date(2024, 6, 1))
    assert not LeaseRoom.objects.filter(room=spaces.office_1).exists()


def test_ending_early_frees_the_room_after_the_last_day(world, spaces):
    lease = let(world, spaces)
    services.lease_terminate(lease=lease, on=date(2024, 6, 30), by=world.alice)
    lease.refresh_from_db()
    assert lease.status == LeaseStatus.TERMINATED and lease.last_day == date(2024, 6, 30)
    other = make_org({"en": "Zeta Labs"}, hub=world.hub_a)
    with pytest.raises(ValidationError):
        let(world, spaces, organisation=other, starts_on=date(2024, 6, 30))
    let(world, spaces, organisation=other, starts_on=date(2024, 7, 1))
    with pytest.raises(ValidationError):
        services.lease_terminate(lease=lease, on=date(2025, 3, 1), by=world.alice)


def test_a_cancelled_lease_frees_its_rooms_for_its_dates(world, spaces):
    lease = let(world, spaces)
    services.lease_cancel(lease=lease, by=world.alice)
    assert not LeaseRoom.objects.filter(lease=lease, is_active=True).exists()
    let(world, spaces, organisation=make_org({"en": "Zeta Labs"}, hub=world.hub_a))
    with pytest.raises(ValidationError):
        services.lease_update(lease=lease, by=world.alice, rent_rate=Decimal(5))


def test_renewal_continues_the_next_day_and_happens_once(world, spaces):
    lease = let(world, spaces)
    renewal = services.lease_renew(
        lease=lease, ends_on=date(2026, 12, 31), rent_rate=Decimal("4.40"), by=world.alice
    )
    assert renewal.starts_on == date(2025, 1, 1)
    assert renewal.previous == lease
    assert list(renewal.rooms.all()) == [spaces.office_1]
    assert renewal.rent_rate == Decimal("4.40")
    with pytest.raises(ValidationError):
        services.lease_renew(lease=lease, ends_on=date(2027, 12, 31), by=world.alice)


def test_changing_the_dates_or_rooms_keeps_the_guard_in_step(world, spaces):
    lease = let(world, spaces)
    services.lease_update(
        lease=lease, by=world.alice, rooms=[spaces.office_2], ends_on=date(2025, 6, 30)
    )
    rows = list(LeaseRoom.objects.filter(lease=lease).values_list("room_id", "ends_on"))
    assert rows == [(spaces.office_2.pk, date(2025, 6, 30))]
    let(world, spaces, organisation=make_org({"en": "Zeta Labs"}, hub=world.hub_a))


def test_the_tenant_must_be_a_member_of_the_hub_on_the_first_day(world, spaces):
    with pytest.raises(ValidationError) as caught:
        let(world, spaces, organisation=world.org_a_applicant)
    assert "organisation" in caught.value.message_dict
    with pytest.raises(ValidationError):
        let(world, spaces, organisation=world.org_b)
    with pytest.raises(ValidationError):
        let(world, spaces, starts_on=date(2019, 6, 1), ends_on=date(2019, 12, 31))


@pytest.mark.parametrize("room", ["roadshow", "planned", "room_b"])
def test_only_lettable_rooms_of_the_hub_in_service_can_be_let(world, spaces, room):
    with pytest.raises(ValidationError) as caught:
        let(world, spaces, rooms=[getattr(spaces, room)])
    assert "rooms" in caught.value.message_dict


def test_the_last_day_cannot_come_before_the_first(world, spaces):
    with pytest.raises(ValidationError):
        let(world, spaces, starts_on=date(2024, 6, 1), ends_on=date(2024, 5, 31))


def test_expiring_leases_are_listed_30_60_and_90_days_ahead(world, spaces):
    today = timezone.localdate()
    start = today - timedelta(days=300)
    tenants = [make_org({"en": f"Tenant {i}"}, hub=world.hub_a, since=start) for i in range(4)]
    extra = [
        services.room_create(
            floor=spaces.floor,
            code=f"A-2{i}",
            kind="office",
            area_m2=50,
            capacity=4,
            in_service_from=date(2019, 12, 3),
        )
        for i in range(4)
    ]
    leases = [
        let(
            world,
            spaces,
            organisation=tenant,
            rooms=[room],
            starts_on=start,
            ends_on=today + timedelta(days=days),
        )
        for tenant, room, days in zip(tenants, extra, (10, 45, 90, 120), strict=True)
    ]
    items = selectors.leases_expiring(hub=world.hub_a, on=today)
    assert [(item.lease, item.mark, item.days_left) for item in items] == [
        (leases[0], 30, 10),
        (leases[1], 60, 45),
        (leases[2], 90, 90),
    ]
    services.lease_renew(lease=leases[0], ends_on=today + timedelta(days=400), by=world.alice)
    assert [item.lease for item in selectors.leases_expiring(hub=world.hub_a, on=today)] == leases[
        1:3
    ]
    assert selectors.leases_expiring(hub=world.hub_b, on=today) == []


def test_reminders_go_out_once_per_mark_in_each_readers_language(world, spaces):
    today = selectors.hub_today(world.hub_a)
    tenant = make_org(
        {"en": "Lima Tech", "zh-hans": "利马科技"},
        hub=world.hub_a,
        since=today - timedelta(days=100),
    )
    grant(make_user("lima", language="zh-hans"), RoleKind.MEMBER, organisation=tenant)
    let(
        world,
        spaces,
        organisation=tenant,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=60),
    )
    call_command("lease_reminders", verbosity=0)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["alice@example.test", "lima@example.test"]
    chinese = next(m for m in mail.outbox if m.to == ["lima@example.test"])
    assert "60" in chinese.subject and "租约" in chinese.subject
    english = next(m for m in mail.outbox if m.to == ["alice@example.test"])
    assert "ends in 60 days" in english.subject
    assert "A-103" in english.body
    call_command("lease_reminders", verbosity=0)
    assert len(mail.outbox) == 2
    assert LeaseReminder.objects.get().days_ahead == 60
    mail.outbox.clear()
    call_command("lease_reminders", on=(today + timedelta(days=31)).isoformat(), verbosity=0)
    assert len(mail.outbox) == 2
    assert sorted(LeaseReminder.objects.values_list("days_ahead", flat=True)) == [30, 60]
