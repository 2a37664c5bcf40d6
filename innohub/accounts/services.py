"""Writes about users: roles, API tokens and language preference."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from innohub.accounts.access import forget_grants
from innohub.accounts.invitations import INVITATION_DAYS, invitation_token
from innohub.accounts.mail import mail_send
from innohub.accounts.models import ApiToken, Role, RoleKind, User
from innohub.common.i18n import normalise_language


@transaction.atomic
def role_grant(
    *, user: User, kind: str, hub: Any = None, organisation: Any = None, by: Any = None
) -> Role:
    role, _created = Role.objects.get_or_create(
        user=user,
        kind=kind,
        hub=hub,
        organisation=organisation,
        defaults={"granted_by": by if getattr(by, "is_authenticated", False) else None},
    )
    forget_grants(user)
    return role


def role_revoke(*, user: User, kind: str, hub: Any = None, organisation: Any = None) -> int:
    deleted, _rows = Role.objects.filter(
        user=user, kind=kind, hub=hub, organisation=organisation
    ).delete()
    forget_grants(user)
    return deleted


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the plain key is returned once and never stored."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=ApiToken.hash_key(key), key_hint=key[:10]
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def user_set_language(*, user: Any, language: str) -> None:
    if getattr(user, "is_authenticated", False) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def _unique_username(email: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", email.strip().lower())[:140] or "member"
    username, n = base, 2
    while User.objects.filter(username__iexact=username).exists():
        username, n = f"{base}{n}", n + 1
    return username


def invitation_link(*, user: User, site_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:welcome", args=[uid, invitation_token.make_token(user)])
    return site_url.rstrip("/") + path


@transaction.atomic
def member_invite(
    *,
    email: str,
    display_name: str,
    language: str,
    organisation: Any,
    by: Any,
    site_url: str,
) -> tuple[User, bool]:
    """Give the person at `email` a member account for the organisation, and tell them.

    A new account gets a link to choose its password (in the recipient's language); someone
    who already has an account is given the member role and told so. Returns (user, created).
    """
    language = normalise_language(language)
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).order_by("pk").first()
    created = user is None
    if user is None:
        user = User(
            username=_unique_username(email),
            email=email.strip(),
            display_name=display_name[:150],
            language=language,
        )
        user.set_unusable_password()
        user.save()
    role_grant(user=user, kind=RoleKind.MEMBER, organisation=organisation, by=by)
    # Someone invited before who never chose a password gets a fresh link, not a notice.
    needs_password = created or not user.has_usable_password()
    context = {
        "user": user,
        "organisation": organisation,
        "site_url": site_url.rstrip("/"),
        "days": INVITATION_DAYS,
        "link": invitation_link(user=user, site_url=site_url) if needs_password else "",
        "login_link": site_url.rstrip("/") + reverse("accounts:login"),
    }
    mail_send(
        to=[user.email],
        template="accounts/email/invitation" if needs_password else "accounts/email/new_role",
        language=language if created else user.language,
        context=context,
    )
    return user, created


__all__ = [
    "RoleKind",
    "api_token_create",
    "api_token_revoke",
    "invitation_link",
    "member_invite",
    "role_grant",
    "role_revoke",
    "user_set_language",
]
