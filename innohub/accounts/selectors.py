"""Reads about accounts: the audit log as each user may see it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from innohub.accounts.access import ALL_HUBS, hub_ids_staffed_by
from innohub.accounts.models import AuditEntry


def audit_entries_for(user: Any, *, actor: str = "", action: str = "") -> QuerySet[AuditEntry]:
    """A network admin sees every entry; hub staff see the entries about their hubs."""
    staffed = hub_ids_staffed_by(user)
    qs = AuditEntry.objects.select_related("hub")
    if staffed is not ALL_HUBS:
        qs = qs.filter(hub_id__in=staffed or [])
    if actor:
        qs = qs.filter(actor_name=actor)
    if action:
        qs = qs.filter(action=action)
    return qs.order_by("-id")
