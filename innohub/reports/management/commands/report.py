"""`innohub report`: a hub's figures as JSON, or its report as PDF, XLSX or HTML."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from innohub.directory.admissions import hub_today
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
        parser.add_argument("--hub", required=True, help="the hub's short name (slug)")
        parser.add_argument("--on", "--end", dest="end", type=_day, help="YYYY-MM-DD")
        parser.add_argument("--start", type=_day, help="YYYY-MM-DD")
        parser.add_argument(
            "--format", choices=["json", "pdf", "xlsx", "html"], default="json", dest="fmt"
        )
        parser.add_argument("--lang", choices=list(exports.LANGUAGES), default="en")
        parser.add_argument("--output", type=Path, help="file to write (standard output if not)")

    def handle(self, *args: Any, **options: Any) -> None:
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
