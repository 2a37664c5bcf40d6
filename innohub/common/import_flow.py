"""The upload → preview → confirm flow of spreadsheet imports, shared by pages, API and CLI."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from innohub.accounts.access import user_is_hub_staff, user_is_network_admin
from innohub.accounts.audit import audit_record
from innohub.accounts.models import AuditEntry
from innohub.common.imports import (
    ImportContext,
    ImportFileError,
    ImportRejected,
    Preview,
    build_preview,
    commit_import,
    spec_for,
)
from innohub.common.models import ImportBatch


def _context(user: Any, hub: Any) -> ImportContext:
    return ImportContext(user=user, hub=hub)


def import_batch_create(
    *, kind: str, hub: Any, user: Any, filename: str, data: bytes
) -> ImportBatch:
    """Check the file and store its preview; nothing of its content is written yet."""
    spec = spec_for(kind)
    context = _context(user, hub)
    if not spec.can_import(context):
        raise PermissionDenied
    preview = build_preview(spec, data, filename, context)
    return ImportBatch.objects.create(
        kind=kind,
        hub=hub,
        filename=filename[:255],
        data=data,
        created_by=user,
        summary=preview.summary() | {"unknown_headers": preview.unknown_headers},
        rows=[row.as_json() for row in preview.rows],
    )


def import_batch_confirm(*, batch: ImportBatch, user: Any) -> Preview:
    """Write the whole batch in one transaction, or nothing (then the batch shows why)."""
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise ImportFileError("This import has already been confirmed or rejected.")
    spec = spec_for(batch.kind)
    context = _context(user, batch.hub)
    if not spec.can_import(context):
        raise PermissionDenied
    try:
        preview = commit_import(spec, bytes(batch.data), batch.filename, context)
    except ImportRejected as rejected:
        batch.summary = rejected.preview.summary() | {
            "unknown_headers": rejected.preview.unknown_headers
        }
        batch.rows = [row.as_json() for row in rejected.preview.rows]
        batch.save(update_fields=["summary", "rows"])
        raise
    audit_record(
        actor=user,
        action=AuditEntry.Action.IMPORTED,
        target=batch,
        hub=batch.hub,
        detail={k: v for k, v in preview.summary().items() if k != "errors"},
    )
    batch.status = ImportBatch.Status.COMMITTED
    batch.committed_at = timezone.now()
    batch.summary = preview.summary() | {"unknown_headers": preview.unknown_headers}
    batch.save(update_fields=["status", "committed_at", "summary"])
    return preview


def access_import_batch_for_user(user: Any, pk: int) -> ImportBatch:
    batch = ImportBatch.objects.select_related("hub").filter(pk=pk).first()
    if batch is None:
        raise Http404
    if batch.created_by_id == getattr(user, "pk", None):
        return batch
    if batch.hub_id is not None and user_is_hub_staff(user, batch.hub_id):
        return batch
    if user_is_network_admin(user):
        return batch
    raise Http404
