"""Menu entries that apps declare on their AppConfig (`nav_items`) and the base page shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

# Who sees an entry: everyone, signed-in users, staff of some hub, IP officers, network admins.
AUDIENCES = ("public", "authenticated", "staff", "ip_officer", "judge", "network_admin")


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    audience: str = "public"
    order: int = 50


def nav_items_for(user: Any) -> list[dict[str, Any]]:
    from innohub.accounts.access import grants_for

    grants = grants_for(user)
    allowed = {"public"}
    if grants.authenticated:
        allowed.add("authenticated")
    if grants.network_admin or grants.staff_hubs:
        allowed |= {"staff", "ip_officer"}
    if grants.ip_officer_hubs:
        allowed.add("ip_officer")
    if grants.judge_hubs:
        allowed.add("judge")
    if grants.network_admin:
        allowed.add("network_admin")
    items = []
    for config in apps.get_app_configs():
        for item in getattr(config, "nav_items", []):
            if item.audience not in allowed:
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append(
                {
                    "url": url,
                    "label": item.label,
                    "order": item.order,
                    "audience": item.audience,
                    "url_name": item.url_name,
                }
            )
    items.sort(key=lambda entry: entry["order"])
    return items
