"""Template helpers for multilingual text, time zones and query strings."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.http import QueryDict
from django.utils.html import format_html

from innohub.common.i18n import LocalizedText, localized, text_direction

register = template.Library()


@register.simple_tag(takes_context=True)
def tr(context: template.Context, value: Any) -> str:
    """Text in the page language; when it falls back, mark the span with its real language."""
    text = value if isinstance(value, LocalizedText) else localized(value)
    shown, language = text.resolve(context.get("LANGUAGE_CODE"))
    page_language = context.get("LANGUAGE_CODE") or "en"
    if language and language != page_language:
        return format_html(
            '<span lang="{}" dir="{}">{}</span>', language, text_direction(language), shown
        )
    return format_html("{}", shown)


@register.filter
def in_zone(value: datetime | None, zone: str) -> datetime | None:
    """A UTC datetime converted to the named IANA time zone."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(zone))


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: Any) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def minutes(value: Any) -> int:
    """A timedelta as whole minutes (rounded up), e.g. for a lock-out message."""
    if value is None:
        return 0
    return -(-int(value.total_seconds()) // 60)
