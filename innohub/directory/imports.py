"""Spreadsheet imports of the directory (registered with innohub.common.imports)."""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innohub.accounts.access import user_is_network_admin
from innohub.common.imports import (
    NEW,
    UNCHANGED,
    UPDATE,
    Column,
    ImportContext,
    ImportSpec,
    RowResult,
    register,
)
from innohub.directory.models import Sector


def _aliases(value: Any) -> list[str]:
    text = "" if value is None else str(value)
    return [part.strip() for part in re.split(r"[;；,，、|\n]", text) if part.strip()]


@register
class SectorImport(ImportSpec):
    """Sectors beyond the built-in ones, with their names in three languages and aliases."""

    kind = "sectors"
    label = gettext_lazy("sectors")
    columns = [
        Column("slug", gettext_lazy("Short name"), ("slug", "code", "代码", "简称", "קוד")),
        Column(
            "name_en",
            gettext_lazy("English name"),
            ("english", "name", "英文名称", "英文", "שם באנגלית"),
            required=True,
        ),
        Column(
            "name_zh",
            gettext_lazy("Chinese name"),
            ("chinese", "中文名称", "中文", "行业", "שם בסינית"),
        ),
        Column(
            "name_he",
            gettext_lazy("Hebrew name"),
            ("hebrew", "希伯来文名称", "希伯来文", "שם בעברית"),
        ),
        Column(
            "aliases", gettext_lazy("Other names"), ("aliases", "别名", "其他名称", "שמות נוספים")
        ),
    ]

    def can_import(self, context: ImportContext) -> bool:
        return bool(context.options.get("command_line")) or user_is_network_admin(context.user)

    def _slug(self, values: dict[str, Any]) -> str:
        return slugify(values.get("slug") or values.get("name_en") or "")[:50]

    def identity(self, values: dict[str, Any]) -> Hashable | None:
        return self._slug(values) or None

    def prepare(self, rows: list[RowResult], context: ImportContext) -> None:
        context.cache["sectors"] = {s.slug: s for s in Sector.objects.all()}

    def check(self, row: RowResult, context: ImportContext) -> None:
        if not self._slug(row.values):
            row.fail("slug", _("A short name needs letters or digits."))
        for key in ("name_en", "name_zh", "name_he"):
            if len(row.values.get(key) or "") > 100:
                row.fail(key, _("At most 100 characters."))

    def _target(self, values: dict[str, Any]) -> dict[str, Any]:
        names = {
            "en": values.get("name_en"),
            "zh-hans": values.get("name_zh"),
            "he": values.get("name_he"),
        }
        return {
            "name": {k: v for k, v in names.items() if v},
            "aliases": "\n".join(_aliases(values.get("aliases"))),
        }

    def compare(self, row: RowResult, context: ImportContext) -> None:
        existing = context.cache["sectors"].get(self._slug(row.values))
        target = self._target(row.values)
        if existing is None:
            row.outcome = NEW
            return
        row.existing = existing
        current = {"name": dict(existing.name), "aliases": existing.aliases}
        row.changes = {k: (current[k], v) for k, v in target.items() if current[k] != v}
        row.outcome = UPDATE if row.changes else UNCHANGED

    def write(self, rows: list[RowResult], context: ImportContext) -> None:
        for row in rows:
            target = self._target(row.values)
            if row.existing is None:
                Sector.objects.create(slug=self._slug(row.values), **target)
            else:
                Sector.objects.filter(pk=row.existing.pk).update(**target)
