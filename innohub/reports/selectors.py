"""The figures of a hub's dashboard and annual report, gathered through the other apps' selectors.

Stocks (members, IP, space) are counted on the period's last day; flows (applications, events,
agreements, visits, introductions) over the period, both ends included. Each app's own rule
decides what counts (a member, a valid right, a let room); this module only asks and adds up.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from innohub.common.i18n import LocalizedText
from innohub.network.models import Hub
from innohub.reports.access import READER

# Dashboards may be this old at most; the page says so.
CACHE_SECONDS = 300
CACHE_VERSION = 3


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def year_to(cls, end: date) -> Period:
        """The twelve months that end on `end` (a first anniversary: the whole first year)."""
        try:
            start = end.replace(year=end.year - 1)
        except ValueError:  # 29 February
            start = end.replace(year=end.year - 1, day=28)
        return cls(start=start, end=end)


@dataclass
class HubFigures:
    hub_slug: str
    hub_name: LocalizedText  # shown in the reader's language: the figures serve all three
    start: date
    end: date
    today: date
    members: int = 0
    members_by_country: dict[str, int] = field(default_factory=dict)
    members_by_sector: dict[str, int] = field(default_factory=dict)
    # (month end, members) from the hub's opening to the end of the period
    members_over_time: list[tuple[date, int]] = field(default_factory=list)
    admissions: dict[str, int] = field(default_factory=dict)
    ip: dict[str, dict[str, int]] = field(default_factory=dict)
    ip_now: dict[str, dict[str, int]] = field(default_factory=dict)
    spaces: list[dict[str, Any]] = field(default_factory=list)
    spaces_total: dict[str, Any] = field(default_factory=dict)
    events: dict[str, Any] = field(default_factory=dict)
    agreements: dict[str, Any] = field(default_factory=dict)
    visits: dict[str, Any] = field(default_factory=dict)
    introductions: dict[str, Any] = field(default_factory=dict)
    # names of sectors and phases by key, each rendered in the reader's language
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    computed_at: datetime | None = None

    def ip_count(self, type_: str, *statuses: str) -> int:
        return sum(self.ip.get(type_, {}).get(status, 0) for status in statuses)

    def ip_total(self, *statuses: str) -> int:
        return sum(by_status.get(s, 0) for by_status in self.ip.values() for s in statuses)

    def as_dict(self) -> dict[str, Any]:
        """The figures as plain data, JSON's shape. The nested counts are these figures' own,
        not deep copies (the API and the network's report only read them); a caller that
        changes them copies them first."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "labels"}
        data["members_over_time"] = [
            {"month": month, "members": n} for month, n in self.members_over_time
        ]
        data["hub_name"] = str(self.hub_name)
        return data


# ------------------------------------------------------------------ the parts


def _day_bounds(hub: Hub, period: Period) -> tuple[datetime, datetime]:
    """The period as [first instant, instant after the last day) in the hub's time zone."""
    zone = ZoneInfo(hub.time_zone or "Asia/Shanghai")
    return (
        datetime.combine(period.start, time.min, tzinfo=zone),
        datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _members(figures: HubFigures, hub: Hub, period: Period) -> None:
    from innohub.directory.models import Sector
    from innohub.directory.selectors import members_count_on, membership_growth

    figures.members = members_count_on(hub=hub, day=period.end)
    by_country = membership_growth(hub=hub, by="country", end=period.end)
    figures.members_over_time = list(zip(by_country.months, by_country.totals, strict=True))
    figures.members_by_country = {
        key: values[-1] for key, _label, values in by_country.series if values and values[-1]
    }
    by_sector = membership_growth(hub=hub, by="sector", start=period.end, end=period.end)
    figures.members_by_sector = {
        key: values[-1] for key, _label, values in by_sector.series if values and values[-1]
    }
    # Translated texts only: a lazy translation in the cached figures would cost a class built
    # anew each time it is unpickled (a millisecond per hub on the network dashboard). The
    # members of no sector are named when shown (`presentation.sector_label`).
    figures.labels["sectors"] = dict(Sector.objects.values_list("slug", "name"))


def _admissions(figures: HubFigures, hub: Hub, period: Period) -> None:
    """Applications received in the period and where each of them stands now."""
    from innohub.directory.models import Application, ApplicationStatus

    start, end = _day_bounds(hub, period)
    rows = (
        Application.objects.filter(hub=hub, created_at__gte=start, created_at__lt=end)
        .values("status")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(ApplicationStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    figures.admissions = {"received": sum(counts.values()), **counts}


def _ip(figures: HubFigures, hub: Hub, period: Period) -> None:
    from innohub.ip.selectors import hub_assets, statistics

    if not figures.ip:  # counted already, with other hubs' (`refresh_cached_figures`)
        figures.ip = statistics(assets=hub_assets(hub), on=period.end, members_only=True).counts
    if period.end == figures.today:
        figures.ip_now = figures.ip
    else:
        figures.ip_now = statistics(
            assets=hub_assets(hub), on=figures.today, members_only=True
        ).counts


def _spaces(figures: HubFigures, hub: Hub, period: Period) -> None:
    from innohub.spaces.selectors import occupancy

    found = occupancy(hub=hub, on=period.end)
    phases = []
    names = {}
    for phase, phase_figures, _kinds in found.phases:
        key = str(phase.number) if phase else "none"
        names[key] = phase.name if phase else ""
        phases.append({"phase": key, **phase_figures.as_dict()})
    figures.spaces = phases
    figures.spaces_total = found.total.as_dict()
    figures.labels["phases"] = names


def empty_space_figures() -> dict[str, Any]:
    from innohub.spaces.selectors import Figures

    return Figures().as_dict()


def _events(figures: HubFigures, hub: Hub, period: Period) -> None:
    """Published events of the hub that took place in the period, and who came."""
    from innohub.events.models import EventStatus
    from innohub.events.selectors import EventFilters, attendance_by_event, event_list

    held = event_list(
        user=READER,
        filters=EventFilters(
            hub=hub.slug, date_from=period.start, date_to=period.end, include_past=True
        ),
    ).filter(status=EventStatus.PUBLISHED, starts_at__lte=timezone.now())
    by_kind = Counter(dict(held.order_by().values_list("kind").annotate(n=Count("id"))))
    attendance = attendance_by_event(held.order_by().values("pk"))
    figures.events = {
        "held": sum(by_kind.values()),
        "by_kind": dict(by_kind),
        "participants": sum(row["confirmed"] for row in attendance.values()),
        "checked_in": sum(row["checked_in"] for row in attendance.values()),
    }


def _agreements(figures: HubFigures, hub: Hub, period: Period) -> None:
    """The hub's agreements (recorded by it or naming it as a party) signed in the period,
    and all of them by status on the last day."""
    from innohub.relations.selectors import AgreementFilters, agreement_list

    mine = agreement_list(user=READER, filters=AgreementFilters(hub=hub.slug)).order_by()
    signed = mine.filter(signed_on__gte=period.start, signed_on__lte=period.end)
    signed_by_status = dict(signed.values_list("status").annotate(n=Count("id")))
    # Drafts have no signing date; the others count once signed by the last day.
    existing = mine.filter(Q(signed_on__isnull=True) | Q(signed_on__lte=period.end))
    figures.agreements = {
        "signed": sum(signed_by_status.values()),
        "signed_by_status": signed_by_status,
        "by_status": dict(existing.values_list("status").annotate(n=Count("id"))),
    }


def _visits(figures: HubFigures, hub: Hub, period: Period) -> None:
    """Delegations received in the period (visits that took place), by country of origin."""
    from innohub.relations.models import VisitDirection, VisitStatus
    from innohub.relations.selectors import VisitFilters, visit_list

    received = (
        visit_list(
            user=READER,
            filters=VisitFilters(
                hub=hub.slug, direction=VisitDirection.INCOMING, status=VisitStatus.COMPLETED
            ),
            related=False,
        )
        .filter(starts_on__gte=period.start, starts_on__lte=period.end)
        .order_by()
    )
    by_country = dict(received.values_list("delegation__origin_country").annotate(n=Count("id")))
    figures.visits = {
        "received": sum(by_country.values()),
        "by_country": {key or "": n for key, n in by_country.items()},
    }


def _introductions(figures: HubFigures, hub: Hub, period: Period) -> None:
    """Introductions the hub made in the period and how far each had got by its last day."""
    from innohub.matching.models import IntroductionEvent, IntroductionState
    from innohub.matching.selectors import IntroductionFilters, introduction_list

    made = introduction_list(user=READER, filters=IntroductionFilters(hub=hub.slug)).filter(
        Exists(
            IntroductionEvent.objects.filter(
                introduction=OuterRef("pk"),
                state=IntroductionState.INTRODUCED,
                on__gte=period.start,
                on__lte=period.end,
            )
        )
    )
    state_then = (
        IntroductionEvent.objects.filter(introduction=OuterRef("pk"), on__lte=period.end)
        .order_by("-on", "-id")
        .values("state")[:1]
    )
    rows = (
        made.order_by()
        .select_related(None)
        .annotate(state_then=Subquery(state_then))
        .values_list("state_then")
        .annotate(n=Count("id"))
    )
    by_state = dict.fromkeys(IntroductionState.values, 0)
    for state, n in rows:
        by_state[state or IntroductionState.INTRODUCED] += n
    figures.introductions = {"made": sum(by_state.values()), "by_state": by_state}


# ------------------------------------------------------------------ entry points


def hub_figures(
    *,
    hub: Hub,
    period: Period,
    today: date | None = None,
    ip: dict[str, dict[str, int]] | None = None,
) -> HubFigures:
    """Every figure of one hub for one period, in the active language's labels. `ip`: the
    hub's IP counts on the period's last day when already known."""
    from innohub.directory.admissions import hub_today

    figures = HubFigures(
        hub_slug=hub.slug,
        hub_name=hub.name,
        start=period.start,
        end=period.end,
        today=today or hub_today(hub),
        ip=ip or {},
        computed_at=timezone.now(),
    )
    for part in (
        _members,
        _admissions,
        _ip,
        _spaces,
        _events,
        _agreements,
        _visits,
        _introductions,
    ):
        part(figures, hub, period)
    return figures


def cache_key(hub: Hub, period: Period) -> str:
    """Per hub and per period: never shared across hubs; one copy serves every language."""
    return f"reports:v{CACHE_VERSION}:hub:{hub.pk}:{period.start}:{period.end}"


def hub_figures_cached(*, hub: Hub, period: Period) -> HubFigures:
    """`hub_figures`, reused for at most CACHE_SECONDS."""
    key = cache_key(hub, period)
    found = cache.get(key)
    if isinstance(found, HubFigures):
        return found
    figures = hub_figures(hub=hub, period=period)
    cache.set(key, figures, CACHE_SECONDS)
    return figures


def _add(total: dict[str, Any], part: dict[str, Any]) -> None:
    # Exact types, not isinstance: a bool is no count, and a network sums 500 hubs' figures.
    for key, value in part.items():
        kind = type(value)
        if kind is dict:
            _add(total.setdefault(key, {}), value)
        elif kind is int or kind is float:
            total[key] = total.get(key, 0) + value


@dataclass
class NetworkFigures:
    end: date
    hubs: list[HubFigures]
    total: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {
            "end": self.end,
            "hubs": [h.as_dict() for h in self.hubs],
            "total": self.total,
        }


SUMMED = (
    "members",
    "members_by_country",
    "members_by_sector",
    "admissions",
    "ip",
    "spaces_total",
    "events",
    "agreements",
    "visits",
    "introductions",
)


def network_figures(*, hubs: list[Hub], end: date | None = None) -> NetworkFigures:
    """Each hub's figures for the twelve months to `end` (each hub's today by default), and
    their sums. Occupancy rates are recomputed from the summed areas, not added."""
    per_hub = network_hub_figures(hubs=hubs, end=end)
    total: dict[str, Any] = {}
    for figures in per_hub:
        _add(total, {name: getattr(figures, name) for name in SUMMED})
    spaces = total.get("spaces_total", {})
    if spaces:
        spaces["occupancy_rate"] = occupancy_rate(
            spaces.get("let_area_m2", 0), spaces.get("lettable_area_m2") or 0
        )
    return NetworkFigures(end=end or timezone.localdate(), hubs=per_hub, total=total)


def occupancy_rate(let: float, lettable: float) -> float | None:
    return let / lettable if lettable else None


def network_hub_figures(*, hubs: list[Hub], end: date | None = None) -> list[HubFigures]:
    """Each hub's figures for the twelve months to `end` (each hub's today by default)."""
    per_hub, computed = [], {}
    found = _cached_figures(hubs, end)
    whole = _whole([hub for hub, _period, _key, figures in found if figures is None])
    for hub, period, key, figures in found:
        if figures is None:
            figures = computed[key] = hub_figures(hub=whole[hub.pk], period=period)
        per_hub.append(figures)
    if computed:
        cache.set_many(computed, CACHE_SECONDS)
    return per_hub


def _year_keys(hubs: list[Hub], end: date | None) -> tuple[list[Period], list[str]]:
    """Each hub's twelve months to `end` (each hub's today by default) and their cache keys."""
    from innohub.directory.admissions import hub_today

    periods = [Period.year_to(end or hub_today(hub)) for hub in hubs]
    return periods, [cache_key(hub, period) for hub, period in zip(hubs, periods, strict=True)]


def _cached_figures(
    hubs: list[Hub], end: date | None
) -> list[tuple[Hub, Period, str, HubFigures | None]]:
    """(hub, period, cache key, cached figures or None) of each hub's twelve months to `end`
    (each hub's today by default), read in one round trip to the cache."""
    periods, keys = _year_keys(hubs, end)
    found = cache.get_many(keys)
    return [
        (hub, period, key, figures if isinstance(figures := found.get(key), HubFigures) else None)
        for hub, period, key in zip(hubs, periods, keys, strict=True)
    ]


# What the network dashboard's table leaves out of each hub's figures: its one cache entry
# then holds a few hundred bytes per hub instead of six kilobytes, and is read ten times faster.
_NOT_IN_NETWORK_TABLE = {
    "members_by_country": {},
    "members_by_sector": {},
    "members_over_time": [],
    "ip_now": {},
    "spaces": [],
    "labels": {},
}


def network_dashboard_figures(
    *, hubs: list[Hub], end: date | None, rebuild: bool = False
) -> list[HubFigures]:
    """The figures of `network_hub_figures` that the network dashboard shows, all hubs' in one
    cache entry. The entry expires when its oldest hub's figures turn CACHE_SECONDS old, so the
    page is never older than it says; its key names every hub's own entry, so a new hub, a
    hub's new day or a chosen day reads its own. `rebuild` (the refresh timer) replaces it."""
    digest = hashlib.sha256("|".join(_year_keys(hubs, end)[1]).encode()).hexdigest()
    key = f"reports:v{CACHE_VERSION}:network:{digest}"
    found = None if rebuild else cache.get(key)
    if isinstance(found, list):
        return found
    figures = [replace(f, **_NOT_IN_NETWORK_TABLE) for f in network_hub_figures(hubs=hubs, end=end)]
    now = timezone.now()
    oldest = min((f.computed_at or now for f in figures), default=now)
    remaining = CACHE_SECONDS - (now - oldest).total_seconds()
    if remaining >= 1:
        cache.set(key, figures, int(remaining))
    return figures


def refresh_cached_figures(*, hubs: list[Hub], older_than: float = CACHE_SECONDS / 2) -> int:
    """Recompute the network dashboard's figures of every hub (twelve months to its today)
    whose cached copy is missing or older than `older_than` seconds, so that readers find them
    ready; returns how many hubs were recomputed. Run on a timer (`innohub report --refresh`).
    The IP counts, the dearest part, are counted in one query per last day for all of them."""
    from innohub.ip.selectors import statistics_by_hub

    stale = [
        (hub, period, key)
        for hub, period, key, figures in _cached_figures(hubs, None)
        if figures is None
        or figures.computed_at is None
        or (timezone.now() - figures.computed_at).total_seconds() >= older_than
    ]
    whole = _whole([hub for hub, _period, _key in stale])
    stale = [(whole[hub.pk], period, key) for hub, period, key in stale]
    ip: dict[tuple[int, date], dict[str, dict[str, int]]] = {}
    for end in {period.end for _hub, period, _key in stale}:
        ending = [hub for hub, period, _key in stale if period.end == end]
        for hub_id, found in statistics_by_hub(hubs=ending, on=end).items():
            ip[hub_id, end] = found.counts
    for hub, period, key in stale:
        figures = hub_figures(hub=hub, period=period, ip=ip[hub.pk, period.end])
        cache.set(key, figures, CACHE_SECONDS)
    return len(stale)


def hubs_for_network_dashboard() -> list[Hub]:
    """Every hub, by network: what finds its cached figures only (`_whole` reads the rest)."""
    return list(
        Hub.objects.only("pk", "slug", "name", "time_zone").order_by(
            "network__slug", "opened_on", "pk"
        )
    )


def _whole(hubs: list[Hub]) -> dict[int, Hub]:
    """The hubs to compute figures of, with every field."""
    if not hubs:
        return {}
    return Hub.objects.select_related("network").in_bulk([hub.pk for hub in hubs])
