"""Reads about events: calendars, one event with its programme, registrations and attendance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from innohub.accounts.access import ALL_HUBS, hub_ids_staffed_by
from innohub.directory.models import Organisation, Person
from innohub.events.models import (
    Audience,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Session,
    Speaker,
)
from innohub.network.models import Hub
from innohub.spaces.models import Room, RoomUsage


@dataclass
class EventFilters:
    hub: str = ""
    kind: str = ""
    q: str = ""
    date_from: date | None = None
    date_to: date | None = None
    include_past: bool = False


def event_visible_q(user: Any) -> Q:
    """Published public events for everyone; every event of their hubs for staff; invitations."""
    visible = Q(audience=Audience.PUBLIC) & ~Q(status=EventStatus.DRAFT)
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        return Q()
    if staffed:
        visible |= Q(hub_id__in=staffed)
    if getattr(user, "is_authenticated", False):
        invited = Registration.objects.filter(event=OuterRef("pk"), user=user).exclude(
            status=RegistrationStatus.DECLINED
        )
        visible |= Q(Exists(invited)) & ~Q(status=EventStatus.DRAFT)
    return visible


def event_list(*, user: Any, filters: EventFilters, now: datetime | None = None) -> QuerySet[Event]:
    qs = Event.objects.filter(event_visible_q(user)).select_related("hub", "room__floor__building")
    if filters.hub:
        qs = qs.filter(hub__slug=filters.hub)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.date_from:
        qs = qs.filter(ends_at__gte=_day_start(filters.date_from))
    elif not filters.include_past:
        qs = qs.filter(ends_at__gte=now or timezone.now())
    if filters.date_to:
        qs = qs.filter(starts_at__lt=_day_start(filters.date_to + timedelta(days=1)))
    for term in filters.q.split()[:8]:
        qs = qs.filter(Q(title__icontains=term) | Q(description__icontains=term))
    return qs.order_by("starts_at", "id")


def _day_start(day: date, zone: str = "Asia/Shanghai") -> datetime:
    # Clamped so that no conversion to UTC can leave the calendar (year 1, year 9999).
    day = min(max(day, date(1900, 1, 2)), date(9000, 1, 1))
    return datetime.combine(day, time(0), ZoneInfo(zone))


# A month of a national network holds hundreds of events: their long texts and their hubs' are
# not shown in the month, and decoding them cost more than the rest of the query.
MONTH_UNSHOWN = (
    "description",
    "venue_address",
    "hub__description",
    "hub__address",
    "hub__city",
    "hub__province",
)


def events_in_month(
    *, user: Any, year: int, month: int, hub: str = "", kind: str = "", zone: str
) -> list[Event]:
    """Events overlapping a calendar month as the viewer's zone sees it."""
    first = datetime.combine(date(year, month, 1), time(0), ZoneInfo(zone))
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = datetime.combine(following, time(0), ZoneInfo(zone))
    qs = Event.objects.filter(event_visible_q(user), starts_at__lt=last, ends_at__gt=first)
    if hub:
        qs = qs.filter(hub__slug=hub)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.select_related("hub").defer(*MONTH_UNSHOWN).order_by("starts_at", "id"))


def public_events_of_hub(hub: Hub) -> QuerySet[Event]:
    """What the hub's public iCalendar feed holds: published and cancelled public events."""
    return (
        Event.objects.filter(
            hub=hub,
            audience=Audience.PUBLIC,
            status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED],
        )
        .select_related("room__floor__building")
        .order_by("starts_at", "id")
    )


def public_feed_version(hub: Hub) -> tuple[object, ...]:
    """What the hub's feed shows changes only when this does: its events (added, removed,
    edited) and the names of their rooms and buildings."""
    found = (
        public_events_of_hub(hub)
        .order_by()
        .aggregate(
            count=Count("id"),
            ids=Sum("id"),
            changed=Max("updated_at"),
            rooms=Max("room__updated_at"),
            buildings=Max("room__floor__building__updated_at"),
        )
    )
    return (hub.pk, hub.updated_at, *found.values())


def upcoming_events_of_hub(*, hub: Hub, user: Any, limit: int = 5) -> list[Event]:
    qs = Event.objects.filter(event_visible_q(user), hub=hub, ends_at__gte=timezone.now())
    return list(qs.exclude(status=EventStatus.CANCELLED).order_by("starts_at", "id")[:limit])


def taking_part_q(organisation: Organisation) -> Q:
    """Events the organisation takes part in: as a partner, or through one of its speakers.
    Each side is a set of event ids (a few per organisation), not a test on every event."""
    partnering = Event.partners.through.objects.filter(organisation=organisation)
    speaking = Speaker.objects.filter(person__organisation=organisation)
    return Q(pk__in=partnering.values("event_id")) | Q(pk__in=speaking.values("session__event_id"))


def events_of_organisation(
    *, organisation: Organisation, user: Any, limit: int = 20
) -> list[Event]:
    """Events the organisation took part in: as a partner, or through one of its speakers."""
    qs = Event.objects.filter(event_visible_q(user)).filter(taking_part_q(organisation))
    return list(qs.select_related("hub").order_by("-starts_at", "-id")[:limit])


def event_get(*, slug: str) -> Event | None:
    return (
        Event.objects.select_related("hub", "room__floor__building", "booking")
        .filter(slug=slug)
        .first()
    )


def room_choices_all() -> QuerySet[Room]:
    return Room.objects.select_related("hub", "floor__building")


def room_choices(hub_ids: list[int]) -> QuerySet[Room]:
    """Rooms an event of these hubs can be held in: the shared rooms, booked by the slot."""
    return (
        Room.objects.filter(hub_id__in=hub_ids, usage=RoomUsage.BOOKING)
        .select_related("hub", "floor__building")
        .order_by("hub_id", "code")
    )


def event_programme(event: Event) -> list[Session]:
    speakers = Speaker.objects.select_related("person", "person__organisation")
    return list(event.sessions.prefetch_related(Prefetch("speakers", queryset=speakers)))


def registration_for_user(event: Event, user: Any) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        event.registrations.filter(user=user)
        .exclude(status__in=[RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED])
        .order_by("-created_at")
        .first()
    )


def registration_get(pk: int | None) -> Registration | None:
    if pk is None:
        return None
    return Registration.objects.select_related("event", "event__hub", "user").filter(pk=pk).first()


def registration_list(*, event: Event, q: str = "", status: str = "") -> QuerySet[Registration]:
    qs = event.registrations.select_related("checked_in_by")
    if status:
        qs = qs.filter(status=status)
    for term in q.split()[:5]:
        qs = qs.filter(
            Q(name__icontains=term)
            | Q(email__icontains=term)
            | Q(organisation_name__icontains=term)
        )
    return qs.order_by("status", "waitlisted_at", "name", "id")


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = registration.event.registrations.filter(
        Q(waitlisted_at__lt=registration.waitlisted_at)
        | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk),
        status=RegistrationStatus.WAITLISTED,
    ).count()
    return ahead + 1


@dataclass
class Attendance:
    capacity: int | None
    confirmed: int = 0
    waitlisted: int = 0
    invited: int = 0
    cancelled: int = 0
    declined: int = 0
    checked_in: int = 0
    by_country: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def free_places(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def attendance_rate(self) -> float | None:
        """Share of confirmed participants who checked in."""
        if not self.confirmed:
            return None
        return self.checked_in / self.confirmed

    @property
    def no_shows(self) -> int:
        return max(self.confirmed - self.checked_in, 0)


def attendance_figures(event: Event) -> Attendance:
    """Registrations by status, arrivals, and the confirmed/arrived split by country."""
    figures = Attendance(capacity=event.capacity)
    rows = event.registrations.values("status").annotate(n=Count("id"))
    for row in rows:
        setattr(figures, row["status"], row["n"])
    by_country = (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .values("country")
        .annotate(confirmed=Count("id"), arrived=Count("id", filter=Q(checked_in_at__isnull=False)))
    )
    figures.by_country = sorted(
        ((row["country"], row["confirmed"], row["arrived"]) for row in by_country),
        key=lambda row: (-row[1], row[0]),
    )
    figures.checked_in = sum(row[2] for row in figures.by_country)
    return figures


def attendance_by_event(events: list[Event]) -> dict[int, dict[str, int]]:
    """Confirmed and checked-in counts of several events in one query (for lists)."""
    rows = (
        Registration.objects.filter(event__in=events, status=RegistrationStatus.CONFIRMED)
        .values("event_id")
        .annotate(
            confirmed=Count("id"), checked_in=Count("id", filter=Q(checked_in_at__isnull=False))
        )
    )
    return {row["event_id"]: row for row in rows}


def organisation_choices(
    hub_ids: list[int], keep: list[int] | None = None
) -> QuerySet[Organisation]:
    """Organisations to offer as partners or entrants: members of these hubs, bodies that belong
    to no hub (ministries, universities, consulates), and the ones already chosen (`keep`), so
    the list stays short at national scale."""
    from innohub.directory.models import Membership

    in_hubs = Membership.objects.filter(organisation=OuterRef("pk"), hub_id__in=hub_ids)
    any_hub = Membership.objects.filter(organisation=OuterRef("pk"))
    wanted = Q(Exists(in_hubs)) | ~Q(Exists(any_hub)) | Q(pk__in=keep or [])
    return Organisation.objects.filter(wanted).order_by("sort_name", "id")


def person_choices(hub_ids: list[int]) -> QuerySet[Person]:
    """Possible speakers: people of those organisations and people of no organisation."""
    return (
        Person.objects.filter(
            Q(organisation__isnull=True) | Q(organisation__in=organisation_choices(hub_ids))
        )
        .select_related("organisation")
        .order_by("organisation_id", "id")
    )
