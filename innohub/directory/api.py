"""Directory API: the same selectors, services and access rules as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from innohub.accounts.access import require, user_is_hub_staff
from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.common.pagination import Pagination
from innohub.directory import access, selectors, services
from innohub.directory.models import Membership, Organisation, Sector
from innohub.directory.schemas import (
    MembershipOut,
    OrganisationCreateIn,
    OrganisationListOut,
    OrganisationOut,
    OrganisationPatchIn,
    SectorOut,
    TransitionIn,
)
from innohub.network.models import Hub

router = Router(tags=["directory"])


@router.get("/sectors", response=list[SectorOut], auth=AUTH_OPTIONAL)
def sector_list(request: HttpRequest) -> Any:
    return selectors.sector_list()


@router.get("/organisations", response=list[OrganisationListOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def organisation_list(
    request: HttpRequest,
    hub: str = "",
    country: str = "",
    sector: str = "",
    kind: str = "",
    status: str = "",
    q: str = "",
) -> Any:
    filters = selectors.DirectoryFilters(
        hub=hub, country=country, sector=sector, kind=kind, status=status, q=q[:200]
    )
    qs = selectors.organisation_list(user=api_user(request), filters=filters)
    return selectors.organisation_list_page_related(qs)


def _detail(user: Any, organisation: Organisation) -> Organisation:
    organisation.show_private = access.user_sees_private(user, organisation)  # type: ignore[attr-defined]
    return organisation


def _load(slug: str) -> Organisation:
    organisation = selectors.organisation_get(slug=slug)
    if organisation is None:
        raise Http404
    return (
        selectors.organisation_list_page_related(Organisation.objects.filter(pk=organisation.pk))
        .select_related("sponsor")
        .get()
    )


@router.get("/organisations/{slug}", response=OrganisationOut, auth=AUTH_OPTIONAL)
def organisation_detail(request: HttpRequest, slug: str) -> Any:
    user = api_user(request)
    organisation = access.access_organisation_for_user(user, _load(slug))
    return _detail(user, organisation)


def _resolve_refs(data: dict[str, Any]) -> dict[str, Any]:
    if "sectors" in data and data["sectors"] is not None:
        found = list(Sector.objects.filter(slug__in=data["sectors"]))
        missing = set(data["sectors"]) - {s.slug for s in found}
        if missing:
            raise ValidationError(
                {"sectors": _("Unknown sector: %(names)s") % {"names": ", ".join(sorted(missing))}}
            )
        data["sectors"] = found
    if "sponsor" in data:
        slug = data["sponsor"]
        data["sponsor"] = Organisation.objects.filter(slug=slug).first() if slug else None
        if slug and data["sponsor"] is None:
            raise ValidationError({"sponsor": _("Unknown organisation.")})
    return data


@router.post("/organisations", response={201: OrganisationOut})
def organisation_create(request: HttpRequest, payload: OrganisationCreateIn) -> Any:
    user = api_user(request)
    data = payload.dict(exclude_unset=True)
    hub = Hub.objects.filter(slug=data.pop("hub")).first()
    require(hub is not None and user_is_hub_staff(user, hub.pk))
    state = data.pop("state", "admitted")
    since = data.pop("since", None)
    organisation = services.organisation_create(
        by=user, hub=hub, state=state, on=since, **_resolve_refs(data)
    )
    return Status(201, _detail(user, _load(organisation.slug)))


@router.patch("/organisations/{slug}", response=OrganisationOut)
def organisation_update(request: HttpRequest, slug: str, payload: OrganisationPatchIn) -> Any:
    user = api_user(request)
    organisation = access.access_organisation_for_edit(user, selectors.organisation_get(slug=slug))
    services.organisation_update(
        organisation=organisation,
        by=user,
        as_staff=access.user_is_staff_for_organisation(user, organisation),
        **_resolve_refs(payload.dict(exclude_unset=True)),
    )
    return _detail(user, _load(slug))


@router.post("/memberships/{membership_id}/transition", response=MembershipOut)
def membership_transition(request: HttpRequest, membership_id: int, payload: TransitionIn) -> Any:
    user = api_user(request)
    membership = get_object_or_404(Membership.objects.select_related("hub"), pk=membership_id)
    require(user_is_hub_staff(user, membership.hub_id))
    return services.membership_transition(
        membership=membership, to_state=payload.state, on=payload.on, by=user, note=payload.note
    )
