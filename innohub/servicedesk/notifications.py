"""E-mail notices of the service desk, each written in its recipient's language and time zone.

Notices leave after the transaction that caused them commits, so a refused change sends
nothing. `notices_muted()` silences them (the demo loader creates history, not news).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from innohub.accounts.models import RoleKind, User
from innohub.common.i18n import normalise_language

_muted: ContextVar[bool] = ContextVar("servicedesk_notices_muted", default=False)


@contextmanager
def notices_muted() -> Iterator[None]:
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    time_zone: str
    name: str = ""


def recipient_for_user(user: User, default_zone: str) -> Recipient | None:
    if not user.is_active or not user.email:
        return None
    return Recipient(
        email=user.email,
        language=normalise_language(user.language),
        time_zone=user.time_zone or default_zone,
        name=str(user),
    )


def _recipients(users: Iterable[User], zone: str, exclude: Any = None) -> list[Recipient]:
    found: dict[str, Recipient] = {}
    for user in users:
        if exclude is not None and user.pk == getattr(exclude, "pk", None):
            continue
        recipient = recipient_for_user(user, zone)
        if recipient is not None:
            found.setdefault(recipient.email.lower(), recipient)
    return list(found.values())


def representatives(organisation_id: int, zone: str, exclude: Any = None) -> list[Recipient]:
    users = User.objects.filter(
        roles__kind=RoleKind.MEMBER, roles__organisation_id=organisation_id
    ).distinct()
    return _recipients(users, zone, exclude)


def hub_staff(hub_id: int, zone: str, exclude: Any = None) -> list[Recipient]:
    users = User.objects.filter(roles__kind=RoleKind.HUB_STAFF, roles__hub_id=hub_id).distinct()
    return _recipients(users, zone, exclude)


def absolute(path: str) -> str:
    return settings.INNOHUB_SITE_URL + path


def _send(name: str, recipients: list[Recipient], context: dict[str, Any]) -> None:
    messages = []
    for recipient in recipients:
        with translation.override(recipient.language), timezone.override(recipient.time_zone):
            local = {**context, "recipient": recipient, "tz": recipient.time_zone}
            subject = render_to_string(f"servicedesk/email/{name}_subject.txt", local)
            body = render_to_string(f"servicedesk/email/{name}.txt", local)
        message = EmailMessage(
            subject=" ".join(subject.split())[:200], body=body, to=[recipient.email]
        )
        message.extra_headers["Content-Language"] = recipient.language
        messages.append(message)
    if messages:
        get_connection().send_messages(messages)


def notify(
    name: str,
    recipients: Callable[[], list[Recipient]],
    context: Callable[[], dict[str, Any]],
) -> None:
    """Send the notice `name` once the current transaction commits.

    Recipients and context are read now (inside the transaction), and only when notices are
    not muted.
    """
    if _muted.get():
        return
    found = recipients()
    if found:
        values = context()
        transaction.on_commit(lambda: _send(name, found, values))
