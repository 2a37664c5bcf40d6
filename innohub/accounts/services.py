"""Writes about users: roles, API tokens and language preference."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from innohub.accounts.access import forget_grants
from innohub.accounts.models import ApiToken, Role, RoleKind, User


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


__all__ = [
    "RoleKind",
    "api_token_create",
    "api_token_revoke",
    "role_grant",
    "role_revoke",
    "user_set_language",
]
