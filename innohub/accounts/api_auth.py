"""API authentication: personal bearer tokens or the browser session (with CSRF on writes)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from innohub.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token or not token.startswith(ApiToken.PREFIX):
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class OptionalSessionAuth(SessionAuth):
    """The session user when signed in; lets anonymous reads through (see anonymous())."""


def anonymous(request: HttpRequest) -> Any:
    """Accept a request that brings no credentials as the public; a bad token stays a 401."""
    if request.headers.get("Authorization"):
        return None
    user = AnonymousUser()
    request.user = user
    return user


token_auth = TokenAuth()
session_auth = SessionAuth(csrf=True)

# Writes and private reads: a token or the session (the session must carry the CSRF token).
AUTH_REQUIRED = [token_auth, session_auth]
# Public reads: the same, but anonymous visitors get the public view instead of a 401.
AUTH_OPTIONAL = [token_auth, OptionalSessionAuth(csrf=True), anonymous]


def api_user(request: HttpRequest) -> Any:
    """The user behind an API request, AnonymousUser for the public."""
    auth = getattr(request, "auth", None)
    if auth is not None and hasattr(auth, "is_authenticated"):
        return auth
    return getattr(request, "user", None) or AnonymousUser()
