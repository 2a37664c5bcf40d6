"""Who may see and publish a hub's news."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from innohub.accounts.access import require, user_is_hub_staff
from innohub.portal.models import NewsItem


def user_can_publish_news(user: Any, hub_id: int | None) -> bool:
    return user_is_hub_staff(user, hub_id)


def news_is_public(item: NewsItem) -> bool:
    return item.is_published and not item.is_deleted and item.hub.is_public


def access_news_for_user(user: Any, item: NewsItem | None) -> NewsItem:
    """Published news of public hubs for everyone; drafts only for the hub's staff (else 404)."""
    if item is None or item.is_deleted:
        raise Http404
    if news_is_public(item):
        return item
    if user_can_publish_news(user, item.hub_id):
        return item
    raise Http404


def access_news_for_edit(user: Any, item: NewsItem | None) -> NewsItem:
    item = access_news_for_user(user, item)
    require(user_can_publish_news(user, item.hub_id))
    return item
