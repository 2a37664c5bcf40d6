"""The audit log: every change made by staff or administrators, and sign-in events.

Changes are taken from django-simple-history (every business model has history), so no view
has to remember to log; sign-ins come from Django's auth signals.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from innohub.accounts.access import user_is_staff_anywhere
from innohub.accounts.models import AuditEntry

_ACTIONS = {
    "+": AuditEntry.Action.CREATED,
    "~": AuditEntry.Action.CHANGED,
    "-": AuditEntry.Action.DELETED,
}


def _client_address(request: Any) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor: Any,
    action: str,
    target: Any = None,
    hub: Any = None,
    request: Any = None,
    detail: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(getattr(actor, "username", "") or "")[:150],
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        hub=hub,
        ip_address=_client_address(request),
        detail=detail or {},
    )


def _is_audited(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False)) and (
        user.is_superuser or user_is_staff_anywhere(user)
    )


@receiver(post_create_historical_record)
def audit_history(
    sender: Any, instance: Any, history_instance: Any, history_user: Any = None, **kwargs: Any
) -> None:
    if not _is_audited(history_user):
        return
    changed: list[str] = []
    if history_instance.history_type == "~":
        previous = history_instance.prev_record
        if previous is not None:
            changed = history_instance.diff_against(previous).changed_fields
    request = getattr(HistoricalRecords.context, "request", None)
    hub_id = getattr(instance, "hub_id", None)
    AuditEntry.objects.create(
        actor=history_user,
        actor_name=history_user.username[:150],
        action=_ACTIONS.get(history_instance.history_type, AuditEntry.Action.CHANGED),
        target_type=instance._meta.label,
        target_id=str(instance.pk),
        target_repr=str(instance)[:200],
        hub_id=hub_id,
        ip_address=_client_address(request),
        detail={"fields": changed} if changed else {},
    )


@receiver(user_logged_in)
def audit_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action=AuditEntry.Action.SIGN_IN, request=request)


@receiver(user_logged_out)
def audit_sign_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, action=AuditEntry.Action.SIGN_OUT, request=request)


@receiver(user_login_failed)
def audit_failed_sign_in(
    sender: Any, credentials: dict, request: Any = None, **kwargs: Any
) -> None:
    name = str(credentials.get("username", ""))[:150]
    AuditEntry.objects.create(
        actor_name=name,
        action=AuditEntry.Action.SIGN_IN_FAILED,
        ip_address=_client_address(request),
    )
