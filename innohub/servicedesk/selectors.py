"""Reads of the service desk: catalogue, requests, eligibility, experts, and dashboard figures.

The figure functions take (hub, period) and return plain dicts so the reports app can use
them as they are; a period is (first day, last day), both included, in the hub's time zone.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from innohub.accounts.access import ALL_HUBS, grants_for, hub_ids_staffed_by, user_is_hub_staff
from innohub.directory.models import MEMBER_STATES, Organisation, Person
from innohub.directory.selectors import (
    DirectoryFilters,
    organisation_list,
    organisation_visible_q,
    person_visible_q,
)
from innohub.network.models import Hub
from innohub.servicedesk.access import application_visible_q, request_visible_q
from innohub.servicedesk.eligibility import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    UNDETERMINED,
    Evaluation,
    evaluate,
    facts_used,
)
from innohub.servicedesk.facts import collect_facts, fact_specs
from innohub.servicedesk.models import (
    OPEN_REQUEST_STATES,
    ApplicationState,
    Expert,
    OfficeHour,
    OfficeHourBooking,
    Programme,
    ProgrammeApplication,
    ProviderAccreditation,
    RequestState,
    Service,
    ServiceCategory,
    ServiceRequest,
)

# ---------------------------------------------------------------- catalogue


def service_catalogue(*, hub: Hub, user: Any) -> QuerySet[Service]:
    """A hub's services; staff also see the ones closed for requests."""
    qs = Service.objects.filter(hub=hub).select_related("provider", "hub")
    if not user_is_hub_staff(user, hub.pk):
        qs = qs.filter(is_active=True)
    return qs.order_by("position", "id")


def catalogue_by_category(services: list[Service]) -> list[dict[str, Any]]:
    labels = dict(ServiceCategory.choices)
    grouped: dict[str, list[Service]] = defaultdict(list)
    for service in services:
        grouped[service.category].append(service)
    return [
        {"category": key, "label": labels[key], "services": grouped[key]}
        for key in ServiceCategory.values
        if grouped.get(key)
    ]


def service_get(*, pk: int) -> Service | None:
    return Service.objects.select_related("hub", "provider").filter(pk=pk).first()


def accredited_providers(*, hub: Hub, on: date | None = None) -> QuerySet[ProviderAccreditation]:
    on = on or timezone.localdate()
    return (
        ProviderAccreditation.objects.filter(
            hub=hub, accredited_on__lte=on, organisation__deleted_at__isnull=True
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .select_related("organisation")
        .order_by("organisation__sort_name")
    )


def accreditation_list(*, hub: Hub) -> QuerySet[ProviderAccreditation]:
    return (
        ProviderAccreditation.objects.filter(hub=hub, organisation__deleted_at__isnull=True)
        .select_related("organisation")
        .annotate(
            service_count=Count(
                "organisation__services_provided",
                filter=Q(
                    organisation__services_provided__hub=hub,
                    organisation__services_provided__deleted_at__isnull=True,
                ),
            )
        )
        .order_by("organisation__sort_name")
    )


# ---------------------------------------------------------------- requests


@dataclass
class RequestFilters:
    hub: str = ""
    state: str = ""
    service: int | None = None
    timeliness: str = ""
    q: str = ""


def request_list(*, user: Any, filters: RequestFilters | None = None) -> QuerySet[ServiceRequest]:
    """The requests the user may see, newest first, with what a list row shows."""
    filters = filters or RequestFilters()
    qs = ServiceRequest.objects.filter(request_visible_q(user)).select_related(
        "service", "organisation", "provider", "hub"
    )
    if filters.hub:
        qs = qs.filter(hub__slug=filters.hub)
    if filters.state == "open":
        qs = qs.filter(state__in=OPEN_REQUEST_STATES)
    elif filters.state:
        qs = qs.filter(state=filters.state)
    if filters.service:
        qs = qs.filter(service_id=filters.service)
    now = timezone.now()
    if filters.timeliness == "late":
        qs = qs.filter(
            Q(
                first_response_at__isnull=True,
                response_due_at__lt=now,
                state__in=OPEN_REQUEST_STATES,
            )
            | Q(first_response_at__gt=F("response_due_at"))
        )
    if filters.q:
        qs = qs.filter(Q(subject__icontains=filters.q) | Q(description__icontains=filters.q))
    return qs.order_by("-submitted_at", "-id")


def request_get(*, pk: int) -> ServiceRequest | None:
    return (
        ServiceRequest.objects.select_related(
            "hub", "service", "organisation", "provider", "requested_by"
        )
        .filter(pk=pk)
        .first()
    )


def request_thread(request: ServiceRequest) -> list[dict[str, Any]]:
    """Messages and state changes in one timeline, oldest first."""
    items: list[dict[str, Any]] = []
    for message in request.messages.select_related("author"):
        items.append({"kind": "message", "at": message.created_at, "item": message})
    for event in request.events.select_related("by"):
        items.append({"kind": "event", "at": event.at, "item": event})
    items.sort(key=lambda entry: (entry["at"], entry["kind"] == "message"))
    return items


def request_counts_for_user(user: Any) -> dict[str, int]:
    """Open requests the user may see, by state (for the desk's tab badges)."""
    rows = (
        ServiceRequest.objects.filter(request_visible_q(user), state__in=OPEN_REQUEST_STATES)
        .values("state")
        .annotate(n=Count("id"))
    )
    return {row["state"]: row["n"] for row in rows}


# ---------------------------------------------------------------- programmes


def programme_list(*, hub: Hub, user: Any) -> QuerySet[Programme]:
    qs = Programme.objects.filter(hub=hub).select_related("funder", "hub")
    if not user_is_hub_staff(user, hub.pk):
        qs = qs.filter(is_public=True)
    return qs.prefetch_related("windows").order_by("id")


def programme_get(*, pk: int) -> Programme | None:
    return (
        Programme.objects.select_related("hub", "funder")
        .prefetch_related("windows")
        .filter(pk=pk)
        .first()
    )


def programme_window_status(programme: Programme, today: date) -> dict[str, Any]:
    """Whether applications are open today, and the window that is current or next."""
    windows = sorted(programme.windows.all(), key=lambda w: w.opens_on)
    current = next((w for w in windows if w.opens_on <= today <= w.closes_on), None)
    upcoming = next((w for w in windows if w.opens_on > today), None)
    return {
        "open": programme.is_rolling or current is not None,
        "rolling": programme.is_rolling,
        "current": current,
        "next": upcoming,
    }


def eligibility_for_organisation(
    *, organisation: Organisation, hub: Hub, programmes: list[Programme], today: date
) -> list[tuple[Programme, Evaluation]]:
    """Each programme with the organisation's verdict and the reason for each rule."""
    names: set[str] = set()
    for programme in programmes:
        names |= facts_used(programme.rules)
    facts = collect_facts([organisation], hub, today, names)[organisation.pk]
    specs = fact_specs()
    return [(p, evaluate(p.rules, facts, specs)) for p in programmes]


def eligibility_of_members(
    *, programme: Programme, today: date
) -> list[tuple[Organisation, Evaluation]]:
    """Every current member of the programme's hub with its verdict (for the hub's staff)."""
    members = list(
        Organisation.objects.filter(
            memberships__hub=programme.hub, memberships__state__in=MEMBER_STATES
        ).order_by("sort_name")
    )
    facts = collect_facts(members, programme.hub, today, facts_used(programme.rules))
    specs = fact_specs()
    order = {ELIGIBLE: 0, UNDETERMINED: 1, NOT_ELIGIBLE: 2}
    rows = [(org, evaluate(programme.rules, facts[org.pk], specs)) for org in members]
    rows.sort(key=lambda row: (order[row[1].outcome], row[0].sort_name))
    return rows


def application_list(
    *, user: Any, hub: Hub | None = None, programme: Programme | None = None, state: str = ""
) -> QuerySet[ProgrammeApplication]:
    qs = ProgrammeApplication.objects.filter(application_visible_q(user)).select_related(
        "programme__hub", "organisation"
    )
    if hub is not None:
        qs = qs.filter(programme__hub=hub)
    if programme is not None:
        qs = qs.filter(programme=programme)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-created_at", "-id")


# ---------------------------------------------------------------- experts


@dataclass
class ExpertFilters:
    kind: str = ""
    sector: str = ""
    language: str = ""
    q: str = ""


def expert_list(*, hub: Hub, user: Any, filters: ExpertFilters | None = None) -> QuerySet[Expert]:
    filters = filters or ExpertFilters()
    qs = Expert.objects.filter(hub=hub, person__deleted_at__isnull=True).select_related(
        "person__organisation"
    )
    if not user_is_hub_staff(user, hub.pk):
        qs = qs.filter(is_public=True)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.sector:
        qs = qs.filter(sectors__slug=filters.sector)
    if filters.language:
        qs = qs.filter(languages__contains=f" {filters.language} ")
    if filters.q:
        term = filters.q
        qs = qs.filter(
            Q(person__name__icontains=term) | Q(expertise__icontains=term) | Q(bio__icontains=term)
        )
    upcoming = OfficeHour.objects.filter(
        cancelled_at__isnull=True, starts_at__gt=timezone.now()
    ).annotate(live=Count("bookings", filter=Q(bookings__cancelled_at__isnull=True)))
    return (
        qs.distinct()
        .prefetch_related(
            "sectors", Prefetch("office_hours", queryset=upcoming, to_attr="upcoming")
        )
        .order_by("id")
    )


def expert_get(*, pk: int) -> Expert | None:
    return (
        Expert.objects.select_related("hub", "person__organisation", "person__user")
        .prefetch_related("sectors")
        .filter(pk=pk)
        .first()
    )


def expert_office_hours(
    *, expert: Expert, since: datetime | None = None, include_cancelled: bool = False
) -> list[OfficeHour]:
    """Office hours from `since` on, each with its live booking (or None) as `.booking`."""
    since = since or timezone.now()
    qs = expert.office_hours.filter(ends_at__gt=since).select_related("room")
    if not include_cancelled:
        qs = qs.filter(cancelled_at__isnull=True)
    live = OfficeHourBooking.objects.filter(cancelled_at__isnull=True).select_related(
        "organisation", "booked_by"
    )
    hours = list(qs.prefetch_related(Prefetch("bookings", queryset=live, to_attr="live")))
    for office_hour in hours:
        office_hour.booking = office_hour.live[0] if office_hour.live else None  # type: ignore[attr-defined]
    return hours


def bookings_for_user(*, user: Any, upcoming_only: bool = True) -> QuerySet[OfficeHourBooking]:
    """Bookings the user may see: its organisations', as the expert, or its hubs' as staff."""
    grants = grants_for(user)
    if not grants.authenticated:
        return OfficeHourBooking.objects.none()
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        visible = Q()
    else:
        visible = (
            Q(organisation_id__in=grants.organisations)
            | Q(office_hour__expert__hub_id__in=staffed)
            | Q(office_hour__expert__person__user_id=user.pk)
        )
    qs = OfficeHourBooking.objects.filter(visible).select_related(
        "office_hour__expert__person",
        "office_hour__expert__hub",
        "office_hour__room",
        "organisation",
    )
    if upcoming_only:
        qs = qs.filter(office_hour__ends_at__gt=timezone.now(), cancelled_at__isnull=True)
    return qs.order_by("office_hour__starts_at", "id")


def experts_for_contest_judging(*, hub: Hub) -> QuerySet[Expert]:
    """Experts a contest of the hub may invite as judges: expert → person → user (if any).

    The events app assigns the judge role to `expert.person.user`; experts without an account
    need one first (their `person.email` is where to send the invitation).
    """
    return (
        Expert.objects.filter(hub=hub, can_judge=True, person__deleted_at__isnull=True)
        .select_related("person__user", "person__organisation")
        .prefetch_related("sectors")
        .order_by("id")
    )


# ---------------------------------------------------------------- dashboard figures


def _period_bounds(hub: Hub, period: Any) -> tuple[datetime, datetime]:
    """[first day 00:00, day after the last day 00:00) in the hub's zone, as aware datetimes."""
    start, end = (period.start, period.end) if hasattr(period, "start") else period
    zone = ZoneInfo(hub.time_zone or "Asia/Shanghai")
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _median_hours(minutes: list[int]) -> float | None:
    return round(statistics.median(minutes) / 60, 1) if minutes else None


def request_figures(hub: Hub, period: Any) -> dict[str, Any]:
    """Requests submitted in the period: by service and state, response and completion times
    (median desk hours), the share answered and finished on time, and satisfaction."""
    start, end = _period_bounds(hub, period)
    now = timezone.now()
    rows = list(
        ServiceRequest.objects.filter(hub=hub, submitted_at__gte=start, submitted_at__lt=end)
        .select_related("service")
        .only(
            "state",
            "service__id",
            "service__name",
            "service__category",
            "response_due_at",
            "first_response_at",
            "completion_due_at",
            "closed_at",
            "response_minutes",
            "completion_minutes",
            "rating",
            "waiting_since",
        )
    )
    by_state = Counter(r.state for r in rows)
    by_service: dict[int, dict[str, Any]] = {}
    for r in rows:
        entry = by_service.setdefault(
            r.service.pk,
            {
                "service_id": r.service.pk,
                "name": dict(r.service.name),
                "category": r.service.category,
                "total": 0,
                "by_state": dict.fromkeys(RequestState.values, 0),
            },
        )
        entry["total"] += 1
        entry["by_state"][r.state] += 1
    response_judged = [t for t in (r.response_timeliness(now) for r in rows) if t != "open" and t]
    completion_judged = [
        t for t in (r.completion_timeliness(now) for r in rows) if t != "open" and t
    ]
    ratings = [r.rating for r in rows if r.rating]
    return {
        "hub": hub.slug,
        "period": {
            "start": start.date().isoformat(),
            "end": (end.date() - timedelta(days=1)).isoformat(),
        },
        "total": len(rows),
        "by_state": {state: by_state.get(state, 0) for state in RequestState.values},
        "by_service": sorted(by_service.values(), key=lambda e: (-e["total"], e["service_id"])),
        "median_response_hours": _median_hours(
            [r.response_minutes for r in rows if r.response_minutes is not None]
        ),
        "median_completion_hours": _median_hours(
            [r.completion_minutes for r in rows if r.completion_minutes is not None]
        ),
        "response_on_time_share": _share(response_judged),
        "completion_on_time_share": _share(completion_judged),
        "overdue_unanswered": sum(
            1
            for r in rows
            if r.state in OPEN_REQUEST_STATES
            and r.first_response_at is None
            and r.response_due_at < now
        ),
        "satisfaction": {
            "rated": len(ratings),
            "average": round(sum(ratings) / len(ratings), 2) if ratings else None,
            "distribution": {str(n): ratings.count(n) for n in range(1, 6)},
        },
    }


def _share(judged: list[str]) -> float | None:
    if not judged:
        return None
    return round(judged.count("on_time") / len(judged), 3)


def programme_figures(hub: Hub, period: Any) -> dict[str, Any]:
    """Applications started in the period by programme and state, and the amounts granted
    (amounts granted count by decision date within the period)."""
    start, end = _period_bounds(hub, period)
    first, last = start.date(), end.date() - timedelta(days=1)
    started = ProgrammeApplication.objects.filter(
        programme__hub=hub, created_at__gte=start, created_at__lt=end
    )
    granted = ProgrammeApplication.objects.filter(
        programme__hub=hub,
        state=ApplicationState.GRANTED,
        decided_on__gte=first,
        decided_on__lte=last,
    )
    per_programme: dict[int, dict[str, Any]] = {}
    for programme in Programme.objects.filter(hub=hub).order_by("id"):
        per_programme[programme.pk] = {
            "programme_id": programme.pk,
            "name": dict(programme.name),
            "currency": programme.currency,
            "applications": 0,
            "by_state": dict.fromkeys(ApplicationState.values, 0),
            "granted_count": 0,
            "amount_granted": "0.00",
        }
    for row in started.values("programme_id", "state").annotate(n=Count("id")):
        entry = per_programme[row["programme_id"]]
        entry["applications"] += row["n"]
        entry["by_state"][row["state"]] += row["n"]
    total_granted = Decimal("0")
    for row in granted.values("programme_id").annotate(n=Count("id"), amount=Sum("amount_granted")):
        entry = per_programme[row["programme_id"]]
        entry["granted_count"] = row["n"]
        entry["amount_granted"] = f"{row['amount'] or 0:.2f}"
        total_granted += row["amount"] or 0
    by_state = Counter(started.values_list("state", flat=True))
    return {
        "hub": hub.slug,
        "period": {"start": first.isoformat(), "end": last.isoformat()},
        "applications": sum(by_state.values()),
        "by_state": {state: by_state.get(state, 0) for state in ApplicationState.values},
        "granted_count": granted.count(),
        "amount_granted": f"{total_granted:.2f}",
        "by_programme": list(per_programme.values()),
    }


def expert_figures(hub: Hub, period: Any) -> dict[str, Any]:
    """Office hours held in the period: offered, booked, and the experts who gave them."""
    start, end = _period_bounds(hub, period)
    hours = OfficeHour.objects.filter(
        expert__hub=hub, cancelled_at__isnull=True, starts_at__gte=start, starts_at__lt=end
    )
    booked = hours.filter(bookings__cancelled_at__isnull=True).distinct()
    return {
        "hub": hub.slug,
        "experts": Expert.objects.filter(hub=hub).count(),
        "office_hours_offered": hours.count(),
        "office_hours_booked": booked.count(),
        "experts_with_bookings": booked.values("expert_id").distinct().count(),
    }


def desk_figures(hub: Hub, period: Any) -> dict[str, Any]:
    """All the service desk's dashboard figures for a hub and period."""
    return {
        "requests": request_figures(hub, period),
        "programmes": programme_figures(hub, period),
        "experts": expert_figures(hub, period),
    }


FUNDER_KINDS = ("government", "enterprise", "association", "incubator", "accelerator")


def funder_choices(user: Any, keep: int | None = None) -> QuerySet[Organisation]:
    """Who may fund a programme: organisations of those kinds the user may see (and the
    programme's funder already recorded)."""
    visible = Q(organisation_visible_q(user)) | Q(pk=keep)
    return Organisation.objects.filter(visible, kind__in=FUNDER_KINDS).order_by("sort_name", "id")


def expert_person_choices(user: Any, hub: Hub) -> QuerySet[Person]:
    """People the user may see who are not yet experts of the hub."""
    return (
        Person.objects.filter(person_visible_q(user))
        .exclude(pk__in=Expert.objects.filter(hub=hub).values("person_id"))
        .select_related("organisation")
    )


def organisation_choices(user: Any) -> QuerySet[Organisation]:
    """The directory as the user sees it, unfiltered."""
    return organisation_list(user=user, filters=DirectoryFilters())
