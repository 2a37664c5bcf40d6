"""The filtered directory as rows of the organisations import, so an export re-imports unchanged.

Visibility follows the directory: only organisations the reader may see, and their
identifiers, contacts and membership dates only where the reader may see them (the
organisation itself and the staff of its hubs).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from innohub.accounts.access import grants_for, hub_ids_staffed_by
from innohub.common.imports import iter_export_rows, spec_for
from innohub.directory.imports import PRIVATE_COLUMNS
from innohub.directory.models import (
    MembershipState,
    OrganisationKind,
    Person,
    Stage,
)
from innohub.directory.selectors import DirectoryFilters, organisation_list
from innohub.network.models import Hub

MEMBERSHIP_COLUMNS = frozenset({"state", "member_from", "member_until"})


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def organisation_export_rows(
    *, user: Any, filters: DirectoryFilters, hub: Hub | None
) -> Iterator[list[Any]]:
    """The header and one row per organisation the user may see, as the import reads them."""
    grants = grants_for(user)
    staffed = hub_ids_staffed_by(user)
    sees_some_private = grants.network_admin or bool(grants.staff_hubs or grants.organisations)
    omit = set() if sees_some_private else set(PRIVATE_COLUMNS)
    if hub is None:
        omit |= MEMBERSHIP_COLUMNS
    qs = (
        organisation_list(user=user, filters=filters)
        .select_related("sponsor")
        .prefetch_related(
            "sectors",
            "memberships",
            Prefetch(
                "people",
                queryset=Person.objects.filter(is_primary_contact=True).order_by("id"),
                to_attr="primary_contacts",
            ),
        )
    )

    def sees_private(org: Any, hub_ids: set[int]) -> bool:
        if grants.network_admin or org.pk in grants.organisations:
            return True
        return bool(staffed and hub_ids & staffed)

    def records() -> Iterator[dict[str, Any]]:
        for org in qs.iterator(chunk_size=1000):
            memberships = list(org.memberships.all())
            private = sees_private(org, {m.hub_id for m in memberships})
            record: dict[str, Any] = {
                "name_zh": org.name.get("zh-hans", ""),
                "name_en": org.name.get("en", ""),
                "name_he": org.name.get("he", ""),
                "kind": _label(OrganisationKind, org.kind),
                "country": org.get_country_display(),
                "sectors": "; ".join(str(s.name) for s in org.sectors.all()),
                "stage": _label(Stage, org.stage) if org.stage else "",
                "founded_year": org.founded_year,
                "headcount": org.headcount,
                "website": org.website,
                "address": str(org.address),
                "description": str(org.description),
                "sponsor": str(org.sponsor.name)
                if org.sponsor and (org.sponsor.is_public or private)
                else "",
                "is_public": str(_yes_no(org.is_public)),
            }
            membership = next((m for m in memberships if hub and m.hub_id == hub.pk), None)
            if membership is not None:
                record["state"] = _label(MembershipState, membership.state)
            if private:
                record |= {
                    "uscc": org.uscc or "",
                    "il_company_number": org.il_company_number or "",
                    "email": org.email,
                    "phone": org.phone,
                }
                if membership is not None:
                    record["member_from"] = membership.member_from
                    record["member_until"] = membership.member_until
                contact = org.primary_contacts[0] if org.primary_contacts else None
                if contact is not None:
                    record |= {
                        "contact_name": str(contact.name),
                        "contact_title": str(contact.title),
                        "contact_email": contact.email,
                        "contact_phone": contact.phone,
                        "contact_wechat": contact.wechat,
                    }
            yield record

    return iter_export_rows(spec_for("organisations"), records(), omit=omit)


def _yes_no(value: bool) -> Any:
    from django.utils.translation import gettext

    return gettext("yes") if value else gettext("no")
