"""Loads the demo hub: each app contributes a `demo.load(ctx)` and they run in this order."""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction

# Later apps read what earlier ones created through the context.
DEMO_APPS = (
    "network",
    "directory",
    "accounts",
    "spaces",
    "ip",
    "events",
    "relations",
    "matching",
    "servicedesk",
    "portal",
    "reports",
)


@dataclass
class DemoLogin:
    role: str
    username: str
    description: str


@dataclass
class DemoContext:
    today: date
    password: str
    rng: random.Random
    hubs: dict[str, Any] = field(default_factory=dict)
    networks: dict[str, Any] = field(default_factory=dict)
    orgs: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def password_hash(self) -> str:
        """The demo password hashed once: every demo login shares it, and hashing is slow."""
        return make_password(self.password)


def _loaders() -> list[tuple[str, Callable[[DemoContext], None]]]:
    found = []
    for app in DEMO_APPS:
        try:
            module = importlib.import_module(f"innohub.{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"innohub.{app}.demo":
                raise
            continue
        found.append((app, module.load))
    return found


def demo_load(
    *, today: date | None = None, log: Callable[[str], None] | None = None
) -> DemoContext:
    """Create the demo hub and its network in an empty database, in one transaction."""
    from django.utils import timezone

    ctx = DemoContext(
        today=today or timezone.localdate(),
        password=settings.INNOHUB_DEMO_PASSWORD,
        rng=random.Random(20191203),
    )
    with transaction.atomic():
        for app, load in _loaders():
            started = time.perf_counter()
            load(ctx)
            if log:
                log(f"  {app}: {time.perf_counter() - started:.1f} s")
    return ctx


def demo_reset(*, log: Callable[[str], None] | None = None) -> DemoContext:
    """Empty the database and load the demo hub again."""
    call_command("flush", interactive=False, verbosity=0)
    return demo_load(log=log)


def demo_logins() -> list[DemoLogin]:
    """The demo accounts that exist in this database, for printing at start-up."""
    from innohub.accounts.demo import DEMO_USERS
    from innohub.accounts.models import User

    present = set(
        User.objects.filter(username__in=[u[1] for u in DEMO_USERS]).values_list(
            "username", flat=True
        )
    )
    return [
        DemoLogin(role, username, text)
        for role, username, text in DEMO_USERS
        if username in present
    ]
