"""`innohub report`: a hub's figures as JSON, or its report as PDF, XLSX or HTML;
`innohub report --refresh` (on a timer): every hub's dashboard figures computed ahead of readers."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from innohub.common.locks import exclusive
from innohub.directory.admissions import hub_today
from innohub.ip import selectors as ip_selectors
from innohub.network.models import Hub
from innohub.reports import exports, selectors


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = (
        "A hub's figures (JSON) or its report for a period (PDF, XLSX, HTML). "
        "--on and --end are the same: the period's last day (the hub's today by default); "
        "the period starts a year before unless --start is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hub", help="the hub's short name (slug)")
        parser.add_argument(
            "--refresh",
            action="store_true",
            help=(
                "recompute the cached dashboard figures of every hub that are missing or older "
                "than half their life, and today's network-wide IP statistics (run it every "
                "minute from one timer on each node: only one node works at a time)"
            ),
        )
        parser.add_argument("--on", "--end", dest="end", type=_day, help="YYYY-MM-DD")
        parser.add_argument("--start", type=_day, help="YYYY-MM-DD")
        parser.add_argument(
            "--format", choices=["json", "pdf", "xlsx", "html"], default="json", dest="fmt"
        )
        parser.add_argument("--lang", choices=list(exports.LANGUAGES), default="en")
        parser.add_argument("--output", type=Path, help="file to write (standard output if not)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["refresh"]:
            self.refresh()
            return
        if not options["hub"]:
            raise CommandError("give --hub (or --refresh)")
        hub = Hub.objects.filter(slug=options["hub"]).first()
        if hub is None:
            raise CommandError(f"no hub {options['hub']!r}")
        end = options["end"] or hub_today(hub)
        start = options["start"] or selectors.Period.year_to(end).start
        if start > end:
            raise CommandError("the period must start before it ends")
        period = selectors.Period(start=start, end=end)
        fmt, language = options["fmt"], options["lang"]
        if fmt == "json":
            from innohub.reports.api import figures_json

            with translation.override(language):
                figures = selectors.hub_figures(hub=hub, period=period)
            content: bytes = (
                json.dumps(figures_json(figures), default=str, ensure_ascii=False, indent=2) + "\n"
            ).encode()
        else:
            report = exports.report_build(hub=hub, period=period, language=language)
            if fmt == "pdf":
                content = exports.render_pdf(report)
            elif fmt == "xlsx":
                content = exports.render_xlsx(report)
            else:
                content = exports.render_document_html(report).encode()
        if options["output"]:
            options["output"].write_bytes(content)
            self.stderr.write(f"wrote {options['output']} ({len(content)} bytes)")
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()

    def refresh(self) -> None:
        started = time.perf_counter()
        with exclusive("reports-refresh") as mine:
            if not mine:
                self.stderr.write("another node is refreshing the dashboards; nothing to do")
                return
            hubs = selectors.hubs_for_network_dashboard()
            computed = selectors.refresh_cached_figures(hubs=hubs)
            if computed:
                selectors.network_dashboard_figures(hubs=hubs, end=None, rebuild=True)
            ip_selectors.refresh_network_statistics(on=timezone.localdate())
        self.stderr.write(
            f"recomputed the figures of {computed} of {len(hubs)} hubs and the network's IP "
            f"statistics in {time.perf_counter() - started:.1f} s"
        )
