"""`innohub lease_reminders`: e-mail tenants and staff 90, 60 and 30 days before a lease ends."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from innohub.common.locks import exclusive
from innohub.spaces.services import lease_reminders_send


class Command(BaseCommand):
    help = "Send the 90/60/30-day reminders of leases that end soon (run it daily)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--on", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options.get("on"):
            try:
                on = date.fromisoformat(options["on"])
            except ValueError as exc:
                raise CommandError("--on takes a date as YYYY-MM-DD") from exc
        with exclusive("lease_reminders") as mine:
            if not mine:
                self.stdout.write("Another node is sending lease reminders right now; skipped.")
                return
            sent = lease_reminders_send(on=on)
        if options["verbosity"]:
            self.stdout.write(f"{sent} reminder e-mail(s) sent.")
