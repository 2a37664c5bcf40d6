"""The in-memory ranking index of each listing kind, shared by the requests of one process.

Each process keeps one `MatchIndex` per kind (offers, needs, theses) over the open listings of
the whole network, with the facts needed to filter candidates without touching the database
(owner, hub, visibility). Services raise the kind's `IndexVersion` in the same transaction as
every change; a request that finds a newer version in the database rebuilds the index first.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from innohub.matching.embedding import Embedder, get_embedder, vector_from_bytes
from innohub.matching.models import IndexVersion, Listing, ListingStatus, Visibility
from innohub.matching.ranking import MatchIndex, Record

# Approximate rates, used only to compare amount ranges written in different currencies.
USD_PER_UNIT = {"USD": 1.0, "CNY": 0.14, "ILS": 0.27, "EUR": 1.08}

VISIBILITY_CODES = {Visibility.PUBLIC: 0, Visibility.MEMBERS: 1, Visibility.PRIVATE: 2}


def to_usd(amount: int | None, currency: str) -> float | None:
    if amount is None:
        return None
    return float(amount) * USD_PER_UNIT.get(currency, 1.0)


def embedding_texts(listing: Listing) -> list[str]:
    """The text of each language version of a listing: title and description together."""
    texts = []
    for language in ("zh-hans", "en", "he"):
        title = listing.title.get(language, "")
        description = listing.description.get(language, "")
        text = f"{title}\n{description}".strip()
        if text:
            texts.append(text)
    return texts


def lexical_text(listing: Listing) -> str:
    return "\n".join(embedding_texts(listing))


def is_query_side(kind: str) -> bool:
    """Needs and theses look for something ("query: "); offers describe it ("passage: ")."""
    return kind != "offer"


def embedding_digest(kind: str, texts: list[str], model: str) -> str:
    side = "query" if is_query_side(kind) else "passage"
    payload = "\x1f".join([model, side, *texts])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def embed_listing_texts(embedder: Embedder, kind: str, texts: list[str]) -> np.ndarray | None:
    """One vector for the listing: the mean of its language versions, normalised."""
    if not texts:
        return None
    encode = embedder.embed_queries if is_query_side(kind) else embedder.embed_passages
    vectors = encode(texts)
    centre = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centre))
    return (centre / norm).astype(np.float32) if norm else None


def stored_vector(listing: Listing, model: str) -> np.ndarray | None:
    """The listing's stored vector if it was made by this model from the current text."""
    if not listing.embedding or listing.embedding_model != model:
        return None
    if listing.embedding_digest != embedding_digest(listing.kind, embedding_texts(listing), model):
        return None
    return vector_from_bytes(listing.embedding)


def record_for(listing: Listing, vector: np.ndarray | None) -> Record:
    sectors = getattr(listing, "sector_slugs", None)
    if sectors is None:
        sectors = [s.slug for s in listing.sectors.all()]
    return Record(
        key=listing.pk,
        kind=listing.kind,
        text=lexical_text(listing),
        sectors=frozenset(sectors),
        stage=listing.stage or "",
        stages=frozenset(listing.stages or []),
        amount_min=to_usd(listing.amount_min, listing.currency),
        amount_max=to_usd(listing.amount_max, listing.currency),
        country=listing.organisation.country if listing.organisation_id else "",
        countries=frozenset(listing.countries or []),
        vector=vector,
        tokens=listing.terms.split() if listing.terms else None,
    )


def index_bump(kind: str) -> None:
    """Tell every process that listings of this kind changed (call inside the transaction).

    The new version is random rather than one more: after a rollback or a restore the counter
    could come back to a value some process has already built an index for.
    """
    IndexVersion.objects.update_or_create(kind=kind, defaults={"version": secrets.randbits(62)})


def index_version(kind: str) -> int:
    return IndexVersion.objects.filter(kind=kind).values_list("version", flat=True).first() or 0


@dataclass
class KindIndex:
    """A built index plus, per candidate, what the access rules and filters need."""

    kind: str
    version: int
    model: str
    index: MatchIndex
    organisation_ids: np.ndarray
    hub_ids: np.ndarray
    visibility: np.ndarray
    missing_vectors: int

    def position(self, listing_id: int) -> int | None:
        return self.index.key_position.get(listing_id)

    def vector_of(self, listing_id: int) -> np.ndarray | None:
        position = self.position(listing_id)
        if position is None or not self.index.has_vector[position]:
            return None
        return self.index.vectors[position]


# Up to this many listings an outdated index is rebuilt before the request goes on (well
# under a second); a larger one is rebuilt in a background thread while requests keep using
# the previous one for those seconds (what they show is checked against the database anyway).
SYNC_REBUILD_LIMIT = 5_000

_lock = threading.Lock()
_indexes: dict[str, KindIndex] = {}
_rebuilding: set[str] = set()


def _build(kind: str, version: int, embedder: Embedder | None) -> KindIndex:
    model = embedder.name if embedder is not None else ""
    rows = list(
        Listing.objects.filter(kind=kind, status=ListingStatus.OPEN)
        .defer("search_text")
        .select_related("organisation")
        .prefetch_related("sectors")
        .order_by("pk")
    )
    records = []
    for listing in rows:
        vector = stored_vector(listing, model) if model else None
        records.append(record_for(listing, vector))
    index = MatchIndex(records, dim=embedder.dim if embedder is not None else None)
    return KindIndex(
        kind=kind,
        version=version,
        model=model,
        index=index,
        organisation_ids=np.array([r.organisation_id for r in rows], dtype=np.int64),
        hub_ids=np.array([r.hub_id for r in rows], dtype=np.int64),
        visibility=np.array([VISIBILITY_CODES[r.visibility] for r in rows], dtype=np.int8),
        missing_vectors=int(len(rows) - index.has_vector.sum()) if model else len(rows),
    )


def index_for(kind: str) -> KindIndex:
    """The current index of one kind, rebuilt when the database says it changed."""
    embedder = get_embedder()
    model = embedder.name if embedder is not None else ""
    version = index_version(kind)
    found = _indexes.get(kind)
    if found is not None and found.version == version and found.model == model:
        return found
    if found is not None and found.model == model and found.index.size > SYNC_REBUILD_LIMIT:
        _rebuild_in_background(kind, version, embedder)
        return found
    with _lock:
        found = _indexes.get(kind)
        if found is None or found.version != version or found.model != model:
            found = _build(kind, version, embedder)
            _indexes[kind] = found
    return found


def _rebuild_in_background(kind: str, version: int, embedder: Embedder | None) -> None:
    with _lock:
        if kind in _rebuilding:
            return
        _rebuilding.add(kind)

    def run() -> None:
        from django.db import connection

        try:
            built = _build(kind, version, embedder)
            with _lock:
                current = _indexes.get(kind)
                if current is None or current.version != version:
                    _indexes[kind] = built
        finally:
            with _lock:
                _rebuilding.discard(kind)
            connection.close()

    threading.Thread(target=run, name=f"matching-index-{kind}", daemon=True).start()


def index_forget() -> None:
    """Drop every cached index of this process (tests, and after `innohub reindex`)."""
    with _lock:
        _indexes.clear()


def candidate_mask(kind_index: KindIndex, user: Any) -> np.ndarray:
    """Which candidates this user may be shown, by the same rules as `listing_visible_q`."""
    from innohub.accounts.access import grants_for, hub_ids_staffed_by
    from innohub.matching.access import user_has_network_role

    grants = grants_for(user)
    size = kind_index.index.size
    if grants.network_admin:
        return np.ones(size, dtype=bool)
    mask = kind_index.visibility == VISIBILITY_CODES[Visibility.PUBLIC]
    if user_has_network_role(user):
        mask |= kind_index.visibility == VISIBILITY_CODES[Visibility.MEMBERS]
    staffed = hub_ids_staffed_by(user)
    if staffed:
        mask |= np.isin(kind_index.hub_ids, list(staffed))
    if grants.organisations:
        mask |= np.isin(kind_index.organisation_ids, list(grants.organisations))
    return mask
