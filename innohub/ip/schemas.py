"""API shapes of the IP portfolio."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator, field_validator

from innohub.directory.schemas import I18nText, _check_i18n
from innohub.ip.deadlines import EARLIEST, LATEST


def _in_range(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"dates must fall between {EARLIEST} and {LATEST}")
    return value


# A date an IP record can have (the engine's range), checked before anything else runs.
Day = Annotated[date, AfterValidator(_in_range)]
Id = Annotated[int, Field(ge=1, le=2**53)]


class NiceClassIO(Schema):
    number: int = Field(ge=1, le=45)
    similar_groups: str = Field(default="", max_length=200)


class DeadlineOut(Schema):
    id: int
    asset: int
    kind: str
    sequence: int
    label: str
    due: date
    shifted_from: date | None
    window_opens: date | None
    grace_ends: date | None
    provisional: bool
    unverified: bool
    office: str
    state: str
    done_on: date | None
    note: str

    @staticmethod
    def resolve_asset(obj: Any) -> int:
        return obj.asset_id


class AssetEventOut(Schema):
    status: str
    on: date
    note: str


class AssetListOut(Schema):
    id: int
    hub: str
    type: str
    number: str
    display_number: str
    title: I18nText
    status: str
    status_since: date
    owners: list[str]
    filed_on: date | None
    priority_on: date | None
    published_on: date | None
    granted_on: date | None
    registered_on: date | None
    expires_on: date | None
    nice_classes: list[NiceClassIO]
    is_generated: bool

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_owners(obj: Any) -> list[str]:
        return [o.slug for o in obj.owners.all()]

    @staticmethod
    def resolve_nice_classes(obj: Any) -> list[dict[str, Any]]:
        return [
            {"number": c.number, "similar_groups": c.similar_groups} for c in obj.nice_classes.all()
        ]


class AssetOut(AssetListOut):
    products: list[int]
    extension_days: int
    is_confidential: bool
    # Only for the owners' representatives and the hub's IP officers (obj.show_private).
    tracked_since: date | None = None
    notes: str | None = None
    deadlines: list[DeadlineOut] | None = None
    events: list[AssetEventOut] | None = None

    @staticmethod
    def resolve_products(obj: Any) -> list[int]:
        return [p.pk for p in obj.products.all()]

    @staticmethod
    def resolve_tracked_since(obj: Any) -> date | None:
        return obj.tracked_since if getattr(obj, "show_private", False) else None

    @staticmethod
    def resolve_notes(obj: Any) -> str | None:
        return obj.notes if getattr(obj, "show_private", False) else None

    @staticmethod
    def resolve_deadlines(obj: Any) -> list[Any] | None:
        if not getattr(obj, "show_private", False):
            return None
        return list(obj.deadlines.order_by("due", "kind", "sequence"))

    @staticmethod
    def resolve_events(obj: Any) -> list[Any] | None:
        if not getattr(obj, "show_private", False):
            return None
        return list(obj.events.order_by("on", "id"))


class AssetPatchIn(Schema):
    type: str | None = None
    number: str | None = Field(default=None, max_length=60)
    title: I18nText | None = None
    owners: list[str] | None = None
    products: list[Id] | None = None
    nice_classes: list[NiceClassIO] | None = None
    filed_on: Day | None = None
    priority_on: Day | None = None
    published_on: Day | None = None
    granted_on: Day | None = None
    registered_on: Day | None = None
    extension_days: int | None = Field(default=None, ge=0, le=5 * 365)
    is_confidential: bool | None = None
    tracked_since: Day | None = None
    notes: str | None = Field(default=None, max_length=5000)

    _i18n = field_validator("title")(_check_i18n)


class AssetCreateIn(AssetPatchIn):
    hub: str
    type: str
    title: I18nText
    owners: list[str]
    status: str = "filed"
    status_on: Day | None = None


class AssetTransitionIn(Schema):
    status: str
    on: Day | None = None
    note: str = Field(default="", max_length=2000)
    number: str = Field(default="", max_length=60)


class CompleteIn(Schema):
    on: Day | None = None
    note: str = Field(default="", max_length=500)


class ComputedDeadlineOut(Schema):
    kind: str
    due: date
    window_opens: date | None
    grace_ends: date | None
    shifted_from: date | None
    provisional: bool


class BoardOut(Schema):
    hub: str
    today: date
    overdue: list[DeadlineOut]
    in_grace: list[DeadlineOut]
    due_this_month: list[DeadlineOut]
    coming: list[DeadlineOut]


class StatisticsOut(Schema):
    on: date
    scope: str
    counts: dict[str, dict[str, int]]
    totals_by_status: dict[str, int]
    total: int


class ReminderOut(Schema):
    id: int
    deadline: DeadlineOut
    lead_days: int
    due: date
    emailed_at: datetime | None = None
    dismissed_at: datetime | None = None


class HubSettingsIO(Schema):
    reminder_days: list[int]
