"""Subscribable feeds (iCalendar) rendered once per version of what they hold.

Calendar clients poll a feed every few minutes to every hour, and rendering hundreds of entries
costs far more than asking the database whether any of them changed. A feed names its version
(the count and latest change of its rows, its language, the day…); the body is rendered when
that version is first asked for and served from the shared cache after, so it is never staler
than its rows. The version is also the feed's ETag: a client that has it gets 304 Not Modified.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response

FEED_CACHE_SECONDS = 24 * 3600


def version_part(value: object) -> str:
    """A version part as text: a datetime by its exact instant, anything else as it prints."""
    if isinstance(value, datetime):
        return f"{value.timestamp():.6f}"
    return "" if value is None else str(value)


def feed_response(
    request: HttpRequest,
    *,
    version: Iterable[object],
    render: Callable[[], bytes],
    filename: str,
    cache_control: str,
) -> HttpResponse:
    """The feed whose content is fully determined by `version`, rendered at most once per
    version (shared by every app server through the cache), with its ETag."""
    digest = hashlib.sha256("\x1f".join(map(version_part, version)).encode()).hexdigest()[:40]
    etag = f'"{digest}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["Cache-Control"] = cache_control
        return not_modified
    key = f"feed:{digest}"
    body = cache.get(key)
    if not isinstance(body, bytes):
        body = render()
        cache.set(key, body, FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = cache_control
    response["ETag"] = etag
    return response
