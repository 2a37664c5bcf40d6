"""Builders for the events tests, going through the services like the pages do."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import TestCase
from django.utils import timezone

from innohub.events import contest_services, services
from innohub.events.models import Contest, Entry, Event

SH = ZoneInfo("Asia/Shanghai")
BASE_URL = "http://testserver/"


def soon(days: int = 10, clock: time = time(14, 0)) -> datetime:
    day = timezone.now().astimezone(SH).date() + timedelta(days=days)
    return datetime.combine(day, clock, SH)


def make_event(hub: Any, **fields: Any) -> Event:
    start = fields.pop("starts_at", soon())
    data = {
        "kind": "forum",
        "title": {
            "en": "Forum on water technology",
            "zh-hans": "水技术论坛",
            "he": "פורום טכנולוגיות מים",
        },
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "venue_kind": "elsewhere",
        "venue_address": {"en": "Hall A, the hub"},
        "audience": "public",
    }
    data.update(fields)
    return services.event_create(by=None, hub=hub, **data)


@contextmanager
def committed() -> Iterator[None]:
    """Run what the block schedules for after commit (the e-mails) as a real commit would.

    Tests run inside a transaction that is rolled back, so on_commit work never runs by
    itself; outside such a transaction (transaction=True tests) there is nothing to do.
    """
    if not connection.in_atomic_block:
        yield
        return
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield


def register(event: Event, name: str, language: str = "en", **fields: Any) -> Any:
    with committed():
        return services.registration_create(
            event=event,
            name=name,
            email=fields.pop("email", f"{name.lower().replace(' ', '.')}@example.test"),
            language=language,
            base_url=BASE_URL,
            **fields,
        )


RUBRIC = [
    {"name": {"en": "Innovation", "zh-hans": "创新", "he": "חדשנות"}, "weight": 3},
    {"name": {"en": "Market", "zh-hans": "市场", "he": "שוק"}, "weight": 2},
    {"name": {"en": "Team", "zh-hans": "团队", "he": "צוות"}, "weight": 1, "max_score": 5},
]


def make_contest(hub: Any, **fields: Any) -> Contest:
    data = {
        "title": {"en": "Startup contest", "zh-hans": "创业大赛", "he": "תחרות סטארט-אפים"},
        "is_public": True,
        "criteria": RUBRIC,
    }
    data.update(fields)
    return contest_services.contest_create(by=None, hub=hub, **data)


def make_entry(contest: Contest, title: str, **fields: Any) -> Entry:
    data = {
        "title": {"en": title},
        "team_name": f"{title} team",
        "description": {"en": f"What {title} does."},
    }
    data.update(fields)
    return contest_services.entry_create(contest=contest, by=None, as_staff=True, **data)
