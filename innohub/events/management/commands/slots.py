"""`innohub slots`: propose meeting times that suit every participating country, best first."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from innohub.events.slots import (
    SlotRequestError,
    parse_countries,
    parse_hours,
    rules_with_hours,
    slots_for_remote_session,
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {text!r}") from None


class Command(BaseCommand):
    help = (
        "Propose slots inside working hours in every given country (weekends, Israeli Friday "
        "afternoons and both countries' public holidays avoided), ranked by comfort."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="date_from", required=True, type=_date)
        parser.add_argument("--to", dest="date_to", required=True, type=_date)
        parser.add_argument("--minutes", required=True, type=int, help="length of the meeting")
        parser.add_argument(
            "--countries",
            default="CN,IL",
            help="comma-separated country codes; CC:Area/City names a zone (default CN,IL)",
        )
        parser.add_argument("--limit", type=int, default=None, help="at most this many slots")
        parser.add_argument(
            "--hours",
            action="append",
            default=[],
            metavar="CC=HH:MM-HH:MM",
            help="other working hours for a country, e.g. IL=09:00-17:00 (repeatable)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            overrides = dict(parse_hours(text) for text in options["hours"])
            slots = slots_for_remote_session(
                date_from=options["date_from"],
                date_to=options["date_to"],
                minutes=options["minutes"],
                countries=parse_countries(options["countries"]),
                limit=options["limit"],
                rules=rules_with_hours(overrides) if overrides else None,
            )
        except SlotRequestError as exc:
            raise CommandError(str(exc)) from None
        if any(slot.provisional for slot in slots):
            self.stderr.write(
                "Some dates fall in a year whose Chinese holiday and make-up-day schedule is not "
                "published yet: they are provisional."
            )
        if options["json"]:
            self.stdout.write(json.dumps([slot.as_json() for slot in slots], ensure_ascii=False))
            return
        if not slots:
            self.stdout.write("No slot fits every country's working hours in this range.")
            return
        for slot in slots:
            local = "  ".join(
                f"{zone} {moment:%a %Y-%m-%d %H:%M}" for zone, moment in slot.local.items()
            )
            self.stdout.write(f"{slot.score:.3f}  {local}")
