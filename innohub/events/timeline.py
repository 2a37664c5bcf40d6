"""Events on the timelines of organisations and hubs (see innohub/relations/timeline.py).

An organisation's timeline shows the events it took part in: as a partner, through one of its
people speaking, or with a contest entry once the contest's results are public. A hub's shows
the events it held. Each list holds only the events the viewer may see (invitation-only events
for their guests and the hub's staff, drafts for staff alone).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils.translation import gettext as _

from innohub.accounts.access import ALL_HUBS, hub_ids_staffed_by
from innohub.directory.models import Organisation
from innohub.events.models import Audience, Entry, EntryStatus, Event, EventStatus
from innohub.events.selectors import event_visible_q, taking_part_q
from innohub.network.models import Hub
from innohub.relations.timeline import TimelineEntry


def _entrants_q(user: Any, organisation: Organisation) -> Q:
    """Events with a contest entry of the organisation that the user may know of."""
    entries = Entry.objects.filter(
        organisation=organisation, contest__deleted_at__isnull=True, deleted_at__isnull=True
    ).exclude(status=EntryStatus.WITHDRAWN)
    shown = Q(contest__is_public=True, contest__results_published_at__isnull=False)
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        shown = Q()
    elif staffed:
        shown |= Q(contest__hub_id__in=staffed)
    return Q(pk__in=entries.filter(shown).values("contest__event_id"))


def events_for_organisation_timeline(
    *, user: Any, organisation: Organisation, limit: int | None = None
) -> list[Event]:
    qs = (
        Event.objects.filter(event_visible_q(user))
        .filter(taking_part_q(organisation) | _entrants_q(user, organisation))
        .select_related("hub")
        .order_by("-starts_at", "-id")
    )
    return list(qs[:limit] if limit else qs)


def events_for_hub_timeline(*, user: Any, hub: Hub, limit: int | None = None) -> list[Event]:
    qs = (
        Event.objects.filter(event_visible_q(user), hub=hub)
        .select_related("hub")
        .order_by("-starts_at", "-id")
    )
    return list(qs[:limit] if limit else qs)


def event_entries(
    *,
    user: Any,
    organisation: Organisation | None = None,
    hub: Hub | None = None,
    limit: int | None = None,
) -> Iterator[TimelineEntry]:
    """The events of an organisation or a hub as timeline entries, newest first."""
    if organisation is not None:
        rows = events_for_organisation_timeline(user=user, organisation=organisation, limit=limit)
    elif hub is not None:
        rows = events_for_hub_timeline(user=user, hub=hub, limit=limit)
    else:
        return
    for event in rows:
        summary = event.get_kind_display()
        if organisation is not None:
            summary = _("%(kind)s at %(hub)s") % {"kind": summary, "hub": event.hub.name}
        approximate = event.date_is_approximate
        yield TimelineEntry(
            # An approximate date is shown as a day without a time, with a note saying so.
            when=event.starts_at.astimezone(ZoneInfo(event.time_zone)).date()
            if approximate
            else event.starts_at,
            kind="event",
            title=event.title,
            url=event.get_absolute_url(),
            summary=summary,
            date_note=_("The exact date is not known.") if approximate else "",
            status=event.get_status_display() if event.status != EventStatus.PUBLISHED else "",
            is_private=event.audience != Audience.PUBLIC or event.status == EventStatus.DRAFT,
            is_generated=event.is_generated,
            time_zone=event.time_zone,
        )
