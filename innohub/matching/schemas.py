"""API shapes of matchmaking."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import field_validator

from innohub.directory.schemas import I18nText, _check_i18n

VerdictName = Literal["interested", "not_relevant"]
StageValue = Literal["idea", "seed", "early", "growth", "mature"]
CountryCode = Literal["CN", "IL", "JOINT", "OTHER"]
MarketCode = Literal["CN", "IL", "ASIA", "EU", "AM", "GLOBAL"]
IntroductionStateName = Literal[
    "introduced", "meeting", "pilot", "agreement", "investment", "ended"
]
VERDICT_NAMES = {1: "interested", -1: "not_relevant"}


class ListingOut(Schema):
    id: int
    kind: str
    organisation: str
    organisation_name: I18nText
    hub: str
    title: I18nText
    description: I18nText
    language: str
    sectors: list[str]
    stage: str
    maturity: str
    target_markets: list[str]
    # Ids of the linked IP records (ip API) that the caller may see.
    ip_assets: list[int]
    ip_reference: str
    timeline: str
    stages: list[str]
    countries: list[str]
    amount_min: int | None
    amount_max: int | None
    currency: str
    visibility: str
    status: str
    is_generated: bool
    created_at: datetime
    updated_at: datetime
    url: str

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_organisation_name(obj: Any) -> dict[str, str]:
        return dict(obj.organisation.name)

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_sectors(obj: Any) -> list[str]:
        return [s.slug for s in obj.sectors.all()]

    @staticmethod
    def resolve_ip_assets(obj: Any, context: Any) -> list[int]:
        from django.contrib.auth.models import AnonymousUser

        from innohub.accounts.api_auth import api_user
        from innohub.matching.selectors import visible_ip_assets

        request = (context or {}).get("request")
        user = api_user(request) if request is not None else AnonymousUser()
        return [a.pk for a in visible_ip_assets(user=user, listing=obj)]

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class ListingPatchIn(Schema):
    title: I18nText | None = None
    description: I18nText | None = None
    sectors: list[str] | None = None
    stage: StageValue | Literal[""] | None = None
    maturity: Literal["", "research", "prototype", "pilot", "market"] | None = None
    target_markets: list[MarketCode] | None = None
    ip_reference: str | None = Field(default=None, max_length=300)
    ip_assets: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] | None = Field(
        default=None, max_length=200
    )
    timeline: Literal["", "3m", "6m", "12m", "exploring"] | None = None
    stages: list[StageValue] | None = None
    countries: list[CountryCode] | None = None
    amount_min: int | None = Field(default=None, ge=0, le=10**15)
    amount_max: int | None = Field(default=None, ge=0, le=10**15)
    currency: Literal["CNY", "USD", "ILS", "EUR"] | None = None
    visibility: Literal["public", "members", "private"] | None = None
    status: Literal["open", "paused", "closed"] | None = None

    _i18n = field_validator("title", "description")(_check_i18n)


class ListingCreateIn(ListingPatchIn):
    kind: Literal["offer", "need", "thesis"]
    organisation: str
    hub: str
    title: I18nText
    description: I18nText


class ReasonsOut(Schema):
    shared_sectors: list[str]
    shared_terms: list[str]
    similarity_percentile: float | None
    closeness: str
    fits: list[str]
    misfits: list[str]


class SuggestionOut(Schema):
    listing: ListingOut
    score: float
    reasons: ReasonsOut
    verdict: VerdictName | None
    introduction: int | None

    @staticmethod
    def resolve_reasons(obj: Any) -> dict[str, Any]:
        return {
            "shared_sectors": [s.slug for s in obj.shared_sectors],
            "shared_terms": obj.shared_terms,
            "similarity_percentile": obj.similarity_percentile,
            "closeness": obj.closeness,
            "fits": obj.fits,
            "misfits": obj.misfits,
        }

    @staticmethod
    def resolve_verdict(obj: Any) -> str | None:
        return VERDICT_NAMES.get(obj.verdict)

    @staticmethod
    def resolve_introduction(obj: Any) -> int | None:
        return obj.introduction.pk if obj.introduction else None


class MatchesOut(Schema):
    mode: Literal["hybrid", "lexical"]
    notice: str
    missing_vectors: int
    suggestions: list[SuggestionOut]


class KindMatchesOut(MatchesOut):
    kind: str


class MyListingOut(Schema):
    listing: ListingOut
    matches: list[KindMatchesOut]


class FeedbackIn(Schema):
    verdict: VerdictName


class FeedbackOut(Schema):
    listing: int
    candidate: int
    verdict: VerdictName
    updated_at: datetime

    @staticmethod
    def resolve_listing(obj: Any) -> int:
        return obj.listing_id

    @staticmethod
    def resolve_candidate(obj: Any) -> int:
        return obj.candidate_id

    @staticmethod
    def resolve_verdict(obj: Any) -> str:
        return VERDICT_NAMES[obj.verdict]


class IntroductionEventOut(Schema):
    state: str
    on: date
    note: str
    reference: str


class IntroductionOut(Schema):
    id: int
    hub: str
    listing: int
    counterpart: int
    listing_organisation: str
    counterpart_organisation: str
    state: str
    state_since: date
    note: str
    reference: str
    agreement: int | None = Field(
        description="The relations agreement it led to (/api/v1/relations/agreements/{id})"
    )
    events: list[IntroductionEventOut]

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_listing(obj: Any) -> int:
        return obj.listing_id

    @staticmethod
    def resolve_counterpart(obj: Any) -> int:
        return obj.counterpart_id

    @staticmethod
    def resolve_listing_organisation(obj: Any) -> str:
        return obj.listing.organisation.slug

    @staticmethod
    def resolve_counterpart_organisation(obj: Any) -> str:
        return obj.counterpart.organisation.slug

    @staticmethod
    def resolve_agreement(obj: Any) -> int | None:
        return obj.agreement_id

    @staticmethod
    def resolve_events(obj: Any) -> list[Any]:
        return list(obj.events.all())


class IntroductionCreateIn(Schema):
    listing: int
    counterpart: int
    on: date | None = None
    note: str = Field(default="", max_length=2000)


class IntroductionStepIn(Schema):
    state: IntroductionStateName
    on: date | None = None
    note: str = Field(default="", max_length=2000)
    reference: str = Field(default="", max_length=200)
    agreement: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="For an agreement or investment: the relations agreement it led to "
        "(signed, naming both organisations as parties).",
    )


class StatusOut(Schema):
    mode: Literal["hybrid", "lexical"]
    model: str
    reason: str
