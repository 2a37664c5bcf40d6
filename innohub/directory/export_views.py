"""Download the filtered directory as .xlsx or .csv (the columns of the organisations import)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from innohub.common.imports import write_csv, write_xlsx
from innohub.directory.exports import organisation_export_rows
from innohub.directory.views import directory_filters

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def organisation_export(request: HttpRequest) -> HttpResponse:
    _form, filters, hubs = directory_filters(request)
    hub = next((h for h in hubs if h.slug == filters.hub), None)
    file_format = request.GET.get("format", "xlsx")
    if file_format not in CONTENT_TYPES:
        file_format = "xlsx"
    rows = organisation_export_rows(user=request.user, filters=filters, hub=hub)
    data = (
        write_xlsx(rows, title=hub.slug if hub else "directory")
        if file_format == "xlsx"
        else write_csv(rows)
    )
    name = f"innohub-{hub.slug if hub else 'directory'}-{timezone.localdate():%Y%m%d}.{file_format}"
    response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
