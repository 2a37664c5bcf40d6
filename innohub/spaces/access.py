"""Who may see rooms, floors, leases and bookings, and who may book or let them.

The public sees shared rooms that are listed publicly and when they are free; members of a
hub also see its members-only shared rooms, book them for their organisation and see their
own leases and bookings; the hub's staff see and manage everything of their hub.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from innohub.accounts.access import (
    ALL_HUBS,
    grants_for,
    hub_ids_staffed_by,
    require,
    user_is_hub_staff,
)
from innohub.directory.models import Membership, Organisation, members_on_q
from innohub.spaces.models import Booking, Floor, Lease, Room, RoomUsage


def member_organisation_ids(user: Any, hub_id: int, day: date | None = None) -> set[int]:
    """Organisations the user represents as a member that belong to the hub on `day`."""
    organisations = grants_for(user).member_organisations
    if not organisations:
        return set()
    cache = user.__dict__.setdefault("_spaces_member_orgs", {})
    key = (hub_id, day)
    if key not in cache:
        cache[key] = set(
            Membership.objects.filter(
                members_on_q(day or timezone.localdate()),
                hub_id=hub_id,
                organisation_id__in=organisations,
                organisation__deleted_at__isnull=True,
            ).values_list("organisation_id", flat=True)
        )
    return cache[key]


def user_is_member_of_hub(user: Any, hub_id: int) -> bool:
    return bool(member_organisation_ids(user, hub_id))


def user_manages_spaces(user: Any, hub_id: int | None) -> bool:
    return user_is_hub_staff(user, hub_id)


def member_hub_ids(user: Any) -> set[int]:
    """Hubs in which one of the user's organisations is a member today."""
    organisations = grants_for(user).member_organisations
    if not organisations:
        return set()
    return set(
        Membership.objects.filter(
            members_on_q(timezone.localdate()), organisation_id__in=organisations
        ).values_list("hub_id", flat=True)
    )


def room_visible_q(user: Any) -> Q:
    """Rooms the user may see: public shared rooms, shared rooms of their hubs, all of staff's."""
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        return Q()
    visible = Q(usage=RoomUsage.BOOKING, is_public=True, hub__is_public=True)
    if staffed:
        visible |= Q(hub_id__in=staffed)
    member_hubs = member_hub_ids(user)
    if member_hubs:
        visible |= Q(usage=RoomUsage.BOOKING, hub_id__in=member_hubs)
    return visible


def user_sees_room(user: Any, room: Room) -> bool:
    if user_manages_spaces(user, room.hub_id):
        return True
    if room.usage != RoomUsage.BOOKING:
        return False
    if room.is_public and room.hub.is_public:
        return True
    return user_is_member_of_hub(user, room.hub_id)


def access_room_for_user(user: Any, room: Room | None) -> Room:
    """The room if the user may see it; 404 otherwise (offices and their tenants are private)."""
    if room is None or room.is_deleted or room.hub.is_deleted:
        raise Http404
    if not user_sees_room(user, room):
        raise Http404
    return room


def user_can_book(user: Any, room: Room) -> bool:
    """Staff of the room's hub, or a representative of one of its member organisations."""
    if room.usage != RoomUsage.BOOKING:
        return False
    if user_manages_spaces(user, room.hub_id):
        return True
    return user_is_member_of_hub(user, room.hub_id)


def booking_organisations(user: Any, room: Room) -> list[Organisation]:
    """Organisations the user may book this room for (staff: any member of the hub)."""
    if user_manages_spaces(user, room.hub_id):
        ids = Membership.objects.filter(
            members_on_q(timezone.localdate()), hub_id=room.hub_id
        ).values("organisation_id")
        return list(Organisation.objects.filter(pk__in=ids))
    return list(Organisation.objects.filter(pk__in=member_organisation_ids(user, room.hub_id)))


def user_sees_booking_details(user: Any, booking: Booking) -> bool:
    """Title, purpose and who booked: staff, the organisation booked for, and the booker."""
    if user_manages_spaces(user, booking.room.hub_id):
        return True
    if booking.booked_by_id is not None and booking.booked_by_id == getattr(user, "pk", None):
        return True
    return booking.organisation_id in grants_for(user).member_organisations


def user_can_cancel_booking(user: Any, booking: Booking) -> bool:
    return user_sees_booking_details(user, booking)


def access_booking_for_user(user: Any, booking: Booking | None) -> Booking:
    if booking is None or booking.is_deleted:
        raise Http404
    if not user_sees_booking_details(user, booking):
        raise Http404
    return booking


def lease_visible_q(user: Any) -> Q:
    """Leases of the hubs the user staffs and of the organisations the user represents."""
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        return Q()
    visible = Q(pk__in=[])
    if staffed:
        visible |= Q(hub_id__in=staffed)
    organisations = grants_for(user).organisations
    if organisations:
        visible |= Q(organisation_id__in=organisations)
    return visible


def user_sees_lease(user: Any, lease: Lease) -> bool:
    if user_manages_spaces(user, lease.hub_id):
        return True
    return lease.organisation_id in grants_for(user).organisations


def access_lease_for_user(user: Any, lease: Lease | None) -> Lease:
    """A lease is private to its tenant and its hub's staff: 404 for everyone else."""
    if lease is None or lease.is_deleted:
        raise Http404
    if not user_sees_lease(user, lease):
        raise Http404
    return lease


def access_lease_for_edit(user: Any, lease: Lease | None) -> Lease:
    lease = access_lease_for_user(user, lease)
    require(user_manages_spaces(user, lease.hub_id))
    return lease


def user_sees_floor(user: Any, floor: Floor, hub_id: int) -> bool:
    """Staff see tenants on the floor view; the hub's members see the rooms' states."""
    if user_manages_spaces(user, hub_id):
        return True
    return user_is_member_of_hub(user, hub_id)


def require_staff(user: Any, hub_id: int) -> None:
    require(user_manages_spaces(user, hub_id))


def user_may_delete_room(user: Any, room: Room) -> bool:
    """Staff may delete a room that nobody holds or has booked from today on."""
    from innohub.spaces.models import BookingStatus

    if not user_manages_spaces(user, room.hub_id):
        return False
    today = timezone.localdate()
    if room.lease_rooms.filter(is_active=True, ends_on__gte=today).exists():
        return False
    return not room.bookings.filter(
        status=BookingStatus.CONFIRMED, ends_at__gt=timezone.now()
    ).exists()


def user_may_delete_floor(user: Any, floor: Floor) -> bool:
    """An empty floor only: rooms are deleted first, so that no figure counts a ghost room."""
    if not user_manages_spaces(user, floor.building.site.hub_id):
        return False
    return not floor.rooms.exists()


def user_may_delete_building(user: Any, building: Any) -> bool:
    if not user_manages_spaces(user, building.site.hub_id):
        return False
    return not building.floors.exists()


def user_may_delete_site(user: Any, site: Any) -> bool:
    return user_manages_spaces(user, site.hub_id) and not site.buildings.exists()


def user_may_delete_phase(user: Any, phase: Any) -> bool:
    return user_manages_spaces(user, phase.hub_id) and not phase.buildings.exists()


def register_trash() -> None:
    from innohub.common import trash
    from innohub.spaces.models import Building, Phase, Site

    trash.register(Room, may_delete=user_may_delete_room)
    trash.register(Floor, may_delete=user_may_delete_floor)
    trash.register(Building, may_delete=user_may_delete_building)
    trash.register(Site, may_delete=user_may_delete_site)
    trash.register(Phase, may_delete=user_may_delete_phase)
