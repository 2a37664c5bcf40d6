"""Reminders of IP deadlines to owners and IP officers, by e-mail and on their dashboard.

`reminders_send` is what `innohub remind` runs. It is safe to run as often as one likes and
on several servers at the same moment: a reminder is a row with a unique constraint on
(deadline, person, lead time, due date), inserted before anything is sent; the server whose
insert succeeds sends it, every other server's insert fails and it moves on. An e-mail whose
sending failed is retried by a later run, claimed with a compare-and-set update so that,
again, only one server sends it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from innohub.accounts.models import Role, RoleKind, User
from innohub.ip import services
from innohub.ip.models import Asset, Deadline, DeadlineKind, DeadlineState, Reminder
from innohub.ip.services import hub_today
from innohub.network.models import Hub

logger = logging.getLogger(__name__)

# A claimed reminder whose e-mail has not gone out after this long is tried again.
RETRY_AFTER = timedelta(hours=1)


@dataclass
class RemindResult:
    expired: int = 0
    refreshed: int = 0
    created: int = 0
    emailed: int = 0
    retried: int = 0


def lead_for(deadline: Deadline, today: date, leads: list[int]) -> int | None:
    """Which reminder is due today: the nearest lead time reached (so a server that was down
    sends only the most urgent one), 0 once the due date has passed and grace runs."""
    if today > deadline.due:
        if deadline.grace_ends and today <= deadline.grace_ends:
            return 0
        return None
    reached = [lead for lead in leads if deadline.due - timedelta(days=lead) <= today]
    return min(reached) if reached else None


def recipients_by_asset(assets: list[Asset]) -> dict[int, list[User]]:
    """Owners' representatives and the hub's IP officers (its staff when it has none)."""
    owners: dict[int, set[int]] = defaultdict(set)
    for asset_id, org_id in Asset.owners.through.objects.filter(
        asset_id__in=[a.pk for a in assets]
    ).values_list("asset_id", "organisation_id"):
        owners[asset_id].add(org_id)
    hub_ids = {a.hub_id for a in assets}
    roles = Role.objects.filter(
        Q(kind=RoleKind.MEMBER, organisation_id__in={o for s in owners.values() for o in s})
        | Q(kind__in=[RoleKind.IP_OFFICER, RoleKind.HUB_STAFF], hub_id__in=hub_ids)
    ).select_related("user")
    by_org: dict[int, list[User]] = defaultdict(list)
    officers: dict[int, list[User]] = defaultdict(list)
    staff: dict[int, list[User]] = defaultdict(list)
    for role in roles:
        if not role.user.is_active:
            continue
        if role.kind == RoleKind.MEMBER:
            by_org[role.organisation_id].append(role.user)
        elif role.kind == RoleKind.IP_OFFICER:
            officers[role.hub_id].append(role.user)
        else:
            staff[role.hub_id].append(role.user)
    out: dict[int, list[User]] = {}
    for asset in assets:
        people = {u.pk: u for org in owners[asset.pk] for u in by_org[org]}
        keepers = officers[asset.hub_id] or staff[asset.hub_id]
        people.update({u.pk: u for u in keepers})
        out[asset.pk] = sorted(people.values(), key=lambda u: u.pk)
    return out


def _candidates(hub: Hub, today: date, leads: list[int]) -> list[tuple[Deadline, int]]:
    horizon = today + timedelta(days=max(leads))
    qs = (
        Deadline.objects.filter(hub=hub, state=DeadlineState.OPEN, asset__deleted_at__isnull=True)
        .exclude(kind=DeadlineKind.EXPIRY)
        .filter(Q(due__gte=today, due__lte=horizon) | Q(due__lt=today, grace_ends__gte=today))
        .select_related("asset")
        .order_by("id")
    )
    found = []
    for deadline in qs.iterator(chunk_size=1000):
        lead = lead_for(deadline, today, leads)
        if lead is not None:
            found.append((deadline, lead))
    return found


def _claim(deadline: Deadline, user: User, lead: int) -> Reminder | None:
    """Insert the reminder; None when it exists already (sent earlier or by another server)."""
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                deadline=deadline, user=user, lead_days=lead, due=deadline.due
            )
    except IntegrityError:
        return None


def _retry_claims(now: datetime) -> dict[int, list[Reminder]]:
    """Reminders whose e-mail never went out, each re-claimed by exactly one server."""
    stale = Reminder.objects.filter(
        emailed_at__isnull=True, dismissed_at__isnull=True, created_at__lt=now - RETRY_AFTER
    ).exclude(user__email="")
    claimed: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in stale.select_related("user").order_by("id")[:5000]:
        won = Reminder.objects.filter(
            pk=reminder.pk, emailed_at__isnull=True, created_at=reminder.created_at
        ).update(created_at=now)
        if won:
            claimed[reminder.user_id].append(reminder)
    return claimed


def reminder_email(user: User, reminders: list[Reminder]) -> EmailMultiAlternatives:
    """One message listing the user's new reminders, in the user's language."""
    base = settings.INNOHUB_SITE_URL.rstrip("/")
    with translation.override(user.language or settings.LANGUAGE_CODE):
        items = [
            {
                "reminder": r,
                "deadline": r.deadline,
                "asset": r.deadline.asset,
                "title": r.deadline.asset.title.in_language(user.language),
                "url": base + r.deadline.asset.get_absolute_url(),
            }
            for r in sorted(reminders, key=lambda r: (r.due, r.pk))
        ]
        context = {
            "user": user,
            "items": items,
            "dashboard_url": base + reverse("ip:my_deadlines"),
        }
        subject = render_to_string("ip/email/reminders_subject.txt", context).strip()
        text = render_to_string("ip/email/reminders.txt", context)
        html = render_to_string("ip/email/reminders.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message


def _send(user: User, reminders: list[Reminder], result: RemindResult) -> None:
    if not user.email or not reminders:
        return
    reminder_email(user, reminders).send()
    Reminder.objects.filter(pk__in=[r.pk for r in reminders]).update(emailed_at=timezone.now())
    result.emailed += len(reminders)


def reminders_send(
    *,
    today: date | None = None,
    dry_run: bool = False,
    email: bool = True,
    log: Callable[[str], None] | None = None,
) -> RemindResult:
    """Expire rights past their term, then create and e-mail every reminder due today.

    email=False records the reminders (for the dashboards) as if they had been e-mailed:
    what the demo loader uses to set up a hub that has been running for years.
    """
    result = RemindResult()
    log = log or (lambda _line: None)
    if not dry_run:
        result.expired = services.assets_expire(today=today or timezone.localdate())
        result.refreshed = services.deadlines_refresh_provisional()
    new_by_user: dict[int, list[Reminder]] = defaultdict(list)
    users: dict[int, User] = {}
    for hub in Hub.objects.all().order_by("pk"):
        leads = services.hub_ip_settings(hub).lead_days()
        day = today or hub_today(hub)
        candidates = _candidates(hub, day, leads)
        if not candidates:
            continue
        recipients = recipients_by_asset(
            list({d.asset_id: d.asset for d, _l in candidates}.values())
        )
        pairs = sorted(
            (
                (user, deadline, lead)
                for deadline, lead in candidates
                for user in recipients[deadline.asset_id]
            ),
            key=lambda item: (item[0].pk, item[1].pk, item[2]),
        )
        log(f"{hub.slug}: {len(candidates)} deadlines to remind, {len(pairs)} reminders")
        if dry_run:
            existing = set(
                Reminder.objects.filter(deadline__in=[d for d, _l in candidates]).values_list(
                    "deadline_id", "user_id", "lead_days", "due"
                )
            )
            result.created += sum((d.pk, u.pk, lead, d.due) not in existing for u, d, lead in pairs)
            continue
        for user, deadline, lead in pairs:
            reminder = _claim(deadline, user, lead)
            if reminder is not None:
                new_by_user[user.pk].append(reminder)
                users[user.pk] = user
                result.created += 1
    if dry_run:
        return result
    if not email:
        ids = [r.pk for reminders in new_by_user.values() for r in reminders]
        Reminder.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
        return result
    for user_id, reminders in _retry_claims(timezone.now()).items():
        result.retried += len(reminders)
        new_by_user[user_id].extend(reminders)
        users.setdefault(user_id, reminders[0].user)
    for user_id, reminders in sorted(new_by_user.items()):
        try:
            _send(users[user_id], reminders, result)
        except Exception:  # one bad address or a mail outage must not stop the others
            logger.exception("reminder e-mail to user %s failed; a later run retries it", user_id)
    return result


def reminder_dismiss(*, reminder: Reminder, by: Any) -> None:
    if reminder.dismissed_at is None:
        reminder.dismissed_at = timezone.now()
        reminder.save(update_fields=["dismissed_at"])
