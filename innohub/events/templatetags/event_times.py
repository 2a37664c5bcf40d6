"""Template helpers that show stored UTC times in a chosen zone and side by side."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template

from innohub.events.times import ZonedSpan, as_local, is_zone, zoned_spans

register = template.Library()


@register.filter
def local(value: datetime | None, zone: str) -> datetime | None:
    """The moment in the zone, marked so that the date filter does not convert it again."""
    if value is None or not is_zone(zone):
        return value
    return as_local(value, zone)


@register.simple_tag
def zoned(start: datetime, end: datetime, viewer_zone: str) -> list[ZonedSpan]:
    """{% zoned event.starts_at event.ends_at viewer_zone as spans %}"""
    return zoned_spans(start, end, viewer_zone=viewer_zone)


@register.inclusion_tag("events/includes/times.html")
def times_table(spans: list[ZonedSpan], compact: bool = False, **extra: Any) -> dict[str, Any]:
    return {"spans": spans, "compact": compact, **extra}


@register.simple_tag
def tie_rule() -> str:
    from innohub.events.contest_selectors import TIE_RULE

    return str(TIE_RULE)


@register.filter
def figures_for(fill: dict[int, Any] | None, event_id: int) -> Any:
    """{% with row=fill|figures_for:event.pk %}: one event's row of a figures mapping."""
    return (fill or {}).get(event_id)
