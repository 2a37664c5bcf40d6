"""Writes of spaces: the physical structure, leases, and bookings that never double-book.

`booking_create` and `booking_cancel` are the single entry points for every booking, whether
a member books a meeting room, the events app holds a venue, or the service desk books
office hours. Each checks what Python can explain well (slot, hours, capacity, an existing
overlap) and then relies on the database guard (guards.py) for what only the database can
guarantee under concurrent requests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innohub.accounts.access import require
from innohub.common.i18n import localized
from innohub.directory.models import Membership, Organisation, members_on_q
from innohub.spaces import access, guards
from innohub.spaces.models import (
    DEFAULT_USAGE,
    Booking,
    BookingKind,
    BookingSeries,
    BookingStatus,
    Building,
    Floor,
    Lease,
    LeaseReminder,
    LeaseRoom,
    LeaseStatus,
    Phase,
    Room,
    RoomUsage,
    Site,
)
from innohub.spaces.recurrence import Recurrence, RecurrenceError, occurrences, to_rrule
from innohub.spaces.selectors import (
    EXPIRY_MARKS,
    LAST_DAY,
    bookings_overlapping,
    is_supported_day,
)

# How far ahead members may book (staff and other apps are not limited).
MEMBER_HORIZON_DAYS = 180


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _recorded_by(instance: Any, by: Any) -> None:
    """Name the user in the record's history even outside a web request (API tokens, commands)."""
    user = _user_or_none(by)
    if user is not None:
        instance._history_user = user


def _apply(instance: Any, data: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(
            {name: _("You cannot change this field.") for name in sorted(unknown)}
        )
    for name, value in data.items():
        setattr(instance, name, value)


def _save(instance: Any, *, parents: tuple[str, ...]) -> Any:
    """Validate and save; `parents` are foreign keys set from objects the caller already holds.

    The constraints are checked by the _check_* helpers in Python (with better messages) and
    held by the database; Django's own constraint validation would query for each of them.
    """
    instance.full_clean(exclude=list(parents), validate_constraints=False)
    instance.save()
    return instance


# ------------------------------------------------------------------ structure

PHASE_FIELDS = frozenset({"number", "name", "description", "opened_on", "planned_completion"})
SITE_FIELDS = frozenset({"name", "address", "description", "position"})
BUILDING_FIELDS = frozenset({"site", "phase", "code", "name", "description", "position"})
FLOOR_FIELDS = frozenset({"level", "name"})
# In the order the room form shows them.
ROOM_FIELD_ORDER = (
    "floor",
    "code",
    "name",
    "kind",
    "usage",
    "area_m2",
    "capacity",
    "in_service_from",
    "out_of_service_from",
    "back_in_service_on",
    "is_public",
    "opens_at",
    "closes_at",
    "slot_minutes",
    "equipment",
    "description",
)
ROOM_FIELDS = frozenset(ROOM_FIELD_ORDER)


def _check_phase(phase: Phase) -> None:
    if Phase.objects.filter(hub_id=phase.hub_id, number=phase.number).exclude(pk=phase.pk).exists():
        raise ValidationError({"number": _("This hub already has a phase with this number.")})


@transaction.atomic
def phase_create(*, hub: Any, **data: Any) -> Phase:
    phase = Phase(hub=hub)
    _apply(phase, data, PHASE_FIELDS)
    _check_phase(phase)
    return _save(phase, parents=("hub",))


@transaction.atomic
def phase_update(*, phase: Phase, **data: Any) -> Phase:
    _apply(phase, data, PHASE_FIELDS)
    _check_phase(phase)
    return _save(phase, parents=("hub",))


@transaction.atomic
def site_create(*, hub: Any, **data: Any) -> Site:
    site = Site(hub=hub)
    _apply(site, data, SITE_FIELDS)
    return _save(site, parents=("hub",))


@transaction.atomic
def site_update(*, site: Site, **data: Any) -> Site:
    _apply(site, data, SITE_FIELDS)
    return _save(site, parents=("hub",))


def _check_building_hub(building: Building) -> None:
    if building.phase_id and building.phase.hub_id != building.site.hub_id:
        raise ValidationError({"phase": _("The phase belongs to another hub.")})


@transaction.atomic
def building_create(*, site: Site, **data: Any) -> Building:
    building = Building(site=site)
    _apply(building, data, BUILDING_FIELDS)
    _check_building_hub(building)
    return _save(building, parents=("site", "phase"))


@transaction.atomic
def building_update(*, building: Building, **data: Any) -> Building:
    hub_id = building.site.hub_id
    _apply(building, data, BUILDING_FIELDS)
    if building.site.hub_id != hub_id:
        raise ValidationError({"site": _("A building cannot move to another hub.")})
    _check_building_hub(building)
    return _save(building, parents=("site", "phase"))


def _check_floor(floor: Floor) -> None:
    taken = Floor.objects.filter(building_id=floor.building_id, level=floor.level)
    if taken.exclude(pk=floor.pk).exists():
        raise ValidationError({"level": _("This building already has a floor at this level.")})


@transaction.atomic
def floor_create(*, building: Building, **data: Any) -> Floor:
    floor = Floor(building=building)
    _apply(floor, data, FLOOR_FIELDS)
    _check_floor(floor)
    return _save(floor, parents=("building",))


@transaction.atomic
def floor_update(*, floor: Floor, **data: Any) -> Floor:
    _apply(floor, data, FLOOR_FIELDS)
    _check_floor(floor)
    return _save(floor, parents=("building",))


def _check_room(room: Room) -> None:
    errors: dict[str, str] = {}
    if room.out_of_service_from and room.in_service_from is None:
        errors["out_of_service_from"] = _("A planned room cannot be out of service.")
    if room.back_in_service_on and not room.out_of_service_from:
        errors["back_in_service_on"] = _("Give the day it went out of service first.")
    if (
        room.back_in_service_on
        and room.out_of_service_from
        and room.back_in_service_on <= room.out_of_service_from
    ):
        errors["back_in_service_on"] = _("It must be after the day it went out of service.")
    try:
        opens = Room._meta.get_field("opens_at").to_python(room.opens_at)
        closes = Room._meta.get_field("closes_at").to_python(room.closes_at)
    except ValidationError:
        opens = closes = None  # full_clean reports the malformed time
    if opens and closes and closes <= opens:
        errors["closes_at"] = _("It must be later than the time it opens.")
    if room.kind and not room.usage:
        # An unknown kind gets no default usage; full_clean then names the bad choice.
        room.usage = DEFAULT_USAGE.get(room.kind, "")
    if Room.objects.filter(hub_id=room.hub_id, code=room.code).exclude(pk=room.pk).exists():
        errors["code"] = _("Another room of this hub has this code.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def room_create(*, floor: Floor, **data: Any) -> Room:
    room = Room(floor=floor, hub_id=floor.building.site.hub_id)
    _apply(room, data, ROOM_FIELDS - {"floor"})
    _check_room(room)
    return _save(room, parents=("floor", "hub"))


@transaction.atomic
def room_update(*, room: Room, **data: Any) -> Room:
    usage_before = room.usage
    _apply(room, data, ROOM_FIELDS)
    if room.floor.building.site.hub_id != room.hub_id:
        raise ValidationError({"floor": _("A room cannot move to another hub.")})
    _check_room(room)
    if usage_before != room.usage:
        if (
            usage_before == RoomUsage.LEASE
            and LeaseRoom.objects.filter(
                room=room, is_active=True, ends_on__gte=timezone.localdate()
            ).exists()
        ):
            raise ValidationError({"usage": _("The room is let; end its lease first.")})
        if (
            usage_before == RoomUsage.BOOKING
            and Booking.objects.filter(
                room=room, status=BookingStatus.CONFIRMED, ends_at__gt=timezone.now()
            ).exists()
        ):
            raise ValidationError({"usage": _("The room has bookings to come; cancel them first.")})
    return _save(room, parents=("floor", "hub"))


# ------------------------------------------------------------------ bookings


def _local(moment: datetime, room: Room) -> datetime:
    return moment.astimezone(room.zone)


def _when(start: datetime, end: datetime, room: Room) -> dict[str, str]:
    """Message parameters for a period, written in the room's own zone."""
    local_start, local_end = _local(start, room), _local(end, room)
    return {
        "room": str(room),
        "day": formats.date_format(local_start.date(), "DATE_FORMAT"),
        "start": local_start.strftime("%H:%M"),
        "end": local_end.strftime("%H:%M"),
        "zone": room.hub.time_zone,
    }


def _overlap_error(room: Room, start: datetime, end: datetime) -> ValidationError:
    other = bookings_overlapping(room=room, starts_at=start, ends_at=end).first()
    if other is not None:
        start, end = other.starts_at, other.ends_at
    return ValidationError(
        _(
            "This slot is already taken: %(room)s is booked on %(day)s from %(start)s to "
            "%(end)s (%(zone)s)."
        )
        % _when(start, end, room),
        code="overlap",
    )


def _check_times(
    room: Room, starts_at: datetime, ends_at: datetime, *, enforce_rules: bool, staff: bool
) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError(_("Give times with their time zone."), code="naive")
    if not (is_supported_day(starts_at.date()) and is_supported_day(ends_at.date())):
        raise ValidationError(_("Choose a date between 1990 and 2199."), code="range")
    if ends_at <= starts_at:
        raise ValidationError(_("A booking must end after it starts."), code="order")
    if ends_at - starts_at > timedelta(days=guards.MAX_BOOKING_DAYS):
        raise ValidationError(
            _("A booking cannot be longer than %(days)d days.") % {"days": guards.MAX_BOOKING_DAYS},
            code="too_long",
        )
    local_start, local_end = _local(starts_at, room), _local(ends_at, room)
    if not room.is_in_service_on(local_start.date()) or not room.is_in_service_on(
        (local_end - timedelta(microseconds=1)).date()
    ):
        raise ValidationError(
            _("%(room)s is not in service on that day.") % {"room": room}, code="not_in_service"
        )
    if not enforce_rules:
        return
    if starts_at < timezone.now():
        raise ValidationError(_("This time has already passed."), code="past")
    if not staff and starts_at > timezone.now() + timedelta(days=MEMBER_HORIZON_DAYS):
        raise ValidationError(
            _("Members can book up to %(days)d days ahead.") % {"days": MEMBER_HORIZON_DAYS},
            code="horizon",
        )
    if local_start.date() != local_end.date() or not (
        room.opens_at <= local_start.time() and local_end.time() <= room.closes_at
    ):
        raise ValidationError(
            _("%(room)s can be booked between %(opens)s and %(closes)s (%(zone)s).")
            % {
                "room": room,
                "opens": room.opens_at.strftime("%H:%M"),
                "closes": room.closes_at.strftime("%H:%M"),
                "zone": room.hub.time_zone,
            },
            code="hours",
        )
    for moment in (local_start, local_end):
        minutes = moment.hour * 60 + moment.minute
        if moment.second or moment.microsecond or minutes % room.slot_minutes:
            raise ValidationError(
                _("Bookings of %(room)s start and end on the %(minutes)d-minute grid.")
                % {"room": room, "minutes": room.slot_minutes},
                code="slot",
            )


def _check_capacity(room: Room, attendance: int) -> None:
    if attendance < 1:
        raise ValidationError(_("Say how many people will attend."), code="attendance")
    if attendance > room.capacity:
        raise ValidationError(
            ngettext(
                "%(room)s holds %(capacity)d person; this booking is for %(attendance)d.",
                "%(room)s holds %(capacity)d people; this booking is for %(attendance)d.",
                room.capacity,
            )
            % {"room": room, "capacity": room.capacity, "attendance": attendance},
            code="capacity",
        )


def _check_booker(by: Any, room: Room, organisation: Organisation | None) -> Organisation | None:
    """The organisation the booking is for, after checking that `by` may book it."""
    require(access.user_can_book(by, room), _("You cannot book this room."))
    if access.user_manages_spaces(by, room.hub_id):
        return organisation
    own = access.member_organisation_ids(by, room.hub_id)
    if organisation is None and len(own) == 1:
        return Organisation.objects.get(pk=next(iter(own)))
    if organisation is None or organisation.pk not in own:
        raise ValidationError(
            {"organisation": _("Choose the member organisation you are booking for.")}
        )
    return organisation


def _insert(booking: Booking) -> Booking:
    _recorded_by(booking, booking.booked_by)
    _save_guarded(booking)
    return booking


def _save_guarded(booking: Booking) -> None:
    """Save inside a savepoint so that the database guard's refusal leaves the caller usable."""
    try:
        _guarded_write(booking.save)
    except IntegrityError as exc:
        if guards.is_violation(exc, guards.BOOKING_GUARD):
            raise _overlap_error(booking.room, booking.starts_at, booking.ends_at) from exc
        raise


def _guarded_write(write: Callable[[], Any]) -> None:
    """Run a write checked by an exclusion guard inside a savepoint.

    PostgreSQL may settle writes racing for one room by aborting one as a deadlock rather
    than as a violation of the guard; that one is run again (at most three times in all), and
    then meets the guard (the other write was committed) or succeeds (it was rolled back)."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                write()
            return
        except OperationalError as exc:
            if attempt == 2 or not guards.is_guard_deadlock(exc):
                raise


def _prepare(
    *,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    title: str,
    attendance: int,
    by: Any,
    kind: str,
    organisation: Organisation | None,
    note: str,
    enforce_rules: bool,
) -> Booking:
    if room.usage != RoomUsage.BOOKING:
        raise ValidationError(_("%(room)s is not a shared room.") % {"room": room}, code="usage")
    staff = by is None or access.user_manages_spaces(by, room.hub_id)
    if by is not None:
        organisation = _check_booker(by, room, organisation)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the booking a title.")})
    if kind not in BookingKind.values:
        raise ValidationError({"kind": _("Choose a purpose from the list.")})
    _check_times(room, starts_at, ends_at, enforce_rules=enforce_rules, staff=staff)
    _check_capacity(room, attendance)
    booking = Booking(
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        title=title[:200],
        attendance=attendance,
        kind=kind,
        organisation=organisation,
        booked_by=_user_or_none(by),
        note=note,
    )
    # Times and attendance are checked above; the check constraints hold them in the database.
    booking.full_clean(
        exclude=["room", "organisation", "booked_by", "series"], validate_constraints=False
    )
    return booking


@transaction.atomic
def booking_create(
    *,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    title: str,
    attendance: int,
    by: Any,
    kind: str = BookingKind.MEETING,
    organisation: Organisation | None = None,
    note: str = "",
    enforce_rules: bool = True,
) -> Booking:
    """Book a shared room for one period; raise ValidationError when it cannot be had.

    `by` is the user booking (their right to book is checked); None means the platform itself
    (demo data, another app acting on its own). `enforce_rules=False` lifts the slot grid,
    opening hours, horizon and not-in-the-past rules for staff tools and other apps; capacity
    and overlap always hold.
    """
    booking = _prepare(
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        title=title,
        attendance=attendance,
        by=by,
        kind=kind,
        organisation=organisation,
        note=note,
        enforce_rules=enforce_rules,
    )
    if bookings_overlapping(room=room, starts_at=starts_at, ends_at=ends_at).exists():
        raise _overlap_error(room, starts_at, ends_at)
    return _insert(booking)


@dataclass
class SeriesResult:
    series: BookingSeries
    bookings: list[Booking]
    skipped: list[tuple[datetime, datetime]]


def _recurrence_message(code: str) -> str:
    messages = {
        "frequency": _("Choose how often the booking repeats."),
        "interval": _("Repeat at most every 12 periods."),
        "end": _("Give either a number of times or an end date, not both."),
        "count": _("A booking can repeat at most 100 times."),
        "weekdays": _("Weekdays can be chosen only for a weekly booking."),
        "too_many": _("A booking can repeat at most 100 times."),
        "too_far": _("A recurring booking can run for at most a year."),
        "naive": _("Give times with their time zone."),
    }
    return messages.get(code, _("This repetition cannot be used."))


@transaction.atomic
def booking_series_create(
    *,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    recurrence: Recurrence,
    title: str,
    attendance: int,
    by: Any,
    kind: str = BookingKind.MEETING,
    organisation: Organisation | None = None,
    note: str = "",
    skip_conflicts: bool = False,
    enforce_rules: bool = True,
) -> SeriesResult:
    """Book every occurrence of a recurring slot, all or nothing unless skip_conflicts.

    Occurrences are computed in the hub's zone (see recurrence.py) and stored in UTC.
    """
    zone = room.zone
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError(_("Give times with their time zone."), code="naive")
    if not (is_supported_day(starts_at.date()) and is_supported_day(ends_at.date())):
        raise ValidationError(_("Choose a date between 1990 and 2199."), code="range")
    if not timedelta(0) < ends_at - starts_at <= timedelta(days=guards.MAX_BOOKING_DAYS):
        raise ValidationError(_("A booking must end after it starts."), code="order")
    try:
        periods = occurrences(_local(starts_at, room), ends_at - starts_at, recurrence)
        rule = to_rrule(recurrence, zone)
    except RecurrenceError as exc:
        raise ValidationError({"repeat": _recurrence_message(exc.code)}) from exc
    prepared = [
        _prepare(
            room=room,
            starts_at=start,
            ends_at=end,
            title=title,
            attendance=attendance,
            by=by,
            kind=kind,
            organisation=organisation,
            note=note,
            enforce_rules=enforce_rules,
        )
        for start, end in periods
    ]
    taken = [
        b
        for b in prepared
        if bookings_overlapping(room=room, starts_at=b.starts_at, ends_at=b.ends_at).exists()
    ]
    if taken and not skip_conflicts:
        days = ", ".join(
            formats.date_format(_local(b.starts_at, room).date(), "SHORT_DATE_FORMAT")
            for b in taken[:10]
        )
        raise ValidationError(
            ngettext(
                "%(room)s is already booked at this time on %(count)d day: %(days)s.",
                "%(room)s is already booked at this time on %(count)d days: %(days)s.",
                len(taken),
            )
            % {"room": room, "count": len(taken), "days": days},
            code="overlap",
        )
    series = BookingSeries.objects.create(
        room=room,
        rrule=rule,
        first_starts_at=starts_at,
        title=prepared[0].title,
        booked_by=_user_or_none(by),
        organisation=prepared[0].organisation,
    )
    created, skipped = [], [(b.starts_at, b.ends_at) for b in taken]
    for booking in prepared:
        if booking in taken:
            continue
        booking.series = series
        try:
            created.append(_insert(booking))
        except ValidationError:
            if not skip_conflicts:
                raise
            skipped.append((booking.starts_at, booking.ends_at))
    if not created:
        raise ValidationError(_("None of these times is free."), code="overlap")
    return SeriesResult(series, created, skipped)


@transaction.atomic
def booking_cancel(*, booking: Booking, by: Any, reason: str = "") -> Booking:
    """Cancel a booking; its slot is free again at once. `by=None`: the platform itself."""
    booking = Booking.objects.select_for_update().select_related("room__hub").get(pk=booking.pk)
    if by is not None:
        require(access.user_can_cancel_booking(by, booking), _("You cannot cancel this booking."))
        holder = booking.held_by
        if holder is not None:
            # The other record owns the booking: cancelling here would leave it without its room.
            raise ValidationError(
                _("This booking holds the room for “%(holder)s”; change or cancel that instead.")
                % {"holder": holder},
                code="held",
            )
    if booking.status == BookingStatus.CANCELLED:
        raise ValidationError(_("This booking is already cancelled."), code="cancelled")
    if booking.ends_at <= timezone.now():
        raise ValidationError(_("A booking that is over cannot be cancelled."), code="over")
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = _user_or_none(by)
    booking.cancellation_reason = reason[:300]
    booking.sequence += 1
    _recorded_by(booking, by)
    booking.save()
    return booking


@transaction.atomic
def booking_reschedule(
    *,
    booking: Booking,
    by: Any,
    room: Room | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    attendance: int | None = None,
    title: str | None = None,
    enforce_rules: bool = False,
) -> Booking:
    """Move a confirmed booking to another time or room, or change its size, in place.

    For other apps that hold a room for a record of their own (an event moved to another day):
    the booking keeps its identity, and its calendar entry its UID with a higher SEQUENCE.
    Capacity and overlap hold as for a new booking, the latter guarded by the database too.
    """
    booking = Booking.objects.select_for_update().select_related("room__hub").get(pk=booking.pk)
    if by is not None:
        require(access.user_can_cancel_booking(by, booking), _("You cannot change this booking."))
    if not booking.is_confirmed:
        raise ValidationError(_("This booking is already cancelled."), code="cancelled")
    room = room or booking.room
    starts_at = starts_at or booking.starts_at
    ends_at = ends_at or booking.ends_at
    attendance = booking.attendance if attendance is None else attendance
    if room.usage != RoomUsage.BOOKING:
        raise ValidationError(_("%(room)s is not a shared room.") % {"room": room}, code="usage")
    if room.hub_id != booking.room.hub_id:
        raise ValidationError(_("%(room)s belongs to another hub.") % {"room": room}, code="hub")
    staff = by is None or access.user_manages_spaces(by, room.hub_id)
    _check_times(room, starts_at, ends_at, enforce_rules=enforce_rules, staff=staff)
    _check_capacity(room, attendance)
    if bookings_overlapping(
        room=room, starts_at=starts_at, ends_at=ends_at, exclude_pk=booking.pk
    ).exists():
        raise _overlap_error(room, starts_at, ends_at)
    moved = (room.pk, starts_at, ends_at) != (booking.room_id, booking.starts_at, booking.ends_at)
    booking.room, booking.starts_at, booking.ends_at = room, starts_at, ends_at
    booking.attendance = attendance
    if title is not None and title.strip():
        booking.title = title.strip()[:200]
    if moved:
        booking.sequence += 1
    _recorded_by(booking, by)
    _save_guarded(booking)
    return booking


@transaction.atomic
def booking_series_cancel(*, series: BookingSeries, by: Any, reason: str = "") -> int:
    """Cancel every occurrence of a series that is still to come; returns how many."""
    upcoming = Booking.objects.filter(
        series=series, status=BookingStatus.CONFIRMED, starts_at__gt=timezone.now()
    ).select_related("room__hub")
    count = 0
    for booking in upcoming:
        booking_cancel(booking=booking, by=by, reason=reason)
        count += 1
    return count


# ------------------------------------------------------------------ leases

LEASE_FIELDS = frozenset(
    {
        "reference",
        "starts_on",
        "ends_on",
        "rent_rate",
        "currency",
        "payment_interval_months",
        "deposit_months",
        "rent_free_months",
        "terms",
    }
)


def _lease_room_errors(
    lease: Lease, rooms: list[Room], *, exclude_lease_id: int | None
) -> list[str]:
    errors = []
    last_day = lease.last_day
    for room in rooms:
        if room.hub_id != lease.hub_id:
            errors.append(_("%(room)s belongs to another hub.") % {"room": room})
            continue
        if room.usage != RoomUsage.LEASE:
            errors.append(_("%(room)s is a shared room and is not let.") % {"room": room})
            continue
        if room.in_service_from is None or room.in_service_from > lease.starts_on:
            errors.append(
                _("%(room)s is not in service on %(day)s.")
                % {"room": room, "day": formats.date_format(lease.starts_on, "SHORT_DATE_FORMAT")}
            )
            continue
        clash = (
            LeaseRoom.objects.filter(
                room=room, is_active=True, starts_on__lte=last_day, ends_on__gte=lease.starts_on
            )
            .exclude(lease_id=exclude_lease_id)
            .select_related("lease__organisation")
            .first()
        )
        if clash is not None:
            errors.append(
                _("%(room)s is already let to %(tenant)s from %(start)s to %(end)s.")
                % {
                    "room": room,
                    "tenant": clash.lease.organisation,
                    "start": formats.date_format(clash.starts_on, "SHORT_DATE_FORMAT"),
                    "end": formats.date_format(clash.ends_on, "SHORT_DATE_FORMAT"),
                }
            )
    return errors


def _sync_lease_rooms(lease: Lease, rooms: list[Room] | None, *, new: bool = False) -> None:
    """Make LeaseRoom rows match the lease's rooms and effective span (the guard reads them)."""
    if rooms is None:
        rooms = list(lease.rooms.all())
    wanted = {room.pk for room in rooms}

    def write() -> None:
        # Lettings of one room wait for each other here (rooms locked in one order, so they
        # cannot deadlock); the later one then meets the guard's violation.
        list(Room.objects.select_for_update().filter(pk__in=sorted(wanted)).order_by("pk"))
        if new:
            LeaseRoom.objects.bulk_create(
                LeaseRoom(
                    lease=lease,
                    room_id=room_id,
                    starts_on=lease.starts_on,
                    ends_on=lease.last_day,
                    is_active=lease.is_live,
                )
                for room_id in sorted(wanted)
            )
            return
        LeaseRoom.objects.filter(lease=lease).exclude(room_id__in=wanted).delete()
        existing = set(LeaseRoom.objects.filter(lease=lease).values_list("room_id", flat=True))
        LeaseRoom.objects.filter(lease=lease).update(
            starts_on=lease.starts_on, ends_on=lease.last_day, is_active=lease.is_live
        )
        for room_id in sorted(wanted - existing):
            LeaseRoom.objects.create(
                lease=lease,
                room_id=room_id,
                starts_on=lease.starts_on,
                ends_on=lease.last_day,
                is_active=lease.is_live,
            )

    try:
        _guarded_write(write)
    except IntegrityError as exc:
        if guards.is_violation(exc, guards.LEASE_GUARD):
            raise ValidationError(
                {"rooms": _("One of these rooms has just been let for these dates.")}
            ) from exc
        raise


def _check_tenant(lease: Lease) -> None:
    is_member = Membership.objects.filter(
        members_on_q(lease.starts_on), hub_id=lease.hub_id, organisation_id=lease.organisation_id
    ).exists()
    if not is_member:
        raise ValidationError(
            {
                "organisation": _(
                    "%(tenant)s is not a member of this hub on the lease's first day."
                )
                % {"tenant": lease.organisation}
            }
        )


def _validate_lease(lease: Lease, rooms: list[Room], *, check_tenant: bool) -> None:
    if not rooms:
        raise ValidationError({"rooms": _("Choose at least one room.")})
    for name in ("starts_on", "ends_on"):
        if not is_supported_day(getattr(lease, name)):
            raise ValidationError({name: _("Choose a date between 1990 and 2199.")})
    # Dates are checked here; the check constraints hold them in the database as well.
    lease.full_clean(
        exclude=["rooms", "hub", "organisation", "previous"], validate_constraints=False
    )
    if lease.ends_on < lease.starts_on:
        raise ValidationError({"ends_on": _("The last day cannot be before the first.")})
    if check_tenant:
        _check_tenant(lease)
    errors = _lease_room_errors(lease, rooms, exclude_lease_id=lease.pk)
    if errors:
        raise ValidationError({"rooms": errors})


@transaction.atomic
def lease_create(
    *,
    hub: Any,
    organisation: Organisation,
    rooms: list[Room],
    starts_on: date,
    ends_on: date,
    rent_rate: Decimal,
    by: Any,
    previous: Lease | None = None,
    is_generated: bool = False,
    check_tenant: bool = True,
    **data: Any,
) -> Lease:
    """Let rooms to a member organisation from `starts_on` to `ends_on`, both included."""
    lease = Lease(
        hub=hub,
        organisation=organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        rent_rate=rent_rate,
        previous=previous,
        is_generated=is_generated,
    )
    _apply(lease, data, LEASE_FIELDS)
    lease.terms = localized(lease.terms)
    rooms = list(rooms)
    _validate_lease(lease, rooms, check_tenant=check_tenant)
    lease._change_reason = "created"  # type: ignore[attr-defined]
    _recorded_by(lease, by)
    lease.save()
    _sync_lease_rooms(lease, rooms, new=True)
    return lease


@transaction.atomic
def lease_update(*, lease: Lease, by: Any, rooms: list[Room] | None = None, **data: Any) -> Lease:
    lease = Lease.objects.select_for_update().get(pk=lease.pk)
    if lease.status == LeaseStatus.CANCELLED:
        raise ValidationError(_("A cancelled lease cannot be changed."))
    first_day = lease.starts_on
    _apply(lease, data, LEASE_FIELDS)
    if "terms" in data:
        lease.terms = localized(lease.terms)
    if lease.terminated_on and not lease.starts_on <= lease.terminated_on <= lease.ends_on:
        raise ValidationError(
            {"ends_on": _("The lease was ended early on a day outside these dates.")}
        )
    room_list = list(rooms) if rooms is not None else list(lease.rooms.all())
    _validate_lease(lease, room_list, check_tenant=lease.starts_on != first_day)
    _recorded_by(lease, by)
    lease.save()
    _sync_lease_rooms(lease, room_list)
    return lease


@transaction.atomic
def lease_terminate(*, lease: Lease, on: date, by: Any, reason: str = "") -> Lease:
    """End a lease early: `on` is the last day the tenant holds the rooms."""
    lease = Lease.objects.select_for_update().get(pk=lease.pk)
    if lease.status != LeaseStatus.SIGNED:
        raise ValidationError(_("Only a signed lease can be ended early."))
    if not is_supported_day(on):
        raise ValidationError({"on": _("Choose a date between 1990 and 2199.")})
    if not lease.starts_on <= on <= lease.ends_on:
        raise ValidationError(
            {
                "on": _("The last day must fall within the lease (%(start)s – %(end)s).")
                % {
                    "start": formats.date_format(lease.starts_on, "SHORT_DATE_FORMAT"),
                    "end": formats.date_format(lease.ends_on, "SHORT_DATE_FORMAT"),
                }
            }
        )
    lease.terminated_on = on
    lease.status = LeaseStatus.TERMINATED
    lease._change_reason = reason[:100] or "terminated"  # type: ignore[attr-defined]
    _recorded_by(lease, by)
    lease.save()
    _sync_lease_rooms(lease, None)
    return lease


@transaction.atomic
def lease_cancel(*, lease: Lease, by: Any, reason: str = "") -> Lease:
    """Void a lease entered by mistake or never taken up: its rooms are free for its dates."""
    lease = Lease.objects.select_for_update().get(pk=lease.pk)
    if lease.status == LeaseStatus.CANCELLED:
        raise ValidationError(_("This lease is already cancelled."))
    lease.status = LeaseStatus.CANCELLED
    lease._change_reason = reason[:100] or "cancelled"  # type: ignore[attr-defined]
    _recorded_by(lease, by)
    lease.save()
    _sync_lease_rooms(lease, None)
    return lease


@transaction.atomic
def lease_renew(
    *,
    lease: Lease,
    ends_on: date,
    by: Any,
    rent_rate: Decimal | None = None,
    rooms: list[Room] | None = None,
    reference: str = "",
) -> Lease:
    """A new lease of the same rooms (or others) from the day after this one's last day."""
    if lease.status != LeaseStatus.SIGNED:
        raise ValidationError(_("Only a signed lease that runs to its end can be renewed."))
    if not is_supported_day(ends_on) or lease.ends_on >= LAST_DAY:
        raise ValidationError({"ends_on": _("Choose a date between 1990 and 2199.")})
    if lease.renewals.exclude(status=LeaseStatus.CANCELLED).exists():
        raise ValidationError(_("This lease has already been renewed."))
    return lease_create(
        hub=lease.hub,
        organisation=lease.organisation,
        rooms=rooms if rooms is not None else list(lease.rooms.all()),
        starts_on=lease.ends_on + timedelta(days=1),
        ends_on=ends_on,
        rent_rate=lease.rent_rate if rent_rate is None else rent_rate,
        by=by,
        previous=lease,
        reference=reference,
        currency=lease.currency,
        payment_interval_months=lease.payment_interval_months,
        deposit_months=lease.deposit_months,
        terms=lease.terms,
    )


def _recipients(lease: Lease) -> list[Any]:
    """Staff of the lease's hub and the representatives of its tenant."""
    from innohub.accounts.models import RoleKind, User

    return list(
        User.objects.filter(
            Q(roles__kind=RoleKind.HUB_STAFF, roles__hub_id=lease.hub_id)
            | Q(roles__kind=RoleKind.MEMBER, roles__organisation_id=lease.organisation_id),
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def lease_reminders_send(*, on: date | None = None) -> int:
    """E-mail tenants and hub staff when a lease is 90, 60 and 30 days from its last day.

    Each mark is sent once per lease (LeaseReminder), in each recipient's language; a run
    that was missed catches up with the nearest mark only. Returns the number of e-mails.
    """
    from innohub.network.models import Hub
    from innohub.spaces.selectors import hub_today, leases_expiring

    sent = 0
    for hub in Hub.objects.all():
        day = on or hub_today(hub)
        for item in leases_expiring(hub=hub, on=day, within=max(EXPIRY_MARKS)):
            lease = item.lease
            if LeaseReminder.objects.filter(lease=lease, days_ahead__lte=item.mark).exists():
                continue
            recipients = [u for u in _recipients(lease) if u.email]
            with transaction.atomic():
                _reminder, created = LeaseReminder.objects.get_or_create(
                    lease=lease, days_ahead=item.mark, defaults={"recipients": len(recipients)}
                )
                if not created:
                    continue
                for user in recipients:
                    with translation.override(user.language or settings.LANGUAGE_CODE):
                        context = {"lease": lease, "item": item, "hub": hub, "user": user}
                        subject = render_to_string(
                            "spaces/email/lease_expiring_subject.txt", context
                        ).strip()
                        body = render_to_string("spaces/email/lease_expiring.txt", context)
                    send_mail(subject, body, None, [user.email])
                    sent += 1
    return sent
