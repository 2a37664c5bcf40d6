"""Hybrid ranking of counterparts: meaning (embeddings), words (BM25) and structured fit.

Pure module (no Django models): the pages, the API, `innohub evaluate-matching` and the
benchmark all rank through `MatchIndex.rank`.

Raw cosines of the embedding model sit in a narrow band (right and wrong answers alike around
0.8), and BM25 scores have no fixed scale either, so neither is ever compared with a fixed
threshold: each is standardised over the candidates of the one query (z-scores), then the
two are added with the sector and structured-fit bonuses and the user's feedback.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from innohub.matching.text import display_term, is_informative, tokenize

MODES = ("bm25", "embedding", "hybrid")
STAGES = ("idea", "seed", "early", "growth", "mature")

# Fit codes reported as reasons; the pages translate them.
FIT_STAGE = "stage"
FIT_TICKET = "ticket"
FIT_COUNTRY = "country"
# Without vectors a shared sector only breaks near-ties between similar wordings.
LEXICAL_ONLY_SECTOR = 0.25


@dataclass(frozen=True)
class Weights:
    """How much each signal counts, in standard deviations of the embedding score."""

    lexical: float = 0.75
    sector: float = 1.5
    structured: float = 0.3
    interested: float = 1.0
    dismissed: float = 4.0
    profile: float = 0.5


# Chosen by `innohub evaluate-matching --tune` on the dev split of the evaluation set only;
# the held-out split was never used to choose them.
DEFAULT_WEIGHTS = Weights()


@dataclass
class Record:
    """An offer, need or thesis as the ranking sees it (amounts in US dollars)."""

    key: Any
    kind: str
    text: str
    sectors: frozenset[str] = frozenset()
    stage: str = ""
    stages: frozenset[str] = frozenset()
    amount_min: float | None = None
    amount_max: float | None = None
    country: str = ""
    countries: frozenset[str] = frozenset()
    vector: np.ndarray | None = None
    # The lexical terms of `text` when already known (stored with the listing).
    tokens: list[str] | None = None


@dataclass
class Scored:
    """One suggestion and why it was made."""

    key: Any
    position: int
    score: float
    embedding_z: float | None = None
    lexical_share: float | None = None
    similarity_percentile: float | None = None
    shared_sectors: list[str] = field(default_factory=list)
    shared_terms: list[str] = field(default_factory=list)
    fits: list[str] = field(default_factory=list)
    misfits: list[str] = field(default_factory=list)
    feedback: int = 0


def standardise(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(x − mean) / std over the masked candidates; zeros where the spread is nil."""
    out = np.zeros(values.shape, dtype=np.float32)
    chosen = values[mask]
    if chosen.size < 2:
        return out
    mean = float(chosen.mean())
    std = float(chosen.std())
    if std < 1e-9:
        return out
    out[mask] = (chosen - mean) / std
    return out


def _range_fit(
    a_min: np.ndarray, a_max: np.ndarray, b_min: float | None, b_max: float | None
) -> np.ndarray:
    """+1 where the ranges [a_min, a_max] and [b_min, b_max] overlap, −1 where not, 0 unknown."""
    known_a = ~(np.isnan(a_min) & np.isnan(a_max))
    if b_min is None and b_max is None:
        return np.zeros(a_min.shape, dtype=np.float32)
    lo_a = np.where(np.isnan(a_min), -np.inf, a_min)
    hi_a = np.where(np.isnan(a_max), np.inf, a_max)
    lo_b = -np.inf if b_min is None else b_min
    hi_b = np.inf if b_max is None else b_max
    overlap = (lo_a <= hi_b) & (lo_b <= hi_a)
    return np.where(known_a, np.where(overlap, 1.0, -1.0), 0.0).astype(np.float32)


class MatchIndex:
    """The candidates of one kind, ready to be ranked against any query."""

    def __init__(self, records: Sequence[Record], *, dim: int | None = None) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG and would narrate every index build.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.size = len(records)
        self.keys = [r.key for r in records]
        self.key_position = {key: i for i, key in enumerate(self.keys)}
        self.kind = records[0].kind if records else ""
        self.texts = [r.text for r in records]
        tokens = [r.tokens if r.tokens is not None else tokenize(r.text) for r in records]
        self.document_frequency: Counter[str] = Counter()
        for words in tokens:
            self.document_frequency.update(set(words))
        self._bm25 = bm25s.BM25()
        if records:
            self._bm25.index([words or [""] for words in tokens], show_progress=False)

        dims = {len(r.vector) for r in records if r.vector is not None}
        self.dim = dim or (dims.pop() if len(dims) == 1 else 0)
        self.vectors = np.zeros((self.size, max(self.dim, 1)), dtype=np.float32)
        self.has_vector = np.zeros(self.size, dtype=bool)
        for i, r in enumerate(records):
            if r.vector is not None and self.dim and len(r.vector) == self.dim:
                self.vectors[i] = r.vector
                self.has_vector[i] = True

        self.sector_names = sorted({s for r in records for s in r.sectors})
        self._sector_column = {s: i for i, s in enumerate(self.sector_names)}
        self.sector_matrix = np.zeros((self.size, max(len(self.sector_names), 1)), dtype=bool)
        for i, r in enumerate(records):
            for s in r.sectors:
                self.sector_matrix[i, self._sector_column[s]] = True

        self.stage_code = np.array(
            [STAGES.index(r.stage) if r.stage in STAGES else -1 for r in records], dtype=np.int8
        )
        self.stage_matrix = np.zeros((self.size, len(STAGES)), dtype=bool)
        self.countries = sorted(
            {r.country for r in records if r.country} | {c for r in records for c in r.countries}
        )
        self._country_column = {c: i for i, c in enumerate(self.countries)}
        self.country_code = np.array(
            [self._country_column.get(r.country, -1) for r in records], dtype=np.int16
        )
        self.country_matrix = np.zeros((self.size, max(len(self.countries), 1)), dtype=bool)
        for i, r in enumerate(records):
            for stage in r.stages:
                if stage in STAGES:
                    self.stage_matrix[i, STAGES.index(stage)] = True
            for country in r.countries:
                self.country_matrix[i, self._country_column[country]] = True
        self.amount_min = np.array(
            [np.nan if r.amount_min is None else r.amount_min for r in records], dtype=np.float64
        )
        self.amount_max = np.array(
            [np.nan if r.amount_max is None else r.amount_max for r in records], dtype=np.float64
        )

    # ------------------------------------------------------------------ signals

    def lexical_scores(self, tokens: list[str]) -> np.ndarray:
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        known = [t for t in tokens if t in self._bm25.vocab_dict]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def sector_overlap(self, sectors: Iterable[str]) -> np.ndarray:
        columns = [self._sector_column[s] for s in sectors if s in self._sector_column]
        if not columns:
            return np.zeros(self.size, dtype=bool)
        return self.sector_matrix[:, columns].any(axis=1)

    def structured_fit(self, query: Record) -> dict[str, np.ndarray]:
        """Per candidate +1 / −1 / 0 for stage, ticket and country, between theses and offers."""
        fits: dict[str, np.ndarray] = {}
        if query.kind == "thesis" and self.kind == "offer":
            if query.stages:
                wanted = np.array([s in query.stages for s in STAGES])
                code = self.stage_code
                fits[FIT_STAGE] = np.where(
                    code >= 0, np.where(wanted[np.maximum(code, 0)], 1.0, -1.0), 0.0
                ).astype(np.float32)
            fits[FIT_TICKET] = _range_fit(
                self.amount_min, self.amount_max, query.amount_min, query.amount_max
            )
            if query.countries:
                wanted_c = np.array([c in query.countries for c in self.countries] or [False])
                code_c = self.country_code
                fits[FIT_COUNTRY] = np.where(
                    code_c >= 0, np.where(wanted_c[np.maximum(code_c, 0)], 1.0, -1.0), 0.0
                ).astype(np.float32)
        elif query.kind == "offer" and self.kind == "thesis":
            states = self.stage_matrix.any(axis=1)
            if query.stage in STAGES:
                inside = self.stage_matrix[:, STAGES.index(query.stage)]
                fits[FIT_STAGE] = np.where(states, np.where(inside, 1.0, -1.0), 0.0).astype(
                    np.float32
                )
            fits[FIT_TICKET] = _range_fit(
                self.amount_min, self.amount_max, query.amount_min, query.amount_max
            )
            if query.country:
                listed = self.country_matrix.any(axis=1)
                column = self._country_column.get(query.country)
                inside_c = (
                    self.country_matrix[:, column]
                    if column is not None
                    else np.zeros(self.size, dtype=bool)
                )
                fits[FIT_COUNTRY] = np.where(listed, np.where(inside_c, 1.0, -1.0), 0.0).astype(
                    np.float32
                )
        return fits

    # ------------------------------------------------------------------ ranking

    def rank(
        self,
        query: Record,
        *,
        mode: str = "hybrid",
        weights: Weights = DEFAULT_WEIGHTS,
        mask: np.ndarray | None = None,
        feedback: Mapping[Any, int] | None = None,
        profile: tuple[np.ndarray | None, np.ndarray | None] = (None, None),
        limit: int = 10,
        query_tokens: list[str] | None = None,
        explain: bool = True,
    ) -> list[Scored]:
        """The best `limit` candidates for the query, best first, each with its reasons.

        mode: "bm25" (words only), "embedding" (meaning only) or "hybrid".
        mask: which candidates may be suggested (visibility, filters, not the query itself).
        feedback: this user's verdicts on candidates for this query: +1 interested, −1 not relevant.
        profile: means of the vectors of candidates this user found interesting / not relevant.
        """
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        if not self.size:
            return []
        allowed = np.ones(self.size, dtype=bool) if mask is None else mask.copy()
        if not allowed.any():
            return []
        use_vectors = (
            mode != "bm25" and query.vector is not None and self.dim and self.has_vector.any()
        )
        use_words = mode != "embedding" or not use_vectors
        score = np.zeros(self.size, dtype=np.float32)

        cosine = None
        embedding_z = None
        if use_vectors:
            cosine = self.vectors @ np.asarray(query.vector, dtype=np.float32)
            with_vector = allowed & self.has_vector
            embedding_z = standardise(cosine, with_vector)
            score += embedding_z
            positive, negative = profile if mode == "hybrid" else (None, None)
            if positive is not None or negative is not None:
                # One direction from what the user dismissed towards what they liked: a single
                # matrix-vector product (a product with two or three vectors at once costs
                # OpenBLAS several times one of them).
                direction = np.zeros(self.dim, dtype=np.float32)
                if positive is not None:
                    direction += positive
                if negative is not None:
                    direction -= negative
                leaning = self.vectors @ direction
                score += weights.profile * standardise(leaning, with_vector)

        tokens = query_tokens if query_tokens is not None else tokenize(query.text)
        lexical_share = None
        if use_words:
            raw = self.lexical_scores(tokens)
            # BM25 relative to the best candidate of this query: 1 for the closest wording, 0
            # for none in common. Not a z-score: in a corpus of three languages every word of
            # the query's own language looks rare, so z-scores would reward the language.
            best = float(raw[allowed].max()) if allowed.any() else 0.0
            lexical_share = raw / best if best > 0 else np.zeros(self.size, dtype=np.float32)
            if mode == "bm25":
                score += raw
            elif use_vectors:
                score += weights.lexical * lexical_share
            else:
                # No vectors (model unavailable): words carry the ranking, sectors break ties.
                score += lexical_share

        shared = np.zeros(self.size, dtype=bool)
        fits: dict[str, np.ndarray] = {}
        if mode == "hybrid":
            shared = self.sector_overlap(query.sectors)
            score += (weights.sector if use_vectors else LEXICAL_ONLY_SECTOR) * shared
            fits = self.structured_fit(query)
            for values in fits.values():
                score += weights.structured * values
        verdicts = np.zeros(self.size, dtype=np.int8)
        if feedback:
            for key, verdict in feedback.items():
                position = self.key_position.get(key)
                if position is not None:
                    verdicts[position] = 1 if verdict > 0 else -1
            score += np.where(verdicts > 0, weights.interested, 0.0).astype(np.float32)
            score -= np.where(verdicts < 0, weights.dismissed, 0.0).astype(np.float32)

        score = np.where(allowed, score, -np.inf)
        count = min(limit, int(allowed.sum()))
        if count <= 0:
            return []
        top = np.argpartition(-score, count - 1)[:count]
        # Stable order among equal scores: the earlier candidate first.
        top = top[np.lexsort((top, -score[top]))]

        percentiles: dict[int, float] = {}
        if cosine is not None and explain:
            # The share of the other candidates further away in meaning, counted for the few
            # results only (sorting every candidate would cost more than the ranking).
            compared = cosine[allowed & self.has_vector]
            if compared.size > 1:
                shown = [int(p) for p in top if self.has_vector[p]]
                below = np.count_nonzero(compared[None, :] < cosine[shown][:, None], axis=1)
                percentiles = {
                    p: float(b) / (compared.size - 1) for p, b in zip(shown, below, strict=True)
                }
        query_terms = list(dict.fromkeys(tokens)) if explain else []
        results = []
        for position in top:
            position = int(position)
            item = Scored(key=self.keys[position], position=position, score=float(score[position]))
            if embedding_z is not None and self.has_vector[position]:
                item.embedding_z = float(embedding_z[position])
                item.similarity_percentile = percentiles.get(position)
            if lexical_share is not None:
                item.lexical_share = float(lexical_share[position])
            if explain:
                item.shared_sectors = (
                    [s for s in query.sectors if self._has_sector(position, s)]
                    if shared[position]
                    else []
                )
                item.shared_terms = self.shared_terms(query_terms, position)
                item.fits = [code for code, values in fits.items() if values[position] > 0]
                item.misfits = [code for code, values in fits.items() if values[position] < 0]
            item.feedback = int(verdicts[position])
            results.append(item)
        return results

    def _has_sector(self, position: int, sector: str) -> bool:
        column = self._sector_column.get(sector)
        return column is not None and bool(self.sector_matrix[position, column])

    def shared_terms(self, query_terms: list[str], position: int, limit: int = 6) -> list[str]:
        """Words the query and the candidate share, rarest first, without contained duplicates."""
        if not query_terms:
            return []
        words = set(tokenize(self.texts[position]))
        common = [t for t in query_terms if t in words and is_informative(t)]
        common.sort(key=lambda t: (self.document_frequency.get(t, 0), -len(t)))
        kept: list[str] = []
        for term in common:
            if any(term in longer for longer in kept):
                continue
            kept.append(term)
            if len(kept) == limit:
                break
        return [display_term(term) for term in kept]


def profile_vectors(
    interested: Sequence[np.ndarray], dismissed: Sequence[np.ndarray]
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The mean direction of what a user liked and of what they dismissed (None when nothing)."""

    def mean(vectors: Sequence[np.ndarray]) -> np.ndarray | None:
        if not vectors:
            return None
        centre = np.mean(np.asarray(vectors, dtype=np.float32), axis=0)
        norm = float(np.linalg.norm(centre))
        return centre / norm if norm else None

    return mean(interested), mean(dismissed)
