"""Spreadsheet import of IP records into a hub's portfolio (registered with common.imports).

A row is matched to an existing asset of the hub by its type and number: a known one is
updated (and moved to its new status when that is a valid step), an unknown one is created.
Every row goes through the same checks as a record typed into the form, before anything is
written; then all rows are written in one transaction, or none.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innohub.accounts.access import user_is_ip_officer
from innohub.common.identifiers import IdentifierError
from innohub.common.imports import (
    NEW,
    UNCHANGED,
    UPDATE,
    CellError,
    Column,
    ImportContext,
    ImportSpec,
    RowResult,
    parse_choice,
    parse_date,
    parse_int,
    register,
)
from innohub.common.text import search_normalise
from innohub.directory.models import Organisation
from innohub.ip import services
from innohub.ip.forms import parse_nice_class_lines
from innohub.ip.models import ALLOWED_TRANSITIONS, Asset, AssetStatus, AssetType

S = AssetStatus

TYPE_NAMES = {
    "cn-invention": AssetType.CN_INVENTION,
    "invention": AssetType.CN_INVENTION,
    "invention patent": AssetType.CN_INVENTION,
    "发明": AssetType.CN_INVENTION,
    "发明专利": AssetType.CN_INVENTION,
    "פטנט המצאה": AssetType.CN_INVENTION,
    "cn-utility": AssetType.CN_UTILITY,
    "utility": AssetType.CN_UTILITY,
    "utility model": AssetType.CN_UTILITY,
    "实用新型": AssetType.CN_UTILITY,
    "实用新型专利": AssetType.CN_UTILITY,
    "מודל תועלת": AssetType.CN_UTILITY,
    "cn-design": AssetType.CN_DESIGN,
    "design": AssetType.CN_DESIGN,
    "design patent": AssetType.CN_DESIGN,
    "外观设计": AssetType.CN_DESIGN,
    "外观设计专利": AssetType.CN_DESIGN,
    "外观专利": AssetType.CN_DESIGN,
    "פטנט עיצוב": AssetType.CN_DESIGN,
    "cn-trademark": AssetType.CN_TRADEMARK,
    "trademark": AssetType.CN_TRADEMARK,
    "商标": AssetType.CN_TRADEMARK,
    "注册商标": AssetType.CN_TRADEMARK,
    "סימן מסחר": AssetType.CN_TRADEMARK,
    "cn-software": AssetType.CN_SOFTWARE,
    "software": AssetType.CN_SOFTWARE,
    "software copyright": AssetType.CN_SOFTWARE,
    "软件著作权": AssetType.CN_SOFTWARE,
    "计算机软件著作权": AssetType.CN_SOFTWARE,
    "软著": AssetType.CN_SOFTWARE,
    "זכויות יוצרים בתוכנה": AssetType.CN_SOFTWARE,
    "il-patent": AssetType.IL_PATENT,
    "israeli patent": AssetType.IL_PATENT,
    "以色列专利": AssetType.IL_PATENT,
    "פטנט ישראלי": AssetType.IL_PATENT,
    "pct": AssetType.PCT,
    "pct application": AssetType.PCT,
    "PCT申请": AssetType.PCT,
    "PCT国际申请": AssetType.PCT,
}
STATUS_NAMES = {
    "in preparation": S.IN_PREPARATION,
    "in_preparation": S.IN_PREPARATION,
    "准备中": S.IN_PREPARATION,
    "撰写中": S.IN_PREPARATION,
    "拟申请": S.IN_PREPARATION,
    "בהכנה": S.IN_PREPARATION,
    "filed": S.FILED,
    "已申请": S.FILED,
    "申请中": S.FILED,
    "已受理": S.FILED,
    "הוגשה": S.FILED,
    "under examination": S.UNDER_EXAMINATION,
    "under_examination": S.UNDER_EXAMINATION,
    "审查中": S.UNDER_EXAMINATION,
    "实审": S.UNDER_EXAMINATION,
    "实质审查": S.UNDER_EXAMINATION,
    "实质审查中": S.UNDER_EXAMINATION,
    "בבחינה": S.UNDER_EXAMINATION,
    "valid": S.VALID,
    "granted": S.VALID,
    "registered": S.VALID,
    "有效": S.VALID,
    "授权": S.VALID,
    "已授权": S.VALID,
    "已注册": S.VALID,
    "注册": S.VALID,
    "维持": S.VALID,
    "专利权维持": S.VALID,
    "בתוקף": S.VALID,
    "lapsed": S.LAPSED,
    "失效": S.LAPSED,
    "终止": S.LAPSED,
    "未缴年费终止": S.LAPSED,
    "פקע": S.LAPSED,
    "expired": S.EXPIRED,
    "届满": S.EXPIRED,
    "期限届满": S.EXPIRED,
    "已届满": S.EXPIRED,
    "פג תוקף": S.EXPIRED,
    "abandoned": S.ABANDONED,
    "withdrawn": S.ABANDONED,
    "放弃": S.ABANDONED,
    "撤回": S.ABANDONED,
    "视为撤回": S.ABANDONED,
    "视为放弃": S.ABANDONED,
    "ננטש": S.ABANDONED,
    "rejected": S.REJECTED,
    "驳回": S.REJECTED,
    "已驳回": S.REJECTED,
    "נדחה": S.REJECTED,
}
DATE_KEYS = ("filed_on", "priority_on", "published_on", "granted_on", "registered_on")


def parse_nice_classes_cell(value: Any) -> list[tuple[int, str]]:
    if value in (None, ""):
        return []
    try:
        return parse_nice_class_lines(str(value))
    except IdentifierError as exc:
        raise CellError(exc.message) from exc


def split_owners(value: Any) -> list[str]:
    """Owners separated by ; 、 | or new lines (not commas: "Co., Ltd." has one)."""
    text = "" if value is None else str(value)
    return [part.strip() for part in re.split(r"[;；、|\n]", text) if part.strip()]


@register
class AssetImport(ImportSpec):
    """Patents, trademarks, software registrations and PCT applications of a hub's members."""

    kind = "ip-assets"
    label = gettext_lazy("IP records")
    columns = [
        Column(
            "type",
            gettext_lazy("Type"),
            ("type", "kind", "类型", "种类", "知识产权类型", "专利类型", "סוג"),
            required=True,
            parse=parse_choice(TYPE_NAMES),
        ),
        Column(
            "number",
            gettext_lazy("Number"),
            (
                "number",
                "application number",
                "registration number",
                "申请号",
                "专利号",
                "注册号",
                "登记号",
                "申请号/专利号",
                "号码",
                "מספר",
            ),
        ),
        Column(
            "title_zh",
            gettext_lazy("Chinese title"),
            (
                "名称",
                "中文名称",
                "专利名称",
                "发明名称",
                "商标名称",
                "软件名称",
                "标题",
                "כותרת בסינית",
            ),
        ),
        Column(
            "title_en",
            gettext_lazy("English title"),
            ("title", "english title", "英文名称", "英文标题", "כותרת באנגלית"),
        ),
        Column(
            "title_he",
            gettext_lazy("Hebrew title"),
            ("hebrew title", "希伯来文名称", "כותרת בעברית"),
        ),
        Column(
            "owners",
            gettext_lazy("Owners"),
            (
                "owner",
                "owners",
                "applicant",
                "权利人",
                "申请人",
                "专利权人",
                "著作权人",
                "注册人",
                "所有人",
                "בעלים",
            ),
            required=True,
        ),
        Column(
            "status",
            gettext_lazy("Status"),
            ("status", "法律状态", "状态", "当前状态", "מצב"),
            parse=parse_choice(STATUS_NAMES),
        ),
        Column(
            "status_on",
            gettext_lazy("Status since"),
            ("status date", "状态日期", "状态变更日", "תאריך המצב"),
            parse=parse_date,
        ),
        Column(
            "filed_on",
            gettext_lazy("Filing date"),
            ("filing date", "filed", "申请日", "申请日期", "תאריך הגשה"),
            parse=parse_date,
        ),
        Column(
            "priority_on",
            gettext_lazy("Priority date"),
            ("priority date", "优先权日", "תאריך בכורה"),
            parse=parse_date,
        ),
        Column(
            "published_on",
            gettext_lazy("Publication date"),
            (
                "publication date",
                "published",
                "公开日",
                "公告日",
                "公开（公告）日",
                "首次发表日期",
                "发表日期",
                "תאריך פרסום",
            ),
            parse=parse_date,
        ),
        Column(
            "granted_on",
            gettext_lazy("Grant date"),
            ("grant date", "granted", "授权日", "授权公告日", "授权日期", "תאריך הענקה"),
            parse=parse_date,
        ),
        Column(
            "registered_on",
            gettext_lazy("Registration date"),
            (
                "registration date",
                "registered",
                "注册日",
                "注册日期",
                "登记日期",
                "注册公告日",
                "תאריך רישום",
            ),
            parse=parse_date,
        ),
        Column(
            "nice_classes",
            gettext_lazy("Nice classes"),
            (
                "classes",
                "nice class",
                "类别",
                "国际分类",
                "尼斯分类",
                "商品/服务类别",
                "סיווגי ניס",
            ),
            parse=parse_nice_classes_cell,
        ),
        Column(
            "extension_days",
            gettext_lazy("Term extension (days)"),
            ("extension days", "期限补偿天数", "补偿天数", "ימי הארכה"),
            parse=parse_int,
        ),
        Column("notes", gettext_lazy("Notes"), ("notes", "备注", "הערות")),
    ]

    def can_import(self, context: ImportContext) -> bool:
        if context.options.get("command_line"):
            return True
        return context.hub is not None and user_is_ip_officer(context.user, context.hub.pk)

    # ---- helpers

    def _number(self, values: dict[str, Any]) -> str:
        try:
            return services.normalise_number(values.get("type") or "", values.get("number") or "")
        except IdentifierError:
            return ""

    def identity(self, values: dict[str, Any]) -> Hashable | None:
        number = self._number(values)
        return (values.get("type"), number) if number else None

    def prepare(self, rows: list[RowResult], context: ImportContext) -> None:
        hub = context.hub
        names: dict[str, Organisation] = {}
        existing: dict[tuple[str, str], Asset] = {}
        if hub is not None:
            for org in Organisation.objects.filter(memberships__hub=hub).distinct():
                keys = [org.slug, org.uscc or "", org.il_company_number or "", *org.name.values()]
                for key in keys:
                    if key:
                        names.setdefault(search_normalise(key), org)
            for asset in (
                Asset.objects.filter(hub=hub)
                .exclude(number="")
                .prefetch_related("owners", "nice_classes")
            ):
                existing[(asset.type, asset.number)] = asset
        context.cache["owners"] = names
        context.cache["existing"] = existing
        context.cache["fields"] = {}

    def _fields(self, row: RowResult, context: ImportContext) -> dict[str, Any] | None:
        """The service's arguments for the row; None (with the row failed) if not readable."""
        values = row.values
        owners = []
        for name in split_owners(values.get("owners")):
            org = context.cache["owners"].get(search_normalise(name))
            if org is None:
                row.fail(
                    "owners",
                    _("No organisation of this hub is called “%(name)s”.") % {"name": name},
                )
            else:
                owners.append(org)
        title = {
            code: values.get(key) or ""
            for code, key in (("zh-hans", "title_zh"), ("en", "title_en"), ("he", "title_he"))
            if values.get(key)
        }
        if not title:
            row.fail("title_zh", _("Give the title in at least one language."))
        status = values.get("status")
        if not status:
            if values.get("granted_on") or values.get("registered_on"):
                status = S.VALID
            elif values.get("filed_on"):
                status = S.FILED
            else:
                status = S.IN_PREPARATION
        if row.errors:
            return None
        return {
            "type": values["type"],
            "number": values.get("number") or "",
            "title": title,
            "owners": list(dict.fromkeys(owners)),
            "status": status,
            "status_on": values.get("status_on"),
            "nice_classes": values.get("nice_classes") or [],
            "extension_days": values.get("extension_days") or 0,
            "notes": values.get("notes") or "",
            **{key: values.get(key) for key in DATE_KEYS},
        }

    def check(self, row: RowResult, context: ImportContext) -> None:
        if context.hub is None:
            row.fail("", _("Choose the hub whose portfolio the records join."))
            return
        fields = self._fields(row, context)
        if fields is None:
            return
        number = self._number(fields)
        existing = context.cache["existing"].get((fields["type"], number)) if number else None
        try:
            if existing is None:
                services.asset_draft_new(hub=context.hub, **fields)
            else:
                status = fields.pop("status")
                fields.pop("status_on")
                if status != existing.status and status not in ALLOWED_TRANSITIONS.get(
                    existing.status, frozenset()
                ):
                    row.fail(
                        "status",
                        _("An asset cannot go from “%(from)s” to “%(to)s”.")
                        % {"from": S(existing.status).label, "to": S(status).label},
                    )
                    return
                fresh = Asset.objects.get(pk=existing.pk)
                services.asset_draft_update(asset=fresh, **fields)
                fields["status"] = status
                fields["status_on"] = row.values.get("status_on")
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    row.fail(field if field != "__all__" else "", message)
            return
        context.cache["fields"][row.number] = (fields, existing)

    def compare(self, row: RowResult, context: ImportContext) -> None:
        fields, existing = context.cache["fields"][row.number]
        row.existing = existing
        if existing is None:
            row.outcome = NEW
            return
        current = {
            "title": dict(existing.title),
            "owners": sorted(o.pk for o in existing.owners.all()),
            "status": existing.status,
            "nice_classes": [(c.number, c.similar_groups) for c in existing.nice_classes.all()],
            "extension_days": existing.extension_days,
            "notes": existing.notes,
            **{key: getattr(existing, key) for key in DATE_KEYS},
        }
        wanted = {
            **{key: fields[key] for key in current if key in fields},
            "owners": sorted(o.pk for o in fields["owners"]),
        }
        if not fields["notes"]:
            wanted["notes"] = existing.notes  # an empty cell keeps the notes
        row.changes = {
            key: (_shown(current[key]), _shown(value))
            for key, value in wanted.items()
            if current[key] != value
        }
        if "owners" in row.changes:
            row.changes["owners"] = (
                "; ".join(str(o.name) for o in existing.owners.all()),
                "; ".join(str(o.name) for o in fields["owners"]),
            )
        row.outcome = UPDATE if row.changes else UNCHANGED

    def write(self, rows: list[RowResult], context: ImportContext) -> None:
        for row in rows:
            fields, existing = context.cache["fields"][row.number]
            if existing is None:
                services.asset_create(by=context.user, hub=context.hub, **fields)
                continue
            status, status_on = fields.pop("status"), fields.pop("status_on")
            if not fields["notes"]:
                fields.pop("notes")
            services.asset_update(asset=existing, by=context.user, **fields)
            if status != existing.status:
                services.asset_transition(
                    asset=existing, to_status=status, on=status_on, by=context.user
                )


def _shown(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v[0] if isinstance(v, tuple) else v) for v in value)
    if isinstance(value, dict):
        return " / ".join(v for v in value.values() if v)
    return value
