"""Reads of the IP portfolio: filtered lists, an asset's timeline, the deadline board,
reminders, calendar feeds and statistics by type and status at any date."""

from __future__ import annotations

import calendar as _calendar
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from innohub.accounts.access import ALL_HUBS, grants_for
from innohub.common.text import search_terms
from innohub.directory.models import Membership, Organisation, members_on_q
from innohub.ip import access
from innohub.ip.models import (
    Asset,
    AssetEvent,
    AssetStatus,
    AssetType,
    Deadline,
    DeadlineKind,
    DeadlineState,
    Reminder,
)
from innohub.network.models import Hub

if TYPE_CHECKING:
    from innohub.network.selectors import HubChoice

S = AssetStatus


@dataclass
class PortfolioFilters:
    hub: str = ""
    type: str = ""
    status: str = ""
    owner: str = ""
    nice_class: int | None = None
    q: str = ""
    # With a hub: the assets its figures counted on that day, by their status then.
    on: date | None = None


def asset_list(*, user: Any, filters: PortfolioFilters) -> QuerySet[Asset]:
    qs = Asset.objects.filter(access.visible_q(user))
    if filters.hub:
        qs = qs.filter(hub__slug=filters.hub)
    if filters.type:
        qs = qs.filter(type=filters.type)
    if filters.on and filters.hub:
        status_expr, last = status_on_expression(filters.on)
        qs = qs.filter(counted_in_hub_q(filters.on)).annotate(status_then=last)
        qs = qs.filter(status_then__isnull=False).annotate(status_on=status_expr)
        if filters.status:
            qs = qs.filter(status_on=filters.status)
    elif filters.status:
        qs = qs.filter(status=filters.status)
    if filters.owner:
        qs = qs.filter(
            Exists(
                Asset.owners.through.objects.filter(
                    asset_id=OuterRef("pk"), organisation__slug=filters.owner
                )
            )
        )
    if filters.nice_class:
        qs = qs.filter(nice_classes__number=filters.nice_class)
    for term in search_terms(filters.q):
        qs = qs.filter(search_text__contains=term)
    return qs.order_by(F("filed_on").desc(nulls_last=True), "-id")


def asset_list_page_related(qs: Any) -> QuerySet[Asset]:
    """What a list row shows, in a fixed number of queries."""
    return (
        Asset.objects.filter(pk__in=[a.pk for a in qs])
        .select_related("hub")
        .prefetch_related("owners", "nice_classes")
        .order_by(F("filed_on").desc(nulls_last=True), "-id")
    )


def asset_get(*, pk: int) -> Asset | None:
    return (
        Asset.objects.select_related("hub")
        .prefetch_related("owners", "products", "nice_classes")
        .filter(pk=pk)
        .first()
    )


def asset_deadlines(asset: Asset) -> list[Deadline]:
    return list(asset.deadlines.select_related("done_by").order_by("due", "kind", "sequence"))


def asset_events(asset: Asset) -> list[AssetEvent]:
    return list(asset.events.select_related("recorded_by").order_by("on", "id"))


def asset_history(asset: Asset, limit: int = 50) -> list[Any]:
    return list(asset.history.select_related("history_user").order_by("-history_date")[:limit])


# ---------------------------------------------------------------- the deadline board


def month_end(day: date) -> date:
    return day.replace(day=_calendar.monthrange(day.year, day.month)[1])


def _open_acts(hub_ids: frozenset[int] | None) -> QuerySet[Deadline]:
    qs = Deadline.objects.filter(state=DeadlineState.OPEN).exclude(kind=DeadlineKind.EXPIRY)
    qs = qs.filter(asset__deleted_at__isnull=True)
    if hub_ids is not ALL_HUBS:
        qs = qs.filter(hub_id__in=hub_ids or [])
    # The board names each act's asset and owners; their long texts stay in the database.
    return qs.select_related("asset").prefetch_related(
        Prefetch("asset__owners", queryset=Organisation.objects.only("id", "slug", "name"))
    )


@dataclass
class Board:
    today: date
    overdue: list[Deadline] = field(default_factory=list)
    in_grace: list[Deadline] = field(default_factory=list)
    due_this_month: list[Deadline] = field(default_factory=list)
    coming: list[Deadline] = field(default_factory=list)


def board_for(*, hub_ids: frozenset[int] | None, today: date, horizon_days: int = 90) -> Board:
    """Open fees and renewals: past their grace, in grace, due this month, coming soon."""
    acts = _open_acts(hub_ids)
    end = month_end(today)
    return Board(
        today=today,
        overdue=list(
            acts.filter(due__lt=today)
            .filter(Q(grace_ends__isnull=True) | Q(grace_ends__lt=today))
            .order_by("due", "id")[:500]
        ),
        in_grace=list(
            acts.filter(due__lt=today, grace_ends__gte=today).order_by("grace_ends", "id")[:500]
        ),
        due_this_month=list(acts.filter(due__gte=today, due__lte=end).order_by("due", "id")),
        coming=list(
            acts.filter(due__gt=end, due__lte=today + timedelta(days=horizon_days)).order_by(
                "due", "id"
            )[:500]
        ),
    )


def deadlines_for_user(*, user: Any, today: date, days: int = 365) -> list[Deadline]:
    """Open acts of the organisations the user represents, up to a year ahead (and overdue)."""
    organisations = grants_for(user).organisations
    if not organisations:
        return []
    owned = Asset.owners.through.objects.filter(
        asset_id=OuterRef("asset_id"), organisation_id__in=organisations
    )
    qs = (
        Deadline.objects.filter(Exists(owned), state=DeadlineState.OPEN)
        .exclude(kind=DeadlineKind.EXPIRY)
        .filter(asset__deleted_at__isnull=True, due__lte=today + timedelta(days=days))
        .filter(Q(due__gte=today) | Q(grace_ends__gte=today - timedelta(days=90)))
        .select_related("asset", "asset__hub")
        .order_by("due", "id")
    )
    return list(qs[:300])


def reminders_for_user(*, user: Any, include_dismissed: bool = False) -> QuerySet[Reminder]:
    qs = Reminder.objects.filter(user=user, deadline__asset__deleted_at__isnull=True)
    if not include_dismissed:
        qs = qs.filter(dismissed_at__isnull=True)
    return qs.select_related("deadline", "deadline__asset").order_by("due", "id")


def deadlines_for_feed(
    *, hub: Hub | None = None, organisation: Organisation | None = None, user: Any
) -> QuerySet[Deadline]:
    """Deadlines of a hub's portfolio or of an organisation's assets, limited to the assets
    whose deadlines the user may see (owners' representatives and IP officers)."""
    qs = Deadline.objects.filter(asset__deleted_at__isnull=True).exclude(
        state=DeadlineState.SETTLED
    )
    if hub is not None:
        qs = qs.filter(hub=hub)
    if organisation is not None:
        qs = qs.filter(
            Exists(
                Asset.owners.through.objects.filter(
                    asset_id=OuterRef("asset_id"), organisation=organisation
                )
            )
        )
    visible_assets = Asset.objects.filter(access.private_q(user)).values("pk")
    return (
        qs.filter(asset_id__in=Subquery(visible_assets))
        .select_related("asset")
        .order_by("due", "id")
    )


# ---------------------------------------------------------------- statistics


STATUS_ORDER = [s.value for s in AssetStatus]
TYPE_ORDER = [t.value for t in AssetType]


@dataclass
class Statistics:
    on: date
    # {type: {status: count}} with every type and status present (zeros included)
    counts: dict[str, dict[str, int]]

    @property
    def totals_by_status(self) -> dict[str, int]:
        return {s: sum(row[s] for row in self.counts.values()) for s in STATUS_ORDER}

    @property
    def total(self) -> int:
        return sum(self.totals_by_status.values())

    def rows(self) -> list[dict[str, Any]]:
        labels = dict(AssetType.choices)
        return [
            {
                "type": t,
                "label": labels[t],
                "cells": [self.counts[t][s] for s in STATUS_ORDER],
                "valid": self.counts[t][S.VALID],
                "in_preparation": self.counts[t][S.IN_PREPARATION],
                "pending": self.counts[t][S.FILED] + self.counts[t][S.UNDER_EXAMINATION],
                "total": sum(self.counts[t].values()),
            }
            for t in TYPE_ORDER
        ]


def status_on_expression(day: date) -> Any:
    """The status an asset had on `day`: its last status change on or before that day,
    and `expired` for a right still marked valid whose term ended before it."""
    last = (
        AssetEvent.objects.filter(asset=OuterRef("pk"), on__lte=day)
        .order_by("-on", "-id")
        .values("status")[:1]
    )
    # The asset's own status is its last event's (the services keep the two together), so the
    # history is read only for the assets whose status changed after the day: a million
    # subqueries for today's figures become none.
    status_then = Case(
        When(status_since__lte=day, then=F("status")),
        default=Subquery(last, output_field=CharField()),
        output_field=CharField(),
    )
    return Case(
        When(
            Q(status_then=S.VALID) & Q(expires_on__lt=day),
            then=Value(S.EXPIRED),
        ),
        default=F("status_then"),
        output_field=CharField(),
    ), status_then


def counted_in_hub_q(day: date) -> Q:
    """An asset counts in its hub's figures on a day when one of its owners was a member of
    that hub on that day: the IP bureau counts the IP of the hub's members, so a member's
    rights count from the day it joins and stop when it leaves."""
    return Q(
        Exists(
            Membership.objects.filter(
                members_on_q(day), hub_id=OuterRef("hub_id"), organisation__ip_assets=OuterRef("pk")
            )
        )
    )


def _empty_counts() -> dict[str, dict[str, int]]:
    return {t: dict.fromkeys(STATUS_ORDER, 0) for t in TYPE_ORDER}


def _counted(
    assets: QuerySet[Asset], on: date, members_only: bool, *by: str
) -> QuerySet[Asset, dict[str, Any]]:
    """Rows of (*by, type, status_on, n): the assets counted on a day."""
    status_expr, last = status_on_expression(on)
    if members_only:
        assets = assets.filter(counted_in_hub_q(on))
    return (
        assets.order_by()
        .annotate(status_then=last)
        .filter(status_then__isnull=False)
        .annotate(status_on=status_expr)
        .values(*by, "type", "status_on")
        .annotate(n=Count("id"))
    )


def statistics(*, assets: QuerySet[Asset], on: date, members_only: bool = False) -> Statistics:
    """Counts by type and status on a day, for any set of assets (a hub, an organisation…).

    `members_only`: count an asset only while an owner is a member of its hub (hub and
    network figures); an organisation's own figures count all its assets.
    """
    counts = _empty_counts()
    for row in _counted(assets, on, members_only):
        counts[row["type"]][row["status_on"]] += row["n"]
    return Statistics(on=on, counts=counts)


def statistics_by_hub(*, hubs: list[Hub], on: date) -> dict[int, Statistics]:
    """Each hub's members-only `statistics` on a day, in one query for all of them."""
    counts = {hub.pk: _empty_counts() for hub in hubs}
    for row in _counted(network_assets(hubs), on, True, "hub_id"):
        counts[row["hub_id"]][row["type"]][row["status_on"]] += row["n"]
    return {hub_id: Statistics(on=on, counts=c) for hub_id, c in counts.items()}


def statistics_sum(found: Iterable[Statistics], *, on: date) -> Statistics:
    counts = _empty_counts()
    for one in found:
        for type_, by_status in one.counts.items():
            for status, n in by_status.items():
                counts[type_][status] += n
    return Statistics(on=on, counts=counts)


STATISTICS_CACHE_SECONDS = 300


def hubs_statistics_cached(*, hubs: Sequence[Hub | HubChoice], on: date) -> Statistics:
    """The members' counts of these hubs on a day (`statistics`), kept at most
    STATISTICS_CACHE_SECONDS: a national network's million records take seconds to count. The
    key names the exact set of hubs, so readers who see different hubs never share figures."""
    found = cache.get(statistics_cache_key(hubs=hubs, on=on))
    return found if isinstance(found, Statistics) else _cache_statistics(hubs=hubs, on=on)


def _cache_statistics(
    *, hubs: Sequence[Hub | HubChoice], on: date, figures: Statistics | None = None
) -> Statistics:
    if figures is None:
        figures = statistics(assets=network_assets(hubs), on=on, members_only=True)
    cache.set(statistics_cache_key(hubs=hubs, on=on), figures, STATISTICS_CACHE_SECONDS)
    return figures


def statistics_cache_key(*, hubs: Sequence[Hub | HubChoice], on: date) -> str:
    ids = ",".join(str(pk) for pk in sorted(hub.pk for hub in hubs))
    return f"ip:statistics:v1:{on}:{hashlib.sha256(ids.encode()).hexdigest()}"


def refresh_network_statistics(*, on: date) -> None:
    """Compute today's two most read sets of network-wide figures ahead of their readers: the
    public's (the public hubs) and the network admins' (every hub), both summed from one count
    per hub. Run by `innohub report --refresh` on its timer."""
    hubs = list(Hub.objects.all())
    by_hub = statistics_by_hub(hubs=hubs, on=on)
    public = [hub for hub in hubs if hub.is_public]
    for chosen in (public, hubs):
        _cache_statistics(
            hubs=chosen, on=on, figures=statistics_sum((by_hub[h.pk] for h in chosen), on=on)
        )


def statistics_by_owner(*, organisation_ids: list[int], on: date) -> dict[int, Statistics]:
    """Each organisation's own counts by type and status on a day, in one query for all of
    them (an asset owned jointly counts for each owner), as `statistics` counts one set."""
    status_expr, last = status_on_expression(on)
    rows = (
        Asset.owners.through.objects.filter(organisation_id__in=organisation_ids)
        .filter(asset__deleted_at__isnull=True)
        .values_list("organisation_id", "asset_id")
    )
    owners: dict[int, list[int]] = {}
    for organisation_id, asset_id in rows:
        owners.setdefault(asset_id, []).append(organisation_id)
    counts = {org_id: _empty_counts() for org_id in organisation_ids}
    if owners:
        assets = (
            Asset.objects.filter(
                pk__in=Asset.owners.through.objects.filter(
                    organisation_id__in=organisation_ids
                ).values("asset_id")
            )
            .order_by()
            .annotate(status_then=last)
            .filter(status_then__isnull=False)
            .annotate(status_on=status_expr)
            .values_list("pk", "type", "status_on")
        )
        for asset_id, type_, status in assets:
            for org_id in owners[asset_id]:
                counts[org_id][type_][status] += 1
    return {org_id: Statistics(on=on, counts=c) for org_id, c in counts.items()}


def hub_assets(hub: Hub) -> QuerySet[Asset]:
    return Asset.objects.filter(hub=hub)


def network_assets(hubs: Iterable[Hub | HubChoice]) -> QuerySet[Asset]:
    return Asset.objects.filter(hub_id__in=[hub.pk for hub in hubs])


def organisation_assets(*, organisation: Organisation, user: Any) -> QuerySet[Asset]:
    """An organisation's assets that the user may see (its applications stay private)."""
    # A join on the owners table (indexed by organisation), not a subquery per asset.
    return Asset.objects.filter(owners=organisation).filter(access.visible_q(user))


def organisation_assets_for_panel(
    *, organisation: Organisation, user: Any, limit: int = 50
) -> list[Asset]:
    return list(
        organisation_assets(organisation=organisation, user=user)
        .select_related("hub")
        .prefetch_related(Prefetch("nice_classes"))
        .order_by(F("filed_on").desc(nulls_last=True), "-id")[:limit]
    )


def product_assets(*, product: Any, user: Any) -> list[Asset]:
    """The IP records that protect a product, as far as the user may see them."""
    return list(
        Asset.objects.filter(products=product)
        .filter(access.visible_q(user))
        .order_by("type", "number", "id")
    )
