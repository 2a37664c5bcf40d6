"""Reads of the portal: news lists by hub, one news item, the languages it lacks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from innohub.accounts.access import ALL_HUBS, hub_ids_staffed_by
from innohub.common.i18n import LocalizedText, normalise_language
from innohub.portal.models import NewsItem


def news_published(*, hub_slug: str = "") -> QuerySet[NewsItem]:
    """Published news of public hubs, newest first."""
    qs = NewsItem.objects.filter(
        published_at__isnull=False, published_at__lte=timezone.now(), hub__is_public=True
    )
    if hub_slug:
        qs = qs.filter(hub__slug=hub_slug)
    return qs.select_related("hub").order_by("-published_at", "-id")


def news_drafts_for_user(*, user: Any, hub_slug: str = "") -> QuerySet[NewsItem]:
    """Unpublished (or scheduled) items of the hubs the user staffs."""
    staffed = hub_ids_staffed_by(user)
    qs = NewsItem.objects.exclude(published_at__isnull=False, published_at__lte=timezone.now())
    if staffed is not ALL_HUBS:
        qs = qs.filter(hub_id__in=staffed or [])
    if hub_slug:
        qs = qs.filter(hub__slug=hub_slug)
    return qs.select_related("hub").order_by("-updated_at")


def news_page_related(items: list[NewsItem]) -> list[NewsItem]:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(items, "photos")
    return items


def news_get(pk: int) -> NewsItem | None:
    return NewsItem.objects.select_related("hub", "author").filter(pk=pk).first()


@dataclass
class Rendering:
    """A text as a reader in `language` gets it: in that language, or the original offered."""

    text: str
    language: str | None
    translated: bool  # False: the item lacks the reader's language; `text` is the original


def news_text(item: NewsItem, field_name: str, language: str | None) -> Rendering:
    """Never a placeholder: the reader's language if written, else the original language."""
    value: LocalizedText = getattr(item, field_name)
    wanted = normalise_language(language)
    if value.get(wanted):
        return Rendering(value[wanted], wanted, True)
    original = item.original_language
    if value.get(original):
        return Rendering(value[original], original, False)
    text, used = value.resolve(original)
    return Rendering(text, used, False)


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def news_cards(items: list[NewsItem]) -> list[dict[str, Any]]:
    """What a list shows of each item (photos prefetched): title and summary as read, a photo."""
    from django.utils.translation import get_language

    language = get_language()
    return [
        {
            "item": item,
            "title": news_text(item, "title", language),
            "summary": news_text(item, "summary", language),
            "photo": next(iter(item.photos.all()), None),
        }
        for item in items
    ]
