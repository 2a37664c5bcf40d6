"""API shapes of the service desk."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, field_validator

from innohub.directory.schemas import I18nText, _check_i18n
from innohub.servicedesk.models import (
    ApplicationState,
    FunderKind,
    OfficeHourMode,
    RequestState,
    ServiceCategory,
)

DB_ID_MAX = 2**63 - 1
DbId = Annotated[int, Field(ge=1, le=DB_ID_MAX)]


def _no_nul(value: Any) -> Any:
    """Refuse text with NUL characters anywhere inside (PostgreSQL cannot store them)."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    if isinstance(value, dict):
        for key, item in value.items():
            _no_nul(key)
            _no_nul(item)
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    return value


class InputSchema(Schema):
    """Every input of the service desk API: no NUL characters in any text."""

    @field_validator("*")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        return _no_nul(value)


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("give the time zone, e.g. 2025-03-17T14:00:00+08:00")
    return value


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]


def _slug(obj: Any) -> str | None:
    return obj.slug if obj is not None else None


class ServiceOut(Schema):
    id: int
    hub: str
    slug: str
    category: str
    name: I18nText
    summary: I18nText
    description: I18nText
    provider: str | None
    offered_by_staff: bool
    target_response_hours: int
    target_completion_days: int | None
    fee: I18nText
    is_active: bool

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_provider(obj: Any) -> str | None:
        return _slug(obj.provider)


class ServiceIn(InputSchema):
    category: ServiceCategory | None = None
    name: I18nText | None = None
    summary: I18nText | None = None
    description: I18nText | None = None
    provider: str | None = Field(
        default=None, max_length=80, description="Slug of an accredited provider."
    )
    target_response_hours: int | None = Field(default=None, ge=1, le=400)
    target_completion_days: int | None = Field(default=None, ge=1, le=365)
    fee: I18nText | None = None
    is_active: bool | None = None
    position: int | None = Field(default=None, ge=0, le=32000)

    _i18n = field_validator("name", "summary", "description", "fee")(_check_i18n)


class ServiceCreateIn(ServiceIn):
    hub: str = Field(max_length=50)
    category: ServiceCategory
    name: I18nText


class ProviderOut(Schema):
    slug: str
    name: I18nText
    accredited_on: date
    valid_until: date | None
    scope: I18nText

    @staticmethod
    def resolve_slug(obj: Any) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_name(obj: Any) -> dict:
        return dict(obj.organisation.name)


class RequestEventOut(Schema):
    from_state: str
    to_state: str
    at: datetime
    side: str
    by: str | None
    note: str

    @staticmethod
    def resolve_by(obj: Any) -> str | None:
        return str(obj.by) if obj.by_id else None


class MessageOut(Schema):
    id: int
    side: str
    author: str | None
    body: str
    created_at: datetime
    attachment_name: str
    attachment_size: int | None
    attachment_url: str | None

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return str(obj.author) if obj.author_id else None

    @staticmethod
    def resolve_attachment_url(obj: Any) -> str | None:
        if not obj.attachment:
            return None
        return f"/api/v1/services/requests/{obj.request_id}/files/{obj.pk}"


class RequestOut(Schema):
    id: int
    hub: str
    service_id: int
    service: I18nText
    organisation: str
    provider: str | None
    subject: str
    state: str
    submitted_at: datetime
    response_due_at: datetime
    completion_due_at: datetime | None
    first_response_at: datetime | None
    closed_at: datetime | None
    response_timeliness: str | None
    completion_timeliness: str | None
    response_minutes: int | None
    completion_minutes: int | None
    rating: int | None

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_service(obj: Any) -> dict:
        return dict(obj.service.name)

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_provider(obj: Any) -> str | None:
        return _slug(obj.provider)

    @staticmethod
    def resolve_response_timeliness(obj: Any) -> str | None:
        return obj.response_timeliness(timezone.now())

    @staticmethod
    def resolve_completion_timeliness(obj: Any) -> str | None:
        return obj.completion_timeliness(timezone.now())


class RequestDetailOut(RequestOut):
    description: str
    rating_comment: str
    cancel_reason: str
    messages: list[MessageOut]
    events: list[RequestEventOut]

    @staticmethod
    def resolve_messages(obj: Any) -> list[Any]:
        return list(obj.messages.select_related("author"))

    @staticmethod
    def resolve_events(obj: Any) -> list[Any]:
        return list(obj.events.select_related("by"))


class RequestIn(InputSchema):
    service_id: DbId
    organisation: str | None = Field(
        default=None,
        description="Slug of the member organisation; needed when you act for several.",
    )
    subject: str = Field(max_length=200)
    description: str = Field(max_length=10000)


class RequestTransitionIn(InputSchema):
    state: RequestState
    note: str = Field(default="", max_length=2000)


class RatingIn(InputSchema):
    rating: int = Field(ge=1, le=5)
    comment: str = Field(default="", max_length=2000)


class RouteIn(InputSchema):
    provider: str | None = Field(
        default=None, max_length=80, description="Provider slug; null for hub staff."
    )
    note: str = Field(default="", max_length=2000)


class WindowOut(Schema):
    opens_on: date
    closes_on: date
    note: I18nText


class ProgrammeOut(Schema):
    id: int
    hub: str
    slug: str
    funder_kind: str
    funder: str | None
    name: I18nText
    summary: I18nText
    description: I18nText
    benefit: I18nText
    max_amount: Decimal | None
    currency: str
    rules: list[Any]
    is_rolling: bool
    is_open: bool
    windows: list[WindowOut]
    source_url: str

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_funder(obj: Any) -> str | None:
        return _slug(obj.funder)

    @staticmethod
    def resolve_windows(obj: Any) -> list[Any]:
        return list(obj.windows.all())

    @staticmethod
    def resolve_is_open(obj: Any) -> bool:
        from innohub.servicedesk.services import programme_is_open

        return programme_is_open(obj, timezone.localdate())


class ProgrammeIn(InputSchema):
    funder_kind: FunderKind | None = None
    funder: str | None = Field(default=None, max_length=80)
    name: I18nText | None = None
    summary: I18nText | None = None
    description: I18nText | None = None
    benefit: I18nText | None = None
    max_amount: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    rules: list[Any] | None = None
    is_rolling: bool | None = None
    source_url: str | None = Field(default=None, max_length=200)
    is_public: bool | None = None

    _i18n = field_validator("name", "summary", "description", "benefit")(_check_i18n)


class ProgrammeCreateIn(ProgrammeIn):
    hub: str = Field(max_length=50)
    funder_kind: FunderKind
    name: I18nText


class WindowIn(InputSchema):
    opens_on: date
    closes_on: date


class RuleResultOut(Schema):
    outcome: str
    reason: str
    fact: str | None
    requirement: str
    actual: str
    note: dict[str, str] | None
    children: list[RuleResultOut]


class EligibilityOut(Schema):
    programme_id: int
    programme: I18nText
    organisation: str
    outcome: str
    results: list[RuleResultOut]


class FactOut(Schema):
    name: str
    label: str
    group: str
    kind: str
    help: str
    operators: list[str]
    values: dict[str, str] | None


class ProgrammeApplicationOut(Schema):
    id: int
    programme_id: int
    organisation: str
    state: str
    state_since: date
    submitted_on: date | None
    decided_on: date | None
    amount_requested: Decimal | None
    amount_granted: Decimal | None
    currency: str
    note: str
    eligibility_snapshot: dict[str, Any]

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_currency(obj: Any) -> str:
        return obj.programme.currency


class ProgrammeApplicationIn(InputSchema):
    programme_id: DbId
    organisation: str | None = Field(default=None, max_length=80)
    amount_requested: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    note: str = Field(default="", max_length=5000)


class ApplicationTransitionIn(InputSchema):
    state: ApplicationState
    on: date | None = None
    amount_granted: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    note: str = Field(default="", max_length=2000)


class ExpertOut(Schema):
    id: int
    hub: str
    person_id: int
    name: I18nText
    title: I18nText
    organisation: str | None
    kind: str
    expertise: I18nText
    bio: I18nText
    sectors: list[str]
    languages: list[str]
    availability: I18nText
    can_judge: bool

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_name(obj: Any) -> dict:
        return dict(obj.person.name)

    @staticmethod
    def resolve_title(obj: Any) -> dict:
        return dict(obj.person.title)

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return _slug(obj.person.organisation)

    @staticmethod
    def resolve_sectors(obj: Any) -> list[str]:
        return [s.slug for s in obj.sectors.all()]

    @staticmethod
    def resolve_languages(obj: Any) -> list[str]:
        return obj.language_codes


class JudgeCandidateOut(ExpertOut):
    user_id: int | None
    username: str | None
    email: str | None

    @staticmethod
    def resolve_user_id(obj: Any) -> int | None:
        return obj.person.user_id

    @staticmethod
    def resolve_username(obj: Any) -> str | None:
        return obj.person.user.username if obj.person.user_id else None

    @staticmethod
    def resolve_email(obj: Any) -> str | None:
        return obj.person.email or None


class OfficeHourOut(Schema):
    id: int
    expert_id: int
    starts_at: datetime
    ends_at: datetime
    mode: str
    location: str
    # The hub's meeting room (spaces API) when it is held in one.
    room: int | None
    booked: bool


class OfficeHourIn(InputSchema):
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    mode: OfficeHourMode
    location: str = Field(default="", max_length=200)
    room: int | None = Field(default=None, ge=1, le=2**63 - 1)
    meeting_url: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=300)


class OfficeHourBookingIn(InputSchema):
    organisation: str | None = Field(default=None, max_length=80)
    topic: str = Field(max_length=2000)


class OfficeHourBookingOut(Schema):
    id: int
    office_hour_id: int
    expert_id: int
    organisation: str
    starts_at: datetime
    ends_at: datetime
    mode: str
    location: str
    room: int | None
    meeting_url: str
    topic: str
    cancelled_at: datetime | None

    @staticmethod
    def resolve_expert_id(obj: Any) -> int:
        return obj.office_hour.expert_id

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_starts_at(obj: Any) -> datetime:
        return obj.office_hour.starts_at

    @staticmethod
    def resolve_ends_at(obj: Any) -> datetime:
        return obj.office_hour.ends_at

    @staticmethod
    def resolve_mode(obj: Any) -> str:
        return obj.office_hour.mode

    @staticmethod
    def resolve_location(obj: Any) -> str:
        return obj.office_hour.location

    @staticmethod
    def resolve_room(obj: Any) -> int | None:
        return obj.office_hour.room_id

    @staticmethod
    def resolve_meeting_url(obj: Any) -> str:
        return obj.office_hour.meeting_url
