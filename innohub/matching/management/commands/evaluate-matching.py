"""`innohub evaluate-matching`: recall@5, MRR and nDCG@10 of BM25, embeddings and the hybrid."""

from __future__ import annotations

import json
import time
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError, CommandParser

from innohub.matching.embedding import get_embedder
from innohub.matching.evaluation import EvalDataError, embed, evaluate, load_jsonl, tune
from innohub.matching.ranking import DEFAULT_WEIGHTS, MODES

METRICS = ("recall@5", "mrr", "ndcg@10")


class Command(BaseCommand):
    help = (
        "Rank every need and thesis of a labelled JSONL file against all its offers and print "
        "recall@5, MRR and nDCG@10 for BM25 only, embeddings only and the hybrid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", required=True, help="The JSONL file (one record a line).")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument(
            "--split",
            default="",
            help='Only the queries of this split ("dev" or "test"); all queries by default.',
        )
        parser.add_argument(
            "--tune",
            action="store_true",
            help="Search the hybrid weights on the dev split only and print the best ones.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            evalset = load_jsonl(options["data"])
        except (OSError, EvalDataError) as exc:
            raise CommandError(str(exc)) from exc
        if options["split"]:
            evalset.queries = [q for q in evalset.queries if q.split == options["split"]]
            if not evalset.queries:
                raise CommandError(f"no query is in the split {options['split']!r}")
        embedder = get_embedder()
        started = time.perf_counter()
        if embedder is not None:
            embed(evalset, embedder)
        elif not options["json"]:
            self.stderr.write(
                "The embedding model is unavailable: embedding figures use words only."
            )
        embedded_in = time.perf_counter() - started

        if options["tune"]:
            try:
                weights, result = tune(evalset, split="dev")
            except EvalDataError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(json.dumps({"weights": asdict(weights), "dev": result}, indent=2))
            return

        evaluation = evaluate(evalset, weights=DEFAULT_WEIGHTS)
        if options["json"]:
            self.stdout.write(json.dumps(evaluation.summary(), indent=2))
            return
        self._table(evalset, evaluation, embedder, embedded_in)

    def _table(self, evalset, evaluation, embedder, embedded_in):  # type: ignore[no-untyped-def]
        write = self.stdout.write
        write(
            f"{len(evalset.offers)} offers, {len(evalset.queries)} queries; "
            f"model: {embedder.name if embedder else 'none (words only)'} "
            f"({embedded_in:.1f} s to embed)"
        )
        groups: list[tuple[str, dict]] = [("all queries", {})]
        groups += [(f"split {name}", {"split": name}) for name in evalset.splits()]
        groups += [
            (f"written in {language}", {"language": language})
            for language in sorted({q.language for q in evalset.queries})
        ]
        for title, selection in groups:
            count = evaluation.count(**selection)
            if not count:
                continue
            summary = evaluation.summary(**selection)
            write("")
            write(f"{title} ({count})")
            write(f"  {'':<10}" + "".join(f"{m:>10}" for m in METRICS))
            for mode in MODES:
                write(f"  {mode:<10}" + "".join(f"{summary[mode][m]:>10.3f}" for m in METRICS))
