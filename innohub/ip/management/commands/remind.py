"""`innohub remind`: send the IP deadline reminders due today (safe to run often, anywhere)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from innohub.common.locks import exclusive
from innohub.ip.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Mark rights past their term as expired, then create and e-mail the IP deadline "
        "reminders due today. Run it daily (or hourly); running it again, or on several "
        "servers at once, never sends a reminder twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="act as if today were this date (YYYY-MM-DD)")
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be sent; change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today must be a date (YYYY-MM-DD)") from exc
        verbose = options["verbosity"] > 1
        with exclusive("remind") as mine:
            if not mine:
                self.stdout.write("reminders: another node is sending them right now; skipped")
                return
            result = reminders_send(
                today=today,
                dry_run=options["dry_run"],
                log=self.stdout.write if verbose else None,
            )
        self.stdout.write(
            f"reminders: {result.created} new, {result.emailed} e-mailed, "
            f"{result.retried} retried; {result.expired} rights expired; "
            f"{result.refreshed} assets with provisional dates recomputed"
        )
