"""Offline evaluation of the ranking on a labelled JSONL file: recall@5, MRR and nDCG@10.

One JSON object a line: offers {"id", "kind": "offer", "lang", "sector", "text"}, needs and
investor theses {"id", "kind": "need" | "thesis", "lang", "text", "relevant": [offer ids]}
(a thesis may name a "sector" or "sectors" too). Every need and thesis is a query ranked
against all offers. A query may carry "split": "dev" or "test"; weights are tuned on "dev"
only (`tune`) and the "test" split is the held-out figure. Pure module: no Django models.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from innohub.matching.ranking import DEFAULT_WEIGHTS, MODES, MatchIndex, Record, Weights
from innohub.matching.text import normalise, tokenize

QUERY_KINDS = ("need", "thesis")
TUNE_LEXICAL = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)
TUNE_SECTOR = (0.0, 0.3, 0.6, 1.0, 1.5)
LANGUAGES = {"zh": "zh", "zh-hans": "zh", "zh_hans": "zh", "zh-cn": "zh", "en": "en", "he": "he"}


class EvalDataError(ValueError):
    """The file is not a usable evaluation set; the message says which line and why."""


@dataclass
class EvalQuery:
    record: Record
    relevant: frozenset[str]
    language: str
    split: str = ""


@dataclass
class EvalSet:
    offers: list[Record]
    offer_languages: dict[str, str]
    queries: list[EvalQuery] = field(default_factory=list)

    def splits(self) -> list[str]:
        return sorted({q.split for q in self.queries if q.split})


def _sector_aliases() -> dict[str, str]:
    from innohub.directory.sectors import BUILTIN_SECTORS

    aliases: dict[str, str] = {}
    for row in BUILTIN_SECTORS:
        for name in [row["slug"], *row["name"].values(), *row["aliases"]]:
            aliases[normalise(name).strip()] = row["slug"]
    return aliases


def sector_slug(name: str, aliases: dict[str, str] | None = None) -> str:
    """Any name of a built-in sector (slug, any language, alias) as its slug; others as given."""
    key = normalise(name).strip()
    return (aliases if aliases is not None else _sector_aliases()).get(key, key)


def _sectors(row: dict[str, Any], aliases: dict[str, str]) -> frozenset[str]:
    names = row.get("sectors") or ([row["sector"]] if row.get("sector") else [])
    if isinstance(names, str):
        names = [names]
    return frozenset(sector_slug(str(n), aliases) for n in names if n)


def load_jsonl(path: str | Path) -> EvalSet:
    aliases = _sector_aliases()
    offers: list[Record] = []
    offer_languages: dict[str, str] = {}
    queries: list[tuple[int, EvalQuery]] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalDataError(f"line {number}: not JSON ({exc.msg})") from exc
            for key in ("id", "kind", "text"):
                if not row.get(key):
                    raise EvalDataError(f"line {number}: missing {key!r}")
            record_id = str(row["id"])
            if record_id in seen:
                raise EvalDataError(f"line {number}: the id {record_id!r} is used twice")
            seen.add(record_id)
            language = LANGUAGES.get(str(row.get("lang", "")).lower())
            if language is None:
                raise EvalDataError(f"line {number}: lang must be zh, en or he")
            kind = row["kind"]
            record = Record(
                key=record_id, kind=kind, text=str(row["text"]), sectors=_sectors(row, aliases)
            )
            if kind == "offer":
                offers.append(record)
                offer_languages[record_id] = language
            elif kind in QUERY_KINDS:
                relevant = row.get("relevant")
                if not relevant or not isinstance(relevant, list):
                    raise EvalDataError(f"line {number}: a {kind} needs a list of relevant offers")
                queries.append(
                    (
                        number,
                        EvalQuery(
                            record=record,
                            relevant=frozenset(str(r) for r in relevant),
                            language=language,
                            split=str(row.get("split", "")),
                        ),
                    )
                )
            else:
                raise EvalDataError(f"line {number}: kind must be offer, need or thesis")
    offer_ids = set(offer_languages)
    for number, query in queries:
        missing = query.relevant - offer_ids
        if missing:
            raise EvalDataError(f"line {number}: unknown relevant offers {sorted(missing)}")
    if not offers or not queries:
        raise EvalDataError("the file needs at least one offer and one need or thesis")
    return EvalSet(offers=offers, offer_languages=offer_languages, queries=[q for _n, q in queries])


def embed(evalset: EvalSet, embedder: Any, *, batch: int = 32) -> None:
    """Give every record its vector: offers as passages, needs and theses as queries."""

    def fill(records: Sequence[Record], encode: Any) -> None:
        for start in range(0, len(records), batch):
            chunk = records[start : start + batch]
            vectors = encode([r.text for r in chunk])
            for record, vector in zip(chunk, vectors, strict=True):
                record.vector = vector

    fill(evalset.offers, embedder.embed_passages)
    fill([q.record for q in evalset.queries], embedder.embed_queries)


def query_metrics(ranked: Sequence[str], relevant: Iterable[str]) -> dict[str, float]:
    """recall@5, reciprocal rank and nDCG@10 (binary gains) of one ranked list."""
    relevant = set(relevant)
    found = [i for i, key in enumerate(ranked) if key in relevant]
    recall = len([i for i in found if i < 5]) / len(relevant)
    reciprocal = 1.0 / (found[0] + 1) if found else 0.0
    dcg = sum(1.0 / math.log2(i + 2) for i in found if i < 10)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    return {"recall@5": recall, "mrr": reciprocal, "ndcg@10": dcg / ideal if ideal else 0.0}


def _average(rows: list[dict[str, float]]) -> dict[str, float]:
    if not rows:
        return {"recall@5": 0.0, "mrr": 0.0, "ndcg@10": 0.0}
    return {name: round(sum(r[name] for r in rows) / len(rows), 4) for name in rows[0]}


@dataclass
class Evaluation:
    """Per mode, the metrics of every query (in the order of `queries`)."""

    queries: list[EvalQuery]
    per_query: dict[str, list[dict[str, float]]]

    def summary(
        self, *, split: str | None = None, language: str | None = None
    ) -> dict[str, dict[str, float]]:
        chosen = [
            i
            for i, q in enumerate(self.queries)
            if (split is None or q.split == split) and (language is None or q.language == language)
        ]
        return {mode: _average([rows[i] for i in chosen]) for mode, rows in self.per_query.items()}

    def count(self, *, split: str | None = None, language: str | None = None) -> int:
        return sum(
            1
            for q in self.queries
            if (split is None or q.split == split) and (language is None or q.language == language)
        )


def evaluate(
    evalset: EvalSet,
    *,
    modes: Sequence[str] = MODES,
    weights: Weights = DEFAULT_WEIGHTS,
    index: MatchIndex | None = None,
) -> Evaluation:
    index = index or MatchIndex(evalset.offers)
    per_query: dict[str, list[dict[str, float]]] = {mode: [] for mode in modes}
    for query in evalset.queries:
        tokens = tokenize(query.record.text)
        for mode in modes:
            ranked = index.rank(
                query.record,
                mode=mode,
                weights=weights,
                limit=10,
                query_tokens=tokens,
                explain=False,
            )
            per_query[mode].append(query_metrics([r.key for r in ranked], query.relevant))
    return Evaluation(queries=evalset.queries, per_query=per_query)


def tune(evalset: EvalSet, *, split: str = "dev") -> tuple[Weights, dict[str, float]]:
    """Grid-search the hybrid weights on one split only; returns the best and its metrics."""
    dev = EvalSet(
        offers=evalset.offers,
        offer_languages=evalset.offer_languages,
        queries=[q for q in evalset.queries if q.split == split],
    )
    if not dev.queries:
        raise EvalDataError(f"no query is in the {split!r} split")
    index = MatchIndex(dev.offers)
    best: tuple[float, Weights, dict[str, float]] | None = None
    for lexical, sector in itertools.product(TUNE_LEXICAL, TUNE_SECTOR):
        weights = replace(DEFAULT_WEIGHTS, lexical=lexical, sector=sector)
        evaluation = evaluate(dev, modes=["hybrid"], weights=weights, index=index)
        result = evaluation.summary()["hybrid"]
        # nDCG@10 rewards the whole order; recall@5 is what the pages show first. Each query
        # language counts equally, so that the many Chinese needs do not decide alone.
        languages = sorted({q.language for q in dev.queries})
        objective = sum(
            evaluation.summary(language=language)["hybrid"]["ndcg@10"]
            + evaluation.summary(language=language)["hybrid"]["recall@5"]
            for language in languages
        ) / len(languages)
        if best is None or objective > best[0] + 1e-9:
            best = (objective, weights, result)
    assert best is not None
    return best[1], best[2]
