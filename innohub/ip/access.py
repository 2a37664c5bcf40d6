"""Who may see and change IP assets, their deadlines, boards and feeds.

The public sees an asset once the office has published it (and its owners have not asked to
keep it private); an application in preparation or not yet published is seen only by its
owners' representatives and the IP officers (and staff) of the hub whose portfolio holds it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from innohub.accounts.access import (
    ALL_HUBS,
    grants_for,
    hub_ids_for_ip_officer,
    require,
    user_is_ip_officer,
    user_represents,
)
from innohub.ip.models import Asset, AssetStatus


def public_q(today: Any = None) -> Q:
    """Assets anyone may see: published, not kept private, no owner hidden from the public."""
    today = today or timezone.localdate()
    hidden_owner = Asset.owners.through.objects.filter(
        asset_id=OuterRef("pk"), organisation__is_public=False
    )
    return (
        Q(disclosed_on__lte=today, is_confidential=False)
        & ~Q(status=AssetStatus.IN_PREPARATION)
        & ~Q(Exists(hidden_owner))
    )


def visible_q(user: Any) -> Q:
    """The assets a user may see (a filter for querysets of Asset)."""
    grants = grants_for(user)
    if grants.network_admin:
        return Q()
    visible = public_q()
    officer_hubs = hub_ids_for_ip_officer(user)
    if officer_hubs:
        visible |= Q(hub_id__in=officer_hubs)
    if grants.organisations:
        owned = Asset.owners.through.objects.filter(
            asset_id=OuterRef("pk"), organisation_id__in=grants.organisations
        )
        visible |= Q(Exists(owned))
    return visible


def private_q(user: Any) -> Q:
    """Assets whose deadlines, notes and history the user may see (owners, IP officers)."""
    grants = grants_for(user)
    if grants.network_admin:
        return Q()
    private = Q(pk__in=[])
    officer_hubs = hub_ids_for_ip_officer(user)
    if officer_hubs:
        private |= Q(hub_id__in=officer_hubs)
    if grants.organisations:
        owned = Asset.owners.through.objects.filter(
            asset_id=OuterRef("pk"), organisation_id__in=grants.organisations
        )
        private |= Q(Exists(owned))
    return private


def owner_ids(asset: Asset) -> list[int]:
    cached = getattr(asset, "_owner_ids", None)
    if cached is None:
        cached = [owner.pk for owner in asset.owners.all()]
        asset._owner_ids = cached  # type: ignore[attr-defined]
    return cached


def user_owns(user: Any, asset: Asset) -> bool:
    """The user represents one of the asset's owners."""
    return any(user_represents(user, org_id) for org_id in owner_ids(asset))


def user_sees_private(user: Any, asset: Asset) -> bool:
    """Deadlines, notes, history and unpublished assets: owners and the hub's IP officers."""
    if user_is_ip_officer(user, asset.hub_id):
        return True
    return user_owns(user, asset)


def user_can_edit(user: Any, asset: Asset) -> bool:
    return user_sees_private(user, asset)


def asset_is_public(asset: Asset) -> bool:
    today = timezone.localdate()
    if asset.status == AssetStatus.IN_PREPARATION or asset.is_confidential:
        return False
    if asset.disclosed_on is None or asset.disclosed_on > today:
        return False
    return all(owner.is_public for owner in asset.owners.all())


def user_sees_asset(user: Any, asset: Asset) -> bool:
    """The rule of access_asset_for_user as a test, for lists other apps show (an offer's or a
    product's linked records); with the owners prefetched it needs no query."""
    if asset.is_deleted:
        return False
    return user_sees_private(user, asset) or asset_is_public(asset)


def access_asset_for_user(user: Any, asset: Asset | None) -> Asset:
    """The asset if the user may see it; 404 otherwise (its existence may be private)."""
    if asset is None or asset.is_deleted:
        raise Http404
    if user_sees_private(user, asset):
        return asset
    if asset_is_public(asset):
        return asset
    raise Http404


def access_asset_for_edit(user: Any, asset: Asset | None) -> Asset:
    asset = access_asset_for_user(user, asset)
    require(user_can_edit(user, asset))
    return asset


def officer_hub_ids(user: Any) -> frozenset[int] | None:
    """Hubs whose portfolio the user keeps (ALL_HUBS for a network admin)."""
    return hub_ids_for_ip_officer(user)


def user_is_officer_anywhere(user: Any) -> bool:
    hubs = hub_ids_for_ip_officer(user)
    return hubs is ALL_HUBS or bool(hubs)


def require_ip_officer(user: Any, hub_id: int | None) -> None:
    require(user_is_ip_officer(user, hub_id))


def user_may_delete_asset(user: Any, asset: Asset) -> bool:
    """Deleting (and restoring) an asset is for the IP officers of its hub."""
    return user_is_ip_officer(user, asset.hub_id)


def register_trash() -> None:
    from innohub.common import trash

    trash.register(Asset, may_delete=user_may_delete_asset)
