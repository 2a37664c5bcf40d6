"""E-mail in the recipient's language, sent only once the transaction that caused it commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from innohub.common.i18n import normalise_language

log = logging.getLogger(__name__)
_suppressed: ContextVar[bool] = ContextVar("innohub_mail_suppressed", default=False)


@contextmanager
def mail_suppressed() -> Iterator[None]:
    """No e-mail inside this block (the demo loader replays history nobody should be told of)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def mail_render(*, template: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    """Subject and body of `<template>_subject.txt` / `<template>.txt` in the given language."""
    with translation.override(normalise_language(language)):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    return " ".join(subject.split()), body


def mail_send(
    *,
    to: Iterable[str],
    template: str,
    language: str,
    context: dict[str, Any],
    reply_to: Iterable[str] = (),
) -> None:
    """Render now (in the recipient's language), send after commit; a failure is logged only.

    A mail server that is down must not undo an admission that has been recorded.
    """
    recipients = sorted({address for address in to if address})
    if not recipients or _suppressed.get():
        return
    subject, body = mail_render(template=template, language=language, context=context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=list(reply_to) or None,
        headers={"Content-Language": normalise_language(language)},
    )

    def send() -> None:
        try:
            message.send()
        except Exception:  # any transport error: keep the request alive, keep the log
            log.exception("could not send %s to %s", template, recipients)

    transaction.on_commit(send)


def mail_send_to_users(*, users: Iterable[Any], template: str, context: dict[str, Any]) -> None:
    """The same message to several users, each in their own language."""
    by_language: dict[str, list[str]] = {}
    for user in users:
        if getattr(user, "email", "") and user.is_active:
            by_language.setdefault(user.language or settings.LANGUAGE_CODE, []).append(user.email)
    for language, addresses in by_language.items():
        mail_send(to=addresses, template=template, language=language, context=context)
