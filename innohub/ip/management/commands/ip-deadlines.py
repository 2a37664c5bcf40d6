"""`innohub ip-deadlines`: the deadline engine as a what-if tool for the IP officer."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from innohub.ip.conf import engine_rules
from innohub.ip.deadlines import TYPES, EngineError, Facts, compute, required_date


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD)") from exc


class Command(BaseCommand):
    help = (
        "Compute the expiry, fees and renewals of an IP right from its dates, "
        "e.g. ip-deadlines --type cn-invention --filed 2020-12-03 --granted 2023-05-09 --json"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--type", required=True, choices=[t for t in TYPES])
        parser.add_argument("--filed", type=_date, help="filing date (YYYY-MM-DD)")
        parser.add_argument("--granted", type=_date, help="grant date of a patent")
        parser.add_argument("--registered", type=_date, help="registration date")
        parser.add_argument("--published", type=_date, help="first publication (software)")
        parser.add_argument("--priority", type=_date, help="priority date (PCT)")
        parser.add_argument(
            "--renewals", type=int, default=0, help="renewals already made (trademarks)"
        )
        parser.add_argument(
            "--extension-days", type=int, default=0, help="term adjustment of an invention"
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        facts = Facts.from_mapping(options)
        needed = required_date(facts.type)
        if getattr(facts, needed) is None and not (facts.priority and facts.type == "pct"):
            raise CommandError(f"--type {facts.type} needs --{needed}")
        try:
            deadlines = compute(facts, engine_rules())
        except EngineError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(
                json.dumps([d.as_json() for d in deadlines], indent=2, ensure_ascii=False)
            )
            return
        for deadline in deadlines:
            notes = []
            if deadline.shifted_from:
                notes.append(f"moved from {deadline.shifted_from} (day off)")
            if deadline.window_opens:
                notes.append(f"window opens {deadline.window_opens}")
            if deadline.grace_ends:
                notes.append(f"grace until {deadline.grace_ends}")
            if deadline.provisional:
                notes.append("provisional")
            if deadline.unverified:
                notes.append("unverified rule")
            self.stdout.write(f"{deadline.due}  {deadline.kind:<15} {'; '.join(notes)}")
