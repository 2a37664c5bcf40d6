"""iCalendar feeds of IP deadlines (per hub, per organisation) and their private subscriptions."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from innohub.ip.models import CalendarFeed, Deadline, DeadlineState

KEY_PREFIX = "ipcal_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, user: Any, hub: Any = None, organisation: Any = None) -> str:
    """A new subscription; the secret is returned once (only its hash is kept).

    Creating one for the same scope replaces the old one, so a leaked link can be revoked.
    """
    CalendarFeed.objects.filter(user=user, hub=hub, organisation=organisation).delete()
    key = KEY_PREFIX + secrets.token_urlsafe(24)
    CalendarFeed.objects.create(
        user=user, hub=hub, organisation=organisation, key_hash=hash_key(key)
    )
    return key


def calendar_feed_find(key: str) -> CalendarFeed | None:
    if not key.startswith(KEY_PREFIX):
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "hub", "organisation")
        .filter(key_hash=hash_key(key))
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed


def _summary(deadline: Deadline) -> str:
    asset = deadline.asset
    return f"{deadline.label} · {asset.display_number or asset.get_type_display()} · {asset.title}"


def _description(deadline: Deadline, base_url: str) -> str:
    lines = []
    if deadline.state == DeadlineState.DONE and deadline.done_on:
        lines.append(_("Done on %(date)s.") % {"date": date_format(deadline.done_on)})
    if deadline.window_opens:
        lines.append(_("Can be done from %(date)s.") % {"date": date_format(deadline.window_opens)})
    if deadline.grace_ends:
        lines.append(
            _("Grace period (with a surcharge) until %(date)s.")
            % {"date": date_format(deadline.grace_ends)}
        )
    if deadline.shifted_from:
        lines.append(
            _("Moved from %(date)s, a day off.") % {"date": date_format(deadline.shifted_from)}
        )
    if deadline.provisional:
        lines.append(_("Provisional: that year's Chinese holiday schedule is not yet published."))
    if deadline.unverified:
        lines.append(_("Rests on a rule of the Israel Patent Office that is not yet verified."))
    lines.append(base_url + deadline.asset.get_absolute_url())
    return "\n".join(lines)


def calendar_for(deadlines: Iterable[Deadline], *, name: str, base_url: str) -> bytes:
    """All-day events, one per deadline, with stable UIDs so updates replace old entries."""
    cal = Calendar()
    cal.add("prodid", "-//innohub//IP deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # A calendar's name is one line: a name typed with a line break must not break the feed.
    cal.add("x-wr-calname", " ".join(name.split()))
    stamp = timezone.now()
    for deadline in deadlines:
        event = Event()
        event.add("uid", f"ip-deadline-{deadline.pk}@innohub")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + timedelta(days=1))
        event.add("summary", _summary(deadline))
        event.add("description", _description(deadline, base_url))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
