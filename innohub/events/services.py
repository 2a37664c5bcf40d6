"""Writes about events: events and their programme, registrations, the waiting list, check-in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innohub.common.i18n import localized
from innohub.directory.models import Organisation, Person
from innohub.events import emails
from innohub.events.models import (
    ACTIVE_REGISTRATION_STATES,
    Audience,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    Session,
    Speaker,
    SpeakerMode,
    SpeakerRole,
    VenueKind,
)
from innohub.events.slots import EARLIEST_YEAR, LATEST_YEAR
from innohub.events.times import is_zone
from innohub.network.models import Hub
from innohub.spaces import access as spaces_access
from innohub.spaces import services as spaces_services
from innohub.spaces.models import BookingKind, RoomUsage

EVENT_FIELDS = frozenset(
    {
        "kind",
        "title",
        "description",
        "starts_at",
        "ends_at",
        "time_zone",
        "date_is_approximate",
        "venue_kind",
        "venue_address",
        "room",
        "online_url",
        "audience",
        "status",
        "registration_open",
        "registration_closes_at",
        "capacity",
        "waitlist_enabled",
        "partners",
    }
)
I18N_FIELDS = frozenset({"title", "description", "venue_address"})
# Changes that make calendars and participants need the new details.
SCHEDULE_FIELDS = frozenset(
    {"starts_at", "ends_at", "venue_kind", "venue_address", "room_id", "online_url"}
)


def slug_source(text: str) -> str:
    """En and em dashes (China–Israel) become hyphens, so slugs keep the word break."""
    return text.replace("–", "-").replace("—", "-")


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _require_aware(**moments: datetime | None) -> None:
    for name, moment in moments.items():
        if moment is None:
            continue
        if timezone.is_naive(moment):
            raise ValidationError({name: _("Give the time with its time zone.")})
        if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
            raise ValidationError(
                {
                    name: _("Choose dates between %(first)d and %(last)d.")
                    % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
                }
            )


def event_unique_slug(title: Any, starts_at: datetime, exclude_pk: int | None = None) -> str:
    text = localized(title)
    base = slugify(slug_source(text.get("en") or text.in_language("en")))[:70] or "event"
    base = f"{base}-{starts_at.year}" if str(starts_at.year) not in base else base
    slug, n = base, 2
    while Event.all_objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply_event(event: Event, data: dict[str, Any]) -> list[Organisation] | None:
    unknown = set(data) - EVENT_FIELDS
    if unknown:
        raise ValidationError({f: _("You cannot change this field.") for f in sorted(unknown)})
    partners = None
    for field, value in data.items():
        if field == "partners":
            partners = list(value or [])
        elif field in I18N_FIELDS:
            setattr(event, field, localized(value))
        elif field == "online_url":
            setattr(event, field, value or "")
        else:
            setattr(event, field, value)
    return partners


def _validate_event(event: Event) -> None:
    _require_aware(
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        registration_closes_at=event.registration_closes_at,
    )
    if not is_zone(event.time_zone):
        raise ValidationError({"time_zone": _("Choose a known time zone.")})
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        raise ValidationError({"ends_at": _("The event must end after it starts.")})
    if event.starts_at and event.ends_at and event.ends_at - event.starts_at > timedelta(days=60):
        raise ValidationError({"ends_at": _("An event may last at most 60 days.")})
    if event.kind not in EventKind.values:
        raise ValidationError({"kind": _("Choose a kind of event.")})
    if event.venue_kind not in VenueKind.values:
        raise ValidationError({"venue_kind": _("Choose a venue.")})
    if event.venue_kind == VenueKind.ELSEWHERE and not event.venue_address:
        raise ValidationError({"venue_address": _("Say where the event takes place.")})
    if event.venue_kind == VenueKind.ROOM:
        _validate_room(event)
    else:
        event.room = None
    event.full_clean(exclude=["slug", "hub", "room"])


def _validate_room(event: Event) -> None:
    """The rules of the room itself; whether it is free is the booking's to say."""
    room = event.room
    if room is None:
        raise ValidationError({"room": _("Choose the room the event takes place in.")})
    if room.hub_id != event.hub_id or room.is_deleted:
        raise ValidationError({"room": _("Choose a room of the event's hub.")})
    if room.usage != RoomUsage.BOOKING:
        raise ValidationError(
            {"room": _("%(room)s is not a shared room and cannot be booked.") % {"room": room}}
        )
    if event.capacity is not None and event.capacity > room.capacity:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "%(room)s holds %(seats)d person; lower the capacity or choose a larger room.",
                    "%(room)s holds %(seats)d people; lower the capacity or choose a larger room.",
                    room.capacity,
                )
                % {"room": room, "seats": room.capacity}
            }
        )


def _booking_title(event: Event) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(event.title)[:200]


def _holds_room(event: Event) -> bool:
    return (
        event.venue_kind == VenueKind.ROOM
        and event.room_id is not None
        and event.status != EventStatus.CANCELLED
        and event.deleted_at is None
    )


def _release_room(event: Event, by: Any) -> None:
    booking = event.booking
    if booking is None:
        return
    event.booking = None
    event.save(update_fields=["booking", "updated_at"])
    if booking.is_confirmed and booking.ends_at > timezone.now():
        spaces_services.booking_cancel(
            booking=booking, by=None, reason=_("The event no longer uses this room.")
        )


def _room_error(exc: ValidationError) -> ValidationError:
    """The booking's refusal (slot taken, room closed, too long) as an error of the room field."""
    return ValidationError({"room": exc.messages})


def _sync_room_booking(event: Event, by: Any) -> None:
    """Hold the event's room through a spaces booking, so rooms are never taken twice.

    The booking is created, moved with the event, or cancelled when the event no longer
    needs the room; the spaces service checks capacity and overlap and the database guard
    holds the overlap rule under concurrent requests.
    """
    if not _holds_room(event):
        _release_room(event, by)
        return
    room = event.room
    attendance = min(event.capacity or room.capacity, room.capacity)
    booker = by if by is not None and spaces_access.user_manages_spaces(by, room.hub_id) else None
    booking = event.booking
    try:
        if booking is not None and booking.is_confirmed:
            spaces_services.booking_reschedule(
                booking=booking,
                by=None,
                room=room,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                attendance=attendance,
                title=_booking_title(event),
            )
            return
        booking = spaces_services.booking_create(
            room=room,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            title=_booking_title(event),
            attendance=attendance,
            by=booker,
            kind=BookingKind.EVENT,
            note=event.get_absolute_url(),
            enforce_rules=False,
        )
    except ValidationError as exc:
        raise _room_error(exc) from exc
    event.booking = booking
    event.save(update_fields=["booking", "updated_at"])


@transaction.atomic
def event_create(*, by: Any, hub: Hub, is_generated: bool = False, **data: Any) -> Event:
    """Create an event of a hub; its local zone defaults to the hub's."""
    data.setdefault("time_zone", hub.time_zone)
    event = Event(hub=hub, is_generated=is_generated)
    partners = _apply_event(event, data)
    _validate_event(event)
    event.slug = event_unique_slug(event.title, event.starts_at)
    event._change_reason = "created"  # type: ignore[attr-defined]
    event.save()
    if partners:
        event.partners.set(partners)
    _sync_room_booking(event, by)
    return event


@transaction.atomic
def event_update(*, event: Event, by: Any, base_url: str, **data: Any) -> Event:
    """Change an event. Moving it moves its programme; participants hear of new times or places.

    When both start and end move by the same amount the sessions move with them; otherwise every
    session must still fit inside the event. A larger capacity promotes the waiting list.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    before = {field: getattr(event, field) for field in SCHEDULE_FIELDS | {"capacity", "status"}}
    before_address = dict(event.venue_address)
    partners = _apply_event(event, data)
    _validate_event(event)
    shift = event.starts_at - before["starts_at"]
    if shift and event.ends_at - before["ends_at"] == shift:
        event.sessions.update(starts_at=F("starts_at") + shift, ends_at=F("ends_at") + shift)
    outside = event.sessions.exclude(starts_at__gte=event.starts_at, ends_at__lte=event.ends_at)
    if outside.exists():
        raise ValidationError(
            {"ends_at": _("Some sessions of the programme would fall outside the event.")}
        )
    changed = any(
        (dict(getattr(event, f)) != before_address)
        if f == "venue_address"
        else getattr(event, f) != before[f]
        for f in SCHEDULE_FIELDS
    )
    if changed:
        event.sequence += 1
    event.save()
    if partners is not None:
        event.partners.set(partners)
    if changed or event.capacity != before["capacity"] or event.status != before["status"]:
        _sync_room_booking(event, by)
    if changed and event.status == EventStatus.PUBLISHED:
        _notify(
            event.registrations.filter(
                status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
            ),
            emails.EVENT_CHANGED,
            base_url,
        )
    if event.capacity != before["capacity"]:
        waitlist_promote(event=event, base_url=base_url)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by: Any, base_url: str) -> Event:
    """Call the event off; everyone registered or invited is told, with a cancelling .ics."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == EventStatus.CANCELLED:
        return event
    event.status = EventStatus.CANCELLED
    event.sequence += 1
    event.save(update_fields=["status", "sequence", "updated_at"])
    _release_room(event, by)
    _notify(
        event.registrations.filter(status__in=ACTIVE_REGISTRATION_STATES),
        emails.EVENT_CANCELLED,
        base_url,
    )
    return event


@transaction.atomic
def event_delete(*, event: Event, by: Any) -> None:
    event.soft_delete()  # frees the room (Event.soft_delete)


@transaction.atomic
def event_room_sync(*, event: Event, by: Any) -> None:
    """Bring the room's booking in line with the event (after a delete or a restore)."""
    _sync_room_booking(event, by)


def _notify(registrations: Iterable[Registration], kind: str, base_url: str) -> None:
    ids = [r.pk for r in registrations]

    def send() -> None:
        for registration in Registration.objects.select_related("event", "user").filter(pk__in=ids):
            emails.registration_send(registration, kind=kind, base_url=base_url)

    if ids:
        transaction.on_commit(send)


def _send_on_commit(registration: Registration, kind: str, base_url: str) -> None:
    _notify([registration], kind, base_url)


# ---------------------------------------------------------------- programme


def _speakers(session: Session, speakers: Sequence[dict[str, Any]]) -> None:
    session.speakers.all().delete()
    for position, row in enumerate(speakers):
        person = row.get("person")
        if isinstance(person, int):
            person = Person.objects.filter(pk=person).first()
            if person is None:
                raise ValidationError({"speakers": _("Unknown person.")})
        guest = localized(row.get("guest_name"))
        if person is None and not guest:
            raise ValidationError(
                {"speakers": _("Each speaker is a person of the directory or a named guest.")}
            )
        if person is not None and person.is_deleted:
            raise ValidationError({"speakers": _("Unknown person.")})
        mode = row.get("mode") or SpeakerMode.IN_PERSON
        role = row.get("role") or SpeakerRole.SPEAKER
        if mode not in SpeakerMode.values:
            raise ValidationError({"speakers": _("A speaker takes part in person or remotely.")})
        if role not in SpeakerRole.values:
            raise ValidationError({"speakers": _("Choose a role for each speaker.")})
        Speaker.objects.create(
            session=session,
            person=person,
            guest_name={} if person else guest,
            guest_affiliation={} if person else localized(row.get("guest_affiliation")),
            role=role,
            mode=mode,
            position=position,
        )


def _validate_session(session: Session) -> None:
    for name in ("starts_at", "ends_at"):
        if getattr(session, name) is None:
            raise ValidationError({name: _("Give the time with its time zone.")})
    _require_aware(starts_at=session.starts_at, ends_at=session.ends_at)
    if session.ends_at <= session.starts_at:
        raise ValidationError({"ends_at": _("A session must end after it starts.")})
    event = session.event
    if session.starts_at < event.starts_at or session.ends_at > event.ends_at:
        raise ValidationError(
            {"starts_at": _("A session must take place within the event's start and end.")}
        )
    session.full_clean(exclude=["event"])


@transaction.atomic
def session_create(
    *,
    event: Event,
    by: Any,
    title: Any,
    starts_at: datetime,
    ends_at: datetime,
    description: Any = None,
    location: Any = None,
    speakers: Sequence[dict[str, Any]] = (),
) -> Session:
    session = Session(
        event=event,
        title=localized(title),
        description=localized(description),
        location=localized(location),
        starts_at=starts_at,
        ends_at=ends_at,
    )
    _validate_session(session)
    session.save()
    _speakers(session, speakers)
    return session


@transaction.atomic
def session_update(
    *, session: Session, by: Any, speakers: Sequence[dict[str, Any]] | None = None, **data: Any
) -> Session:
    allowed = {"title", "description", "location", "starts_at", "ends_at"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({f: _("You cannot change this field.") for f in sorted(unknown)})
    for field, value in data.items():
        if field in {"title", "description", "location"}:
            value = localized(value)
        setattr(session, field, value)
    _validate_session(session)
    session.save()
    if speakers is not None:
        _speakers(session, speakers)
    return session


@transaction.atomic
def session_delete(*, session: Session, by: Any) -> None:
    session.delete()


# ---------------------------------------------------------------- registrations


def _lock(event: Event) -> Event:
    """The event row, locked: capacity decisions on it happen one at a time."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _has_room(event: Event) -> bool:
    if event.capacity is None:
        return True
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return confirmed < event.capacity


def _check_new_email(event: Event, email: str) -> None:
    if event.registrations.filter(email=email, status__in=ACTIVE_REGISTRATION_STATES).exists():
        raise ValidationError(
            {"email": _("Someone with this e-mail address is already registered.")}
        )


def _normalise_email(email: str) -> str:
    return (email or "").strip().lower()


@transaction.atomic
def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    language: str,
    base_url: str,
    user: Any = None,
    organisation_name: str = "",
    country: str = "",
) -> Registration:
    """Register for a public event: a confirmed place while there is room, else the waiting list."""
    event = _lock(event)
    if event.audience != Audience.PUBLIC:
        raise ValidationError(_("This event is by invitation only."))
    if not event.accepts_registrations():
        raise ValidationError(_("Registration for this event is closed."))
    email = _normalise_email(email)
    _check_new_email(event, email)
    now = timezone.now()
    if _has_room(event):
        status, confirmed_at, waitlisted_at = RegistrationStatus.CONFIRMED, now, None
    elif event.waitlist_enabled:
        status, confirmed_at, waitlisted_at = RegistrationStatus.WAITLISTED, None, now
    else:
        raise ValidationError(_("This event is full."))
    registration = Registration(
        event=event,
        user=_user_or_none(user),
        name=name.strip(),
        email=email,
        organisation_name=(organisation_name or "").strip(),
        country=country or "",
        language=language,
        status=status,
        confirmed_at=confirmed_at,
        waitlisted_at=waitlisted_at,
    )
    registration.full_clean(exclude=["event", "user"])
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise ValidationError(
            {"email": _("Someone with this e-mail address is already registered.")}
        ) from None
    kind = emails.CONFIRMED if status == RegistrationStatus.CONFIRMED else emails.WAITLISTED
    _send_on_commit(registration, kind, base_url)
    return registration


@transaction.atomic
def invitation_create(
    *, event: Event, by: Any, name: str, email: str, language: str, base_url: str
) -> Registration:
    """Invite someone by e-mail; they accept or decline through the link in it."""
    event = _lock(event)
    if event.status == EventStatus.CANCELLED or event.is_past:
        raise ValidationError(_("Invitations can only be sent for upcoming events."))
    email = _normalise_email(email)
    _check_new_email(event, email)
    registration = Registration(
        event=event,
        name=name.strip(),
        email=email,
        language=language,
        status=RegistrationStatus.INVITED,
        invited_by=_user_or_none(by),
    )
    registration.full_clean(exclude=["event", "user"])
    registration.save()
    _send_on_commit(registration, emails.INVITED, base_url)
    return registration


@transaction.atomic
def invitation_accept(
    *, registration: Registration, base_url: str, user: Any = None
) -> Registration:
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.INVITED:
        raise ValidationError(_("This invitation has already been answered."))
    if event.status == EventStatus.CANCELLED or event.is_past:
        raise ValidationError(_("This event no longer takes registrations."))
    now = timezone.now()
    if _has_room(event):
        registration.status, registration.confirmed_at = RegistrationStatus.CONFIRMED, now
    elif event.waitlist_enabled:
        registration.status, registration.waitlisted_at = RegistrationStatus.WAITLISTED, now
    else:
        raise ValidationError(_("This event is full."))
    if registration.user_id is None and _user_or_none(user):
        registration.user = user
    registration.save()
    kind = (
        emails.CONFIRMED
        if registration.status == RegistrationStatus.CONFIRMED
        else emails.WAITLISTED
    )
    _send_on_commit(registration, kind, base_url)
    return registration


@transaction.atomic
def invitation_decline(*, registration: Registration) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.INVITED:
        raise ValidationError(_("This invitation has already been answered."))
    registration.status = RegistrationStatus.DECLINED
    registration.save(update_fields=["status", "updated_at"])
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: Any, base_url: str) -> Registration:
    """Give up a place (or a place in the queue); the first on the waiting list moves up."""
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
        raise ValidationError(_("This registration is not active."))
    if registration.checked_in_at is not None:
        raise ValidationError(_("A participant who has checked in cannot cancel."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    _send_on_commit(registration, emails.CANCELLED, base_url)
    if was_confirmed:
        waitlist_promote(event=event, base_url=base_url)
    return registration


@transaction.atomic
def waitlist_promote(*, event: Event, base_url: str) -> list[Registration]:
    """Fill free places from the waiting list, first come first served; each is told by e-mail."""
    event = _lock(event)
    if event.status != EventStatus.PUBLISHED or event.is_past:
        return []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "waitlisted_at", "id"
    )
    if event.capacity is None:
        chosen = list(waiting)
    else:
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        free = max(event.capacity - confirmed, 0)
        chosen = list(waiting[:free]) if free else []
    now = timezone.now()
    for registration in chosen:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
    _notify(chosen, emails.PROMOTED, base_url)
    return chosen


@transaction.atomic
def registration_check_in(*, registration: Registration, by: Any) -> tuple[Registration, bool]:
    """Mark a confirmed participant as arrived; (registration, False) if they already were."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.event.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event has been cancelled."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _("Only confirmed participants can check in; this registration is “%(status)s”.")
            % {"status": registration.get_status_display()}
        )
    if registration.checked_in_at is not None:
        return registration, False
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = _user_or_none(by)
    registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    return registration, True


@transaction.atomic
def registration_undo_check_in(*, registration: Registration, by: Any) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.checked_in_at = None
    registration.checked_in_by = None
    registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    return registration
