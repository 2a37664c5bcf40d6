"""API shapes of the directory."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import field_validator

from innohub.common.i18n import LANGUAGE_CODES
from innohub.common.models import Country
from innohub.directory.models import MembershipState, OrganisationKind, Stage

I18nText = dict[str, str]


def _check_i18n(value: dict[str, str] | None) -> dict[str, str] | None:
    if value is None:
        return None
    unknown = set(value) - set(LANGUAGE_CODES)
    if unknown:
        raise ValueError(f"unknown language codes: {sorted(unknown)}; use {list(LANGUAGE_CODES)}")
    return value


class SectorOut(Schema):
    slug: str
    name: I18nText


class MembershipOut(Schema):
    id: int
    hub: str
    state: str
    state_since: date
    member_from: date | None
    member_until: date | None

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug


class OrganisationListOut(Schema):
    slug: str
    name: I18nText
    kind: str
    country: str
    stage: str
    sectors: list[str]
    hubs: list[str]
    is_public: bool
    is_generated: bool

    @staticmethod
    def resolve_sectors(obj: Any) -> list[str]:
        return [s.slug for s in obj.sectors.all()]

    @staticmethod
    def resolve_hubs(obj: Any) -> list[str]:
        return [
            m.hub.slug
            for m in obj.memberships.all()
            if m.state in ("admitted", "resident", "graduated")
        ]


class OrganisationOut(OrganisationListOut):
    description: I18nText
    address: I18nText
    website: str
    founded_year: int | None
    headcount: int | None
    sponsor: str | None
    # Filled only for the organisation itself and the staff of its hubs (obj.show_private).
    uscc: str | None = None
    il_company_number: str | None = None
    email: str | None = None
    phone: str | None = None
    memberships: list[MembershipOut] | None = None

    @staticmethod
    def resolve_sponsor(obj: Any) -> str | None:
        return obj.sponsor.slug if obj.sponsor_id else None

    @staticmethod
    def resolve_uscc(obj: Any) -> str | None:
        return obj.uscc if getattr(obj, "show_private", False) else None

    @staticmethod
    def resolve_il_company_number(obj: Any) -> str | None:
        return obj.il_company_number if getattr(obj, "show_private", False) else None

    @staticmethod
    def resolve_email(obj: Any) -> str | None:
        return obj.email if getattr(obj, "show_private", False) else None

    @staticmethod
    def resolve_phone(obj: Any) -> str | None:
        return obj.phone if getattr(obj, "show_private", False) else None

    @staticmethod
    def resolve_memberships(obj: Any) -> list[Any] | None:
        return list(obj.memberships.all()) if getattr(obj, "show_private", False) else None


class OrganisationPatchIn(Schema):
    name: I18nText | None = None
    description: I18nText | None = None
    address: I18nText | None = None
    kind: OrganisationKind | None = None
    country: Country | None = None
    stage: Stage | Literal[""] | None = None
    sectors: list[str] | None = None
    founded_year: int | None = Field(default=None, ge=1800, le=2100)
    headcount: int | None = Field(default=None, ge=0, le=10_000_000)
    uscc: str | None = Field(default=None, max_length=40)
    il_company_number: str | None = Field(default=None, max_length=30)
    website: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    sponsor: str | None = None
    is_public: bool | None = None

    _i18n = field_validator("name", "description", "address")(_check_i18n)


class OrganisationCreateIn(OrganisationPatchIn):
    name: I18nText
    kind: OrganisationKind
    hub: str
    state: MembershipState = MembershipState.ADMITTED
    since: date | None = None


class MembershipTransitionIn(Schema):
    state: MembershipState
    on: date | None = None
    note: str = Field(default="", max_length=2000)


# ---------------------------------------------------------------------------- applications


class ContactIn(Schema):
    name: str = Field(max_length=200)
    title: str = Field(default="", max_length=200)
    email: str = Field(max_length=254)
    phone: str = Field(default="", max_length=40)
    wechat: str = Field(default="", max_length=60)


class ApplicationIn(Schema):
    hub: str
    name: I18nText
    kind: str
    country: str
    contacts: list[ContactIn] = Field(min_length=1, max_length=3)
    wants: list[str] = Field(default_factory=list)
    sectors: list[str] = Field(default_factory=list)
    stage: str = ""
    founded_year: int | None = Field(default=None, ge=1800, le=2100)
    headcount: int | None = Field(default=None, ge=0, le=10_000_000)
    uscc: str = Field(default="", max_length=40)
    il_company_number: str = Field(default="", max_length=30)
    website: str = Field(default="", max_length=200)
    description: I18nText = Field(default_factory=dict)
    motivation: str = Field(default="", max_length=5000)
    sponsor: str | None = None
    language: str | None = None

    _i18n = field_validator("name", "description")(_check_i18n)


class ApplicationReceipt(Schema):
    id: int
    reference: str
    status: str
    status_token: str


class ApplicationEventOut(Schema):
    action: str
    at: datetime
    by: str | None
    by_applicant: bool
    message: str
    data: dict[str, Any]

    @staticmethod
    def resolve_by(obj: Any) -> str | None:
        return str(obj.by) if obj.by_id else None


class ScoreLineOut(Schema):
    criterion: str
    name: I18nText
    weight: int
    max_points: int
    average: float | None
    count: int
    mine: int | None


class ApplicationOut(Schema):
    id: int
    reference: str
    hub: str
    organisation: str
    organisation_name: I18nText
    status: str
    wants: list[str]
    motivation: str
    submitted: dict[str, Any]
    contacts: list[dict[str, Any]]
    sponsor: str | None
    sponsor_status: str
    language: str
    created_at: datetime
    decided_at: datetime | None
    decision_reason: str
    score_percent: float | None = None

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_organisation_name(obj: Any) -> dict[str, str]:
        return dict(obj.organisation.name)

    @staticmethod
    def resolve_sponsor(obj: Any) -> str | None:
        return obj.sponsor.slug if obj.sponsor_id else None

    @staticmethod
    def resolve_score_percent(obj: Any) -> float | None:
        return getattr(obj, "score_percent", None)


class ApplicationDetailOut(ApplicationOut):
    events: list[ApplicationEventOut]
    scores: list[ScoreLineOut]

    @staticmethod
    def resolve_events(obj: Any) -> list[Any]:
        return obj.events_list

    @staticmethod
    def resolve_scores(obj: Any) -> list[dict[str, Any]]:
        return obj.score_lines


class ApplicationStatusOut(Schema):
    reference: str
    hub: str
    organisation_name: I18nText
    status: str
    decision_reason: str
    events: list[ApplicationEventOut]


class MessageIn(Schema):
    message: str = Field(min_length=1, max_length=5000)


class ScoreIn(Schema):
    criterion: str
    points: int = Field(ge=0, le=10)
    comment: str = Field(default="", max_length=2000)


class ScoresIn(Schema):
    scores: list[ScoreIn] = Field(min_length=1)


class AdmitIn(Schema):
    reason: str = Field(default="", max_length=5000)
    list_publicly: bool = True
    invite: bool = True


class DeclineIn(Schema):
    reason: str = Field(min_length=1, max_length=5000)


class SponsorDecisionIn(Schema):
    confirm: bool
    message: str = Field(default="", max_length=2000)


# ---------------------------------------------------------------------------- products


class PhotoOut(Schema):
    id: int
    url: str
    thumbnail_url: str
    width: int
    height: int
    caption: I18nText

    @staticmethod
    def resolve_url(obj: Any) -> str:
        from django.urls import reverse

        return reverse("directory:product_photo", args=[obj.pk, "full"])

    @staticmethod
    def resolve_thumbnail_url(obj: Any) -> str:
        from django.urls import reverse

        return reverse("directory:product_photo", args=[obj.pk, "thumb"])


class ProductOut(Schema):
    id: int
    organisation: str
    organisation_name: I18nText
    country: str
    name: I18nText
    description: I18nText
    sector: str | None
    is_public: bool
    photos: list[PhotoOut]
    # Ids of the IP records (ip API) linked to the product that the caller may see.
    ip_assets: list[int]

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_ip_assets(obj: Any, context: Any) -> list[int]:
        from django.contrib.auth.models import AnonymousUser

        from innohub.accounts.api_auth import api_user
        from innohub.ip.access import user_sees_asset

        request = (context or {}).get("request")
        user = api_user(request) if request is not None else AnonymousUser()
        return [a.pk for a in obj.ip_assets.all() if user_sees_asset(user, a)]

    @staticmethod
    def resolve_organisation_name(obj: Any) -> dict[str, str]:
        return dict(obj.organisation.name)

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return obj.organisation.country

    @staticmethod
    def resolve_sector(obj: Any) -> str | None:
        return obj.sector.slug if obj.sector_id else None

    @staticmethod
    def resolve_photos(obj: Any) -> list[Any]:
        return list(obj.photos.all())


class ProductPatchIn(Schema):
    name: I18nText | None = None
    description: I18nText | None = None
    sector: str | None = None
    is_public: bool | None = None

    _i18n = field_validator("name", "description")(_check_i18n)


class ProductCreateIn(ProductPatchIn):
    organisation: str
    name: I18nText


# ---------------------------------------------------------------------------- growth


class GrowthSeriesOut(Schema):
    key: str
    label: str
    counts: list[int]


class GrowthOut(Schema):
    hub: str
    by: str
    months: list[date]
    series: list[GrowthSeriesOut]
    totals: list[int]
