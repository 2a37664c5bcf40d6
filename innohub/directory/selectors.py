"""Reads of the directory: filtered lists, one organisation, growth figures."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from innohub.accounts.access import ALL_HUBS, grants_for, hub_ids_staffed_by
from innohub.common.text import search_normalise, search_terms
from innohub.directory.models import (
    MEMBER_STATES,
    OPEN_APPLICATION_STATUSES,
    PUBLIC_STATES,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Membership,
    Organisation,
    Person,
    Product,
    RubricCriterion,
    Sector,
    members_on_q,
)
from innohub.directory.rubric import weighted_percent
from innohub.network.models import Hub


@dataclass
class DirectoryFilters:
    hub: str = ""
    country: str = ""
    sector: str = ""
    kind: str = ""
    status: str = ""
    q: str = ""
    member_on: date | None = None  # with hub: its members on that day (dashboard links)


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.all()


def sector_lookup() -> dict[str, Sector]:
    """Every name of every sector (slug, each language, aliases), normalised → the sector.

    One query; imports resolve a whole file's sector cells against it.
    """
    lookup: dict[str, Sector] = {}
    for sector in Sector.objects.all():
        for candidate in sector.all_names():
            lookup.setdefault(search_normalise(candidate), sector)
    return lookup


def sector_resolve(name: str, lookup: dict[str, Sector] | None = None) -> Sector | None:
    """A sector by any of its names: slug, any language, or an alias (case and width ignored)."""
    wanted = search_normalise(name)
    if not wanted:
        return None
    return (lookup if lookup is not None else sector_lookup()).get(wanted)


def organisation_visible_q(user: Any) -> Q:
    """Listed publicly, or private to the user as staff of one of its hubs or its representative."""
    grants = grants_for(user)
    if grants.network_admin:
        return Q()
    visible = Q(is_public=True)
    staffed = hub_ids_staffed_by(user)
    if staffed:
        visible |= Q(
            Exists(Membership.objects.filter(organisation=OuterRef("pk"), hub_id__in=staffed))
        )
    if grants.organisations:
        visible |= Q(pk__in=grants.organisations)
    return visible


def person_visible_q(user: Any) -> Q:
    """People whose names the user may look up: public ones of visible organisations, and the
    people of organisations the user represents or staffs a hub of."""
    grants = grants_for(user)
    if grants.network_admin:
        return Q()
    # Correlated (EXISTS), so a page of people does not first list every visible organisation.
    visible_org = Organisation.objects.filter(
        organisation_visible_q(user), pk=OuterRef("organisation_id")
    )
    visible = Q(is_public=True) & (Q(organisation__isnull=True) | Q(Exists(visible_org)))
    staffed = hub_ids_staffed_by(user)
    if staffed:
        visible |= Q(
            Exists(
                Membership.objects.filter(
                    organisation_id=OuterRef("organisation_id"), hub_id__in=staffed
                )
            )
        )
    if grants.organisations:
        visible |= Q(organisation_id__in=grants.organisations)
    return visible


def organisation_list(*, user: Any, filters: DirectoryFilters) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(organisation_visible_q(user))
    staffed = hub_ids_staffed_by(user)
    if filters.hub:
        membership = Membership.objects.filter(organisation=OuterRef("pk"), hub__slug=filters.hub)
        hub_staff = (
            staffed is ALL_HUBS
            or Hub.objects.filter(slug=filters.hub, pk__in=staffed or []).exists()
        )
        if filters.status:
            membership = membership.filter(state=filters.status)
        if filters.member_on:
            membership = membership.filter(members_on_q(filters.member_on))
        if not hub_staff:
            # The public and members see a hub's admitted, resident and graduated organisations.
            membership = membership.filter(state__in=PUBLIC_STATES)
        qs = qs.filter(Exists(membership))
    elif filters.status:
        membership = Membership.objects.filter(organisation=OuterRef("pk"), state=filters.status)
        if staffed is not ALL_HUBS:
            allowed = Q(state__in=PUBLIC_STATES) | Q(hub_id__in=staffed or [])
            membership = membership.filter(allowed)
        qs = qs.filter(Exists(membership))
    if filters.country:
        qs = qs.filter(country=filters.country)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.sector:
        qs = qs.filter(sectors__slug=filters.sector)
    for term in search_terms(filters.q):
        qs = qs.filter(search_text__contains=term)
    return qs.order_by("sort_name", "id")


def organisation_list_page_related(qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """What a list page shows per row, fetched in a fixed number of queries."""
    return qs.prefetch_related(
        "sectors",
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("hub").order_by("hub__opened_on"),
        ),
    )


def organisation_get(*, slug: str) -> Organisation | None:
    return (
        Organisation.objects.select_related("sponsor")
        .prefetch_related("sectors")
        .filter(slug=slug)
        .first()
    )


def organisation_memberships(organisation: Organisation) -> list[Membership]:
    return list(
        organisation.memberships.select_related("hub")
        .prefetch_related("events")
        .order_by("hub__opened_on")
    )


def organisation_public_people(organisation: Organisation) -> QuerySet[Person]:
    return organisation.people.filter(is_public=True)


def organisation_people(organisation: Organisation) -> QuerySet[Person]:
    return organisation.people.all()


def organisation_products(
    organisation: Organisation, *, include_private: bool
) -> QuerySet[Product]:
    qs = organisation.products.select_related("sector")
    return qs if include_private else qs.filter(is_public=True)


def sectors_of_public_members(hub: Hub) -> QuerySet[Sector]:
    """Sectors of the hub's public members, each with `n` members, most populous first.

    Counted from the hub's memberships outwards, so the cost follows the hub's size, not the
    network's."""
    members = Membership.objects.filter(
        hub=hub,
        state__in=MEMBER_STATES,
        organisation__deleted_at__isnull=True,
        organisation__is_public=True,
    ).values("organisation_id")
    return (
        Sector.objects.filter(organisations__in=members)
        .annotate(n=Count("organisations", distinct=True))
        .order_by("-n", "position")
    )


def members_count_on(*, hub: Hub, day: date) -> int:
    return Membership.objects.filter(
        members_on_q(day), hub=hub, organisation__deleted_at__isnull=True
    ).count()


def organisation_history(organisation: Organisation, limit: int = 100) -> list[Any]:
    return list(
        organisation.history.select_related("history_user").order_by("-history_date")[:limit]
    )


# ---------------------------------------------------------------------------- applications


def rubric_for_hub(hub: Hub) -> list[RubricCriterion]:
    """The hub's own rubric, or the default one."""
    own = list(RubricCriterion.objects.filter(hub=hub, is_active=True))
    if own:
        return own
    default = list(RubricCriterion.objects.filter(hub__isnull=True, is_active=True))
    if not default:
        from innohub.directory.admissions import rubric_ensure_default

        rubric_ensure_default()
        default = list(RubricCriterion.objects.filter(hub__isnull=True, is_active=True))
    return default


QUEUE_VIEWS = ("open", "all", *ApplicationStatus.values)


def application_queue(
    *,
    hub: Hub,
    status: str = "open",
    q: str = "",
    received: tuple[Any, Any] | None = None,
) -> QuerySet[Application]:
    """A hub's applications for its review queue (the caller checks the user is its staff);
    `received`: (first instant, instant after the last) of the submission dates wanted."""
    qs = Application.objects.filter(hub=hub)
    if received is not None:
        qs = qs.filter(created_at__gte=received[0], created_at__lt=received[1])
    if status == "open":
        qs = qs.filter(status__in=OPEN_APPLICATION_STATUSES)
    elif status in ApplicationStatus.values:
        qs = qs.filter(status=status)
    for term in search_terms(q):
        qs = qs.filter(organisation__search_text__contains=term)
    return qs.select_related("organisation", "sponsor").order_by("created_at", "id")


def application_queue_page_related(applications: list[Application]) -> list[Application]:
    """Sectors and scores of a page of the queue, in a fixed number of queries."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(applications, "organisation__sectors", "scores")
    return applications


def application_status_counts(hub: Hub) -> dict[str, int]:
    rows = Application.objects.filter(hub=hub).values("status").annotate(n=Count("id"))
    counts = {status: 0 for status in ApplicationStatus.values}
    counts.update({row["status"]: row["n"] for row in rows})
    counts["open"] = sum(counts[status] for status in OPEN_APPLICATION_STATUSES)
    counts["all"] = sum(counts[status] for status in ApplicationStatus.values)
    return counts


@dataclass
class ScoreLine:
    criterion: RubricCriterion
    average: float | None
    count: int
    mine: int | None = None
    my_comment: str = ""
    comments: list[tuple[Any, str]] = field(default_factory=list)


@dataclass
class ScoreSummary:
    lines: list[ScoreLine]
    percent: float | None
    scorers: int


def application_score_summary(
    application: Application, rubric: list[RubricCriterion], user: Any = None
) -> ScoreSummary:
    """Average points per criterion, the weighted total, and the user's own scores."""
    scores = list(application.scores.all())
    lines = []
    for criterion in rubric:
        mine = [s for s in scores if s.criterion_id == criterion.pk]
        average = sum(s.points for s in mine) / len(mine) if mine else None
        own = next((s for s in mine if user is not None and s.scorer_id == user.pk), None)
        lines.append(
            ScoreLine(
                criterion=criterion,
                average=round(average, 2) if average is not None else None,
                count=len(mine),
                mine=own.points if own else None,
                my_comment=own.comment if own else "",
                comments=[(s.scorer, s.comment) for s in mine if s.comment],
            )
        )
    percent = weighted_percent(
        [(line.criterion.weight, line.criterion.max_points, line.average) for line in lines]
    )
    return ScoreSummary(lines=lines, percent=percent, scorers=len({s.scorer_id for s in scores}))


def application_percent(application: Application, rubric: list[RubricCriterion]) -> float | None:
    """The weighted score of an application whose scores are prefetched (queue pages)."""
    by_criterion: dict[int, list[int]] = {}
    for score in application.scores.all():
        by_criterion.setdefault(score.criterion_id, []).append(score.points)
    lines = []
    for criterion in rubric:
        points = by_criterion.get(criterion.pk)
        lines.append(
            (criterion.weight, criterion.max_points, sum(points) / len(points) if points else None)
        )
    return weighted_percent(lines)


def application_events(application: Application, *, for_applicant: bool) -> list[ApplicationEvent]:
    events = application.events.select_related("by", "by_organisation").order_by("at", "id")
    if for_applicant:
        return [event for event in events if event.visible_to_applicant]
    return list(events)


def application_context(application: Application) -> dict[str, Any]:
    """What staff should know beside the form: the organisation's other hubs and applications."""
    organisation = application.organisation
    existed_before = organisation.created_at < application.created_at - timedelta(minutes=1)
    return {
        "existed_before": existed_before,
        "memberships": list(
            organisation.memberships.select_related("hub").order_by("hub__opened_on")
        ),
        "other_applications": list(
            organisation.applications.exclude(pk=application.pk)
            .select_related("hub")
            .order_by("-created_at")
        ),
    }


def applications_for_sponsor(user: Any) -> QuerySet[Application]:
    """Applications that name one of the user's incubators as their sponsor."""
    organisations = grants_for(user).member_organisations
    return (
        Application.objects.filter(sponsor_id__in=organisations)
        .select_related("hub", "organisation", "sponsor")
        .order_by("-created_at")
    )


# ---------------------------------------------------------------------------- growth


@dataclass
class GrowthSeries:
    """Members of one hub at the end of each month, split by country of origin or by sector.

    Plain data (dates, keys, labels, counts) so pages, the API and reports can all use it.
    An organisation with two sectors counts once in each of them (and once in the total).
    """

    hub_slug: str
    by: str
    months: list[date]
    series: list[tuple[str, str, list[int]]]  # (key, label, count per month)
    totals: list[int]


def _month_ends(start: date, end: date) -> list[date]:
    days = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        last = date(next_year, next_month, 1) - timedelta(days=1)
        days.append(min(last, end))
        year, month = next_year, next_month
    return days


def membership_growth(
    *, hub: Hub, by: str = "country", start: date | None = None, end: date | None = None
) -> GrowthSeries:
    """Monthly member counts of a hub from membership history (member_from / member_until)."""
    from innohub.common.models import Country
    from innohub.directory.admissions import hub_today

    periods = list(
        Membership.objects.filter(
            hub=hub, member_from__isnull=False, organisation__deleted_at__isnull=True
        ).values_list("organisation_id", "member_from", "member_until", "organisation__country")
    )
    end = end or hub_today(hub)
    first = min((p[1] for p in periods), default=hub.opened_on or end)
    start = start or (hub.opened_on if hub.opened_on and hub.opened_on < first else first)
    months = _month_ends(start, end) if start <= end else []

    def counts(selected: list[tuple[Any, date, date | None, Any]]) -> list[int]:
        """Members at each month end: a membership counts from its first month end on or
        after `since` up to, not including, the first on or after `until`."""
        change = [0] * (len(months) + 1)
        for _o, since, until, _c in selected:
            first = bisect_left(months, since)
            stop = len(months) if until is None else bisect_left(months, until)
            if first < stop:
                change[first] += 1
                change[stop] -= 1
        return list(accumulate(change[:-1]))

    series: list[tuple[str, str, list[int]]] = []
    if by == "sector":
        through = Organisation.sectors.through
        org_ids = [p[0] for p in periods]
        sectors_of: dict[int, list[int]] = {}
        for org_id, sector_id in through.objects.filter(organisation_id__in=org_ids).values_list(
            "organisation_id", "sector_id"
        ):
            sectors_of.setdefault(org_id, []).append(sector_id)
        for sector in Sector.objects.all():
            selected = [p for p in periods if sector.pk in sectors_of.get(p[0], ())]
            if selected:
                series.append((sector.slug, str(sector.name), counts(selected)))
        unsorted = [p for p in periods if not sectors_of.get(p[0])]
        if unsorted:
            from django.utils.translation import gettext

            series.append(("none", gettext("No sector given"), counts(unsorted)))
    else:
        by = "country"
        for code, label in Country.choices:
            selected = [p for p in periods if p[3] == code]
            if selected:
                series.append((code, str(label), counts(selected)))
    return GrowthSeries(
        hub_slug=hub.slug, by=by, months=months, series=series, totals=counts(periods)
    )


# ---------------------------------------------------------------------------- products


@dataclass
class ShowcaseFilters:
    hub: str = ""
    sector: str = ""
    country: str = ""
    q: str = ""


def product_showcase(*, filters: ShowcaseFilters) -> QuerySet[Product]:
    """Public products of public members (admitted, resident or graduated), newest first."""
    membership = Membership.objects.filter(
        organisation=OuterRef("organisation"), state__in=PUBLIC_STATES
    )
    if filters.hub:
        membership = membership.filter(hub__slug=filters.hub, hub__is_public=True)
    else:
        membership = membership.filter(hub__is_public=True)
    qs = Product.objects.filter(
        Exists(membership),
        is_public=True,
        organisation__is_public=True,
        organisation__deleted_at__isnull=True,
    )
    if filters.sector:
        qs = qs.filter(sector__slug=filters.sector)
    if filters.country:
        qs = qs.filter(organisation__country=filters.country)
    for term in search_terms(filters.q):
        qs = qs.filter(Q(organisation__search_text__contains=term) | Q(search_text__contains=term))
    return qs.select_related("organisation", "sector").order_by("-created_at", "-id")


def product_page_related(products: list[Product]) -> list[Product]:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(products, "photos")
    return products


def product_get(pk: int) -> Product | None:
    return (
        Product.objects.select_related("organisation", "sector")
        .prefetch_related("photos")
        .filter(pk=pk)
        .first()
    )
