"""The timeline of an organisation or a hub, assembled from providers that apps declare.

An app contributes entries without this module knowing it: it declares on its AppConfig

    timeline_providers = ["innohub.events.timeline.event_entries"]

each a dotted path to a function

    def provider(*, user, organisation=None, hub=None) -> Iterable[TimelineEntry]

called with exactly one of `organisation` or `hub`. A provider applies its own visibility
rules (it returns only what `user` may see) and may return entries in any order;
`timeline_for` merges and orders them: newest first, entries of the same day with a time
before those without, and entries whose date is not known at the end.

A provider may also accept `limit: int | None = None`: when a page needs only the newest
few entries (the panels on organisation and hub pages), it is called with the number needed
and may return just its newest `limit` entries instead of all of them.

This app provides the entries of agreements, visits and admissions (membership history).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innohub.accounts.access import grants_for, hub_ids_staffed_by, user_represents
from innohub.common.i18n import LocalizedText
from innohub.directory.models import PUBLIC_STATES, MembershipEvent, MembershipState, Organisation
from innohub.network.models import Hub
from innohub.relations import rules
from innohub.relations.models import Agreement

# The kinds this app's providers produce, with their labels for filters and badges.
KIND_LABELS: dict[str, Any] = {
    "agreement": gettext_lazy("Agreement"),
    "visit": gettext_lazy("Visit"),
    "admission": gettext_lazy("Membership"),
    "event": gettext_lazy("Event"),
}


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a timeline.

    when: a date, or an aware datetime, or None when the date is not known.
    precision: how much of `when` is known ("day", "month", "year" or "unknown").
    title / summary / date_note: a LocalizedText (rendered in the page language) or a str
    that is already translated.
    is_private: the entry is shown only because the user may see non-public records.
    kind_label: the badge text when `kind` is not one of KIND_LABELS.
    """

    when: date | datetime | None
    kind: str
    title: LocalizedText | str
    url: str = ""
    summary: LocalizedText | str = ""
    precision: str = rules.DAY
    date_note: LocalizedText | str = ""
    status: str = ""
    is_private: bool = False
    is_generated: bool = False
    kind_label: str = ""
    time_zone: str = ""  # where a timed entry happens; its time is shown in that zone

    @property
    def label(self) -> str:
        return self.kind_label or str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime)

    @property
    def is_dated(self) -> bool:
        return self.when is not None and self.precision != rules.UNKNOWN


Provider = Callable[..., Iterable[TimelineEntry]]


@cache
def accepts_limit(provider: Provider) -> bool:
    try:
        parameters = inspect.signature(provider).parameters
    except (TypeError, ValueError):
        return False
    return "limit" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


@cache
def timeline_providers() -> tuple[Provider, ...]:
    """Every provider declared by an installed app, in app order."""
    found: list[Provider] = []
    for config in apps.get_app_configs():
        for path in getattr(config, "timeline_providers", ()):
            found.append(import_string(path))
    return tuple(found)


def sort_key(entry: TimelineEntry, zone: ZoneInfo) -> tuple:
    """Ascending key; the timeline reverses it. Undated entries sort before every dated one
    (so they come last once reversed), timed entries after untimed ones of the same day."""
    if not entry.is_dated:
        return (0, date.min, 0, time.min, entry.kind, str(entry.title))
    when = entry.when
    if isinstance(when, datetime):
        local = when.astimezone(zone)
        return (1, local.date(), 1, local.time(), entry.kind, str(entry.title))
    assert isinstance(when, date)
    return (1, when, 0, time.min, entry.kind, str(entry.title))


def order_entries(entries: Iterable[TimelineEntry], zone: ZoneInfo) -> list[TimelineEntry]:
    """Newest first; same day: timed (latest first) before untimed; unknown dates last."""
    dated = [e for e in entries]
    dated.sort(key=lambda e: sort_key(e, zone), reverse=True)
    return dated


def timeline_for(
    *,
    user: Any,
    organisation: Organisation | None = None,
    hub: Hub | None = None,
    kinds: Iterable[str] | None = None,
    providers: Iterable[Provider] | None = None,
    limit: int | None = None,
) -> list[TimelineEntry]:
    """The merged, ordered timeline of one organisation or one hub as `user` may see it.

    With `limit`, only the newest `limit` entries (providers that can are asked for no more).
    """
    if (organisation is None) == (hub is None):
        raise ValueError("give exactly one of organisation or hub")
    wanted = set(kinds) if kinds else None
    entries: list[TimelineEntry] = []
    for provider in providers if providers is not None else timeline_providers():
        options = {"limit": limit} if limit and wanted is None and accepts_limit(provider) else {}
        for entry in provider(user=user, organisation=organisation, hub=hub, **options):
            if wanted is None or entry.kind in wanted:
                entries.append(entry)
    zone = ZoneInfo(hub.time_zone if hub is not None else "Asia/Shanghai")
    ordered = order_entries(entries, zone)
    return ordered[:limit] if limit else ordered


# ------------------------------------------------------------------ this app's providers


def agreement_entries(
    *,
    user: Any,
    organisation: Organisation | None = None,
    hub: Hub | None = None,
    limit: int | None = None,
    rows: Sequence[Agreement] | None = None,
) -> Iterator[TimelineEntry]:
    """Agreements the organisation or hub is a party to (a hub: also those it records);
    `rows`: those already fetched for the user, newest first (e.g. by a page's other panel)."""
    from innohub.relations.selectors import agreements_for_hub, agreements_for_organisation

    if rows is not None:
        rows = rows[:limit] if limit else rows
    elif organisation is not None:
        rows = agreements_for_organisation(user=user, organisation=organisation, limit=limit)
    elif hub is not None:
        rows = agreements_for_hub(user=user, hub=hub, limit=limit)
    else:
        return
    for agreement in rows:
        others = [
            party
            for party in agreement.parties.all()
            if not (
                (organisation is not None and party.organisation_id == organisation.pk)
                or (hub is not None and party.hub_id == hub.pk)
            )
        ]
        with_names = ", ".join(
            str(party.display_name) if getattr(party, "is_listed", True) else _("an unlisted party")
            for party in others
        )
        yield TimelineEntry(
            when=agreement.signed_on,
            kind="agreement",
            title=agreement.title,
            url=agreement.get_absolute_url(),
            summary=_("%(kind)s with %(parties)s")
            % {
                "kind": agreement.get_kind_display(),
                "parties": with_names,
            }
            if with_names
            else agreement.get_kind_display(),
            precision=agreement.signed_precision if agreement.signed_on else rules.UNKNOWN,
            date_note=agreement.signed_note
            if agreement.signed_on is None and agreement.signed_note
            else (_("Not signed yet") if agreement.signed_on is None else ""),
            status=agreement.get_status_display(),
            is_private=not agreement.is_public_record,
            is_generated=agreement.is_generated,
        )


def visit_entries(
    *,
    user: Any,
    organisation: Organisation | None = None,
    hub: Hub | None = None,
    limit: int | None = None,
) -> Iterator[TimelineEntry]:
    """Visits the organisation sent or hosted; visits a hub recorded or hosted."""
    from innohub.relations.selectors import visits_for_hub, visits_for_organisation

    if organisation is not None:
        rows = visits_for_organisation(user=user, organisation=organisation, related=False)
    elif hub is not None:
        rows = visits_for_hub(user=user, hub=hub, related=False)
    else:
        return
    for visit in rows[:limit] if limit else rows:
        yield TimelineEntry(
            when=visit.starts_on,
            kind="visit",
            title=visit.title,
            url=visit.get_absolute_url(),
            summary=visit.delegation.name,
            precision=visit.date_precision if visit.starts_on else rules.UNKNOWN,
            date_note=visit.date_note,
            status=visit.get_status_display(),
            is_private=not visit.is_public,
            is_generated=visit.is_generated,
        )


# How a membership change reads on an organisation's timeline (the hub is named) ...
_ORG_STATE_TITLES = {
    MembershipState.APPLICANT: gettext_lazy("Applied to %(hub)s"),
    MembershipState.UNDER_REVIEW: gettext_lazy("Application to %(hub)s under review"),
    MembershipState.ADMITTED: gettext_lazy("Admitted to %(hub)s"),
    MembershipState.RESIDENT: gettext_lazy("Became a resident of %(hub)s"),
    MembershipState.GRADUATED: gettext_lazy("Graduated from %(hub)s"),
    MembershipState.LEFT: gettext_lazy("Left %(hub)s"),
    MembershipState.DECLINED: gettext_lazy("Application to %(hub)s declined"),
}
# ... and on a hub's timeline (the organisation is named).
_HUB_STATE_TITLES = {
    MembershipState.APPLICANT: gettext_lazy("%(organisation)s applied"),
    MembershipState.UNDER_REVIEW: gettext_lazy("%(organisation)s: application under review"),
    MembershipState.ADMITTED: gettext_lazy("%(organisation)s admitted"),
    MembershipState.RESIDENT: gettext_lazy("%(organisation)s became a resident"),
    MembershipState.GRADUATED: gettext_lazy("%(organisation)s graduated"),
    MembershipState.LEFT: gettext_lazy("%(organisation)s left"),
    MembershipState.DECLINED: gettext_lazy("%(organisation)s: application declined"),
}


def _membership_event_visible_q(user: Any) -> Q:
    """Public states for everyone; every state for the organisation itself and its hubs' staff.

    The same rule as the organisation page: whoever sees an organisation's private side (its
    representatives, staff of any hub it belongs to) sees its whole membership history.
    """
    grants = grants_for(user)
    if grants.network_admin:
        return Q()
    visible = Q(state__in=PUBLIC_STATES)
    staffed = hub_ids_staffed_by(user)
    if staffed:
        from innohub.directory.models import Membership

        visible |= Q(
            Exists(
                Membership.objects.filter(
                    organisation_id=OuterRef("membership__organisation_id"), hub_id__in=staffed
                )
            )
        )
    if grants.organisations:
        visible |= Q(membership__organisation_id__in=grants.organisations)
    return visible


def admission_entries(
    *,
    user: Any,
    organisation: Organisation | None = None,
    hub: Hub | None = None,
    limit: int | None = None,
) -> Iterator[TimelineEntry]:
    """The membership history: applications, admissions, moving in, graduating, leaving."""
    from innohub.directory.selectors import organisation_visible_q

    events = MembershipEvent.objects.filter(
        _membership_event_visible_q(user), membership__organisation__deleted_at__isnull=True
    ).select_related("membership__hub", "membership__organisation")
    if organisation is not None:
        events = events.filter(membership__organisation=organisation)
    elif hub is not None:
        visible_orgs = Organisation.objects.filter(organisation_visible_q(user)).values("pk")
        events = events.filter(membership__hub=hub, membership__organisation_id__in=visible_orgs)
    else:
        return
    events = events.order_by("-on", "-id")
    labels = {value: str(label) for value, label in MembershipState.choices}
    for event in events[:limit] if limit else events:
        membership = event.membership
        if organisation is not None:
            title = _ORG_STATE_TITLES[event.state] % {"hub": membership.hub.name}
            url = membership.hub.get_absolute_url()
        else:
            title = _HUB_STATE_TITLES[event.state] % {"organisation": membership.organisation.name}
            url = membership.organisation.get_absolute_url()
        private = event.state not in PUBLIC_STATES
        yield TimelineEntry(
            when=event.on,
            kind="admission",
            title=title,
            url=url,
            summary=event.note
            if private or user_represents(user, membership.organisation_id)
            else "",
            status=labels.get(event.state, event.state),
            is_private=private,
            is_generated=membership.organisation.is_generated,
        )
