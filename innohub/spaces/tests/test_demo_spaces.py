"""The demo hub's spaces reproduce the seeds and agree with its members."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from innohub.directory.models import Membership, MembershipState, members_on_q
from innohub.network.models import Hub
from innohub.spaces import selectors
from innohub.spaces.models import Booking, BookingKind, Building, Lease, Room, RoomKind, RoomState

pytestmark = pytest.mark.django_db


def area(**filters) -> Decimal:
    return Room.objects.filter(**filters).aggregate(total=Sum("area_m2"))["total"] or Decimal(0)


def test_phase_1_has_the_seeds_three_areas(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    phase_1 = dict(hub=hub, floor__building__phase__number=1)
    centre = Building.objects.get(site__hub=hub, code="1")
    assert area(floor__building=centre) == 1500
    assert area(**phase_1, kind=RoomKind.SUPPORT) == 1500
    assert area(**phase_1, kind=RoomKind.OFFICE) == 4500
    # The offices are the "small grid" of two buildings: dozens of rooms.
    offices = Room.objects.filter(**phase_1, kind=RoomKind.OFFICE)
    assert set(offices.values_list("floor__building__code", flat=True)) == {"2", "3"}
    assert offices.count() >= 24


def test_phase_2_has_50000_m2_of_offices_and_more_than_10000_of_apartments_partly_planned(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    phase_2 = dict(hub=hub, floor__building__phase__number=2)
    assert area(**phase_2, kind=RoomKind.OFFICE) == 50000
    assert area(**phase_2, kind=RoomKind.APARTMENT) > 10000
    assert area(**phase_2, in_service_from__isnull=True) > 0
    assert area(**phase_2, in_service_from__isnull=False) > 0


def test_the_park_has_20000_m2_two_100_seat_roadshow_centres_and_mantis_2000_m2(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    park = area(hub=hub, floor__building__site__position=1)
    assert 19500 <= park <= 21000
    roadshows = Room.objects.filter(hub=hub, kind=RoomKind.ROADSHOW)
    assert list(roadshows.values_list("capacity", flat=True)) == [100, 100]
    mantis = Lease.objects.filter(organisation=demo.orgs["mantis"])
    today = timezone.localdate()
    current = mantis.filter(selectors.lease_covering_q(today)).get()
    assert sum(room.area_m2 for room in current.rooms.all()) == 2000
    assert {room.kind for room in current.rooms.all()} == {RoomKind.OFFICE, RoomKind.EXHIBITION}


def test_every_member_holds_one_or_two_rooms_within_its_membership(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    today = timezone.localdate()
    members = Membership.objects.filter(members_on_q(today), hub=hub)
    current = Lease.objects.filter(selectors.lease_covering_q(today), hub=hub)
    leased = set(current.values_list("organisation_id", flat=True))
    # Residents have moved in; a member admitted only lately may not have a room yet.
    residents = members.filter(state=MembershipState.RESIDENT)
    assert set(residents.values_list("organisation_id", flat=True)) <= leased
    assert leased <= set(members.values_list("organisation_id", flat=True))
    for lease in current.prefetch_related("rooms"):
        assert 1 <= lease.rooms.count() <= 2
    periods = {m.organisation_id: m for m in Membership.objects.filter(hub=hub)}
    for lease in Lease.objects.filter(hub=hub):
        membership = periods[lease.organisation_id]
        assert membership.member_from <= lease.starts_on
        if membership.member_until:
            assert lease.last_day < membership.member_until
    firsts = Lease.objects.filter(hub=hub, previous__isnull=True).select_related("organisation")
    for lease in firsts:
        assert lease.starts_on == periods[lease.organisation_id].member_from


def test_occupancy_is_plausible_and_grows_with_the_hub(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    first_year = selectors.occupancy(hub=hub, on=date(2020, 12, 3)).total
    three_years = selectors.occupancy(hub=hub, on=date(2022, 11, 25)).total
    assert 32 <= first_year.rooms[RoomState.LEASED] <= 64
    assert 90 <= three_years.rooms[RoomState.LEASED] <= 190
    for figures in (first_year, three_years):
        assert 0.5 <= figures.occupancy_rate <= 0.95
    assert three_years.area[RoomState.LEASED] > first_year.area[RoomState.LEASED]
    # Phase 2's first building was still planned on the first anniversary.
    assert first_year.area[RoomState.PLANNED] > three_years.area[RoomState.PLANNED]


def test_some_leases_end_soon_and_rents_are_plausible(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    assert selectors.leases_expiring(hub=hub, on=timezone.localdate())
    rates = Lease.objects.filter(hub=hub).values_list("rent_rate", flat=True)
    assert all(Decimal("2.5") <= rate <= Decimal("7") for rate in rates)
    assert Lease.objects.filter(hub=hub, rent_free_months__gt=0).exists()


def test_roadshow_rooms_are_booked_around_the_hubs_events(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    around_anniversary = Booking.objects.filter(
        room__hub=hub,
        room__kind=RoomKind.ROADSHOW,
        starts_at__date__gte=date(2020, 12, 1),
        starts_at__date__lte=date(2020, 12, 5),
    )
    assert around_anniversary.count() >= 2
    soon = Booking.objects.filter(
        room__hub=hub, starts_at__gte=timezone.now(), starts_at__lte=timezone.now() + timedelta(30)
    )
    assert soon.filter(organisation=demo.orgs["ai-care"]).exists()
    roadshow_a = demo.extra["spaces"]["roadshow_a"]
    # Centre A is kept for the browser tests' bookings: only the demo events held there book it.
    ahead = Booking.objects.filter(room=roadshow_a, starts_at__gte=timezone.now())
    assert not ahead.exclude(kind=BookingKind.EVENT).exists()
    assert all(booking.held_by is not None for booking in ahead.filter(kind=BookingKind.EVENT))


def test_the_sister_hubs_have_a_few_rooms_too(demo):
    for slug in ("jiangsu-nanjing", "zhejiang-hangzhou"):
        hub = Hub.objects.get(slug=slug)
        assert Room.objects.filter(hub=hub, kind=RoomKind.MEETING).exists()
        assert Lease.objects.filter(hub=hub).exists()
