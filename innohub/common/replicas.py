"""Reads from PostgreSQL read replicas, writes to the primary (DATABASE_REPLICA_URLS).

The router sends a read to a replica unless the primary must answer it: inside a
transaction on the primary (a read that guards a write must see the primary's rows, and
`select_for_update` must lock them there), during a request that writes (any method but
GET/HEAD/OPTIONS), and for a few seconds after a browser wrote something, so that the page it
is redirected to shows what it just saved even if the replicas lag (a short-lived cookie set
by `PrimaryAfterWriteMiddleware` marks such a browser).
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

PIN_COOKIE = "innohub_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_use_primary: ContextVar[bool] = ContextVar("innohub_use_primary", default=False)


def replica_aliases() -> list[str]:
    return list(getattr(settings, "INNOHUB_READ_REPLICAS", []))


class ReplicaRouter:
    """Django database router: reads to a random replica, everything else to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        replicas = replica_aliases()
        if not replicas or _use_primary.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return random.choice(replicas)  # noqa: S311 - spreading load, not a secret

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # replicas hold the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


class PrimaryAfterWriteMiddleware:
    """Route a writing request, and the same browser's next seconds, to the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_aliases():
            return self.get_response(request)
        writes = request.method not in SAFE_METHODS
        token = _use_primary.set(writes or PIN_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _use_primary.reset(token)
        if writes:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.INNOHUB_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response


@contextlib.contextmanager
def primary_reads() -> Iterator[None]:
    """Send the reads of a block to the primary (scheduled work that must see fresh rows)."""
    token = _use_primary.set(True)
    try:
        yield
    finally:
        _use_primary.reset(token)
