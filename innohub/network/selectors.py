"""Reads about hubs and networks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from innohub.accounts.access import hub_ids_staffed_by, user_is_network_admin
from innohub.common.i18n import LocalizedText
from innohub.directory.models import MEMBER_STATES
from innohub.network.models import Hub, Network

SESSION_KEY = "innohub_hub"


def hub_list_public() -> QuerySet[Hub]:
    return Hub.objects.filter(is_public=True).select_related("network")


def hub_list_for_user(user: Any) -> QuerySet[Hub]:
    """Public hubs, plus non-public ones the user staffs (all hubs for a network admin)."""
    if user_is_network_admin(user):
        return Hub.objects.select_related("network")
    staffed = hub_ids_staffed_by(user) or frozenset()
    return Hub.objects.filter(Q(is_public=True) | Q(pk__in=staffed)).select_related("network")


@dataclass(frozen=True)
class HubChoice:
    """A hub as the switcher and the filters of list pages name it."""

    pk: int
    slug: str
    name: LocalizedText
    short_name: LocalizedText
    is_public: bool

    def __str__(self) -> str:
        return str(self.name)


_choices: dict[tuple[object, ...], list[HubChoice]] = {}


def hubs_version() -> tuple[object, ...]:
    """Hubs as the switcher and filters name them change only when this does: one added,
    removed, hidden or edited (each edit moves its `updated_at`)."""
    found = Hub.objects.order_by().aggregate(
        count=Count("id"), ids=Sum("id"), changed=Max("updated_at")
    )
    return tuple(found.values())


def hub_choices(request: HttpRequest) -> tuple[tuple[object, ...], list[HubChoice]]:
    """Every hub, in the hubs' order, and the version it was read at.

    A national network has 500 hubs, named on every page (switcher) and in most filters:
    building them as models cost 40 ms a page. They are read once per version and kept in the
    worker; the version is read once per request (the menu and a filter share it), so an edit
    shows on the next page.
    """
    kept = getattr(request, "_innohub_hub_choices", None)
    if kept is not None:
        return kept
    version = hubs_version()
    found = _choices.get(version)
    if found is None:
        _choices.clear()
        rows = Hub.objects.values_list("pk", "slug", "name", "short_name", "is_public")
        found = _choices[version] = [HubChoice(*row) for row in rows]
    request._innohub_hub_choices = (version, found)  # type: ignore[attr-defined]
    return version, found


def forget_hub_choices() -> None:
    _choices.clear()


def hub_choices_public(request: HttpRequest) -> list[HubChoice]:
    return [hub for hub in hub_choices(request)[1] if hub.is_public]


def hub_choices_for(request: HttpRequest) -> list[HubChoice]:
    """The hubs `hub_list_for_user` lists for the visitor, as choices."""
    user = request.user
    _version, hubs = hub_choices(request)
    if user_is_network_admin(user):
        return list(hubs)
    staffed = hub_ids_staffed_by(user) or frozenset()
    return [hub for hub in hubs if hub.is_public or hub.pk in staffed]


def hub_get_visible(*, user: Any, slug: str) -> Hub | None:
    return hub_list_for_user(user).filter(slug=slug).first()


def current_hub(request: HttpRequest) -> Hub | None:
    """The hub the visitor is looking at: chosen in the switcher, else the first they staff."""
    cached = getattr(request, "_innohub_current_hub", False)
    if cached is not False:
        return cached
    hubs = hub_list_for_user(request.user)
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    hub = hubs.filter(slug=chosen).first() if chosen else None
    if hub is None:
        staffed = hub_ids_staffed_by(request.user)
        if staffed:
            hub = hubs.filter(pk__in=staffed).first()
    if hub is None:
        hub = hubs.order_by("opened_on", "pk").first()
    request._innohub_current_hub = hub  # type: ignore[attr-defined]
    return hub


def hub_list_with_members(user: Any, on: date) -> QuerySet[Hub]:
    """`hub_list_for_user`, each hub with `members`: its members (admitted or resident) on a day,
    counted for the hubs of the page asked for only."""
    from innohub.directory.models import Membership, members_on_q

    members = (
        Membership.objects.filter(
            members_on_q(on), hub_id=OuterRef("pk"), organisation__deleted_at__isnull=True
        )
        .order_by()
        .values("hub_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return hub_list_for_user(user).annotate(members=Coalesce(Subquery(members), 0))


def hub_current_member_count(hub: Hub) -> int:
    return hub.memberships.filter(
        state__in=MEMBER_STATES, organisation__deleted_at__isnull=True
    ).count()


def network_list() -> QuerySet[Network]:
    return Network.objects.prefetch_related("hubs")
