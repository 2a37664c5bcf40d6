"""Matchmaking API: the same selectors, services and access rules as the pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from innohub.accounts.access import ALL_HUBS, hub_ids_staffed_by, require
from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.common.pagination import Pagination
from innohub.common.params import Key, SearchText
from innohub.directory.models import Organisation, Sector
from innohub.ip.models import Asset
from innohub.matching import access, selectors, services
from innohub.matching.embedding import embedder_status
from innohub.matching.models import COUNTERPART_KINDS, Feedback, Listing, ListingStatus, Verdict
from innohub.matching.schemas import (
    FeedbackIn,
    FeedbackOut,
    IntroductionCreateIn,
    IntroductionOut,
    IntroductionStepIn,
    ListingCreateIn,
    ListingOut,
    ListingPatchIn,
    MatchesOut,
    MyListingOut,
    StatusOut,
)
from innohub.network.models import Hub

router = Router(tags=["matching"])
VERDICTS = {"interested": Verdict.INTERESTED, "not_relevant": Verdict.NOT_RELEVANT}


class MatchQuery(Schema):
    kind: Key = ""
    sector: Key = ""
    stage: Key = ""
    hub: Key = ""
    country: Key = ""
    amount: int | None = None
    currency: Key = "USD"
    limit: int = 10

    def filters(self) -> selectors.MatchFilters:
        return selectors.MatchFilters(
            sector=self.sector,
            stage=self.stage,
            hub=self.hub,
            country=self.country,
            amount=self.amount,
            currency=self.currency,
        )

    def bounded_limit(self) -> int:
        return max(1, min(self.limit, 50))


@router.get("/status", response=StatusOut, auth=AUTH_OPTIONAL)
def status(request: HttpRequest) -> Any:
    """Whether ranking uses the embedding model ("hybrid") or words only ("lexical")."""
    found = embedder_status()
    return {
        "mode": "hybrid" if found.available else "lexical",
        "model": found.name,
        "reason": found.reason,
    }


@router.get("/listings", response=list[ListingOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def listing_list(
    request: HttpRequest,
    kind: Key = "",
    sector: Key = "",
    hub: Key = "",
    organisation: Key = "",
    status: Key = ListingStatus.OPEN,
    q: SearchText = "",
) -> Any:
    return selectors.listing_list(
        user=api_user(request),
        filters=selectors.ListingFilters(
            kind=kind, sector=sector, hub=hub, organisation=organisation, status=status, q=q[:200]
        ),
    )


def _load(user: Any, listing_id: int) -> Listing:
    return access.access_listing_for_user(user, selectors.listing_get(pk=listing_id))


def _resolve(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("sectors") is not None:
        found = list(Sector.objects.filter(slug__in=data["sectors"]))
        missing = set(data["sectors"]) - {s.slug for s in found}
        if missing:
            raise ValidationError(
                {"sectors": _("Unknown sector: %(names)s") % {"names": ", ".join(sorted(missing))}}
            )
        data["sectors"] = found
    if data.get("ip_assets") is not None:
        wanted = set(data["ip_assets"])
        found_assets = list(Asset.objects.filter(pk__in=wanted))
        if len(found_assets) != len(wanted):
            raise ValidationError({"ip_assets": _("Unknown IP record.")})
        data["ip_assets"] = found_assets
    return data


@router.get("/listings/{listing_id}", response=ListingOut, auth=AUTH_OPTIONAL)
def listing_detail(request: HttpRequest, listing_id: int) -> Any:
    return _load(api_user(request), listing_id)


@router.post("/listings", response={201: ListingOut})
def listing_create(request: HttpRequest, payload: ListingCreateIn) -> Any:
    user = api_user(request)
    data = payload.dict(exclude_unset=True)
    organisation = Organisation.objects.filter(slug=data.pop("organisation")).first()
    hub = Hub.objects.filter(slug=data.pop("hub")).first()
    if organisation is None or hub is None:
        raise ValidationError(_("Unknown organisation or hub."))
    require(access.user_can_create_listing(user, organisation=organisation, hub=hub))
    kind = data.pop("kind")
    listing = services.listing_create(
        by=user, kind=kind, organisation=organisation, hub=hub, **_resolve(data)
    )
    return Status(201, selectors.listing_get(pk=listing.pk))


@router.patch("/listings/{listing_id}", response=ListingOut)
def listing_update(request: HttpRequest, listing_id: int, payload: ListingPatchIn) -> Any:
    user = api_user(request)
    listing = access.access_listing_for_edit(user, selectors.listing_get(pk=listing_id))
    services.listing_update(listing=listing, by=user, **_resolve(payload.dict(exclude_unset=True)))
    return selectors.listing_get(pk=listing_id)


@router.delete("/listings/{listing_id}", response={204: None})
def listing_delete(request: HttpRequest, listing_id: int) -> Any:
    user = api_user(request)
    listing = access.access_listing_for_edit(user, selectors.listing_get(pk=listing_id))
    services.listing_delete(listing=listing, by=user)
    return Status(204, None)


@router.get("/listings/{listing_id}/matches", response=MatchesOut)
def listing_matches(request: HttpRequest, listing_id: int, query: Query[MatchQuery]) -> Any:
    """The best counterparts of a listing, for its organisation and its hub's staff."""
    user = api_user(request)
    listing = _load(user, listing_id)
    require(access.user_acts_for_listing(user, listing))
    return selectors.listing_matches(
        user=user,
        listing=listing,
        filters=query.filters(),
        kind=query.kind or None,
        limit=query.bounded_limit(),
    )


@router.get("/search", response=MatchesOut, auth=AUTH_OPTIONAL)
def search(request: HttpRequest, q: SearchText, query: Query[MatchQuery]) -> Any:
    """Listings of one kind (offers unless `kind` says otherwise) that answer a free text."""
    return selectors.search(
        user=api_user(request),
        text=q[:500],
        kind=query.kind or "offer",
        filters=query.filters(),
        limit=query.bounded_limit(),
    )


@router.get("/mine", response=list[MyListingOut])
def mine(request: HttpRequest, limit: int = 5) -> Any:
    """Each listing of the user's organisations with its best counterparts of each kind."""
    user = api_user(request)
    out = []
    for listing in selectors.listings_of_user(user):
        matches = []
        if listing.status == ListingStatus.OPEN:
            for kind in COUNTERPART_KINDS[listing.kind]:
                result = selectors.listing_matches(
                    user=user, listing=listing, kind=kind, limit=max(1, min(limit, 20))
                )
                matches.append({"kind": kind, **result.__dict__})
        out.append({"listing": listing, "matches": matches})
    return out


@router.put("/listings/{listing_id}/feedback/{candidate_id}", response=FeedbackOut)
def feedback_set(
    request: HttpRequest, listing_id: int, candidate_id: int, payload: FeedbackIn
) -> Any:
    user = api_user(request)
    listing = _load(user, listing_id)
    require(access.user_acts_for_listing(user, listing))
    candidate = _load(user, candidate_id)
    return services.feedback_set(
        user=user, listing=listing, candidate=candidate, verdict=VERDICTS[payload.verdict]
    )


@router.delete("/listings/{listing_id}/feedback/{candidate_id}", response={204: None})
def feedback_clear(request: HttpRequest, listing_id: int, candidate_id: int) -> Any:
    user = api_user(request)
    listing = _load(user, listing_id)
    require(access.user_acts_for_listing(user, listing))
    candidate = _load(user, candidate_id)
    services.feedback_set(user=user, listing=listing, candidate=candidate, verdict=None)
    return Status(204, None)


@router.get("/feedback", response=list[FeedbackOut])
@paginate(Pagination)
def feedback_list(request: HttpRequest) -> Any:
    """The user's own verdicts on suggestions, newest first."""
    return Feedback.objects.filter(user=api_user(request)).order_by("-updated_at", "-id")


@router.get("/introductions", response=list[IntroductionOut])
@paginate(Pagination)
def introduction_list(request: HttpRequest, state: Key = "", hub: Key = "") -> Any:
    return selectors.introduction_list(
        user=api_user(request), filters=selectors.IntroductionFilters(state=state, hub=hub)
    ).prefetch_related("events")


def _introduction(user: Any, introduction_id: int) -> Any:
    return access.access_introduction_for_user(user, selectors.introduction_get(pk=introduction_id))


@router.get("/introductions/{introduction_id}", response=IntroductionOut)
def introduction_detail(request: HttpRequest, introduction_id: int) -> Any:
    return _introduction(api_user(request), introduction_id)


@router.post("/introductions", response={201: IntroductionOut})
def introduction_create(request: HttpRequest, payload: IntroductionCreateIn) -> Any:
    """Staff of either listing's hub put the two organisations in touch."""
    user = api_user(request)
    listing = _load(user, payload.listing)
    counterpart = _load(user, payload.counterpart)
    require(access.user_can_introduce(user, listing, counterpart))
    staffed = hub_ids_staffed_by(user)
    own = staffed is ALL_HUBS or listing.hub_id in (staffed or ())
    hub = listing.hub if own else counterpart.hub
    introduction = services.introduction_create(
        by=user, hub=hub, listing=listing, counterpart=counterpart, on=payload.on, note=payload.note
    )
    return Status(201, selectors.introduction_get(pk=introduction.pk))


@router.post("/introductions/{introduction_id}/steps", response=IntroductionOut)
def introduction_step(
    request: HttpRequest, introduction_id: int, payload: IntroductionStepIn
) -> Any:
    """Record what came of an introduction: meeting, pilot, agreement, investment or its end."""
    user = api_user(request)
    introduction = _introduction(user, introduction_id)
    require(access.user_can_update_introduction(user, introduction))
    services.introduction_transition(
        introduction=introduction,
        to_state=payload.state,
        by=user,
        on=payload.on,
        note=payload.note,
        reference=payload.reference,
        agreement_id=payload.agreement,
    )
    return selectors.introduction_get(pk=introduction_id)
