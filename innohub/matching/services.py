"""Writes of matchmaking: listings and their embeddings, feedback, introductions and outcomes."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innohub.common.i18n import localized
from innohub.common.text import search_normalise
from innohub.directory.models import Organisation, Sector
from innohub.ip.models import Asset
from innohub.matching.embedding import Embedder, get_embedder, vector_to_bytes
from innohub.matching.index import (
    embed_listing_texts,
    embedding_digest,
    embedding_texts,
    index_bump,
    lexical_text,
    stored_vector,
)
from innohub.matching.models import (
    INTRODUCTION_PROGRESS,
    Feedback,
    Introduction,
    IntroductionEvent,
    IntroductionState,
    Listing,
    ListingKind,
    ListingStatus,
    Verdict,
)
from innohub.matching.text import detect_language, tokenize
from innohub.network.models import Hub

EDITABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "sectors",
        "stage",
        "maturity",
        "target_markets",
        "ip_reference",
        "ip_assets",
        "timeline",
        "stages",
        "countries",
        "amount_min",
        "amount_max",
        "currency",
        "visibility",
        "status",
    }
)


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _apply(listing: Listing, data: dict[str, Any]) -> list[Sector] | None:
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(
            {field: _("You cannot change this field.") for field in sorted(unknown)}
        )
    sectors = None
    for field, value in data.items():
        if field == "sectors":
            sectors = list(value) if value is not None else None
        elif field == "ip_assets":
            continue  # set after the save, once checked (_check_ip_assets)
        elif field in {"title", "description"}:
            setattr(listing, field, localized(value))
        elif field in {"target_markets", "stages", "countries"}:
            setattr(listing, field, sorted(set(value or [])))
        elif field in {"amount_min", "amount_max"}:
            setattr(listing, field, value)
        else:
            setattr(listing, field, value if value is not None else "")
    listing.language = detect_language(
        listing.title.all_text() + " " + listing.description.all_text()
    )
    return sectors


def _check_ip_assets(listing: Listing, assets: Any) -> list[Asset] | None:
    """The IP records an offer links to: only offers, only the offering organisation's own."""
    if assets is None:
        return None
    assets = list(assets)
    if not assets:
        return []
    if listing.kind != ListingKind.OFFER:
        raise ValidationError({"ip_assets": _("Only an offer links to IP records.")})
    owned = set(
        Asset.owners.through.objects.filter(
            organisation_id=listing.organisation_id,
            asset_id__in=[a.pk for a in assets],
            asset__deleted_at__isnull=True,
        ).values_list("asset_id", flat=True)
    )
    foreign = [a for a in assets if a.pk not in owned]
    if foreign:
        raise ValidationError(
            {
                # The record is not named: it may be another organisation's private one.
                "ip_assets": _("Choose only IP records of %(organisation)s.")
                % {"organisation": listing.organisation.name}
            }
        )
    return assets


def _ip_text(listing: Listing, assets: list[Asset] | None) -> str:
    """The numbers and titles of the linked records, so that a search by number finds the offer."""
    if assets is None:
        assets = list(listing.ip_assets.all()) if listing.pk else []
    parts = [listing.ip_reference]
    for asset in assets:
        parts += [asset.number, asset.display_number, asset.title.all_text()]
    return " ".join(p for p in parts if p)


def listing_embed(listing: Listing, embedder: Embedder | None = None) -> bool:
    """Compute and set (not save) the listing's vector from its current text; False if no model."""
    embedder = embedder or get_embedder()
    if embedder is None:
        return False
    texts = embedding_texts(listing)
    vector = embed_listing_texts(embedder, listing.kind, texts)
    if vector is None:
        return False
    listing.embedding = vector_to_bytes(vector)
    listing.embedding_model = embedder.name
    listing.embedding_digest = embedding_digest(listing.kind, texts, embedder.name)
    return True


def _embed_on_save(listing: Listing) -> None:
    """Embed now, unless a task runner does it later (`innohub reindex --stale`)."""
    if not settings.MATCHING_EMBED_ON_SAVE:
        return
    embedder = get_embedder()
    if embedder is not None and stored_vector(listing, embedder.name) is None:
        listing_embed(listing, embedder)


def _save(
    listing: Listing,
    sectors: list[Sector] | None,
    reason: str,
    *,
    embed: bool = True,
    ip_assets: list[Asset] | None = None,
) -> Listing:
    listing.full_clean()
    listing.search_text = search_normalise(
        " ".join(
            [listing.title.all_text(), listing.description.all_text(), _ip_text(listing, ip_assets)]
        )
    )
    listing.terms = " ".join(tokenize(lexical_text(listing)))
    if embed:
        _embed_on_save(listing)
    listing._change_reason = reason  # type: ignore[attr-defined]
    listing.save()
    if sectors is not None:
        listing.sectors.set(sectors)
    if ip_assets is not None:
        listing.ip_assets.set(ip_assets)
    index_bump(listing.kind)
    return listing


@transaction.atomic
def listing_create(
    *,
    by: Any,
    kind: str,
    organisation: Organisation,
    hub: Hub,
    is_generated: bool = False,
    embed: bool = True,
    **data: Any,
) -> Listing:
    """A new offer, need or thesis of an organisation, embedded as it is saved.

    embed=False leaves the vector to the caller (the demo ships precomputed ones).
    """
    if kind not in ListingKind.values:
        raise ValidationError({"kind": _("Choose an offer, a need or a thesis.")})
    listing = Listing(
        kind=kind,
        organisation=organisation,
        hub=hub,
        created_by=_user_or_none(by),
        is_generated=is_generated,
    )
    sectors = _apply(listing, data)
    ip_assets = _check_ip_assets(listing, data.get("ip_assets"))
    return _save(listing, sectors, "created", embed=embed, ip_assets=ip_assets)


@transaction.atomic
def listing_update(*, listing: Listing, by: Any, **data: Any) -> Listing:
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    sectors = _apply(listing, data)
    ip_assets = _check_ip_assets(listing, data.get("ip_assets"))
    return _save(listing, sectors, "changed", ip_assets=ip_assets)


@transaction.atomic
def listing_set_status(*, listing: Listing, by: Any, status: str) -> Listing:
    if status not in ListingStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    listing.status = status
    listing._change_reason = f"status: {status}"  # type: ignore[attr-defined]
    listing.save(update_fields=["status", "updated_at"])
    index_bump(listing.kind)
    return listing


@transaction.atomic
def listing_delete(*, listing: Listing, by: Any) -> None:
    """Soft delete: it leaves the index and every page, its history and introductions stay."""
    listing._history_user = by  # type: ignore[attr-defined]
    listing.soft_delete()


@dataclass
class ReindexResult:
    embedded: int
    skipped: int
    seconds: float
    model: str


def listings_reindex(
    *, kinds: Iterable[str] = ListingKind.values, only_stale: bool = False, batch: int = 64
) -> ReindexResult:
    """Recompute stored embeddings (all, or only those made by another model or from old text)."""
    embedder = get_embedder()
    started = time.perf_counter()
    embedded = skipped = 0
    if embedder is None:
        for kind in kinds:
            with transaction.atomic():
                index_bump(kind)
        return ReindexResult(0, 0, 0.0, "")
    for kind in kinds:
        queryset = Listing.objects.filter(kind=kind).order_by("pk")
        pending: list[Listing] = []
        for listing in queryset.iterator(chunk_size=batch):
            if only_stale and stored_vector(listing, embedder.name) is not None:
                skipped += 1
                continue
            pending.append(listing)
            if len(pending) == batch:
                embedded += _embed_batch(pending, embedder)
                pending = []
        if pending:
            embedded += _embed_batch(pending, embedder)
        with transaction.atomic():
            index_bump(kind)
    return ReindexResult(embedded, skipped, time.perf_counter() - started, embedder.name)


def _embed_batch(listings: list[Listing], embedder: Embedder) -> int:
    done = [listing for listing in listings if listing_embed(listing, embedder)]
    with transaction.atomic():
        Listing.objects.bulk_update(done, ["embedding", "embedding_model", "embedding_digest"])
    return len(done)


@transaction.atomic
def feedback_set(
    *, user: Any, listing: Listing, candidate: Listing, verdict: int | None
) -> Feedback | None:
    """Record (or, with None, withdraw) a user's verdict on one suggestion for one listing."""
    if candidate.kind not in listing.counterpart_kinds:
        raise ValidationError(_("This is not a counterpart of the listing."))
    if verdict is None:
        Feedback.objects.filter(user=user, listing=listing, candidate=candidate).delete()
        return None
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Choose interested or not relevant.")})
    feedback, _created = Feedback.objects.update_or_create(
        user=user, listing=listing, candidate=candidate, defaults={"verdict": verdict}
    )
    return feedback


@transaction.atomic
def introduction_create(
    *,
    by: Any,
    hub: Hub,
    listing: Listing,
    counterpart: Listing,
    on: date | None = None,
    note: str = "",
    is_generated: bool = False,
) -> Introduction:
    """Staff put the organisations behind two listings in touch."""
    if counterpart.kind not in listing.counterpart_kinds:
        raise ValidationError(_("These two listings do not answer each other."))
    if listing.organisation_id == counterpart.organisation_id:
        raise ValidationError(_("Both listings belong to the same organisation."))
    if hub.pk not in (listing.hub_id, counterpart.hub_id):
        raise ValidationError(_("The introduction must be made by the hub of one of the listings."))
    if Introduction.objects.filter(listing=listing, counterpart=counterpart).exists() or (
        Introduction.objects.filter(listing=counterpart, counterpart=listing).exists()
    ):
        raise ValidationError(_("These two have already been introduced."))
    on = on or timezone.localdate()
    introduction = Introduction.objects.create(
        hub=hub,
        listing=listing,
        counterpart=counterpart,
        state=IntroductionState.INTRODUCED,
        state_since=on,
        note=note,
        made_by=_user_or_none(by),
        is_generated=is_generated,
    )
    IntroductionEvent.objects.create(
        introduction=introduction,
        state=IntroductionState.INTRODUCED,
        on=on,
        note=note,
        recorded_by=_user_or_none(by),
    )
    return introduction


def introduction_next_states(state: str) -> list[str]:
    """Forward along meeting → pilot → agreement → investment (steps may be skipped); before an
    agreement it may also end without a deal, and an ended introduction can be taken up again.
    An investment is the end of the road."""
    if state == IntroductionState.ENDED:
        return [IntroductionState.INTRODUCED]
    later = list(INTRODUCTION_PROGRESS[INTRODUCTION_PROGRESS.index(state) + 1 :])
    if state in (IntroductionState.AGREEMENT, IntroductionState.INVESTMENT):
        return later
    return [*later, IntroductionState.ENDED]


@transaction.atomic
def introduction_transition(
    *,
    introduction: Introduction,
    to_state: str,
    by: Any,
    on: date | None = None,
    note: str = "",
    reference: str = "",
    agreement_id: int | None = None,
) -> Introduction:
    """Record how an introduction went on: a meeting, a pilot, an agreement, an investment.

    An agreement or investment step may name the relations agreement it led to, one that is
    signed and names both organisations as parties."""
    from innohub.matching.selectors import introduction_agreement_choices

    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if to_state not in introduction_next_states(introduction.state):
        raise ValidationError(
            _("An introduction cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": IntroductionState(introduction.state).label,
                "to": IntroductionState(to_state).label
                if to_state in IntroductionState.values
                else to_state,
            }
        )
    on = on or timezone.localdate()
    if on < introduction.state_since:
        raise ValidationError(_("The date of a step cannot be before the previous step."))
    if on > timezone.localdate():
        raise ValidationError(_("A step cannot be recorded in the future."))
    if agreement_id is not None:
        if to_state not in (IntroductionState.AGREEMENT, IntroductionState.INVESTMENT):
            raise ValidationError(
                _("Only an agreement or an investment can name the agreement it led to.")
            )
        if not introduction_agreement_choices(introduction).filter(pk=agreement_id).exists():
            raise ValidationError(
                _(
                    "That agreement cannot be named: it must be signed and name both "
                    "organisations of the introduction as parties."
                )
            )
        introduction.agreement_id = agreement_id
    IntroductionEvent.objects.create(
        introduction=introduction,
        state=to_state,
        on=on,
        note=note,
        reference=reference,
        recorded_by=_user_or_none(by),
    )
    introduction.state = to_state
    introduction.state_since = on
    if reference:
        introduction.reference = reference
    introduction.save()
    return introduction
