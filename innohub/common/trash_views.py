"""Pages to delete a record (it can be restored) and to restore deleted records."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.common import trash


def _next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or default
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return default
    return target


@login_required
@require_POST
def delete(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    obj = trash.trash_delete(label=label, pk=pk, user=request.user)
    messages.success(
        request,
        _("“%(name)s” was deleted. It can be restored from Deleted records.") % {"name": obj},
    )
    return redirect(_next(request, "trash:list"))


@login_required
@require_POST
def restore(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    try:
        obj = trash.trash_restore(label=label, pk=pk, user=request.user)
    except ValidationError as exc:
        # A record can refuse to come back (an event whose room has been booked meanwhile).
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_next(request, "trash:list"))
    messages.success(request, _("“%(name)s” was restored.") % {"name": obj})
    return redirect(_next(request, "trash:list"))


@login_required
def trash_list(request: HttpRequest) -> HttpResponse:
    return render(request, "common/trash_list.html", {"items": trash.trash_list_for(request.user)})
