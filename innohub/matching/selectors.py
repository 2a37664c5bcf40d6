"""Reads of matchmaking: listings, ranked suggestions with their reasons, introductions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innohub.accounts.access import grants_for, hub_ids_staffed_by
from innohub.common.text import search_terms
from innohub.directory.models import Sector
from innohub.ip import access as ip_access
from innohub.ip.models import Asset
from innohub.matching import access
from innohub.matching.embedding import get_embedder
from innohub.matching.index import (
    KindIndex,
    candidate_mask,
    embed_listing_texts,
    index_for,
    record_for,
    stored_vector,
    to_usd,
)
from innohub.matching.models import (
    COUNTERPART_KINDS,
    Feedback,
    Introduction,
    IntroductionState,
    Listing,
    ListingKind,
    ListingStatus,
)
from innohub.matching.ranking import (
    FIT_COUNTRY,
    FIT_STAGE,
    FIT_TICKET,
    STAGES,
    Record,
    Scored,
    profile_vectors,
)
from innohub.matching.text import tokenize
from innohub.network.models import Hub

FIT_LABELS = {
    FIT_STAGE: _("Stage fits the thesis"),
    FIT_TICKET: _("Amount fits the ticket size"),
    FIT_COUNTRY: _("Country of origin fits the thesis"),
}
MISFIT_LABELS = {
    FIT_STAGE: _("Stage outside the thesis"),
    FIT_TICKET: _("Amount outside the ticket size"),
    FIT_COUNTRY: _("Country of origin outside the thesis"),
}
SIMILARITY_SENTENCES = {
    ListingKind.OFFER: _("Closer in meaning than %(percent)d%% of the offers"),
    ListingKind.NEED: _("Closer in meaning than %(percent)d%% of the needs"),
    ListingKind.THESIS: _("Closer in meaning than %(percent)d%% of the theses"),
}
LEXICAL_NOTICE = _(
    "Semantic matching is not available on this server, so suggestions are ranked by the words "
    "they share and by sector only. Listings in different languages may not find each other."
)


@dataclass
class MatchFilters:
    """Hard filters the user may add on top of the ranking."""

    sector: str = ""
    stage: str = ""
    hub: str = ""
    country: str = ""
    amount: int | None = None
    currency: str = "USD"


@dataclass
class Suggestion:
    listing: Listing
    score: float
    similarity_percentile: float | None = None
    closeness: str = ""
    shared_sectors: list[Sector] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)
    fits: list[str] = field(default_factory=list)
    misfits: list[str] = field(default_factory=list)
    verdict: int = 0
    introduction: Introduction | None = None

    @property
    def similarity_percent(self) -> int | None:
        if self.similarity_percentile is None:
            return None
        return int(self.similarity_percentile * 100)

    @property
    def similarity_reason(self) -> str:
        # A reason only when it speaks for the suggestion: closer than most candidates.
        if self.similarity_percentile is None or self.similarity_percentile < 0.5:
            return ""
        return str(SIMILARITY_SENTENCES[self.listing.kind]) % {"percent": self.similarity_percent}

    @property
    def fit_labels(self) -> list[str]:
        return [str(FIT_LABELS[code]) for code in self.fits]

    @property
    def misfit_labels(self) -> list[str]:
        return [str(MISFIT_LABELS[code]) for code in self.misfits]


@dataclass
class MatchResult:
    suggestions: list[Suggestion]
    mode: str
    notice: str = ""
    missing_vectors: int = 0

    @property
    def is_lexical(self) -> bool:
        return self.mode != "hybrid"


def _closeness(scored: Scored) -> str:
    # Standardised per query: how far above the other candidates, never a raw cosine.
    if scored.embedding_z is None:
        return ""
    if scored.embedding_z >= 2.5:
        return str(_("Very close in meaning"))
    if scored.embedding_z >= 1.5:
        return str(_("Close in meaning"))
    return ""


def listing_queryset() -> QuerySet[Listing]:
    return Listing.objects.select_related("organisation", "hub").prefetch_related(
        "sectors",
        Prefetch(
            "ip_assets",
            queryset=Asset.objects.prefetch_related("owners").order_by("type", "number", "id"),
        ),
    )


def visible_ip_assets(*, user: Any, listing: Listing) -> list[Asset]:
    """The IP records an offer links to that the user may see (applications stay private)."""
    return [asset for asset in listing.ip_assets.all() if ip_access.user_sees_asset(user, asset)]


def ip_asset_choices(organisations: Any) -> QuerySet[Asset]:
    """Records an offer of one of these organisations may link to: the ones it owns."""
    owned = Asset.owners.through.objects.filter(organisation__in=organisations).values("asset_id")
    return (
        Asset.objects.filter(pk__in=owned)
        .prefetch_related("owners")
        .order_by("type", "number", "id")
    )


def listing_get(*, pk: int) -> Listing | None:
    return listing_queryset().filter(pk=pk).first()


def _filter_mask(kind_index: KindIndex, filters: MatchFilters) -> np.ndarray:
    index = kind_index.index
    mask = np.ones(index.size, dtype=bool)
    if filters.sector:
        mask &= index.sector_overlap([filters.sector])
    if filters.stage:
        known = filters.stage in STAGES
        if kind_index.kind == ListingKind.THESIS:
            mask &= index.stage_matrix[:, STAGES.index(filters.stage)] if known else False
        else:
            mask &= index.stage_code == (STAGES.index(filters.stage) if known else -2)
    if filters.hub:
        hub_id = Hub.objects.filter(slug=filters.hub).values_list("pk", flat=True).first()
        mask &= kind_index.hub_ids == (hub_id or -1)
    if filters.country:
        column = (
            index.countries.index(filters.country) if filters.country in index.countries else -2
        )
        if kind_index.kind == ListingKind.THESIS:
            mask &= index.country_matrix[:, column] if column >= 0 else False
        else:
            mask &= index.country_code == column
    if filters.amount is not None:
        amount = to_usd(filters.amount, filters.currency) or 0.0
        low = np.where(np.isnan(index.amount_min), -np.inf, index.amount_min)
        high = np.where(np.isnan(index.amount_max), np.inf, index.amount_max)
        mask &= (low <= amount) & (amount <= high)
    return mask


def _feedback_profile(user: Any, kind_index: KindIndex) -> tuple[Any, Any]:
    """What this user liked and dismissed among candidates of this kind, as two directions."""
    if not getattr(user, "is_authenticated", False) or not kind_index.model:
        return None, None
    liked, dismissed = [], []
    for candidate_id, verdict in Feedback.objects.filter(
        user=user, candidate__kind=kind_index.kind
    ).values_list("candidate_id", "verdict"):
        vector = kind_index.vector_of(candidate_id)
        if vector is not None:
            (liked if verdict > 0 else dismissed).append(vector)
    return profile_vectors(liked, dismissed)


def _rank(
    *,
    user: Any,
    kind: str,
    query: Record,
    tokens: list[str],
    filters: MatchFilters,
    exclude_organisation_id: int | None,
    exclude_listing_id: int | None,
    feedback: dict[int, int] | None,
    limit: int,
) -> tuple[list[Scored], KindIndex]:
    kind_index = index_for(kind)
    if not kind_index.index.size:
        return [], kind_index
    mask = candidate_mask(kind_index, user) & _filter_mask(kind_index, filters)
    if exclude_organisation_id is not None:
        mask &= kind_index.organisation_ids != exclude_organisation_id
    if exclude_listing_id is not None:
        position = kind_index.position(exclude_listing_id)
        if position is not None:
            mask[position] = False
    scored = kind_index.index.rank(
        query,
        mask=mask,
        feedback=feedback,
        profile=_feedback_profile(user, kind_index),
        # A few more than asked: the database has the last word on visibility below.
        limit=limit + 10,
        query_tokens=tokens,
    )
    return scored, kind_index


def _suggestions(
    user: Any, scored: list[Scored], limit: int, subject: Listing | None
) -> list[Suggestion]:
    ids = [item.key for item in scored]
    listings = {
        listing.pk: listing
        for listing in listing_queryset()
        .filter(access.listing_visible_q(user), pk__in=ids, status=ListingStatus.OPEN)
        .distinct()
    }
    introductions: dict[int, Introduction] = {}
    if subject is not None:
        for introduction in Introduction.objects.filter(
            Q(listing=subject, counterpart_id__in=ids) | Q(counterpart=subject, listing_id__in=ids)
        ):
            other = (
                introduction.counterpart_id
                if introduction.listing_id == subject.pk
                else introduction.listing_id
            )
            introductions[other] = introduction
    sectors = {s.slug: s for s in Sector.objects.all()}
    out = []
    for item in scored:
        listing = listings.get(item.key)
        if listing is None:
            continue
        out.append(
            Suggestion(
                listing=listing,
                score=item.score,
                similarity_percentile=item.similarity_percentile,
                closeness=_closeness(item),
                shared_sectors=[sectors[s] for s in item.shared_sectors if s in sectors],
                shared_terms=item.shared_terms,
                fits=item.fits,
                misfits=item.misfits,
                verdict=item.feedback,
                introduction=introductions.get(listing.pk),
            )
        )
        if len(out) == limit:
            break
    return out


def _result(scored: list[Suggestion], kind_index: KindIndex | None) -> MatchResult:
    model = kind_index.model if kind_index is not None else ""
    return MatchResult(
        suggestions=scored,
        mode="hybrid" if model else "lexical",
        notice="" if model else str(LEXICAL_NOTICE),
        missing_vectors=kind_index.missing_vectors if kind_index is not None and model else 0,
    )


def listing_query_record(listing: Listing) -> Record:
    """The listing as a query, with its stored vector (computed now if missing or stale)."""
    embedder = get_embedder()
    vector = None
    if embedder is not None:
        vector = stored_vector(listing, embedder.name)
        if vector is None:
            from innohub.matching.index import embedding_texts

            vector = embed_listing_texts(embedder, listing.kind, embedding_texts(listing))
    return record_for(listing, vector)


def listing_matches(
    *,
    user: Any,
    listing: Listing,
    filters: MatchFilters | None = None,
    kind: str | None = None,
    limit: int = 10,
) -> MatchResult:
    """The best counterparts of a listing for this user, best first, each with its reasons."""
    kinds = COUNTERPART_KINDS[listing.kind]
    kind = kind if kind in kinds else kinds[0]
    query = listing_query_record(listing)
    feedback = (
        dict(
            Feedback.objects.filter(user=user, listing=listing).values_list(
                "candidate_id", "verdict"
            )
        )
        if getattr(user, "is_authenticated", False)
        else {}
    )
    scored, kind_index = _rank(
        user=user,
        kind=kind,
        query=query,
        tokens=tokenize(query.text),
        filters=filters or MatchFilters(),
        exclude_organisation_id=listing.organisation_id,
        exclude_listing_id=listing.pk,
        feedback=feedback,
        limit=limit,
    )
    return _result(_suggestions(user, scored, limit, listing), kind_index)


def search(
    *,
    user: Any,
    text: str,
    kind: str = ListingKind.OFFER,
    filters: MatchFilters | None = None,
    limit: int = 20,
) -> MatchResult:
    """Listings of one kind that answer a free text written in any of the three languages."""
    if kind not in ListingKind.values:
        kind = ListingKind.OFFER
    embedder = get_embedder()
    vector = None
    if embedder is not None and text.strip():
        # Whatever the box holds, it looks for something: encode it as a query.
        vector = embedder.embed_queries([text])[0]
    query = Record(key=None, kind="search", text=text, vector=vector)
    scored, kind_index = _rank(
        user=user,
        kind=kind,
        query=query,
        tokens=tokenize(text),
        filters=filters or MatchFilters(),
        exclude_organisation_id=None,
        exclude_listing_id=None,
        feedback=None,
        limit=limit,
    )
    # A search shows what answers it, not every listing in order: candidates closer in meaning
    # than the average one for this query (a standardised cut, never a raw cosine), or that
    # share words with it.
    relevant = [
        item
        for item in scored
        if (item.embedding_z is not None and item.embedding_z >= 0) or (item.lexical_share or 0) > 0
    ]
    return _result(_suggestions(user, relevant, limit, None), kind_index)


@dataclass
class ListingFilters:
    kind: str = ""
    sector: str = ""
    hub: str = ""
    q: str = ""
    organisation: str = ""
    status: str = ListingStatus.OPEN


def listing_list(*, user: Any, filters: ListingFilters) -> QuerySet[Listing]:
    """Listings the user may see, newest first, for browsing without a ranking."""
    qs = (
        listing_queryset()
        .filter(access.listing_visible_q(user))
        # What only ranking reads stays in the database (the vector is 1.5 KB a listing).
        .defer("embedding", "terms", "search_text")
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.sector:
        # EXISTS, not a join: no DISTINCT over every column (the vectors among them).
        in_sector = Listing.sectors.through.objects.filter(
            listing_id=OuterRef("pk"), sector__slug=filters.sector
        )
        qs = qs.filter(Exists(in_sector))
    if filters.hub:
        qs = qs.filter(hub__slug=filters.hub)
    if filters.organisation:
        qs = qs.filter(organisation__slug=filters.organisation)
    for term in search_terms(filters.q):
        qs = qs.filter(search_text__contains=term)
    return qs.order_by("-created_at", "-id")


def listings_of_user(user: Any) -> QuerySet[Listing]:
    """The listings of the organisations the user represents (not the hubs they staff)."""
    organisations = grants_for(user).organisations
    return (
        listing_queryset().filter(organisation_id__in=organisations).order_by("kind", "-created_at")
    )


def listings_for_organisation(*, user: Any, organisation: Any) -> QuerySet[Listing]:
    return (
        listing_queryset()
        .filter(access.listing_visible_q(user), organisation=organisation)
        .exclude(status=ListingStatus.CLOSED)
        .distinct()
        .order_by("kind", "-created_at")
    )


@dataclass
class IntroductionFilters:
    state: str = ""
    hub: str = ""
    made_from: date | None = None
    made_to: date | None = None


def introduction_list(*, user: Any, filters: IntroductionFilters) -> QuerySet[Introduction]:
    qs = Introduction.objects.filter(access.introduction_visible_q(user)).select_related(
        "hub",
        "listing__organisation",
        "counterpart__organisation",
        "made_by",
    )
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.hub:
        qs = qs.filter(hub__slug=filters.hub)
    if filters.made_from or filters.made_to:
        from innohub.matching.models import IntroductionEvent

        made = IntroductionEvent.objects.filter(
            introduction=OuterRef("pk"), state=IntroductionState.INTRODUCED
        )
        if filters.made_from:
            made = made.filter(on__gte=filters.made_from)
        if filters.made_to:
            made = made.filter(on__lte=filters.made_to)
        qs = qs.filter(Exists(made))
    return qs.order_by("-state_since", "-id")


def introduction_get(*, pk: int) -> Introduction | None:
    return (
        Introduction.objects.select_related(
            "hub", "listing__organisation", "counterpart__organisation", "made_by", "agreement"
        )
        .prefetch_related(Prefetch("events", queryset=_events()))
        .filter(pk=pk)
        .first()
    )


def introduction_agreement_choices(introduction: Introduction) -> QuerySet[Any]:
    """The agreements an introduction may have led to: signed (not drafts) and naming both of
    its organisations as parties."""
    from innohub.relations.models import Agreement, AgreementParty, AgreementStatus

    qs = Agreement.objects.exclude(status=AgreementStatus.DRAFT)
    for organisation_id in {
        introduction.listing.organisation_id,
        introduction.counterpart.organisation_id,
    }:
        qs = qs.filter(
            Exists(
                AgreementParty.objects.filter(
                    agreement=OuterRef("pk"), organisation_id=organisation_id
                )
            )
        )
    return qs.order_by("-signed_on", "-pk")


def _events() -> QuerySet[Any]:
    from innohub.matching.models import IntroductionEvent

    return IntroductionEvent.objects.select_related("recorded_by").order_by("on", "id")


def introduction_requests(*, user: Any, limit: int = 50) -> list[Feedback]:
    """Suggestions someone marked interesting that no one has introduced yet, in the user's hubs."""
    staffed = hub_ids_staffed_by(user)
    qs = Feedback.objects.filter(verdict__gt=0).select_related(
        "user", "listing__organisation", "candidate__organisation", "listing__hub"
    )
    if staffed is not None:
        qs = qs.filter(Q(listing__hub_id__in=staffed) | Q(candidate__hub_id__in=staffed))
    qs = qs.filter(
        listing__deleted_at__isnull=True,
        candidate__deleted_at__isnull=True,
        listing__status=ListingStatus.OPEN,
        candidate__status=ListingStatus.OPEN,
    )
    candidates = list(qs.order_by("-updated_at")[: limit * 3])
    listing_ids = {f.listing_id for f in candidates} | {f.candidate_id for f in candidates}
    introduced = set(
        Introduction.objects.filter(
            listing_id__in=listing_ids, counterpart_id__in=listing_ids
        ).values_list("listing_id", "counterpart_id")
    )
    seen: set[tuple[int, int]] = set()
    out = []
    for feedback in candidates:
        pair = (feedback.listing_id, feedback.candidate_id)
        if pair in seen or pair in introduced or pair[::-1] in introduced:
            continue
        seen.add(pair)
        out.append(feedback)
        if len(out) == limit:
            break
    return out


def introduction_counts(*, user: Any) -> dict[str, int]:
    """How many visible introductions are in each state (for the staff dashboard)."""
    counts = dict.fromkeys(IntroductionState.values, 0)
    rows = (
        Introduction.objects.filter(access.introduction_visible_q(user))
        .values("state")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["state"]] = row["n"]
    return counts
