"""Who may see, change and act on listings, suggestions and introductions.

A listing is seen by everyone (public), by signed-in users who hold a role in the network
(members), or only by its own organisation and the staff of its hub (private); a network
admin sees all. Parties to an introduction also see the listings it joins. Suggestions for a
listing are for the people who act on it: its organisation and its hub's staff.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from innohub.accounts.access import (
    grants_for,
    hub_ids_staffed_by,
    require,
    user_is_hub_staff,
    user_is_staff_anywhere,
    user_represents,
)
from innohub.directory.models import Organisation
from innohub.matching.models import Introduction, Listing, Visibility
from innohub.network.models import Hub


def user_has_network_role(user: Any) -> bool:
    """Signed in and holding some role: member, investor, staff, IP officer, judge or admin."""
    grants = grants_for(user)
    return grants.authenticated and bool(
        grants.network_admin
        or grants.staff_hubs
        or grants.ip_officer_hubs
        or grants.judge_hubs
        or grants.organisations
    )


def listing_visible_q(user: Any, prefix: str = "") -> Q:
    """Listings (or, with `prefix`, rows pointing at them) this user may see."""
    grants = grants_for(user)
    if grants.network_admin:
        return Q()
    visible = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    if user_has_network_role(user):
        visible |= Q(**{f"{prefix}visibility": Visibility.MEMBERS})
    staffed = hub_ids_staffed_by(user)
    if staffed:
        visible |= Q(**{f"{prefix}hub_id__in": staffed})
    if grants.organisations:
        visible |= Q(**{f"{prefix}organisation_id__in": grants.organisations})
        # Once introduced, each side sees the other's listing, private or not.
        pk = f"{prefix}pk" if prefix else "pk"
        visible |= Q(
            Exists(
                Introduction.objects.filter(
                    listing_id=OuterRef(pk),
                    counterpart__organisation_id__in=grants.organisations,
                )
            )
        ) | Q(
            Exists(
                Introduction.objects.filter(
                    counterpart_id=OuterRef(pk),
                    listing__organisation_id__in=grants.organisations,
                )
            )
        )
    return visible


def user_can_see_listing(user: Any, listing: Listing) -> bool:
    if listing.is_deleted:
        return False
    if listing.visibility == Visibility.PUBLIC:
        return True
    if user_acts_for_listing(user, listing):
        return True
    if listing.visibility == Visibility.MEMBERS and user_has_network_role(user):
        return True
    return Listing.objects.filter(listing_visible_q(user), pk=listing.pk).exists()


def user_acts_for_listing(user: Any, listing: Listing) -> bool:
    """Its organisation's representatives and its hub's staff: they edit it and see its matches."""
    if user_represents(user, listing.organisation_id):
        return True
    return user_is_hub_staff(user, listing.hub_id)


def access_listing_for_user(user: Any, listing: Listing | None) -> Listing:
    """The listing if the user may see it; 404 otherwise (a private listing's existence is
    private too)."""
    if listing is None or not user_can_see_listing(user, listing):
        raise Http404
    return listing


def access_listing_for_edit(user: Any, listing: Listing | None) -> Listing:
    listing = access_listing_for_user(user, listing)
    require(user_acts_for_listing(user, listing))
    return listing


def user_can_create_listing(user: Any, *, organisation: Organisation, hub: Hub) -> bool:
    """Staff post for anyone in their hub; representatives post for their organisation in one
    of its hubs (an organisation that belongs to none, e.g. an investor, in any public hub)."""
    if user_is_hub_staff(user, hub.pk):
        return True
    if not user_represents(user, organisation.pk):
        return False
    hub_ids = set(organisation.memberships.values_list("hub_id", flat=True))
    if hub_ids:
        return hub.pk in hub_ids
    return hub.is_public


def user_can_post_for(user: Any, organisation: Organisation) -> bool:
    """May add listings for this organisation: its representatives and its hubs' staff."""
    if not grants_for(user).authenticated:
        return False
    if user_represents(user, organisation.pk):
        return True
    hub_ids = organisation.memberships.values_list("hub_id", flat=True)
    return any(user_is_hub_staff(user, hub_id) for hub_id in hub_ids)


def user_can_post_anything(user: Any) -> bool:
    grants = grants_for(user)
    return bool(grants.organisations) or user_is_staff_anywhere(user)


def user_can_introduce(user: Any, listing: Listing, counterpart: Listing) -> bool:
    """Staff of either listing's hub who may see both listings."""
    if not (user_is_hub_staff(user, listing.hub_id) or user_is_hub_staff(user, counterpart.hub_id)):
        return False
    return user_can_see_listing(user, listing) and user_can_see_listing(user, counterpart)


def introduction_visible_q(user: Any) -> Q:
    """Introductions of the hubs the user staffs and those involving the user's organisations."""
    grants = grants_for(user)
    if grants.network_admin:
        return Q()
    if not grants.authenticated:
        return Q(pk__in=[])
    visible = Q(pk__in=[])
    staffed = hub_ids_staffed_by(user)
    if staffed:
        visible |= Q(hub_id__in=staffed)
    if grants.organisations:
        visible |= Q(listing__organisation_id__in=grants.organisations) | Q(
            counterpart__organisation_id__in=grants.organisations
        )
    return visible


def access_introduction_for_user(user: Any, introduction: Introduction | None) -> Introduction:
    if introduction is None:
        raise Http404
    if not Introduction.objects.filter(introduction_visible_q(user), pk=introduction.pk).exists():
        raise Http404
    return introduction


def user_can_update_introduction(user: Any, introduction: Introduction) -> bool:
    return user_is_hub_staff(user, introduction.hub_id)
