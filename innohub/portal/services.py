"""Writes of the portal: news items, their publication and their photo galleries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innohub.common.i18n import localized, normalise_language
from innohub.common.images import photo_add, photo_delete
from innohub.network.models import Hub
from innohub.portal.models import NewsItem, NewsPhoto

MAX_PHOTOS_PER_ITEM = 30


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _apply(item: NewsItem, data: dict[str, Any]) -> None:
    allowed = {"title", "summary", "body", "original_language", "happened_on"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({name: _("You cannot change this field.") for name in unknown})
    for key, value in data.items():
        if key in {"title", "summary", "body"}:
            value = localized(value)
        elif key == "original_language":
            value = normalise_language(value)
        setattr(item, key, value)
    # The original must be there in full: it is what readers of a missing language are offered.
    language = item.original_language
    if not item.title.get(language):
        raise ValidationError(
            {"title": _("Write the title in the language the item is written in.")}
        )
    if item.body and not item.body.get(language):
        raise ValidationError({"body": _("Write the text in the language the item is written in.")})


@transaction.atomic
def news_create(*, hub: Hub, by: Any, publish_at: datetime | None = None, **data: Any) -> NewsItem:
    item = NewsItem(hub=hub, author=_user(by))
    _apply(item, data)
    item.published_at = publish_at
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def news_update(*, item: NewsItem, by: Any, **data: Any) -> NewsItem:
    _apply(item, data)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def news_publish(*, item: NewsItem, by: Any, at: datetime | None = None) -> NewsItem:
    """Publish now (or at a later moment); the item then appears on the hub's public pages."""
    item.published_at = at or timezone.now()
    item.save(update_fields=["published_at", "updated_at"])
    return item


@transaction.atomic
def news_unpublish(*, item: NewsItem, by: Any) -> NewsItem:
    item.published_at = None
    item.save(update_fields=["published_at", "updated_at"])
    return item


@transaction.atomic
def news_delete(*, item: NewsItem, by: Any) -> None:
    item.soft_delete()


@transaction.atomic
def news_photo_add(*, item: NewsItem, data: bytes, by: Any, caption: Any = None) -> NewsPhoto:
    photo = photo_add(
        NewsPhoto(news=item),
        data=data,
        caption=caption,
        siblings=item.photos.all(),
        limit=MAX_PHOTOS_PER_ITEM,
    )
    return photo  # type: ignore[return-value]


@transaction.atomic
def news_photo_delete(*, photo: NewsPhoto, by: Any) -> None:
    photo_delete(photo)
