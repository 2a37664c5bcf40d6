"""Spreadsheet imports of the directory (registered with innohub.common.imports).

`organisations`: a hub's member list as staff keep it in Excel, in Chinese or English, with
the organisations' identifiers, sectors, membership state and dates and a main contact.
Rows are matched to existing organisations by identifier (then by name within the hub), so
the directory's own export re-imports with every row unchanged. An empty cell never clears
a stored value. Everything a whole file needs is loaded in a handful of queries (`prepare`)
and written with bulk operations that keep the history (`write`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from innohub.accounts.access import ALL_HUBS, hub_ids_staffed_by, user_is_network_admin
from innohub.common.bulk import create_with_history, insert_rows
from innohub.common.i18n import LocalizedText
from innohub.common.identifiers import (
    IdentifierError,
    validate_il_company_number,
    validate_uscc,
)
from innohub.common.imports import (
    ERROR,
    NEW,
    UNCHANGED,
    UPDATE,
    CellError,
    Column,
    ImportContext,
    ImportFileError,
    ImportSpec,
    RowResult,
    clean_text,
    in_every_language,
    normalise_header,
    parse_date,
    parse_int,
    register,
)
from innohub.common.models import Country
from innohub.common.text import search_normalise
from innohub.directory.models import (
    ALLOWED_TRANSITIONS,
    MEMBER_STATES,
    Membership,
    MembershipEvent,
    MembershipState,
    Organisation,
    OrganisationKind,
    Person,
    Sector,
    Stage,
    member_period,
)
from innohub.directory.services import RESERVED_SLUGS, organisation_slug_base

S = MembershipState
LEAVING_STATES = frozenset({S.GRADUATED, S.LEFT})
CHUNK = 2000  # identifiers per IN (…) query: far below SQLite's and PostgreSQL's limits


# ---------------------------------------------------------------------------- cell parsers


def _aliases(value: Any) -> list[str]:
    text = "" if value is None else str(value)
    return [part.strip() for part in re.split(r"[;；,，、|\n]", text) if part.strip()]


def text_language(text: str) -> str:
    """The language a name or text is most likely in, from its script."""
    if re.search(r"[\u3400-\u9fff\uf900-\ufaff]", text):
        return "zh-hans"
    if re.search(r"[\u0590-\u05ff]", text):
        return "he"
    return "en"


def _choice_lookup(choices: list[tuple[str, Any]], extra: dict[str, str]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for value, label in choices:
        for text in (value, *in_every_language(label)):
            lookup[normalise_header(text)] = value
    for text, value in extra.items():
        lookup[normalise_header(text)] = value
    return lookup


COUNTRY_NAMES = {
    "中国": Country.CHINA,
    "中国大陆": Country.CHINA,
    "中華人民共和國": Country.CHINA,
    "中华人民共和国": Country.CHINA,
    "中國": Country.CHINA,
    "PRC": Country.CHINA,
    "CHN": Country.CHINA,
    "China": Country.CHINA,
    "סין": Country.CHINA,
    "以色列": Country.ISRAEL,
    "Israel": Country.ISRAEL,
    "ISR": Country.ISRAEL,
    "ישראל": Country.ISRAEL,
    "中以合资": Country.JOINT,
    "中以合作": Country.JOINT,
    "中以": Country.JOINT,
    "合资": Country.JOINT,
    "joint": Country.JOINT,
    "joint venture": Country.JOINT,
    "China-Israel": Country.JOINT,
    "China–Israel": Country.JOINT,
    "Sino-Israeli": Country.JOINT,
    "China-Israel joint": Country.JOINT,
    "CN/IL": Country.JOINT,
    "משותף": Country.JOINT,
    "סין-ישראל": Country.JOINT,
    "其他": Country.OTHER,
    "其它": Country.OTHER,
    "other": Country.OTHER,
    "אחר": Country.OTHER,
}
KIND_NAMES = {
    "企业": OrganisationKind.ENTERPRISE,
    "公司": OrganisationKind.ENTERPRISE,
    "company": OrganisationKind.ENTERPRISE,
    "初创": OrganisationKind.STARTUP,
    "初创企业": OrganisationKind.STARTUP,
    "创业公司": OrganisationKind.STARTUP,
    "start-up": OrganisationKind.STARTUP,
    "孵化器": OrganisationKind.INCUBATOR,
    "加速器": OrganisationKind.ACCELERATOR,
    "高校": OrganisationKind.UNIVERSITY,
    "大学": OrganisationKind.UNIVERSITY,
    "研究所": OrganisationKind.UNIVERSITY,
    "研究院": OrganisationKind.UNIVERSITY,
    "科研院所": OrganisationKind.UNIVERSITY,
    "university": OrganisationKind.UNIVERSITY,
    "institute": OrganisationKind.UNIVERSITY,
    "投资机构": OrganisationKind.INVESTOR,
    "投资人": OrganisationKind.INVESTOR,
    "基金": OrganisationKind.INVESTOR,
    "VC": OrganisationKind.INVESTOR,
    "政府": OrganisationKind.GOVERNMENT,
    "政府机构": OrganisationKind.GOVERNMENT,
    "协会": OrganisationKind.ASSOCIATION,
    "商会": OrganisationKind.ASSOCIATION,
    "联盟": OrganisationKind.ASSOCIATION,
    "服务机构": OrganisationKind.SERVICE_PROVIDER,
    "服务商": OrganisationKind.SERVICE_PROVIDER,
}
STATE_NAMES = {
    "申请中": S.APPLICANT,
    "已申请": S.APPLICANT,
    "审核中": S.UNDER_REVIEW,
    "评审中": S.UNDER_REVIEW,
    "已录取": S.ADMITTED,
    "已入选": S.ADMITTED,
    "录取": S.ADMITTED,
    "在园": S.RESIDENT,
    "入驻": S.RESIDENT,
    "已入驻": S.RESIDENT,
    "在驻": S.RESIDENT,
    "active": S.RESIDENT,
    "毕业": S.GRADUATED,
    "已毕业": S.GRADUATED,
    "退出": S.LEFT,
    "已退出": S.LEFT,
    "迁出": S.LEFT,
    "离园": S.LEFT,
    "未通过": S.DECLINED,
    "已拒绝": S.DECLINED,
}
STAGE_NAMES = {
    "创意": Stage.IDEA,
    "概念": Stage.IDEA,
    "种子": Stage.SEED,
    "种子期": Stage.SEED,
    "早期": Stage.EARLY,
    "初创期": Stage.EARLY,
    "成长期": Stage.GROWTH,
    "成熟": Stage.MATURE,
    "成熟期": Stage.MATURE,
}
YES = {"yes", "y", "true", "1", "是", "公开", "כן", "x", "✓"}
NO = {"no", "n", "false", "0", "否", "不公开", "לא"}


@cache
def _lookups() -> dict[str, dict[str, str]]:
    return {
        "country": _choice_lookup(Country.choices, COUNTRY_NAMES),
        "kind": _choice_lookup(OrganisationKind.choices, KIND_NAMES),
        "state": _choice_lookup(S.choices, STATE_NAMES),
        "stage": _choice_lookup(Stage.choices, STAGE_NAMES),
    }


def _parse_choice(which: str, message: Any) -> Any:
    def parse(value: Any) -> str:
        text = clean_text(value)
        if not text:
            return ""
        found = _lookups()[which].get(normalise_header(text))
        if found is None:
            raise CellError(message % {"value": text})
        return found

    return parse


parse_country = _parse_choice(
    "country",
    gettext_lazy(
        "“%(value)s” is not a known country; write China, Israel, China–Israel joint or other."
    ),
)
parse_kind = _parse_choice(
    "kind",
    gettext_lazy(
        "“%(value)s” is not a known kind of organisation, e.g. enterprise, startup, incubator."
    ),
)
parse_state = _parse_choice(
    "state",
    gettext_lazy(
        "“%(value)s” is not a membership state, e.g. applicant, admitted, resident, left."
    ),
)
parse_stage = _parse_choice(
    "stage", gettext_lazy("“%(value)s” is not a stage, e.g. seed, early growth, growth.")
)


def parse_bool(value: Any) -> bool | None:
    text = unicodedata.normalize("NFKC", clean_text(value)).casefold()
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(gettext_lazy("“%(value)s” is neither yes nor no.") % {"value": text})


def parse_uscc(value: Any) -> str:
    if clean_text(value) == "":
        return ""
    try:
        return validate_uscc(value)
    except IdentifierError as exc:
        raise CellError(exc.message) from exc


def parse_il_company_number(value: Any) -> str:
    text = clean_text(value)
    if text == "":
        return ""
    try:
        return validate_il_company_number(text)
    except IdentifierError as exc:
        raise CellError(exc.message) from exc


_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])
# Plain addresses that Django's validators certainly accept, checked with one regex; anything
# else goes through the validators themselves.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PLAIN_EMAIL = re.compile(rf"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:{_LABEL}\.)+[a-z]{{2,63}}", re.I)
_PLAIN_URL = re.compile(rf"https?://(?:{_LABEL}\.)+[a-z]{{2,63}}(?::\d{{1,5}})?(?:/[^\s]*)?", re.I)


def parse_email(value: Any) -> str:
    text = unicodedata.normalize("NFKC", clean_text(value)).replace(" ", "")
    if not text:
        return ""
    if len(text) <= 254 and _PLAIN_EMAIL.fullmatch(text):
        return text
    try:
        _email(text)
    except ValidationError:
        raise CellError(
            gettext_lazy("“%(value)s” is not an e-mail address.") % {"value": text}
        ) from None
    return text


def parse_website(value: Any) -> str:
    text = unicodedata.normalize("NFKC", clean_text(value)).replace(" ", "")
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    if len(text) > 200:
        raise CellError(gettext_lazy("A web address has at most 200 characters."))
    if _PLAIN_URL.fullmatch(text):
        return text
    try:
        _url(text)
    except ValidationError:
        raise CellError(
            gettext_lazy("“%(value)s” is not a web address.") % {"value": text}
        ) from None
    return text


def parse_year(value: Any) -> int | None:
    """A year, or the year of a date (成立日期 columns often hold the whole date)."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value.year
    text = unicodedata.normalize("NFKC", clean_text(value))
    if re.fullmatch(r"\d{4}\s*年?", text):
        year = int(text[:4])
    elif re.fullmatch(r"\d{4}\s*[-/.年].*", text):
        year = parse_date(text).year  # type: ignore[union-attr]
    else:
        year = parse_int(value)  # type: ignore[assignment]
    if year is None or not 1800 <= year <= 2100:
        raise CellError(gettext_lazy("“%(value)s” is not a year.") % {"value": text})
    return year


def parse_count(value: Any) -> int | None:
    number = parse_int(value)
    if number is not None and not 0 <= number <= 10_000_000:
        raise CellError(gettext_lazy("“%(value)s” is not a headcount.") % {"value": number})
    return number


def parse_list(value: Any) -> list[str]:
    """Names separated by ; 、 | or new lines (commas are resolved later: names may hold them)."""
    text = clean_text(value)
    return [part.strip() for part in re.split(r"[;；、|\n]", text) if part.strip()]


# ---------------------------------------------------------------------------- sectors


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


# ---------------------------------------------------------------------------- organisations


# Columns both imports read the same way.
USCC_COLUMN = Column(
    "uscc",
    gettext_lazy("Unified Social Credit Code"),
    ("统一社会信用代码", "信用代码", "社会信用代码", "USCC", "credit code"),
    parse=parse_uscc,
)
IL_COMPANY_NUMBER_COLUMN = Column(
    "il_company_number",
    gettext_lazy("Israeli company number"),
    (
        "以色列公司编号",
        "以色列公司注册号",
        "company number",
        "company no",
        "ח.פ",
        "ח.פ.",
        'ח"פ',
        "מספר חברה",
    ),
    parse=parse_il_company_number,
)
EMAIL_COLUMN = Column(
    "email",
    gettext_lazy("E-mail"),
    ("邮箱", "电子邮箱", "电子邮件", "企业邮箱", "email", "mail", 'דוא"ל', "אימייל"),
    parse=parse_email,
)

NAME_COLUMNS = {"name_zh": "zh-hans", "name_en": "en", "name_he": "he"}
# Never in an export for a reader who may not see them (see directory.exports).
PRIVATE_COLUMNS = frozenset(
    {
        "uscc",
        "il_company_number",
        "email",
        "phone",
        "member_from",
        "member_until",
        "contact_name",
        "contact_title",
        "contact_email",
        "contact_phone",
        "contact_wechat",
    }
)
CONTACT_COLUMNS = {
    "contact_name": "name",
    "contact_title": "title",
    "contact_email": "email",
    "contact_phone": "phone",
    "contact_wechat": "wechat",
}
TEXT_LIMITS = {
    "name": 200,
    "address": 300,
    "description": 5000,
    "phone": 40,
    "contact_name": 200,
    "contact_title": 200,
    "contact_phone": 40,
    "contact_wechat": 60,
}
SIMPLE_FIELDS = (
    "kind",
    "country",
    "stage",
    "founded_year",
    "headcount",
    "uscc",
    "il_company_number",
    "website",
    "email",
    "phone",
    "is_public",
)


@dataclass
class RowPlan:
    """What one row will do, worked out by prepare/check/compare and carried out by write."""

    existing: Organisation | None = None
    name: LocalizedText = field(default_factory=LocalizedText)
    sectors: list[Sector] | None = None
    sponsor: Organisation | None = None
    sponsor_given: bool = False
    org_fields: dict[str, Any] = field(default_factory=dict)
    membership: Membership | None = None
    events: list[MembershipEvent] = field(default_factory=list)
    new_events: list[tuple[str, date]] = field(default_factory=list)
    moved_events: dict[int, date] = field(default_factory=dict)  # index in events → new day
    target: tuple[str, date, date | None, date | None] | None = None
    contact: Person | None = None
    contact_fields: dict[str, Any] = field(default_factory=dict)
    organisation: Organisation | None = None  # the record written (new or existing)


def _i18n_has(text: LocalizedText, value: str) -> bool:
    wanted = search_normalise(value)
    return any(search_normalise(existing) == wanted for existing in text.values() if existing)


def _display(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None:
        return ""
    return value if isinstance(value, int | date) else str(value)


def _same(key: str, current: Any, value: Any) -> bool:
    """Whether a cell says what is stored (e-mail addresses ignore case)."""
    if key.endswith("email") and isinstance(current, str) and isinstance(value, str):
        return current.casefold() == value.casefold()
    return current == value


def _staffed(context: ImportContext) -> frozenset[int] | None:
    """Hubs whose organisations the import may change (ALL_HUBS on the command line)."""
    if context.options.get("command_line") or user_is_network_admin(context.user):
        return ALL_HUBS
    return hub_ids_staffed_by(context.user)


def _organisations_by_identifier(
    usccs: list[str], numbers: list[str], manager: Any
) -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    """The organisations with these codes, in a query per few thousand codes."""
    by_uscc: dict[str, Organisation] = {}
    by_number: dict[str, Organisation] = {}
    for chunk in _chunks(usccs):
        by_uscc |= {o.uscc: o for o in manager.filter(uscc__in=chunk)}
    for chunk in _chunks(numbers):
        by_number |= {o.il_company_number: o for o in manager.filter(il_company_number__in=chunk)}
    return by_uscc, by_number


def _chunks(values: list[Any]) -> list[list[Any]]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


@register
class OrganisationImport(ImportSpec):
    """A hub's organisations with identifiers, sectors, membership dates and main contact."""

    kind = "organisations"
    label = gettext_lazy("organisations")
    columns = [
        Column(
            "name",
            gettext_lazy("Name"),
            (
                "企业名称",
                "公司名称",
                "单位名称",
                "机构名称",
                "名称",
                "company name",
                "company",
                "organisation name",
                "organization name",
                "organisation",
                "organization",
                "שם",
                "שם החברה",
                "שם הארגון",
            ),
            export=False,
        ),
        Column(
            "name_zh",
            gettext_lazy("Chinese name"),
            ("中文名称", "中文名", "企业中文名称", "name (chinese)", "שם בסינית"),
        ),
        Column(
            "name_en",
            gettext_lazy("English name"),
            ("英文名称", "英文名", "企业英文名称", "name (english)", "שם באנגלית"),
        ),
        Column(
            "name_he",
            gettext_lazy("Hebrew name"),
            ("希伯来文名称", "希伯来语名称", "name (hebrew)", "שם בעברית"),
        ),
        Column(
            "kind",
            gettext_lazy("Kind"),
            ("类型", "机构类型", "企业类型", "单位类型", "type", "organisation type", "סוג"),
            parse=parse_kind,
        ),
        Column(
            "country",
            gettext_lazy("Country of origin"),
            (
                "国家",
                "国别",
                "来源国",
                "国家地区",
                "所属国家",
                "country",
                "origin",
                "מדינה",
                "ארץ מוצא",
            ),
            parse=parse_country,
        ),
        Column(
            "sectors",
            gettext_lazy("Sectors"),
            (
                "行业",
                "所属行业",
                "行业领域",
                "领域",
                "产业",
                "sector",
                "industry",
                "תחום",
                "תחומים",
            ),
            parse=parse_list,
        ),
        Column("stage", gettext_lazy("Stage"), ("阶段", "发展阶段", "שלב"), parse=parse_stage),
        Column(
            "founded_year",
            gettext_lazy("Founded in"),
            ("成立年份", "成立时间", "成立日期", "founded", "year founded", "שנת הקמה"),
            parse=parse_year,
        ),
        Column(
            "headcount",
            gettext_lazy("Headcount"),
            ("员工人数", "人数", "员工数", "职工人数", "employees", "staff", "מספר עובדים"),
            parse=parse_count,
        ),
        USCC_COLUMN,
        IL_COMPANY_NUMBER_COLUMN,
        Column(
            "website",
            gettext_lazy("Website"),
            ("网站", "官网", "网址", "web", "url", "אתר", "אתר אינטרנט"),
            parse=parse_website,
        ),
        EMAIL_COLUMN,
        Column(
            "phone",
            gettext_lazy("Phone"),
            ("电话", "联系电话", "企业电话", "telephone", "tel", "טלפון"),
        ),
        Column("address", gettext_lazy("Address"), ("地址", "注册地址", "办公地址", "כתובת")),
        Column(
            "description",
            gettext_lazy("Description"),
            ("简介", "企业简介", "公司简介", "介绍", "描述", "about", "profile", "תיאור"),
        ),
        Column(
            "sponsor",
            gettext_lazy("Sponsoring incubator"),
            ("孵化器", "所属孵化器", "推荐孵化器", "incubator", "sponsor", "חממה", "חממה מלווה"),
        ),
        Column(
            "is_public",
            gettext_lazy("Listed publicly"),
            ("是否公开", "公开", "public", "listed", "ציבורי"),
            parse=parse_bool,
        ),
        Column(
            "state",
            gettext_lazy("Membership state"),
            ("状态", "入驻状态", "会员状态", "status", "state", "membership status", "סטטוס"),
            parse=parse_state,
        ),
        Column(
            "member_from",
            gettext_lazy("Move-in date"),
            (
                "入驻日期",
                "入驻时间",
                "入园日期",
                "加入日期",
                "move in date",
                "member since",
                "joined",
                "admitted on",
                "תאריך כניסה",
            ),
            parse=parse_date,
        ),
        Column(
            "member_until",
            gettext_lazy("Move-out date"),
            (
                "退出日期",
                "迁出日期",
                "离园日期",
                "毕业日期",
                "move out date",
                "left on",
                "member until",
                "תאריך יציאה",
            ),
            parse=parse_date,
        ),
        Column(
            "contact_name",
            gettext_lazy("Contact person"),
            ("联系人", "联系人姓名", "contact", "contact name", "איש קשר"),
        ),
        Column(
            "contact_title",
            gettext_lazy("Contact's position"),
            ("联系人职务", "职务", "职位", "contact title", "position", "תפקיד"),
        ),
        Column(
            "contact_email",
            gettext_lazy("Contact's e-mail"),
            ("联系人邮箱", "联系人电子邮件", "contact email", 'דוא"ל איש קשר'),
            parse=parse_email,
        ),
        Column(
            "contact_phone",
            gettext_lazy("Contact's phone"),
            ("联系人电话", "联系人手机", "手机", "mobile", "contact phone", "טלפון איש קשר"),
        ),
        Column(
            "contact_wechat",
            gettext_lazy("Contact's WeChat"),
            ("微信", "微信号", "联系人微信", "wechat", "wechat id", "ווי צ'אט"),
        ),
    ]

    # ------------------------------------------------------------------ permission

    def can_import(self, context: ImportContext) -> bool:
        if context.options.get("command_line"):
            return True
        staffed = hub_ids_staffed_by(context.user)
        if context.hub is None:
            return staffed is ALL_HUBS or bool(staffed)
        return staffed is ALL_HUBS or context.hub.pk in staffed

    def _may_edit(self, context: ImportContext, hub_ids: set[int]) -> bool:
        staffed = context.cache["staffed"]
        return staffed is ALL_HUBS or bool(hub_ids & staffed)

    # ------------------------------------------------------------------ prepare

    def prepare(self, rows: list[RowResult], context: ImportContext) -> None:
        from innohub.directory.admissions import hub_today
        from innohub.directory.selectors import sector_lookup

        hub = context.hub
        if hub is None:
            raise ImportFileError(_("Choose the hub these organisations belong to."))
        cache = context.cache
        cache["today"] = hub_today(hub)
        cache["staffed"] = _staffed(context)
        cache["sectors"] = sector_lookup()
        plans: dict[int, RowPlan] = {row.number: RowPlan() for row in rows}
        cache["plans"] = plans

        # The same identifier twice in one file.
        seen: dict[str, dict[str, int]] = {"uscc": {}, "il_company_number": {}}
        for row in rows:
            for key, numbers in seen.items():
                value = row.values.get(key)
                if not value:
                    continue
                if value in numbers:
                    row.fail(
                        key,
                        _("The same identifier is already on row %(row)d of this file.")
                        % {"row": numbers[value]},
                    )
                else:
                    numbers[value] = row.number

        by_uscc, by_number = _organisations_by_identifier(
            list(seen["uscc"]), list(seen["il_company_number"]), Organisation.all_objects
        )
        # Rows without a known identifier are matched by name among the hub's organisations:
        # an index of names → light rows, and full records only for the names matched.
        by_name: dict[str, list[tuple[int, str | None, str | None]]] = {}
        unmatched = any(
            row.outcome != ERROR
            and not by_uscc.get(row.values.get("uscc") or "")
            and not by_number.get(row.values.get("il_company_number") or "")
            for row in rows
        )
        if unmatched:
            for pk, name, code, number in (
                Organisation.objects.filter(memberships__hub=hub)
                .values_list("pk", "name", "uscc", "il_company_number")
                .distinct()
            ):
                for text in {search_normalise(t) for t in (name or {}).values() if t}:
                    by_name.setdefault(text, []).append((pk, code, number))

        sponsors: dict[str, list[Organisation]] = {}
        for org in Organisation.objects.filter(
            kind__in=[OrganisationKind.INCUBATOR, OrganisationKind.ACCELERATOR]
        ):
            for text in {search_normalise(t) for t in [org.slug, *org.name.values()] if t}:
                sponsors.setdefault(text, []).append(org)
        cache["sponsors"] = sponsors

        named: dict[int, int] = {}  # row number → organisation matched by name
        for row in rows:
            if row.outcome == ERROR:
                continue
            plan = plans[row.number]
            plan.name = self._names(row.values)
            uscc, number = row.values.get("uscc"), row.values.get("il_company_number")
            found_u = by_uscc.get(uscc) if uscc else None
            found_n = by_number.get(number) if number else None
            if found_u and found_n and found_u.pk != found_n.pk:
                row.fail(
                    "il_company_number",
                    _("The two identifiers belong to two different organisations."),
                )
                continue
            existing = found_u or found_n
            if existing is None and plan.name and by_name:
                candidates = {
                    pk
                    for text in plan.name.values()
                    for pk, code, il_number in by_name.get(search_normalise(text), [])
                    if (not uscc or code in (None, uscc))
                    and (not number or il_number in (None, number))
                }
                if len(candidates) > 1:
                    row.fail(
                        "name",
                        _(
                            "Several organisations of the hub have this name; add the "
                            "identifier to say which one."
                        ),
                    )
                    continue
                if candidates:
                    named[row.number] = candidates.pop()
            plan.existing = existing
        for chunk in _chunks(sorted(set(named.values()))):
            found = {o.pk: o for o in Organisation.all_objects.filter(pk__in=chunk)}
            for number, pk in named.items():
                if pk in found:
                    plans[number].existing = found[pk]

        matched = {plan.existing.pk: plan.existing for plan in plans.values() if plan.existing}
        ids = list(matched)
        sector_ids: dict[int, set[int]] = {}
        hub_ids: dict[int, set[int]] = {}
        memberships: dict[int, Membership] = {}
        contacts: dict[int, Person] = {}
        events: dict[int, list[MembershipEvent]] = {}
        through = Organisation.sectors.through
        for chunk in _chunks(ids):
            for org_id, sector_id in through.objects.filter(organisation_id__in=chunk).values_list(
                "organisation_id", "sector_id"
            ):
                sector_ids.setdefault(org_id, set()).add(sector_id)
            for membership in Membership.objects.filter(organisation_id__in=chunk):
                hub_ids.setdefault(membership.organisation_id, set()).add(membership.hub_id)
                if membership.hub_id == hub.pk:
                    memberships[membership.organisation_id] = membership
            for person in Person.objects.filter(
                organisation_id__in=chunk, is_primary_contact=True
            ).order_by("id"):
                contacts.setdefault(person.organisation_id, person)
        membership_ids = [m.pk for m in memberships.values()]
        for chunk in _chunks(membership_ids):
            for event in MembershipEvent.objects.filter(membership_id__in=chunk).order_by(
                "on", "id"
            ):
                events.setdefault(event.membership_id, []).append(event)
        cache["sector_ids"] = sector_ids
        for plan in plans.values():
            if plan.existing is None:
                continue
            org = plan.existing
            org._import_hub_ids = hub_ids.get(org.pk, set())  # type: ignore[attr-defined]
            plan.membership = memberships.get(org.pk)
            if plan.membership is not None:
                plan.events = events.get(plan.membership.pk, [])
            plan.contact = contacts.get(org.pk)

    def _names(self, values: dict[str, Any]) -> LocalizedText:
        names = LocalizedText()
        for key, language in NAME_COLUMNS.items():
            if values.get(key):
                names[language] = values[key]
        generic = values.get("name")
        if generic:
            language = text_language(generic)
            if not _i18n_has(names, generic):
                names.setdefault(language, generic)
        return names

    # ------------------------------------------------------------------ check

    def check(self, row: RowResult, context: ImportContext) -> None:
        plan: RowPlan = context.cache["plans"][row.number]
        values = row.values
        if not plan.name:
            row.fail("name", _("Every row needs the organisation's name."))
        for language, text in plan.name.items():
            if len(text) > TEXT_LIMITS["name"]:
                key = next((k for k, lang in NAME_COLUMNS.items() if lang == language), "name")
                row.fail(key, _("At most %(count)d characters.") % {"count": TEXT_LIMITS["name"]})
        for key, limit in TEXT_LIMITS.items():
            if key != "name" and len(values.get(key) or "") > limit:
                row.fail(key, _("At most %(count)d characters.") % {"count": limit})
        if values.get("sectors"):
            lookup = context.cache["sectors"]
            found = []
            names = []
            for part in values["sectors"]:
                # "AI, robotics" is two names; "Agrifood, food and water" might be one.
                whole = lookup.get(search_normalise(part))
                names += (
                    [part] if whole else [p.strip() for p in re.split(r"[,，]", part) if p.strip()]
                )
            for name in names:
                sector = lookup.get(search_normalise(name))
                if sector is None:
                    row.fail(
                        "sectors",
                        _(
                            "“%(value)s” is not a sector; use a sector's name in any language, "
                            "e.g. Cybersecurity or 网络安全."
                        )
                        % {"value": name},
                    )
                elif sector not in found:
                    found.append(sector)
            plan.sectors = found
        if values.get("sponsor"):
            plan.sponsor_given = True
            candidates = context.cache["sponsors"].get(search_normalise(values["sponsor"]), [])
            if not candidates:
                row.fail(
                    "sponsor",
                    _("“%(value)s” is not an incubator or accelerator in the directory.")
                    % {"value": values["sponsor"]},
                )
            elif len({c.pk for c in candidates}) > 1:
                row.fail("sponsor", _("Several incubators have this name."))
            else:
                plan.sponsor = candidates[0]
        existing = plan.existing
        if existing is not None:
            if existing.is_deleted:
                row.fail(
                    "",
                    _("This identifier belongs to a deleted organisation; restore it first."),
                )
                return
            if not self._may_edit(context, existing._import_hub_ids):  # type: ignore[attr-defined]
                row.fail(
                    "",
                    _(
                        "This identifier belongs to an organisation of another hub; its staff or "
                        "a network administrator can add it to this hub."
                    ),
                )
                return
            if plan.sponsor is not None and plan.sponsor.pk == existing.pk:
                row.fail("sponsor", _("An organisation cannot sponsor itself."))
        elif (
            not values.get("country")
            and not values.get("uscc")
            and not values.get("il_company_number")
        ):
            row.fail(
                "country",
                _("Say which country the organisation comes from (or give its identifier)."),
            )
        self._plan_membership(row, plan, context.cache["today"])
        self._plan_contact(row, plan)

    def _plan_membership(self, row: RowResult, plan: RowPlan, today: date) -> None:
        values = row.values
        state = values.get("state") or ""
        start, end = values.get("member_from"), values.get("member_until")
        if start and end and end < start:
            row.fail("member_until", _("The move-out date is before the move-in date."))
            return
        if end and state and state not in LEAVING_STATES:
            row.fail("member_until", _("A move-out date needs the state graduated or left."))
            return
        if start and state in (S.APPLICANT, S.UNDER_REVIEW, S.DECLINED):
            row.fail(
                "member_from",
                _("A move-in date needs the state admitted, resident, graduated or left."),
            )
            return
        membership = plan.membership
        if membership is None:
            if not state:
                state = S.LEFT if end else S.RESIDENT
            timeline: list[tuple[str, date]]
            if state in MEMBER_STATES:
                timeline = [(state, start or today)]
            elif state in LEAVING_STATES:
                timeline = [(S.RESIDENT, start)] if start else []
                timeline.append((state, end or max(today, start or today)))
            else:
                timeline = [(state, today)]
            plan.new_events = timeline
            plan.target = (state, timeline[-1][1], *member_period(timeline))
            return
        timeline = [(event.state, event.on) for event in plan.events]
        current = membership.state
        if state and state != current:
            if state not in ALLOWED_TRANSITIONS.get(current, frozenset()):
                row.fail(
                    "state",
                    _("A membership cannot go from “%(from)s” to “%(to)s”.")
                    % {"from": S(current).label, "to": S(state).label},
                )
                return
            if state in LEAVING_STATES and end:
                on = end
            elif state in MEMBER_STATES and start and membership.member_from is None:
                on = start
            else:
                on = today
            if on < membership.state_since:
                row.fail(
                    "state",
                    _("This change (%(date)s) would come before the last one (%(since)s).")
                    % {"date": on.isoformat(), "since": membership.state_since.isoformat()},
                )
                return
            timeline.append((state, on))
            plan.new_events = [(state, on)]
        member_from, member_until = member_period(timeline)
        if start and start != member_from:
            index = next((i for i, (s, _on) in enumerate(timeline) if s in MEMBER_STATES), None)
            if index is None or not self._fits(timeline, index, start):
                row.fail(
                    "member_from",
                    _("This move-in date does not fit the membership's history (%(history)s).")
                    % {"history": self._history_text(timeline)},
                )
                return
            self._move(plan, timeline, index, start)
        member_from, member_until = member_period(timeline)
        if end and end != member_until:
            index = self._leaving_index(timeline)
            if index is None or not self._fits(timeline, index, end):
                row.fail(
                    "member_until",
                    _("This move-out date does not fit the membership's history (%(history)s).")
                    % {"history": self._history_text(timeline)},
                )
                return
            self._move(plan, timeline, index, end)
        plan.target = (timeline[-1][0], timeline[-1][1], *member_period(timeline))

    @staticmethod
    def _fits(timeline: list[tuple[str, date]], index: int, day: date) -> bool:
        before = timeline[index - 1][1] if index > 0 else None
        after = timeline[index + 1][1] if index + 1 < len(timeline) else None
        return (before is None or before <= day) and (after is None or day <= after)

    @staticmethod
    def _leaving_index(timeline: list[tuple[str, date]]) -> int | None:
        """The event that ended the last membership period (what member_until comes from)."""
        index = None
        was_member = False
        for i, (state, _on) in enumerate(timeline):
            if state in MEMBER_STATES:
                was_member, index = True, None
            elif was_member and index is None:
                index = i
        return index

    @staticmethod
    def _history_text(timeline: list[tuple[str, date]]) -> str:
        return ", ".join(f"{S(state).label} {on.isoformat()}" for state, on in timeline)

    @staticmethod
    def _move(plan: RowPlan, timeline: list[tuple[str, date]], index: int, day: date) -> None:
        timeline[index] = (timeline[index][0], day)
        if index < len(plan.events):
            plan.moved_events[index] = day
        else:
            new_index = index - len(plan.events)
            plan.new_events[new_index] = (plan.new_events[new_index][0], day)

    def _plan_contact(self, row: RowResult, plan: RowPlan) -> None:
        given = {
            target: row.values[key]
            for key, target in CONTACT_COLUMNS.items()
            if row.values.get(key)
        }
        if not given:
            return
        if plan.contact is None and "name" not in given:
            row.fail("contact_name", _("A contact needs a name."))
            return
        plan.contact_fields = given

    # ------------------------------------------------------------------ compare

    def compare(self, row: RowResult, context: ImportContext) -> None:
        plan: RowPlan = context.cache["plans"][row.number]
        values = row.values
        existing = plan.existing
        if existing is None:
            row.outcome = NEW
            fields = {
                key: values[key] for key in SIMPLE_FIELDS if values.get(key) not in (None, "")
            }
            fields.setdefault("kind", OrganisationKind.ENTERPRISE)
            if "country" not in fields:
                fields["country"] = (
                    Country.ISRAEL if values.get("il_company_number") else Country.CHINA
                )
            for key in ("address", "description"):
                if values.get(key):
                    fields[key] = LocalizedText({text_language(values[key]): values[key]})
            plan.org_fields = fields
            return
        row.existing = existing
        changes: dict[str, tuple[Any, Any]] = {}
        name = LocalizedText(existing.name)
        for key, language in NAME_COLUMNS.items():
            if values.get(key) and values[key] != existing.name.get(language):
                changes[key] = (existing.name.get(language, ""), values[key])
                name[language] = values[key]
        generic = values.get("name")
        if generic and not _i18n_has(name, generic):
            language = text_language(generic)
            if not any(values.get(k) for k, lang in NAME_COLUMNS.items() if lang == language):
                changes["name"] = (existing.name.get(language, ""), generic)
                name[language] = generic
        fields: dict[str, Any] = {}
        if name != existing.name:
            fields["name"] = name
        for key in SIMPLE_FIELDS:
            value = values.get(key)
            if value in (None, ""):
                continue
            current = getattr(existing, key)
            if not _same(key, current, value):
                changes[key] = (_display(current), _display(value))
                fields[key] = value
        for key in ("address", "description"):
            text = values.get(key)
            current = getattr(existing, key)
            if text and not _i18n_has(current, text):
                language = text_language(text)
                updated = LocalizedText(current)
                updated[language] = text
                changes[key] = (current.get(language, ""), text)
                fields[key] = updated
        if plan.sectors is not None:
            current_ids = context.cache["sector_ids"].get(existing.pk, set())
            if {s.pk for s in plan.sectors} != current_ids:
                by_id = {s.pk: s for s in context.cache["sectors"].values()}
                changes["sectors"] = (
                    "; ".join(str(by_id[i].name) for i in sorted(current_ids) if i in by_id),
                    "; ".join(str(s.name) for s in plan.sectors),
                )
            else:
                plan.sectors = None
        if plan.sponsor is not None and plan.sponsor.pk != existing.sponsor_id:
            changes["sponsor"] = (existing.sponsor_id or "", str(plan.sponsor.name))
            fields["sponsor_id"] = plan.sponsor.pk
        plan.org_fields = fields
        membership = plan.membership
        if plan.target is not None:
            state, _since, member_from, member_until = plan.target
            if membership is None:
                changes["state"] = ("", S(state).label)
            else:
                for key, old, new in (
                    ("state", membership.state, state),
                    ("member_from", membership.member_from, member_from),
                    ("member_until", membership.member_until, member_until),
                ):
                    if old != new:
                        changes[key] = (_display(old), _display(new))
                if not changes.keys() & {"state", "member_from", "member_until"}:
                    plan.target = None
                    plan.new_events, plan.moved_events = [], {}
        if plan.contact_fields:
            contact = plan.contact
            contact_changes = {}
            for target, value in plan.contact_fields.items():
                key = f"contact_{target}"
                if contact is None:
                    contact_changes[key] = ("", value)
                elif target in ("name", "title"):
                    if not _i18n_has(getattr(contact, target), value):
                        contact_changes[key] = (str(getattr(contact, target)), value)
                elif not _same(target, getattr(contact, target), value):
                    contact_changes[key] = (getattr(contact, target), value)
            if contact_changes:
                changes.update(contact_changes)
            else:
                plan.contact_fields = {}
        row.changes = changes
        row.outcome = UPDATE if changes else UNCHANGED

    # ------------------------------------------------------------------ write

    def write(self, rows: list[RowResult], context: ImportContext) -> None:
        try:
            self._write(rows, context)
        except IntegrityError as exc:
            # Someone else stored one of these identifiers since the preview: nothing is kept.
            raise ValidationError(
                _("The directory changed while importing (%(error)s). Upload the file again.")
                % {"error": exc}
            ) from exc

    def _write(self, rows: list[RowResult], context: ImportContext) -> None:
        plans: dict[int, RowPlan] = context.cache["plans"]
        hub = context.hub
        user = context.user if getattr(context.user, "is_authenticated", False) else None
        now = timezone.now()
        history = {"default_user": user, "default_change_reason": "import", "batch_size": 500}
        through = Organisation.sectors.through

        new_plans = [plans[row.number] for row in rows if row.outcome == NEW]
        changed_plans = [plans[row.number] for row in rows if row.outcome == UPDATE]

        created: list[Organisation] = []
        slugs = self._unique_slugs([plan.name for plan in new_plans])
        for plan, slug in zip(new_plans, slugs, strict=True):
            org = Organisation(slug=slug, name=plan.name, **plan.org_fields)
            org.uscc = org.uscc or None
            org.il_company_number = org.il_company_number or None
            if plan.sponsor is not None:
                org.sponsor = plan.sponsor
            org.refresh_search_fields()
            created.append(org)
        created = create_with_history(created, Organisation, user=user, reason="import", when=now)
        for plan, org in zip(new_plans, created, strict=True):
            plan.organisation = org

        updated: list[Organisation] = []
        update_fields: set[str] = set()
        for plan in changed_plans:
            org = plan.existing
            assert org is not None
            plan.organisation = org
            if not plan.org_fields:
                continue
            for key, value in plan.org_fields.items():
                setattr(org, key, value)
            org.uscc = org.uscc or None
            org.il_company_number = org.il_company_number or None
            org.updated_at = now
            org.refresh_search_fields()
            update_fields |= set(plan.org_fields)
            updated.append(org)
        if updated:
            fields = sorted(update_fields | {"search_text", "sort_name", "updated_at"})
            bulk_update_with_history(updated, Organisation, fields=fields, **history)

        resectored = [p.organisation.pk for p in changed_plans if p.sectors is not None]  # type: ignore[union-attr]
        for chunk in _chunks(resectored):
            through.objects.filter(organisation_id__in=chunk).delete()
        insert_rows(
            through,
            [
                {"organisation_id": plan.organisation.pk, "sector_id": sector.pk}  # type: ignore[union-attr]
                for plan in [*new_plans, *changed_plans]
                if plan.sectors
                for sector in plan.sectors
            ],
        )
        self._write_memberships([*new_plans, *changed_plans], hub, user, now, history)
        self._write_contacts([*new_plans, *changed_plans], user, now, history)

    def _write_memberships(
        self, plans: list[RowPlan], hub: Any, user: Any, now: Any, history: dict[str, Any]
    ) -> None:
        note = _("Imported from a spreadsheet.")
        new_memberships: list[Membership] = []
        waiting: list[RowPlan] = []
        changed: list[Membership] = []
        moved: list[MembershipEvent] = []
        events: list[dict[str, Any]] = []

        def event(membership: Membership, state: str, on: date) -> dict[str, Any]:
            return {
                "membership_id": membership.pk,
                "state": state,
                "on": on,
                "note": note,
                "recorded_by_id": getattr(user, "pk", None),
                "recorded_at": now,
            }

        for plan in plans:
            if plan.target is None:
                continue
            state, since, member_from, member_until = plan.target
            if plan.membership is None:
                new_memberships.append(
                    Membership(
                        organisation=plan.organisation,
                        hub=hub,
                        state=state,
                        state_since=since,
                        member_from=member_from,
                        member_until=member_until,
                    )
                )
                waiting.append(plan)
                continue
            membership = plan.membership
            membership.state, membership.state_since = state, since
            membership.member_from, membership.member_until = member_from, member_until
            membership.updated_at = now
            changed.append(membership)
            for index, day in plan.moved_events.items():
                existing = plan.events[index]
                existing.on = day
                moved.append(existing)
            events += [event(membership, s, on) for s, on in plan.new_events]
        created = create_with_history(
            new_memberships, Membership, user=user, reason="import", when=now
        )
        for plan, membership in zip(waiting, created, strict=True):
            events += [event(membership, s, on) for s, on in plan.new_events]
        if changed:
            bulk_update_with_history(
                changed,
                Membership,
                fields=["state", "state_since", "member_from", "member_until", "updated_at"],
                **history,
            )
        if moved:
            MembershipEvent.objects.bulk_update(moved, ["on"], batch_size=500)
        insert_rows(MembershipEvent, events)

    def _write_contacts(
        self, plans: list[RowPlan], user: Any, now: Any, history: dict[str, Any]
    ) -> None:
        new_people: list[Person] = []
        changed: list[Person] = []
        fields: set[str] = set()
        for plan in plans:
            if not plan.contact_fields:
                continue
            org = plan.organisation
            assert org is not None
            values = dict(plan.contact_fields)
            for key in ("name", "title"):
                if key in values:
                    text = values[key]
                    current = (
                        LocalizedText(getattr(plan.contact, key))
                        if plan.contact
                        else LocalizedText()
                    )
                    current[text_language(text)] = text
                    values[key] = current
            if plan.contact is None:
                new_people.append(
                    Person(
                        organisation=org,
                        is_primary_contact=True,
                        is_public=False,
                        country=org.country if org.country in ("CN", "IL") else "",
                        **values,
                    )
                )
            else:
                for key, value in values.items():
                    setattr(plan.contact, key, value)
                plan.contact.updated_at = now
                fields |= set(values)
                changed.append(plan.contact)
        create_with_history(new_people, Person, user=user, reason="import", when=now)
        if changed:
            bulk_update_with_history(
                changed, Person, fields=sorted(fields | {"updated_at"}), **history
            )

    @staticmethod
    def _unique_slugs(names: list[LocalizedText]) -> list[str]:
        """Free web-address names for new organisations, in a few queries for the whole file."""
        bases = [organisation_slug_base(name) for name in names]
        taken: set[str] = set()
        for chunk in _chunks(sorted(set(bases))):
            taken |= set(
                Organisation.all_objects.filter(slug__in=chunk).values_list("slug", flat=True)
            )
        result: list[str] = [""] * len(bases)
        used: set[str] = set()
        pending = []
        for index, base in enumerate(bases):
            if base in taken or base in used:
                pending.append(index)
            else:
                result[index] = base
                used.add(base)
        counters: dict[str, int] = {}
        while pending:
            candidates: dict[int, str] = {}
            for index in pending:
                base = bases[index]
                while True:
                    counters[base] = counters.get(base, 1) + 1
                    candidate = f"{base}-{counters[base]}"
                    if candidate not in used and candidate not in RESERVED_SLUGS:
                        break
                candidates[index] = candidate
                used.add(candidate)
            taken = set()
            for chunk in _chunks(list(candidates.values())):
                taken |= set(
                    Organisation.all_objects.filter(slug__in=chunk).values_list("slug", flat=True)
                )
            pending = []
            for index, candidate in candidates.items():
                if candidate in taken:
                    pending.append(index)
                else:
                    result[index] = candidate
        return result


# ---------------------------------------------------------------------------- people


@dataclass
class PersonPlan:
    organisation: Organisation | None = None
    existing: Person | None = None
    fields: dict[str, Any] = field(default_factory=dict)


PERSON_FIELDS = ("email", "phone", "wechat", "is_public", "is_primary_contact")


@register
class PersonImport(ImportSpec):
    """People of the hub's organisations (contacts, founders, staff), matched by e-mail or name.

    The organisation is found by its identifier or, within the hub, by any of its names.
    """

    kind = "people"
    label = gettext_lazy("people")
    columns = [
        Column(
            "organisation",
            gettext_lazy("Organisation"),
            ("企业名称", "公司名称", "单位名称", "机构名称", "所在企业", "company", "company name"),
        ),
        USCC_COLUMN,
        IL_COMPANY_NUMBER_COLUMN,
        Column(
            "name",
            gettext_lazy("Name"),
            ("姓名", "名字", "人员姓名", "full name", "person", "שם מלא"),
            required=True,
        ),
        Column("title", gettext_lazy("Position"), ("职务", "职位", "title", "role", "תפקיד")),
        EMAIL_COLUMN,
        Column(
            "phone",
            gettext_lazy("Phone"),
            ("电话", "手机", "联系电话", "mobile", "telephone", "tel", "טלפון"),
        ),
        Column("wechat", gettext_lazy("WeChat ID"), ("微信", "微信号", "wechat", "ווי צ'אט")),
        Column(
            "is_public",
            gettext_lazy("Shown publicly"),
            ("是否公开", "公开", "public", "ציבורי"),
            parse=parse_bool,
        ),
        Column(
            "is_primary_contact",
            gettext_lazy("Main contact"),
            ("主要联系人", "首要联系人", "main contact", "primary contact", "איש קשר ראשי"),
            parse=parse_bool,
        ),
    ]

    can_import = OrganisationImport.can_import
    _may_edit = OrganisationImport._may_edit

    def prepare(self, rows: list[RowResult], context: ImportContext) -> None:
        hub = context.hub
        if hub is None:
            raise ImportFileError(_("Choose the hub these organisations belong to."))
        cache = context.cache
        cache["staffed"] = _staffed(context)
        by_uscc, by_number = _organisations_by_identifier(
            sorted({r.values["uscc"] for r in rows if r.values.get("uscc")}),
            sorted(
                {r.values["il_company_number"] for r in rows if r.values.get("il_company_number")}
            ),
            Organisation.objects,
        )
        by_name: dict[str, list[Organisation]] = {}
        for org in Organisation.objects.filter(memberships__hub=hub).distinct():
            for text in {search_normalise(t) for t in org.name.values() if t}:
                by_name.setdefault(text, []).append(org)
        plans: dict[int, PersonPlan] = {}
        for row in rows:
            plan = plans.setdefault(row.number, PersonPlan())
            values = row.values
            org = by_uscc.get(values.get("uscc") or "") or by_number.get(
                values.get("il_company_number") or ""
            )
            if org is None and values.get("organisation"):
                candidates = {
                    o.pk: o for o in by_name.get(search_normalise(values["organisation"]), [])
                }
                if len(candidates) > 1:
                    row.fail(
                        "organisation",
                        _(
                            "Several organisations of the hub have this name; add the "
                            "identifier to say which one."
                        ),
                    )
                org = next(iter(candidates.values()), None) if len(candidates) == 1 else None
            plan.organisation = org
        cache["plans"] = plans
        org_ids = sorted({p.organisation.pk for p in plans.values() if p.organisation})
        hub_ids: dict[int, set[int]] = {}
        people: dict[int, list[Person]] = {}
        for chunk in _chunks(org_ids):
            for org_id, hub_id in Membership.objects.filter(organisation_id__in=chunk).values_list(
                "organisation_id", "hub_id"
            ):
                hub_ids.setdefault(org_id, set()).add(hub_id)
            for person in Person.objects.filter(organisation_id__in=chunk).order_by("id"):
                people.setdefault(person.organisation_id, []).append(person)
        cache["hub_ids"] = hub_ids
        cache["people"] = people

    def identity(self, values: dict[str, Any]) -> Hashable | None:
        org = (
            values.get("uscc")
            or values.get("il_company_number")
            or search_normalise(values.get("organisation") or "")
        )
        who = (values.get("email") or "").lower() or search_normalise(values.get("name") or "")
        return (org, who) if who else None

    def check(self, row: RowResult, context: ImportContext) -> None:
        plan: PersonPlan = context.cache["plans"][row.number]
        if plan.organisation is None:
            row.fail(
                "organisation",
                _("No organisation of this hub has this name or identifier; import it first."),
            )
            return
        if not self._may_edit(context, context.cache["hub_ids"].get(plan.organisation.pk, set())):
            row.fail(
                "",
                _(
                    "This identifier belongs to an organisation of another hub; its staff or "
                    "a network administrator can add it to this hub."
                ),
            )
            return
        for key, limit in (("name", 200), ("title", 200), ("phone", 40), ("wechat", 60)):
            if len(row.values.get(key) or "") > limit:
                row.fail(key, _("At most %(count)d characters.") % {"count": limit})

    def compare(self, row: RowResult, context: ImportContext) -> None:
        plan: PersonPlan = context.cache["plans"][row.number]
        values = row.values
        candidates = context.cache["people"].get(plan.organisation.pk, [])  # type: ignore[union-attr]
        email = (values.get("email") or "").lower()
        existing = next((p for p in candidates if email and p.email.lower() == email), None)
        if existing is None:
            existing = next((p for p in candidates if _i18n_has(p.name, values["name"])), None)
        plan.existing = existing
        fields: dict[str, Any] = {}
        changes: dict[str, tuple[Any, Any]] = {}
        for key in ("name", "title"):
            text = values.get(key)
            current = getattr(existing, key) if existing else LocalizedText()
            if text and not _i18n_has(current, text):
                updated = LocalizedText(current)
                updated[text_language(text)] = text
                fields[key] = updated
                changes[key] = (str(current), text)
        for key in PERSON_FIELDS:
            value = values.get(key)
            if value in (None, ""):
                continue
            current = getattr(existing, key) if existing else None
            if not _same(key, current, value):
                fields[key] = value
                changes[key] = (_display(current), _display(value))
        plan.fields = fields
        if existing is None:
            row.outcome = NEW
            return
        row.existing = existing
        row.changes = changes
        row.outcome = UPDATE if changes else UNCHANGED

    def write(self, rows: list[RowResult], context: ImportContext) -> None:
        plans: dict[int, PersonPlan] = context.cache["plans"]
        user = context.user if getattr(context.user, "is_authenticated", False) else None
        now = timezone.now()
        created, changed, fields = [], [], set()
        for row in rows:
            plan = plans[row.number]
            if row.outcome == NEW:
                org = plan.organisation
                assert org is not None
                defaults = {
                    "country": org.country if org.country in ("CN", "IL") else "",
                    "is_public": False,  # contacts stay private unless the sheet says otherwise
                }
                created.append(Person(organisation=org, **(defaults | plan.fields)))
            elif plan.fields and plan.existing is not None:
                for key, value in plan.fields.items():
                    setattr(plan.existing, key, value)
                plan.existing.updated_at = now
                fields |= set(plan.fields)
                changed.append(plan.existing)
        create_with_history(created, Person, user=user, reason="import", when=now)
        if changed:
            bulk_update_with_history(
                changed,
                Person,
                fields=sorted(fields | {"updated_at"}),
                default_user=user,
                default_change_reason="import",
                batch_size=500,
            )
