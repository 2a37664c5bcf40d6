"""API of the public portal: news items by hub and their photo galleries (same rules as pages)."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from innohub.accounts.access import require
from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.common.pagination import Pagination
from innohub.common.params import Key
from innohub.network.models import Hub
from innohub.portal import access, selectors, services
from innohub.portal.models import NewsItem, NewsPhoto
from innohub.portal.schemas import NewsIn, NewsOut, NewsPatchIn, NewsPhotoOut

router = Router(tags=["portal"])


def _item(pk: int) -> NewsItem | None:
    return NewsItem.objects.select_related("hub").prefetch_related("photos").filter(pk=pk).first()


@router.get("/news", response=list[NewsOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def news_list(request: HttpRequest, hub: Key = "") -> Any:
    """Published news of public hubs, newest first; `hub` narrows to one hub."""
    return selectors.news_published(hub_slug=hub).prefetch_related("photos")


@router.get("/news/{news_id}", response=NewsOut, auth=AUTH_OPTIONAL)
def news_detail(request: HttpRequest, news_id: int) -> Any:
    return access.access_news_for_user(api_user(request), _item(news_id))


@router.post("/news", response={201: NewsOut})
def news_create(request: HttpRequest, payload: NewsIn) -> Any:
    """A draft news item of a hub you staff; publish it with /publish."""
    user = api_user(request)
    data = payload.dict(exclude_unset=True)
    hub = Hub.objects.filter(slug=data.pop("hub")).first()
    if hub is None:
        raise ValidationError({"hub": _("Unknown hub.")})
    require(access.user_can_publish_news(user, hub.pk))
    item = services.news_create(hub=hub, by=user, **data)
    return Status(201, _item(item.pk))


@router.patch("/news/{news_id}", response=NewsOut)
def news_update(request: HttpRequest, news_id: int, payload: NewsPatchIn) -> Any:
    user = api_user(request)
    item = access.access_news_for_edit(user, _item(news_id))
    services.news_update(item=item, by=user, **payload.dict(exclude_unset=True))
    return _item(news_id)


@router.post("/news/{news_id}/publish", response=NewsOut)
def news_publish(request: HttpRequest, news_id: int, at: datetime | None = None) -> Any:
    """Publish now, or at a later moment (`?at=2025-01-01T09:00:00+08:00`)."""
    user = api_user(request)
    item = access.access_news_for_edit(user, _item(news_id))
    services.news_publish(item=item, by=user, at=at)
    return _item(news_id)


@router.post("/news/{news_id}/unpublish", response=NewsOut)
def news_unpublish(request: HttpRequest, news_id: int) -> Any:
    user = api_user(request)
    item = access.access_news_for_edit(user, _item(news_id))
    services.news_unpublish(item=item, by=user)
    return _item(news_id)


@router.delete("/news/{news_id}", response={204: None})
def news_delete(request: HttpRequest, news_id: int) -> Any:
    user = api_user(request)
    item = access.access_news_for_edit(user, _item(news_id))
    services.news_delete(item=item, by=user)
    return Status(204, None)


@router.post("/news/{news_id}/photos", response={201: NewsPhotoOut})
def news_photo_add(
    request: HttpRequest,
    news_id: int,
    file: File[UploadedFile],
    caption_zh: Form[str] = "",
    caption_en: Form[str] = "",
    caption_he: Form[str] = "",
) -> Any:
    """Add a JPEG, PNG or WebP photo (at most 5 MB) to the item's gallery."""
    user = api_user(request)
    item = access.access_news_for_edit(user, _item(news_id))
    caption = {"zh-hans": caption_zh, "en": caption_en, "he": caption_he}
    photo = services.news_photo_add(item=item, data=file.read(), caption=caption, by=user)
    return Status(201, photo)


@router.delete("/news/photos/{photo_id}", response={204: None})
def news_photo_delete(request: HttpRequest, photo_id: int) -> Any:
    user = api_user(request)
    photo = get_object_or_404(NewsPhoto.objects.select_related("news__hub"), pk=photo_id)
    if photo.news.is_deleted:
        raise Http404
    access.access_news_for_edit(user, photo.news)
    services.news_photo_delete(photo=photo, by=user)
    return Status(204, None)
