"""Who may do what: the role predicates every view and API endpoint goes through.

Each predicate is one question about one user, written one condition a line. Apps build
their `access_<thing>_for_user` helpers on top of these and never read roles themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from innohub.accounts.models import RoleKind

ALL_HUBS = None  # returned by hub_ids_* for a network admin: no restriction


@dataclass(frozen=True)
class Grants:
    """Everything the roles of one user allow, read once per request."""

    authenticated: bool = False
    network_admin: bool = False
    staff_hubs: frozenset[int] = field(default_factory=frozenset)
    ip_officer_hubs: frozenset[int] = field(default_factory=frozenset)
    judge_hubs: frozenset[int] = field(default_factory=frozenset)
    member_organisations: frozenset[int] = field(default_factory=frozenset)
    investor_organisations: frozenset[int] = field(default_factory=frozenset)

    @property
    def organisations(self) -> frozenset[int]:
        return self.member_organisations | self.investor_organisations


ANONYMOUS = Grants()


def grants_for(user: Any) -> Grants:
    """The user's grants, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_innohub_grants", None)
    if cached is not None:
        return cached
    buckets: dict[str, set[int]] = {kind: set() for kind in RoleKind.values}
    network_admin = bool(user.is_superuser)
    for kind, hub_id, organisation_id in user.roles.values_list(
        "kind", "hub_id", "organisation_id"
    ):
        if kind == RoleKind.NETWORK_ADMIN:
            network_admin = True
        elif organisation_id is not None and kind in (RoleKind.MEMBER, RoleKind.INVESTOR):
            buckets[kind].add(organisation_id)
        elif hub_id is not None:
            buckets[kind].add(hub_id)
    grants = Grants(
        authenticated=True,
        network_admin=network_admin,
        staff_hubs=frozenset(buckets[RoleKind.HUB_STAFF]),
        ip_officer_hubs=frozenset(buckets[RoleKind.IP_OFFICER]),
        judge_hubs=frozenset(buckets[RoleKind.JUDGE]),
        member_organisations=frozenset(buckets[RoleKind.MEMBER]),
        investor_organisations=frozenset(buckets[RoleKind.INVESTOR]),
    )
    user._innohub_grants = grants
    return grants


def forget_grants(user: Any) -> None:
    """Drop the cached grants after roles change within the same request or test."""
    if hasattr(user, "_innohub_grants"):
        del user._innohub_grants


def user_is_network_admin(user: Any) -> bool:
    return grants_for(user).network_admin


def user_is_hub_staff(user: Any, hub_id: int | None) -> bool:
    grants = grants_for(user)
    if grants.network_admin:
        return True
    return hub_id is not None and hub_id in grants.staff_hubs


def user_is_ip_officer(user: Any, hub_id: int | None) -> bool:
    """IP officers keep a hub's IP portfolio; hub staff and network admins may too."""
    grants = grants_for(user)
    if user_is_hub_staff(user, hub_id):
        return True
    return hub_id is not None and hub_id in grants.ip_officer_hubs


def user_is_judge(user: Any, hub_id: int | None) -> bool:
    return hub_id is not None and hub_id in grants_for(user).judge_hubs


def user_is_staff_anywhere(user: Any) -> bool:
    grants = grants_for(user)
    return grants.network_admin or bool(grants.staff_hubs)


def user_represents(user: Any, organisation_id: int | None) -> bool:
    """True when the user acts for this organisation (as its member or investor representative)."""
    if organisation_id is None:
        return False
    return organisation_id in grants_for(user).organisations


def hub_ids_staffed_by(user: Any) -> frozenset[int] | None:
    """Hubs whose private data the user may see as staff; ALL_HUBS (None) for a network admin."""
    grants = grants_for(user)
    if grants.network_admin:
        return ALL_HUBS
    return grants.staff_hubs


def hub_ids_for_ip_officer(user: Any) -> frozenset[int] | None:
    grants = grants_for(user)
    if grants.network_admin:
        return ALL_HUBS
    return grants.staff_hubs | grants.ip_officer_hubs


def user_is_staff_of_any(user: Any, hub_ids: Iterable[int]) -> bool:
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        return True
    return any(hub_id in staffed for hub_id in hub_ids)


def require(condition: bool, message: str | None = None) -> None:
    """Raise PermissionDenied (HTTP 403 in pages and API alike) unless the condition holds."""
    if not condition:
        raise PermissionDenied(message or _("You do not have permission to do this."))
