"""Template helpers of the relations pages: dates known in part, local times, mixed text."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from innohub.common.i18n import LocalizedText
from innohub.common.templatetags.innohub import tr
from innohub.relations import rules

register = template.Library()


@register.simple_tag(takes_context=True)
def text(context: template.Context, value: Any) -> SafeString | str:
    """Multilingual text through `tr`; text that is already translated as it is."""
    if isinstance(value, LocalizedText | dict):
        return tr(context, value)
    return format_html("{}", value if value is not None else "")


def _one(day: date, precision: str) -> str:
    if precision == rules.YEAR:
        return date_format(day, "Y")
    if precision == rules.MONTH:
        return date_format(day, "YEAR_MONTH_FORMAT")
    return date_format(day, "DATE_FORMAT")


@register.simple_tag
def partial_date(start: date | None, precision: str, end: date | None = None) -> str:
    """A date or range at the precision it is known; "date not known" when it is not."""
    if start is None or precision == rules.UNKNOWN:
        return _("date not known")
    first = _one(start, precision)
    if end is None or end == start:
        return first
    return _("%(first)s to %(last)s") % {"first": first, "last": _one(end, precision)}


@register.filter
def iso_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.isoformat()


@register.simple_tag
def local_time(value: datetime | None, zone: str, with_date: bool = True) -> str:
    """An aware time in the zone it happened in, e.g. "5 June 2024, 10:30"."""
    if value is None:
        return ""
    local = value.astimezone(ZoneInfo(zone))
    if with_date:
        return _("%(date)s, %(time)s") % {
            "date": date_format(local.date(), "DATE_FORMAT"),
            "time": time_format(local.time(), "H:i"),
        }
    return time_format(local.time(), "H:i")


@register.filter
def entry_date(entry: Any) -> str:
    """The date of a timeline entry at its precision (times shown in the entry's own zone)."""
    when = entry.when
    if when is None or entry.precision == rules.UNKNOWN:
        return _("date not known")
    if isinstance(when, datetime):
        local = when.astimezone(ZoneInfo(entry.time_zone or "Asia/Shanghai"))
        return _("%(date)s, %(time)s") % {
            "date": date_format(local.date(), "DATE_FORMAT"),
            "time": time_format(local.time(), "H:i"),
        }
    return _one(when, entry.precision)


@register.filter
def overdue_days(due: date, today: date) -> int:
    return max(0, (today - due).days)


STATUS_BADGES = {
    "draft": "text-bg-warning",
    "signed": "text-bg-primary",
    "in_force": "text-bg-success",
    "completed": "text-bg-secondary",
    "terminated": "text-bg-dark",
}


@register.filter
def status_badge(status: str) -> str:
    """The Bootstrap badge colours of an agreement status."""
    return STATUS_BADGES.get(status, "text-bg-light border")
