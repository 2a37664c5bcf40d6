"""Soft deletion with restore: apps register the records users may delete and who may.

`register(Model, may_delete=fn, hub_of=fn)` for a SoftDeleteModel; `trash_delete` hides a
record (it disappears from every page and list), `trash_restore` brings it back, and the
"Deleted records" page lists what the user may restore. Nothing is erased.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404

from innohub.common.models import SoftDeleteModel


@dataclass(frozen=True)
class TrashEntry:
    model: type[SoftDeleteModel]
    may_delete: Callable[[Any, Any], bool]
    label: str

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)


_REGISTRY: dict[str, TrashEntry] = {}


def register(model: type[SoftDeleteModel], *, may_delete: Callable[[Any, Any], bool]) -> None:
    _REGISTRY[model._meta.label_lower] = TrashEntry(model, may_delete, model._meta.label_lower)


def registered() -> list[TrashEntry]:
    return list(_REGISTRY.values())


def _entry(label: str) -> TrashEntry:
    entry = _REGISTRY.get(label)
    if entry is None:
        raise Http404
    return entry


@transaction.atomic
def trash_delete(*, label: str, pk: int, user: Any) -> models.Model:
    entry = _entry(label)
    obj = entry.model.objects.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if not entry.may_delete(user, obj):
        raise PermissionDenied
    obj._history_user = user  # type: ignore[attr-defined]
    obj.soft_delete()
    return obj


@transaction.atomic
def trash_restore(*, label: str, pk: int, user: Any) -> models.Model:
    entry = _entry(label)
    obj = entry.model.all_objects.filter(pk=pk, deleted_at__isnull=False).first()
    if obj is None or not entry.may_delete(user, obj):
        raise Http404
    obj._history_user = user  # type: ignore[attr-defined]
    obj.restore()
    return obj


def trash_list_for(user: Any, limit: int = 200) -> list[tuple[TrashEntry, Any]]:
    """Deleted records this user may restore, newest deletion first."""
    found: list[tuple[TrashEntry, Any]] = []
    for entry in _REGISTRY.values():
        deleted = entry.model.all_objects.filter(deleted_at__isnull=False).order_by("-deleted_at")[
            :limit
        ]
        found.extend((entry, obj) for obj in deleted if entry.may_delete(user, obj))
    found.sort(key=lambda pair: pair[1].deleted_at, reverse=True)
    return found[:limit]
