"""API shapes of the directory."""

from __future__ import annotations

from datetime import date
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


class TransitionIn(Schema):
    state: MembershipState
    on: date | None = None
    note: str = Field(default="", max_length=2000)
