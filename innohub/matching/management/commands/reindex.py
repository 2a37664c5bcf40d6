"""`innohub reindex`: recompute the stored embeddings of listings and rebuild the ranking index."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from innohub.common.locks import exclusive
from innohub.matching.embedding import embedder_status
from innohub.matching.index import index_forget
from innohub.matching.models import ListingKind
from innohub.matching.services import listings_reindex


class Command(BaseCommand):
    help = (
        "Recompute the embeddings of every offer, need and investment thesis (or, with --stale, "
        "only those made from older text or by another model) and make every process rebuild "
        "its ranking index. Where the platform has a task runner, run it with --stale every few "
        "minutes and set MATCHING_EMBED_ON_SAVE=false."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale",
            action="store_true",
            help="Only listings without a current embedding.",
        )
        parser.add_argument(
            "--kind",
            choices=ListingKind.values,
            action="append",
            help="Only this kind (may be repeated).",
        )
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running and repeat after this many seconds (a minimal task runner).",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        kinds = options["kind"] or list(ListingKind.values)
        while True:
            self._once(kinds, options["stale"])
            if not options["every"]:
                return
            time.sleep(options["every"])

    def _once(self, kinds: list[str], stale: bool) -> None:
        status = embedder_status()
        if not status.available:
            self.stderr.write(
                f"The embedding model is unavailable ({status.reason}); matching uses words only."
            )
        with exclusive("reindex") as mine:
            if not mine:
                self.stdout.write("Another node is re-embedding listings right now; skipped.")
                return
            result = listings_reindex(kinds=kinds, only_stale=stale)
            index_forget()
        rate = result.embedded / result.seconds if result.seconds else 0.0
        self.stdout.write(
            f"Embedded {result.embedded} listings ({result.skipped} already current) "
            f"in {result.seconds:.1f} s ({rate:.1f} a second) with {result.model or 'no model'}."
        )
