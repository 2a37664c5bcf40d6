"""Download the filtered directory as .xlsx or .csv (the columns of the organisations import)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from innohub.common.imports import write_csv, write_xlsx
from innohub.directory import selectors
from innohub.directory.exports import XLSX_MAX_ROWS, organisation_export_rows
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
    if file_format == "xlsx":
        total = selectors.organisation_list(user=request.user, filters=filters).count()
        if total > XLSX_MAX_ROWS:
            messages.error(
                request,
                _(
                    "An .xlsx download holds at most %(limit)s organisations and this list has "
                    "%(count)s: narrow it down with the filters, or download it as .csv."
                )
                % {
                    "limit": number_format(XLSX_MAX_ROWS, force_grouping=True),
                    "count": number_format(total, force_grouping=True),
                },
            )
            query = request.GET.copy()
            query.pop("format", None)
            return redirect(f"{reverse('directory:list')}?{query.urlencode()}")
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
