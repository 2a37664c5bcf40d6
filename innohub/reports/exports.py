"""The annual report as one document: assembled in a language, rendered to HTML, PDF or XLSX."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from innohub.network.models import Hub
from innohub.reports import presentation
from innohub.reports.charts import Chart
from innohub.reports.selectors import (
    CACHE_SECONDS,
    HubFigures,
    Period,
    cache_key,
    hub_figures_cached,
)
from innohub.reports.sentences import Sentence, report_sentences

LANGUAGES = ("zh-hans", "en", "he")
PRINT_CSS = Path(__file__).resolve().parent / "static" / "reports" / "print.css"


@dataclass
class Report:
    hub: Hub
    period: Period
    language: str
    figures: HubFigures
    sentences: list[Sentence]
    tables: list[presentation.Table]
    charts: list[Chart]

    @property
    def bidi(self) -> bool:
        return translation.get_language_info(self.language)["bidi"]


def report_build(*, hub: Hub, period: Period, language: str) -> Report:
    """Figures, sentences, tables and charts of a hub's report, in `language` (cached a while)."""
    with translation.override(language):
        key = f"{cache_key(hub, period)}:report:{language}"
        found = cache.get(key)
        if isinstance(found, dict):
            return Report(hub=hub, period=period, language=language, **found)
        figures = hub_figures_cached(hub=hub, period=period)
        parts = {
            "figures": figures,
            "sentences": report_sentences(figures),
            "tables": presentation.tables(figures),
            "charts": presentation.charts(figures),
        }
        cache.set(key, parts, CACHE_SECONDS)
        return Report(hub=hub, period=period, language=language, **parts)


def report_title(report: Report) -> str:
    return _("Report of %(hub)s, %(start)s to %(end)s") % {
        "hub": str(report.figures.hub_name),
        "start": report.period.start.isoformat(),
        "end": report.period.end.isoformat(),
    }


def render_document_html(report: Report, *, request: Any = None) -> str:
    """A standalone HTML document (its own styles), for the PDF and `--format html`."""
    with translation.override(report.language):
        return render_to_string(
            "reports/annual_document.html",
            {
                "report": report,
                "title": report_title(report),
                "print_css": PRINT_CSS.read_text(encoding="utf-8"),
            },
            request=request,
        )


def render_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    html = render_document_html(report)
    return HTML(string=html, base_url=str(PRINT_CSS.parent)).write_pdf()


def _sheet_title(title: str, used: set[str]) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    candidate, n = cleaned, 2
    while candidate in used:
        suffix = f" ({n})"
        candidate, n = cleaned[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def render_xlsx(report: Report) -> bytes:
    """One sheet per section, numbers as numbers; a first sheet with the sentences."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override(report.language):
        book = Workbook()
        summary = book.active
        used: set[str] = set()
        summary.title = _sheet_title(_("Summary"), used)
        summary.sheet_view.rightToLeft = report.bidi
        summary.append([report_title(report)])
        summary["A1"].font = Font(bold=True)
        for sentence in report.sentences:
            summary.append([sentence.text])
            for item in sentence.items:
                summary.append(["", item])
        for table in report.tables:
            sheet = book.create_sheet(_sheet_title(table.title, used))
            sheet.sheet_view.rightToLeft = report.bidi
            sheet.append([table.title, *table.headings])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append([row.label, *[_number_or_blank(v) for v in row.values]])
            sheet.column_dimensions["A"].width = 40
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def _number_or_blank(value: Any) -> Any:
    if value == "" or value is None:
        return None
    return value
