"""Synthetic offers, needs and theses for load tests (`innohub generate`).

They reuse the demo's texts (per-sector templates and the two named theses), whose vectors
ship with the package, so the dataset carries the vectors the model computes for those texts
without embedding anything while it is generated.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from innohub.common.generate import GenerateContext, bulk_insert
from innohub.common.text import search_normalise
from innohub.directory.models import Organisation, Sector
from innohub.matching.demo import (
    NAMED_LISTINGS,
    generated_need_texts,
    generated_offer_texts,
    load_vectors,
)
from innohub.matching.embedding import get_embedder, vector_to_bytes
from innohub.matching.index import (
    embed_listing_texts,
    embedding_digest,
    embedding_texts,
    index_bump,
    lexical_text,
)
from innohub.matching.models import Listing
from innohub.matching.text import detect_language, tokenize

VISIBILITIES = ["public", "public", "members", "members", "private"]


_terms_cache: dict[str, str] = {}


def terms_of(row: Listing) -> str:
    text = lexical_text(row)
    if text not in _terms_cache:
        _terms_cache[text] = " ".join(tokenize(text))
    return _terms_cache[text]


class _Vectors:
    """Vectors by text digest: the shipped ones, else computed once (and remembered)."""

    def __init__(self) -> None:
        self.embedder = get_embedder()
        self.known: dict[str, np.ndarray | None] = (
            dict(load_vectors(self.embedder.name)) if self.embedder is not None else {}
        )

    def apply(self, row: Listing) -> None:
        if self.embedder is None:
            return
        texts = embedding_texts(row)
        digest = embedding_digest(row.kind, texts, self.embedder.name)
        if digest not in self.known:
            self.known[digest] = embed_listing_texts(self.embedder, row.kind, texts)
        vector = self.known[digest]
        if vector is not None:
            row.embedding = vector_to_bytes(vector)
            row.embedding_model = self.embedder.name
            row.embedding_digest = digest


def generate(ctx: GenerateContext) -> None:
    rng = ctx.rng
    slug_to_pk = dict(Sector.objects.values_list("slug", "pk"))
    pk_to_slug = {pk: slug for slug, pk in slug_to_pk.items()}
    org_sector: dict[int, int] = ctx.extra.get("org_sector", {})
    hub_of: dict[int, int] = {}
    for org_id, hub_id, _state in ctx.extra.get("memberships", []):
        hub_of.setdefault(org_id, hub_id)
    country = dict(Organisation.objects.filter(pk__in=list(hub_of)).values_list("pk", "country"))
    sellers = sorted(o for o, c in country.items() if c in ("IL", "JOINT"))
    buyers = sorted(o for o, c in country.items() if c == "CN")
    if not sellers or not buyers:
        return
    offers = list(generated_offer_texts())
    needs = list(generated_need_texts())
    theses = [
        (row["sectors"][0], row["title"], row["description"])
        for row in NAMED_LISTINGS
        if row["kind"] == "thesis"
    ]
    vectors = _Vectors()
    rows: list[Listing] = []
    row_sectors: list[int] = []

    def add(kind: str, org_id: int, templates: list[tuple[str, Any, Any]]) -> None:
        wanted = pk_to_slug.get(org_sector.get(org_id, 0))
        sector, title, description = rng.choice(
            [t for t in templates if t[0] == wanted] or templates
        )
        row = Listing(
            kind=kind,
            organisation_id=org_id,
            hub_id=hub_of[org_id],
            title=title,
            description=description,
            visibility=rng.choice(VISIBILITIES),
            stage=rng.choice(["seed", "early", "growth"]) if kind == "offer" else "",
            stages=["seed", "early"] if kind == "thesis" else [],
            countries=["IL", "JOINT"] if kind == "thesis" else [],
            amount_min=rng.choice([None, 500_000, 1_000_000]),
            currency="USD",
            is_generated=True,
        )
        row.language = detect_language(row.title.all_text() + " " + row.description.all_text())
        row.search_text = search_normalise(row.title.all_text() + " " + row.description.all_text())
        row.terms = terms_of(row)
        vectors.apply(row)
        rows.append(row)
        row_sectors.append(slug_to_pk[sector])

    for n in range(ctx.sizes["offers"]):
        add("offer", rng.choice(sellers), offers)
        if n % 2 == 0:
            add("need", rng.choice(buyers), needs)
        if n % 50 == 0:
            add("thesis", rng.choice(buyers), theses)
    ids = bulk_insert(Listing, rows)
    through = Listing.sectors.through
    bulk_insert(
        through,
        (through(listing_id=i, sector_id=s) for i, s in zip(ids, row_sectors, strict=True)),
    )
    for kind in ("offer", "need", "thesis"):
        index_bump(kind)
    ctx.log(f"    {len(ids)} offers, needs and theses")
