"""API shapes of the reports: every dashboard figure as numbers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema

from innohub.spaces.schemas import FiguresOut  # occupancy figures, as the spaces API gives them


class MonthOut(Schema):
    month: date
    members: int


class PhaseOut(FiguresOut):
    phase: str


class EventsOut(Schema):
    held: int
    by_kind: dict[str, int]
    participants: int
    checked_in: int


class AgreementsOut(Schema):
    signed: int
    signed_by_status: dict[str, int]
    by_status: dict[str, int]


class VisitsOut(Schema):
    received: int
    by_country: dict[str, int]


class IntroductionsOut(Schema):
    made: int
    by_state: dict[str, int]


class HubFiguresOut(Schema):
    hub: str
    hub_name: str
    on: date
    start: date
    end: date
    today: date
    computed_at: datetime | None
    members: int
    members_by_country: dict[str, int]
    members_by_sector: dict[str, int]
    members_over_time: list[MonthOut]
    admissions: dict[str, int]
    ip: dict[str, dict[str, int]]
    ip_now: dict[str, dict[str, int]]
    spaces: list[PhaseOut]
    spaces_total: FiguresOut
    events: EventsOut
    agreements: AgreementsOut
    visits: VisitsOut
    introductions: IntroductionsOut


class NetworkFiguresOut(Schema):
    end: date
    hubs: list[HubFiguresOut]
    total: dict[str, Any]
