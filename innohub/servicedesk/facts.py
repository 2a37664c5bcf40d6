"""The facts programme rules may name, each read in bulk from the platform's own records.

A fact is registered with `register_fact(...)` as a function
`collect(organisations, hub, today) -> {organisation_id: value}`; a value may be
`Unknown(reason)` when the records cannot establish it. Other apps plug in their facts the
same way; the IP counts below read the IP portfolio's statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from innohub.common.models import Country
from innohub.directory.models import (
    Membership,
    MembershipState,
    Organisation,
    OrganisationKind,
    Sector,
    Stage,
)
from innohub.servicedesk.eligibility import BOOL, LIST, NUMBER, TEXT, FactSpec, Unknown

Collector = Callable[[list[Organisation], Any, date], dict[int, Any]]
NO_MEMBERSHIP = "none"


@dataclass(frozen=True)
class FactDefinition:
    name: str
    label: Any
    kind: str
    collect: Collector
    group: Any
    help: Any = ""
    choices: Callable[[], dict[str, Any]] | None = None
    display: Callable[[Any], str] | None = None

    def spec(self) -> FactSpec:
        return FactSpec(
            name=self.name,
            label=self.label,
            kind=self.kind,
            choices=self.choices() if self.choices else None,
            display=self.display,
            help=self.help,
        )


FACTS: dict[str, FactDefinition] = {}

GROUP_ORGANISATION = gettext_lazy("The organisation")
GROUP_MEMBERSHIP = gettext_lazy("Membership of the hub")
GROUP_IP = gettext_lazy("Intellectual property")


def register_fact(
    name: str,
    *,
    label: Any,
    kind: str,
    group: Any,
    help: Any = "",
    choices: Callable[[], dict[str, Any]] | None = None,
    display: Callable[[Any], str] | None = None,
) -> Callable[[Collector], Collector]:
    """Register (or replace) the collector of one fact."""

    def decorator(collect: Collector) -> Collector:
        FACTS[name] = FactDefinition(name, label, kind, collect, group, help, choices, display)
        return collect

    return decorator


def fact_specs() -> dict[str, FactSpec]:
    return {name: definition.spec() for name, definition in FACTS.items()}


def collect_facts(
    organisations: Iterable[Organisation],
    hub: Any,
    today: date,
    names: Iterable[str] | None = None,
) -> dict[int, dict[str, Any]]:
    """Facts of each organisation in one hub on a day, a fixed number of queries per fact."""
    organisations = list(organisations)
    wanted = [n for n in (names if names is not None else FACTS) if n in FACTS]
    facts: dict[int, dict[str, Any]] = {org.pk: {} for org in organisations}
    for name in wanted:
        values = FACTS[name].collect(organisations, hub, today)
        for org in organisations:
            facts[org.pk][name] = values.get(org.pk, Unknown(_("not recorded")))
    return facts


def _years(value: Any) -> str:
    number = int(value) if float(value).is_integer() else value
    return ngettext("%(n)s year", "%(n)s years", number) % {"n": number}


def _months(value: Any) -> str:
    number = int(value) if float(value).is_integer() else value
    return ngettext("%(n)s month", "%(n)s months", number) % {"n": number}


def _people(value: Any) -> str:
    return ngettext("%(n)s person", "%(n)s people", int(value)) % {"n": int(value)}


def _membership_choices() -> dict[str, Any]:
    return {NO_MEMBERSHIP: _("no membership"), **dict(MembershipState.choices)}


@register_fact(
    "country",
    label=gettext_lazy("Country of origin"),
    kind=TEXT,
    group=GROUP_ORGANISATION,
    choices=lambda: dict(Country.choices),
)
def _country(orgs: list[Organisation], hub: Any, today: date) -> dict[int, Any]:
    return {org.pk: org.country for org in orgs}


@register_fact(
    "kind",
    label=gettext_lazy("Kind of organisation"),
    kind=TEXT,
    group=GROUP_ORGANISATION,
    choices=lambda: dict(OrganisationKind.choices),
)
def _kind(orgs: list[Organisation], hub: Any, today: date) -> dict[int, Any]:
    return {org.pk: org.kind for org in orgs}


@register_fact(
    "stage",
    label=gettext_lazy("Stage"),
    kind=TEXT,
    group=GROUP_ORGANISATION,
    choices=lambda: dict(Stage.choices),
)
def _stage(orgs: list[Organisation], hub: Any, today: date) -> dict[int, Any]:
    return {org.pk: org.stage or Unknown(_("stage not recorded")) for org in orgs}


@register_fact(
    "sectors",
    label=gettext_lazy("Sectors"),
    kind=LIST,
    group=GROUP_ORGANISATION,
    choices=lambda: {s.slug: str(s.name) for s in Sector.objects.all()},
)
def _sectors(orgs: list[Organisation], hub: Any, today: date) -> dict[int, Any]:
    found: dict[int, list[str]] = {org.pk: [] for org in orgs}
    rows = Organisation.sectors.through.objects.filter(
        organisation_id__in=[org.pk for org in orgs]
    ).values_list("organisation_id", "sector__slug")
    for org_id, slug in rows.order_by("sector__position", "sector__slug"):
        found[org_id].append(slug)
    return found


@register_fact(
    "company_age_years",
    label=gettext_lazy("Age of the company"),
    kind=NUMBER,
    group=GROUP_ORGANISATION,
    display=_years,
    help=gettext_lazy("Whole years since the founding year (this year minus the founding year)."),
)
def _company_age(orgs: list[Organisation], hub: Any, today: date) -> dict[int, Any]:
    return {
        org.pk: today.year - org.founded_year
        if org.founded_year
        else Unknown(_("founding year not recorded"))
        for org in orgs
    }


@register_fact(
    "headcount",
    label=gettext_lazy("Headcount"),
    kind=NUMBER,
    group=GROUP_ORGANISATION,
    display=_people,
)
def _headcount(orgs: list[Organisation], hub: Any, today: date) -> dict[int, Any]:
    return {
        org.pk: org.headcount if org.headcount is not None else Unknown(_("headcount not recorded"))
        for org in orgs
    }


@register_fact(
    "has_sponsor",
    label=gettext_lazy("Hosted by an incubator"),
    kind=BOOL,
    group=GROUP_ORGANISATION,
)
def _has_sponsor(orgs: list[Organisation], hub: Any, today: date) -> dict[int, Any]:
    return {org.pk: org.sponsor_id is not None for org in orgs}


def _memberships(orgs: list[Organisation], hub: Any) -> dict[int, Membership]:
    rows = Membership.objects.filter(hub=hub, organisation_id__in=[org.pk for org in orgs])
    return {membership.organisation_id: membership for membership in rows}


@register_fact(
    "membership_state",
    label=gettext_lazy("Membership status in the hub"),
    kind=TEXT,
    group=GROUP_MEMBERSHIP,
    choices=_membership_choices,
)
def _membership_state(orgs: list[Organisation], hub: Any, today: date) -> dict[int, Any]:
    memberships = _memberships(orgs, hub)
    return {
        org.pk: memberships[org.pk].state if org.pk in memberships else NO_MEMBERSHIP
        for org in orgs
    }


def months_between(start: date, end: date) -> int:
    """Whole calendar months from start to end (3 March → 2 April is 0, → 3 April is 1)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


@register_fact(
    "membership_months",
    label=gettext_lazy("Length of membership"),
    kind=NUMBER,
    group=GROUP_MEMBERSHIP,
    display=_months,
    help=gettext_lazy("Whole months since the organisation became a member of the hub."),
)
def _membership_months(orgs: list[Organisation], hub: Any, today: date) -> dict[int, Any]:
    memberships = _memberships(orgs, hub)
    values: dict[int, Any] = {}
    for org in orgs:
        membership = memberships.get(org.pk)
        if membership is None or membership.member_from is None:
            values[org.pk] = 0
            continue
        end = min(membership.member_until or today, today)
        values[org.pk] = months_between(membership.member_from, end)
    return values


# IP counts by type, read from the IP portfolio's own statistics (innohub.ip.selectors) on the
# day of the evaluation: the organisation's rights whatever hub's portfolio counts them.
_PATENT_TYPES = ("cn-invention", "cn-utility", "cn-design", "il-patent", "pct")
_PENDING = ("filed", "under_examination")
IP_FACTS: list[tuple[str, Any, Callable[[dict[str, dict[str, int]]], int]]] = [
    (
        "ip_invention_patents_granted",
        gettext_lazy("Granted invention patents"),
        lambda c: c["cn-invention"]["valid"],
    ),
    (
        "ip_utility_models_granted",
        gettext_lazy("Granted utility-model patents"),
        lambda c: c["cn-utility"]["valid"],
    ),
    (
        "ip_design_patents_granted",
        gettext_lazy("Granted design patents"),
        lambda c: c["cn-design"]["valid"],
    ),
    (
        "ip_patent_applications_pending",
        gettext_lazy("Patent applications pending"),
        lambda c: sum(c[t][s] for t in _PATENT_TYPES for s in _PENDING),
    ),
    (
        "ip_trademarks_registered",
        gettext_lazy("Registered trademarks"),
        lambda c: c["cn-trademark"]["valid"],
    ),
    (
        "ip_software_registrations",
        gettext_lazy("Software copyright registrations"),
        lambda c: c["cn-software"]["valid"],
    ),
]


def _ip_collector(count: Callable[[dict[str, dict[str, int]]], int]) -> Collector:
    def collect(orgs: list[Organisation], hub: Any, today: date) -> dict[int, Any]:
        from innohub.ip.selectors import statistics_by_owner

        figures = statistics_by_owner(organisation_ids=[org.pk for org in orgs], on=today)
        return {org_id: count(stats.counts) for org_id, stats in figures.items()}

    return collect


for _name, _label, _count in IP_FACTS:
    register_fact(
        _name,
        label=_label,
        kind=NUMBER,
        group=GROUP_IP,
        help=gettext_lazy("Counted from the IP portfolio on the day of the check."),
    )(_ip_collector(_count))


def fact_catalogue() -> list[dict[str, Any]]:
    """The facts and what may be compared with them, for rule authors (page and API)."""
    from innohub.servicedesk.eligibility import OPERATORS

    rows = []
    for name, definition in FACTS.items():
        spec = definition.spec()
        rows.append(
            {
                "name": name,
                "label": str(spec.label),
                "group": str(definition.group),
                "kind": spec.kind,
                "help": str(definition.help),
                "operators": [op for op, (kinds, _t) in OPERATORS.items() if spec.kind in kinds],
                "values": {k: str(v) for k, v in spec.choices.items()} if spec.choices else None,
            }
        )
    return rows
