"""Pages of the import flow: upload a spreadsheet, read the preview, confirm."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innohub.accounts.access import ALL_HUBS, hub_ids_staffed_by
from innohub.common.import_flow import (
    access_import_batch_for_user,
    import_batch_confirm,
    import_batch_create,
)
from innohub.common.imports import ImportFileError, ImportRejected, spec_for
from innohub.network.models import Hub


class UploadForm(forms.Form):
    hub = forms.ModelChoiceField(
        label=gettext_lazy("Hub"), queryset=Hub.objects.none(), required=False
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        staffed = hub_ids_staffed_by(user)
        hubs = (
            Hub.objects.all() if staffed is ALL_HUBS else Hub.objects.filter(pk__in=staffed or [])
        )
        self.fields["hub"].queryset = hubs
        self.fields["hub"].widget.attrs["class"] = "form-select"
        if len(hubs) == 1:
            self.fields["hub"].initial = hubs[0]


@login_required
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        spec = spec_for(kind)
    except ImportFileError as exc:
        raise PermissionDenied from exc
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            batch = import_batch_create(
                kind=kind,
                hub=form.cleaned_data["hub"],
                user=request.user,
                filename=upload_file.name,
                data=upload_file.read(),
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("imports:preview", pk=batch.pk)
    return render(request, "common/import_upload.html", {"form": form, "spec": spec})


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access_import_batch_for_user(request.user, pk)
    rows = sorted(batch.rows, key=lambda row: (row["outcome"] != "error", row["row"]))
    page = Paginator(rows, 200).get_page(request.GET.get("page"))
    spec = spec_for(batch.kind)
    # Errors and changes name the column as the reader's sheet does, not by its internal key.
    labels = {column.key: str(column.label) for column in spec.columns}
    page.object_list = [
        row
        | {
            "errors": [e | {"label": labels.get(e["field"], e["field"])} for e in row["errors"]],
            "changes": {labels.get(k, k): v for k, v in row["changes"].items()},
        }
        for row in page.object_list
    ]
    return render(
        request,
        "common/import_preview.html",
        {
            "batch": batch,
            "page": page,
            "spec": spec,
            "columns": spec.columns,
            "has_errors": bool(batch.summary.get("errors")),
        },
    )


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access_import_batch_for_user(request.user, pk)
    try:
        preview = import_batch_confirm(batch=batch, user=request.user)
    except ImportRejected:
        messages.error(
            request,
            _("Nothing was imported: some rows have errors. Correct the file and upload it again."),
        )
    except ImportFileError as exc:
        messages.error(request, str(exc))
    else:
        counts = preview.counts()
        messages.success(
            request,
            _("Imported: %(new)d new, %(update)d updated, %(unchanged)d unchanged.")
            % {
                "new": counts["new"],
                "update": counts["update"],
                "unchanged": counts["unchanged"],
            },
        )
    return redirect("imports:preview", pk=batch.pk)
