"""Reads of the directory: filtered lists, one organisation, growth figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from innohub.accounts.access import ALL_HUBS, grants_for, hub_ids_staffed_by
from innohub.common.text import search_normalise, search_terms
from innohub.directory.models import (
    PUBLIC_STATES,
    Membership,
    Organisation,
    Person,
    Product,
    Sector,
    members_on_q,
)
from innohub.network.models import Hub


@dataclass
class DirectoryFilters:
    hub: str = ""
    country: str = ""
    sector: str = ""
    kind: str = ""
    status: str = ""
    q: str = ""


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.all()


def sector_resolve(name: str) -> Sector | None:
    """A sector by any of its names: slug, any language, or an alias (case and width ignored)."""
    wanted = search_normalise(name)
    if not wanted:
        return None
    for sector in Sector.objects.all():
        if any(search_normalise(candidate) == wanted for candidate in sector.all_names()):
            return sector
    return None


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


def members_count_on(*, hub: Hub, day: date) -> int:
    return Membership.objects.filter(
        members_on_q(day), hub=hub, organisation__deleted_at__isnull=True
    ).count()


def organisation_history(organisation: Organisation, limit: int = 100) -> list[Any]:
    return list(
        organisation.history.select_related("history_user").order_by("-history_date")[:limit]
    )
