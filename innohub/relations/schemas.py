"""API shapes of delegations, visits, agreements, the due list and the timeline."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import field_validator, model_validator

from innohub.common.i18n import LANGUAGE_CODES
from innohub.common.models import Country
from innohub.relations.models import (
    AgreementKind,
    AgreementStatus,
    Currency,
    DatePrecision,
    StopKind,
    VisitDirection,
    VisitStatus,
)

I18nText = dict[str, str]


def _check_i18n(value: dict[str, str] | None) -> dict[str, str] | None:
    if value is None:
        return None
    unknown = set(value) - set(LANGUAGE_CODES)
    if unknown:
        raise ValueError(f"unknown language codes: {sorted(unknown)}; use {list(LANGUAGE_CODES)}")
    for text in value.values():
        _check_text(text)
    return value


def _check_text(value: str | None) -> str | None:
    # PostgreSQL cannot store a NUL character in text or JSON; refuse it before it gets there.
    if value is not None and "\x00" in value:
        raise ValueError("text cannot contain NUL characters")
    return value


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_contains_nul(v) for v in value)
    return False


class InputSchema(Schema):
    """An input shape that refuses NUL characters anywhere (PostgreSQL cannot store them)."""

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if isinstance(data, dict) and _contains_nul(data):
            raise ValueError("text cannot contain NUL characters")
        return data


# ------------------------------------------------------------------ agreements


class PartyIn(InputSchema):
    organisation: str | None = Field(default=None, description="Organisation slug")
    hub: str | None = Field(default=None, description="Hub slug")
    name: I18nText | None = Field(
        default=None, description="Only for a party that is neither an organisation nor a hub"
    )
    role: I18nText | None = None

    _i18n = field_validator("name", "role")(_check_i18n)


class PartyOut(Schema):
    id: int
    kind: str  # "organisation", "hub" or "other"
    organisation: str | None
    hub: str | None
    name: I18nText
    role: I18nText
    listed: bool


class SignatoryOut(Schema):
    id: int
    party: int
    person: int | None
    name: I18nText
    title: I18nText


class MilestoneOut(Schema):
    id: int
    title: I18nText
    due_on: date
    done: bool
    done_on: date | None
    notes: I18nText
    is_generated: bool


class DocumentOut(Schema):
    id: int
    title: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    is_public: bool
    created_at: datetime
    url: str


class AgreementListOut(Schema):
    id: int
    hub: str
    kind: str
    status: str
    title: I18nText
    signed_on: date | None
    signed_precision: str
    signed_note: I18nText
    signing_place: I18nText
    visit: int | None
    # The slug of the event it was signed at (events API), when the caller may see that event.
    event: str | None = None
    sectors: list[str]
    parties: list[PartyOut]
    is_confidential: bool
    is_generated: bool


class AgreementOut(AgreementListOut):
    subject: I18nText
    reference: str | None
    effective_from: date | None
    expires_on: date | None
    ended_on: date | None
    amount: Decimal | None
    currency: str
    signatories: list[SignatoryOut]
    # Filled only for hub staff and the parties; None for everyone else.
    milestones: list[MilestoneOut] | None = None
    documents: list[DocumentOut]


class AgreementPatchIn(InputSchema):
    kind: AgreementKind | None = None
    status: AgreementStatus | None = None
    title: I18nText | None = None
    subject: I18nText | None = None
    reference: str | None = Field(default=None, max_length=60)
    sectors: list[str] | None = None
    signed_on: date | None = None
    signed_precision: DatePrecision | None = None
    signed_note: I18nText | None = None
    signing_place: I18nText | None = None
    visit: int | None = None
    event: str | None = Field(default=None, max_length=100)
    effective_from: date | None = None
    expires_on: date | None = None
    ended_on: date | None = None
    amount: Decimal | None = Field(default=None, ge=0, max_digits=16, decimal_places=2)
    currency: Currency | Literal[""] | None = None
    is_confidential: bool | None = None
    parties: list[PartyIn] | None = Field(default=None, max_length=50)

    _i18n = field_validator("title", "subject", "signed_note", "signing_place")(_check_i18n)
    _text = field_validator("reference")(_check_text)


class AgreementCreateIn(AgreementPatchIn):
    hub: str
    title: I18nText
    kind: AgreementKind = AgreementKind.COOPERATION
    status: AgreementStatus = AgreementStatus.DRAFT
    parties: list[PartyIn] = Field(min_length=2, max_length=50)


class SignatoryIn(InputSchema):
    party: int
    person: int | None = None
    new_person_name: I18nText | None = None
    title: I18nText | None = None

    _i18n = field_validator("new_person_name", "title")(_check_i18n)


class MilestoneIn(InputSchema):
    title: I18nText
    due_on: date
    notes: I18nText | None = None

    _i18n = field_validator("title", "notes")(_check_i18n)


class MilestonePatchIn(InputSchema):
    title: I18nText | None = None
    due_on: date | None = None
    notes: I18nText | None = None
    done: bool | None = None
    done_on: date | None = None

    _i18n = field_validator("title", "notes")(_check_i18n)


# ------------------------------------------------------------------ visits and delegations


class MemberOut(Schema):
    id: int
    person: int | None
    name: I18nText
    title: I18nText
    organisation: str | None
    is_leader: bool


class DelegationOut(Schema):
    id: int
    hub: str
    name: I18nText
    origin_country: str
    origin_place: I18nText
    organisation: str | None
    description: I18nText
    members: list[MemberOut]


class StopOut(Schema):
    id: int
    position: int
    kind: str
    title: I18nText
    starts_at: datetime | None
    ends_at: datetime | None
    place: I18nText
    host_organisation: str | None
    host_hub: str | None
    people: list[int]
    notes: I18nText


class FollowUpOut(Schema):
    id: int
    title: I18nText
    notes: I18nText
    owner: str | None
    owner_organisation: str | None
    due_on: date
    done: bool
    done_on: date | None
    is_generated: bool


class VisitListOut(Schema):
    id: int
    hub: str
    delegation: int
    delegation_name: I18nText
    origin_country: str
    direction: str
    status: str
    title: I18nText
    starts_on: date | None
    ends_on: date | None
    date_precision: str
    date_note: I18nText
    destination: I18nText
    destination_country: str
    is_public: bool
    is_generated: bool


class VisitOut(VisitListOut):
    purpose: I18nText
    time_zone: str
    delegation_detail: DelegationOut
    stops: list[StopOut]
    follow_ups: list[FollowUpOut]
    agreements: list[int]


class NewDelegationIn(InputSchema):
    name: I18nText
    origin_country: Country = Country.ISRAEL
    origin_place: I18nText | None = None
    organisation: str | None = Field(default=None, description="Organisation slug")
    description: I18nText | None = None

    _i18n = field_validator("name", "origin_place", "description")(_check_i18n)


class VisitPatchIn(InputSchema):
    title: I18nText | None = None
    direction: VisitDirection | None = None
    status: VisitStatus | None = None
    purpose: I18nText | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    date_precision: DatePrecision | None = None
    date_note: I18nText | None = None
    destination: I18nText | None = None
    destination_country: Country | Literal[""] | None = None
    time_zone: str | None = Field(default=None, max_length=64)
    is_public: bool | None = None

    _i18n = field_validator("title", "purpose", "date_note", "destination")(_check_i18n)
    _text = field_validator("time_zone")(_check_text)


class VisitCreateIn(VisitPatchIn):
    hub: str
    title: I18nText
    delegation: int | None = Field(default=None, description="A delegation recorded before")
    new_delegation: NewDelegationIn | None = None


class DelegationPatchIn(InputSchema):
    name: I18nText | None = None
    origin_country: Country | None = None
    origin_place: I18nText | None = None
    organisation: str | None = None
    description: I18nText | None = None

    _i18n = field_validator("name", "origin_place", "description")(_check_i18n)


class MemberIn(InputSchema):
    person: int | None = None
    name: I18nText | None = None
    title: I18nText | None = None
    organisation: str | None = None
    is_leader: bool = False

    _i18n = field_validator("name", "title")(_check_i18n)


class StopIn(InputSchema):
    kind: StopKind = StopKind.COMPANY
    title: I18nText
    starts_at: datetime | None = Field(
        default=None, description="With an offset, or local time of the visit without one"
    )
    ends_at: datetime | None = None

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _plausible_year(cls, value: datetime | None) -> datetime | None:
        # Beyond these years a time cannot be moved between zones without overflowing.
        if value is not None and not 1900 <= value.year <= 2200:
            raise ValueError("the year must be between 1900 and 2200")
        return value

    place: I18nText | None = None
    host_organisation: str | None = None
    host_hub: str | None = None
    people: list[int] = Field(default_factory=list, max_length=100)
    notes: I18nText | None = None

    _i18n = field_validator("title", "place", "notes")(_check_i18n)


class StopPatchIn(StopIn):
    kind: StopKind | None = None  # type: ignore[assignment]
    title: I18nText | None = None  # type: ignore[assignment]
    people: list[int] | None = Field(default=None, max_length=100)  # type: ignore[assignment]


class FollowUpIn(InputSchema):
    title: I18nText
    due_on: date
    owner: str | None = Field(default=None, description="Username")
    owner_organisation: str | None = Field(default=None, description="Organisation slug")
    notes: I18nText | None = None

    _i18n = field_validator("title", "notes")(_check_i18n)


class FollowUpPatchIn(InputSchema):
    title: I18nText | None = None
    due_on: date | None = None
    owner: str | None = None
    owner_organisation: str | None = None
    notes: I18nText | None = None
    done: bool | None = None
    done_on: date | None = None

    _i18n = field_validator("title", "notes")(_check_i18n)


# ------------------------------------------------------------------ due list and timeline


class DueOut(Schema):
    kind: str
    id: int
    title: I18nText
    due_on: date
    days_overdue: int
    parent_title: I18nText
    parent_url: str
    hub: str
    owners: list[str]


class TimelineEntryOut(Schema):
    date: str | None = Field(description="ISO date or date-time; null when not known")
    precision: str
    kind: str
    kind_label: str
    title: Any
    summary: Any
    date_note: Any
    status: str
    url: str
    is_private: bool
    is_generated: bool
