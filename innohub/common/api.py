"""Import API: upload a file → preview (with an id) → confirm, all or nothing."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from innohub.accounts.api_auth import api_user
from innohub.common.import_flow import (
    access_import_batch_for_user,
    import_batch_confirm,
    import_batch_create,
)
from innohub.common.imports import ImportFileError, ImportRejected
from innohub.common.params import Key
from innohub.network.models import Hub

router = Router(tags=["imports"])


class ImportError_(Schema):
    row: int
    field: str
    message: str


class BatchOut(Schema):
    id: int
    kind: str
    hub: str | None
    filename: str
    status: str
    new: int
    update: int
    unchanged: int
    errors: list[ImportError_]
    rows: list[dict[str, Any]]

    @staticmethod
    def resolve_hub(obj: Any) -> str | None:
        return obj.hub.slug if obj.hub_id else None

    @staticmethod
    def resolve_new(obj: Any) -> int:
        return obj.summary.get("new", 0)

    @staticmethod
    def resolve_update(obj: Any) -> int:
        return obj.summary.get("update", 0)

    @staticmethod
    def resolve_unchanged(obj: Any) -> int:
        return obj.summary.get("unchanged", 0)

    @staticmethod
    def resolve_errors(obj: Any) -> list[dict[str, Any]]:
        return obj.summary.get("errors", [])


class Problem(Schema):
    detail: str


@router.post("/{kind}", response={201: BatchOut, 400: Problem, 404: Problem})
def upload(request: HttpRequest, kind: Key, file: File[UploadedFile], hub: Form[str] = "") -> Any:
    """Upload a spreadsheet; the answer is its preview. Nothing is written yet."""
    hub_obj = None
    if hub:
        hub_obj = Hub.objects.filter(slug=hub).first()
        if hub_obj is None:
            return Status(404, {"detail": _("Unknown hub.")})
    try:
        batch = import_batch_create(
            kind=kind,
            hub=hub_obj,
            user=api_user(request),
            filename=file.name or "upload",
            data=file.read(),
        )
    except ImportFileError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(201, batch)


@router.get("/batches/{batch_id}", response=BatchOut)
def batch_detail(request: HttpRequest, batch_id: int) -> Any:
    return access_import_batch_for_user(api_user(request), batch_id)


@router.post("/batches/{batch_id}/confirm", response={200: BatchOut, 409: BatchOut})
def batch_confirm(request: HttpRequest, batch_id: int) -> Any:
    """Write every row in one transaction; 409 with the reasons when any row is wrong."""
    batch = access_import_batch_for_user(api_user(request), batch_id)
    try:
        import_batch_confirm(batch=batch, user=api_user(request))
    except ImportRejected:
        batch.refresh_from_db()
        return Status(409, batch)
    except ImportFileError as exc:
        raise HttpError(409, str(exc)) from exc
    batch.refresh_from_db()
    return batch
