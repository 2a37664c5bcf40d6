"""API shapes of the portal."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.urls import reverse
from ninja import Field, Schema
from pydantic import field_validator

from innohub.directory.schemas import _check_i18n

I18nText = dict[str, str]


class NewsPhotoOut(Schema):
    id: int
    url: str
    thumbnail_url: str
    width: int
    height: int
    caption: I18nText

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return reverse("portal:news_photo", args=[obj.pk, "full"])

    @staticmethod
    def resolve_thumbnail_url(obj: Any) -> str:
        return reverse("portal:news_photo", args=[obj.pk, "thumb"])


class NewsOut(Schema):
    id: int
    hub: str
    title: I18nText
    summary: I18nText
    body: I18nText
    original_language: str
    missing_languages: list[str]
    happened_on: date | None
    published_at: datetime | None
    url: str
    photos: list[NewsPhotoOut]

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_missing_languages(obj: Any) -> list[str]:
        return obj.missing_languages()

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_photos(obj: Any) -> list[Any]:
        return list(obj.photos.all())


class NewsPatchIn(Schema):
    title: I18nText | None = None
    summary: I18nText | None = None
    body: I18nText | None = None
    original_language: str | None = None
    happened_on: date | None = None

    _i18n = field_validator("title", "summary", "body")(_check_i18n)


class NewsIn(NewsPatchIn):
    hub: str
    title: I18nText
    original_language: str = Field(default="en")
