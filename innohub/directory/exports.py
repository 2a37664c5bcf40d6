"""The filtered directory as rows of the organisations import, so an export re-imports unchanged.

Visibility follows the directory: only organisations the reader may see, and their
identifiers, contacts and membership dates only where the reader may see them (the
organisation itself and the staff of its hubs).

A network's directory holds a hundred thousand organisations, so rows are read as plain values
a chunk at a time (the chunk's sectors, memberships and contacts in one query each) and every
label is looked up once per export.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.utils.translation import get_language, gettext

from innohub.accounts.access import grants_for, hub_ids_staffed_by
from innohub.common.imports import iter_export_rows, spec_for
from innohub.directory.imports import PRIVATE_COLUMNS
from innohub.directory.models import (
    Country,
    Membership,
    MembershipState,
    Organisation,
    OrganisationKind,
    Person,
    Sector,
    Stage,
)
from innohub.directory.selectors import DirectoryFilters, organisation_list
from innohub.network.models import Hub

MEMBERSHIP_COLUMNS = frozenset({"state", "member_from", "member_until"})
CHUNK = 2000
# An .xlsx file costs about half a millisecond per organisation to write (openpyxl, one core):
# 10,000 take some 7 seconds with their rows read. Longer lists are downloaded as .csv, which
# writes a hundred thousand in a few seconds.
XLSX_MAX_ROWS = 10_000
ORGANISATION_FIELDS = (
    "id",
    "name",
    "kind",
    "country",
    "stage",
    "founded_year",
    "headcount",
    "website",
    "address",
    "description",
    "is_public",
    "uscc",
    "il_company_number",
    "email",
    "phone",
    "sponsor__name",
    "sponsor__is_public",
)
CONTACT_FIELDS = ("organisation_id", "name", "title", "email", "phone", "wechat")


def _labels(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def _chunks(values: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


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
    language = get_language()
    kinds, countries = _labels(OrganisationKind), _labels(Country)
    stages, states = _labels(Stage), _labels(MembershipState)
    yes, no = gettext("yes"), gettext("no")
    organisations = (
        organisation_list(user=user, filters=filters)
        .values(*ORGANISATION_FIELDS)
        .iterator(chunk_size=CHUNK)
    )

    def sees_private(pk: int, hub_ids: set[int]) -> bool:
        if grants.network_admin or pk in grants.organisations:
            return True
        return bool(staffed and hub_ids & staffed)

    def records() -> Iterator[dict[str, Any]]:
        sector_names = {s.pk: s.name.in_language(language) for s in Sector.objects.all()}
        rank = {pk: position for position, pk in enumerate(sector_names)}
        for chunk in _chunks(organisations):
            ids = [org["id"] for org in chunk]
            sectors: dict[int, list[int]] = defaultdict(list)
            for org_id, sector_id in Organisation.sectors.through.objects.filter(
                organisation_id__in=ids
            ).values_list("organisation_id", "sector_id"):
                sectors[org_id].append(sector_id)
            memberships: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for membership in Membership.objects.filter(organisation_id__in=ids).values(
                "organisation_id", "hub_id", "state", "member_from", "member_until"
            ):
                memberships[membership["organisation_id"]].append(membership)
            contacts: dict[int, dict[str, Any]] = {}
            for contact in (
                Person.objects.filter(organisation_id__in=ids, is_primary_contact=True)
                .order_by("-id")  # the first contact of each organisation is written last
                .values(*CONTACT_FIELDS)
            ):
                contacts[contact["organisation_id"]] = contact
            for org in chunk:
                pk = org["id"]
                hub_ids = {m["hub_id"] for m in memberships[pk]}
                private = sees_private(pk, hub_ids)
                name = org["name"]
                record: dict[str, Any] = {
                    "name_zh": name.get("zh-hans", ""),
                    "name_en": name.get("en", ""),
                    "name_he": name.get("he", ""),
                    "kind": kinds.get(org["kind"], org["kind"]),
                    "country": countries.get(org["country"], org["country"]),
                    "sectors": "; ".join(
                        sector_names[s] for s in sorted(sectors[pk], key=rank.__getitem__)
                    ),
                    "stage": stages.get(org["stage"], org["stage"]),
                    "founded_year": org["founded_year"],
                    "headcount": org["headcount"],
                    "website": org["website"],
                    "address": org["address"].in_language(language),
                    "description": org["description"].in_language(language),
                    "sponsor": org["sponsor__name"].in_language(language)
                    if org["sponsor__name"] is not None and (org["sponsor__is_public"] or private)
                    else "",
                    "is_public": yes if org["is_public"] else no,
                }
                membership = next(
                    (m for m in memberships[pk] if hub and m["hub_id"] == hub.pk), None
                )
                if membership is not None:
                    record["state"] = states.get(membership["state"], membership["state"])
                if private:
                    record |= {
                        "uscc": org["uscc"] or "",
                        "il_company_number": org["il_company_number"] or "",
                        "email": org["email"],
                        "phone": org["phone"],
                    }
                    if membership is not None:
                        record["member_from"] = membership["member_from"]
                        record["member_until"] = membership["member_until"]
                    contact = contacts.get(pk)
                    if contact is not None:
                        record |= {
                            "contact_name": contact["name"].in_language(language),
                            "contact_title": contact["title"].in_language(language),
                            "contact_email": contact["email"],
                            "contact_phone": contact["phone"],
                            "contact_wechat": contact["wechat"],
                        }
                yield record

    return iter_export_rows(spec_for("organisations"), records(), omit=omit)
