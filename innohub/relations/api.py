"""Relations API: agreements, visits, delegations, the due list and timelines.

The same selectors, services and access rules as the pages: a draft agreement is a 404 for
anyone but hub staff and the parties, writes need the recording hub's staff.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from innohub.accounts.access import require, user_is_hub_staff, user_is_staff_anywhere
from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.accounts.models import User
from innohub.common.pagination import Pagination
from innohub.common.params import Key, SearchText
from innohub.directory import access as directory_access
from innohub.directory.models import Organisation, Person, Sector
from innohub.directory.selectors import organisation_get, organisation_visible_q
from innohub.events.access import user_sees_event
from innohub.events.models import Event
from innohub.network.models import Hub
from innohub.network.selectors import hub_get_visible, hub_list_for_user
from innohub.relations import access, selectors, services
from innohub.relations.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    DelegationMember,
    FollowUp,
    Milestone,
    Signatory,
    Visit,
    VisitStop,
)
from innohub.relations.schemas import (
    AgreementCreateIn,
    AgreementListOut,
    AgreementOut,
    AgreementPatchIn,
    DelegationOut,
    DelegationPatchIn,
    DocumentOut,
    DueOut,
    FollowUpIn,
    FollowUpOut,
    FollowUpPatchIn,
    MemberIn,
    MemberOut,
    MilestoneIn,
    MilestoneOut,
    MilestonePatchIn,
    PartyIn,
    SignatoryIn,
    SignatoryOut,
    StopIn,
    StopOut,
    StopPatchIn,
    TimelineEntryOut,
    VisitCreateIn,
    VisitListOut,
    VisitOut,
    VisitPatchIn,
)
from innohub.relations.timeline import timeline_for
from innohub.relations.views import document_response

router = Router(tags=["relations"])


def _today() -> date:
    return timezone.localdate()


def _param(value: str, limit: int = 200) -> str:
    """A query parameter as the database may see it: bounded, without NUL characters."""
    return value.replace("\x00", "")[:limit]


def _year(value: int | None) -> int | None:
    if value is not None and not 1900 <= value <= 2200:
        raise ValidationError({"year": _("Enter a year between 1900 and 2200.")})
    return value


# ------------------------------------------------------------------ resolving references


def _organisation(user: Any, slug: str | None, field: str) -> Organisation | None:
    if not slug:
        return None
    found = Organisation.objects.filter(organisation_visible_q(user), slug=slug).first()
    if found is None:
        raise ValidationError({field: _("Unknown organisation.")})
    return found


def _hub(user: Any, slug: str | None, field: str) -> Hub | None:
    if not slug:
        return None
    found = hub_list_for_user(user).filter(slug=slug).first()
    if found is None:
        raise ValidationError({field: _("Unknown hub.")})
    return found


def _parties(user: Any, rows: list[PartyIn]) -> list[services.PartyInput]:
    parties = []
    for row in rows:
        parties.append(
            services.PartyInput(
                organisation=_organisation(user, row.organisation, "parties"),
                hub=_hub(user, row.hub, "parties"),
                name=row.name,
                role=row.role,
            )
        )
    return parties


def _sectors(slugs: list[str]) -> list[Sector]:
    found = list(Sector.objects.filter(slug__in=slugs))
    missing = set(slugs) - {s.slug for s in found}
    if missing:
        raise ValidationError(
            {"sectors": _("Unknown sector: %(names)s") % {"names": ", ".join(sorted(missing))}}
        )
    return found


def _event_for_agreement(user: Any, slug: str | None) -> Event | None:
    if not slug:
        return None
    event = Event.objects.filter(slug=slug).first()
    if event is None or not user_sees_event(user, event):
        raise ValidationError({"event": _("Unknown event.")})
    return event


def _visit_for_agreement(user: Any, pk: int | None) -> Visit | None:
    if pk is None:
        return None
    visit = Visit.objects.filter(pk=pk).select_related("delegation").first()
    if visit is None or visit.is_deleted or not access.user_sees_visit(user, visit):
        raise ValidationError({"visit": _("Unknown visit.")})
    return visit


def _people(user: Any, ids: list[int]) -> list[Person]:
    people = selectors.people_resolve(user=user, keys=[f"person:{pk}" for pk in ids])
    if len(people) != len(set(ids)):
        raise ValidationError({"people": _("Unknown person.")})
    return people


# ------------------------------------------------------------------ agreement output


def _party_out(party: AgreementParty) -> dict[str, Any]:
    listed = getattr(party, "is_listed", True)
    if party.organisation_id:
        kind = "organisation"
    elif party.hub_id:
        kind = "hub"
    else:
        kind = "other"
    return {
        "id": party.pk,
        "kind": kind,
        "organisation": party.organisation.slug if party.organisation_id and listed else None,
        "hub": party.hub.slug if party.hub_id and listed else None,
        "name": dict(party.display_name) if listed else {},
        "role": dict(party.role),
        "listed": listed,
    }


def _document_out(document: AgreementDocument) -> dict[str, Any]:
    return {
        "id": document.pk,
        "title": document.title,
        "original_name": document.original_name,
        "content_type": document.content_type,
        "size": document.size,
        "sha256": document.sha256,
        "is_public": document.is_public,
        "created_at": document.created_at,
        "url": f"/api/v1/relations/documents/{document.pk}/file",
    }


def _agreement_list_out(agreement: Agreement, user: Any = None) -> dict[str, Any]:
    return {
        "id": agreement.pk,
        "hub": agreement.hub.slug,
        "kind": agreement.kind,
        "status": agreement.status,
        "title": dict(agreement.title),
        "signed_on": agreement.signed_on,
        "signed_precision": agreement.signed_precision,
        "signed_note": dict(agreement.signed_note),
        "signing_place": dict(agreement.signing_place),
        "visit": agreement.visit_id,
        "event": agreement.event.slug
        if agreement.event_id and user_sees_event(user, agreement.event)
        else None,
        "sectors": [s.slug for s in agreement.sectors.all()],
        "parties": [_party_out(p) for p in agreement.parties.all()],
        "is_confidential": agreement.is_confidential,
        "is_generated": agreement.is_generated,
    }


def _agreement_out(user: Any, pk: int) -> dict[str, Any]:
    agreement = access.access_agreement_for_user(user, selectors.agreement_get(pk=pk))
    selectors.mark_listed_parties(user=user, agreements=[agreement])
    private = access.user_sees_agreement_private(user, agreement)
    data = _agreement_list_out(agreement, user)
    data.update(
        subject=dict(agreement.subject),
        reference=agreement.reference if private else None,
        effective_from=agreement.effective_from,
        expires_on=agreement.expires_on,
        ended_on=agreement.ended_on,
        amount=agreement.amount,
        currency=agreement.currency,
        signatories=[
            {
                "id": s.pk,
                "party": s.party_id,
                "person": s.person_id if private or s.person.is_public else None,
                "name": dict(s.person.name) if private or s.person.is_public else {},
                "title": dict(s.title),
            }
            for s in agreement.signatories.all()
        ],
        milestones=list(agreement.milestones.all()) if private else None,
        documents=[_document_out(d) for d in agreement.documents.all() if private or d.is_public],
    )
    return data


@router.get("/agreements", response=list[AgreementListOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def agreement_list(
    request: HttpRequest,
    hub: Key = "",
    organisation: Key = "",
    status: Key = "",
    kind: Key = "",
    sector: Key = "",
    year: int | None = None,
    q: SearchText = "",
) -> Any:
    user = api_user(request)
    filters = selectors.AgreementFilters(
        hub=_param(hub),
        organisation=_param(organisation),
        status=_param(status),
        kind=_param(kind),
        sector=_param(sector),
        year=_year(year),
        q=_param(q),
    )
    return _ShapedRows(
        selectors.agreement_list(user=user, filters=filters),
        lambda agreement: _agreement_list_out(agreement, user),
        lambda rows: selectors.mark_listed_parties(user=user, agreements=rows),
    )


class _ShapedRows:
    """A queryset the pagination slices first; only the rows of the page are then shaped."""

    def __init__(self, qs: Any, shape: Any, prepare: Any = None) -> None:
        self.qs, self.shape, self.prepare = qs, shape, prepare

    def __len__(self) -> int:
        return self.qs.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        rows = list(self.qs[item])
        if self.prepare is not None:
            self.prepare(rows)
        return [self.shape(row) for row in rows]


@router.get("/agreements/{agreement_id}", response=AgreementOut, auth=AUTH_OPTIONAL)
def agreement_detail(request: HttpRequest, agreement_id: int) -> Any:
    return _agreement_out(api_user(request), agreement_id)


def _agreement_data(user: Any, payload: dict[str, Any]) -> dict[str, Any]:
    data = dict(payload)
    if "parties" in data:
        data["parties"] = (
            _parties(user, [PartyIn(**p) for p in data["parties"]])
            if data["parties"] is not None
            else None
        )
    if "sectors" in data:
        data["sectors"] = _sectors(data["sectors"]) if data["sectors"] is not None else None
    if "visit" in data:
        data["visit"] = _visit_for_agreement(user, data["visit"])
    if "event" in data:
        data["event"] = _event_for_agreement(user, data["event"])
    for key in ("title", "subject", "signed_note", "signing_place"):
        if key in data and data[key] is None:
            data[key] = {}
    return data


@router.post("/agreements", response={201: AgreementOut})
def agreement_create(request: HttpRequest, payload: AgreementCreateIn) -> Any:
    user = api_user(request)
    data = _agreement_data(user, payload.dict(exclude_unset=True))
    hub = Hub.objects.filter(slug=data.pop("hub")).first()
    require(hub is not None and user_is_hub_staff(user, hub.pk))
    data.setdefault("kind", payload.kind)
    data.setdefault("status", payload.status)
    agreement = services.agreement_create(
        by=user,
        hub=hub,
        parties=data.pop("parties"),
        sectors=data.pop("sectors", None) or [],
        **data,
    )
    return Status(201, _agreement_out(user, agreement.pk))


@router.patch("/agreements/{agreement_id}", response=AgreementOut)
def agreement_update(request: HttpRequest, agreement_id: int, payload: AgreementPatchIn) -> Any:
    user = api_user(request)
    agreement = access.access_agreement_for_edit(user, selectors.agreement_get(pk=agreement_id))
    data = _agreement_data(user, payload.dict(exclude_unset=True))
    services.agreement_update(
        agreement=agreement,
        by=user,
        parties=data.pop("parties", None),
        sectors=data.pop("sectors", None),
        **data,
    )
    return _agreement_out(user, agreement_id)


@router.delete("/agreements/{agreement_id}", response={204: None})
def agreement_delete(request: HttpRequest, agreement_id: int) -> Any:
    user = api_user(request)
    agreement = access.access_agreement_for_edit(user, selectors.agreement_get(pk=agreement_id))
    services.agreement_delete(agreement=agreement, by=user)
    return Status(204, None)


@router.post("/agreements/{agreement_id}/signatories", response={201: SignatoryOut})
def signatory_add(request: HttpRequest, agreement_id: int, payload: SignatoryIn) -> Any:
    user = api_user(request)
    agreement = access.access_agreement_for_edit(user, selectors.agreement_get(pk=agreement_id))
    party = agreement.parties.filter(pk=payload.party).first()
    if party is None:
        raise ValidationError({"party": _("This party is not a party to the agreement.")})
    person = _people(user, [payload.person])[0] if payload.person else None
    signatory = services.signatory_add(
        agreement=agreement,
        by=user,
        party=party,
        person=person,
        new_person_name=payload.new_person_name,
        title=payload.title,
    )
    return Status(
        201,
        {
            "id": signatory.pk,
            "party": party.pk,
            "person": signatory.person_id,
            "name": dict(signatory.person.name),
            "title": dict(signatory.title),
        },
    )


@router.delete("/signatories/{signatory_id}", response={204: None})
def signatory_remove(request: HttpRequest, signatory_id: int) -> Any:
    user = api_user(request)
    signatory = get_object_or_404(Signatory, pk=signatory_id)
    access.access_agreement_for_edit(user, selectors.agreement_get(pk=signatory.agreement_id))
    services.signatory_remove(signatory=signatory, by=user)
    return Status(204, None)


@router.post("/agreements/{agreement_id}/milestones", response={201: MilestoneOut})
def milestone_add(request: HttpRequest, agreement_id: int, payload: MilestoneIn) -> Any:
    user = api_user(request)
    agreement = access.access_agreement_for_edit(user, selectors.agreement_get(pk=agreement_id))
    data = payload.dict()
    data["notes"] = data["notes"] or {}
    return Status(201, services.milestone_add(agreement=agreement, by=user, **data))


@router.patch("/milestones/{milestone_id}", response=MilestoneOut)
def milestone_update(request: HttpRequest, milestone_id: int, payload: MilestonePatchIn) -> Any:
    """Parties may tick a milestone off; changing what it says is for the hub's staff."""
    user = api_user(request)
    milestone = get_object_or_404(Milestone, pk=milestone_id)
    agreement = access.access_agreement_milestones(
        user, selectors.agreement_get(pk=milestone.agreement_id)
    )
    data = payload.dict(exclude_unset=True)
    done = data.pop("done", None)
    done_on = data.pop("done_on", None)
    if data:
        require(access.user_is_agreement_staff(user, agreement))
        if "notes" in data and data["notes"] is None:
            data["notes"] = {}
        milestone = services.milestone_update(milestone=milestone, by=user, **data)
    if done is not None:
        milestone = services.milestone_set_done(
            milestone=milestone, by=user, done=done, on=done_on or _today()
        )
    return milestone


@router.delete("/milestones/{milestone_id}", response={204: None})
def milestone_remove(request: HttpRequest, milestone_id: int) -> Any:
    user = api_user(request)
    milestone = get_object_or_404(Milestone, pk=milestone_id)
    access.access_agreement_for_edit(user, selectors.agreement_get(pk=milestone.agreement_id))
    services.milestone_remove(milestone=milestone, by=user)
    return Status(204, None)


@router.get("/agreements/{agreement_id}/documents", response=list[DocumentOut], auth=AUTH_OPTIONAL)
def document_list(request: HttpRequest, agreement_id: int) -> Any:
    user = api_user(request)
    agreement = access.access_agreement_for_user(user, selectors.agreement_get(pk=agreement_id))
    private = access.user_sees_agreement_private(user, agreement)
    return [_document_out(d) for d in agreement.documents.all() if private or d.is_public]


@router.post("/agreements/{agreement_id}/documents", response={201: DocumentOut})
def document_upload(
    request: HttpRequest,
    agreement_id: int,
    file: File[UploadedFile],
    title: Form[str] = "",
    is_public: Form[bool] = False,
) -> Any:
    user = api_user(request)
    agreement = access.access_agreement_for_edit(user, selectors.agreement_get(pk=agreement_id))
    document = services.document_attach(
        agreement=agreement, by=user, upload=file, title=_param(title), is_public=is_public
    )
    return Status(201, _document_out(document))


@router.get("/documents/{document_id}/file", auth=AUTH_OPTIONAL)
def document_file(request: HttpRequest, document_id: int) -> Any:
    """The file itself, after the same permission check as the agreement."""
    return document_response(api_user(request), document_id)


@router.delete("/documents/{document_id}", response={204: None})
def document_remove(request: HttpRequest, document_id: int) -> Any:
    user = api_user(request)
    document = get_object_or_404(AgreementDocument, pk=document_id)
    access.access_agreement_for_edit(user, selectors.agreement_get(pk=document.agreement_id))
    services.document_remove(document=document, by=user)
    return Status(204, None)


# ------------------------------------------------------------------ visits and delegations


def _member_out(member: Any, insider: bool) -> dict[str, Any]:
    shown = insider or member.name_is_public
    return {
        "id": member.pk,
        "person": member.person_id if shown else None,
        "name": dict(member.name) if shown else {},
        "title": dict(member.title),
        "organisation": member.organisation.slug if member.organisation_id else None,
        "is_leader": member.is_leader,
    }


def _delegation_out(delegation: Any, insider: bool) -> dict[str, Any]:
    return {
        "id": delegation.pk,
        "hub": delegation.hub.slug,
        "name": dict(delegation.name),
        "origin_country": delegation.origin_country,
        "origin_place": dict(delegation.origin_place),
        "organisation": delegation.organisation.slug if delegation.organisation_id else None,
        "description": dict(delegation.description),
        "members": [_member_out(m, insider) for m in delegation.members.all()],
    }


def _stop_out(stop: VisitStop) -> dict[str, Any]:
    return {
        "id": stop.pk,
        "position": stop.position,
        "kind": stop.kind,
        "title": dict(stop.title),
        "starts_at": stop.starts_at,
        "ends_at": stop.ends_at,
        "place": dict(stop.place),
        "host_organisation": stop.host_organisation.slug if stop.host_organisation_id else None,
        "host_hub": stop.host_hub.slug if stop.host_hub_id else None,
        "people": [p.pk for p in stop.people.all()],
        "notes": dict(stop.notes),
    }


def _follow_up_out(follow_up: FollowUp) -> dict[str, Any]:
    return {
        "id": follow_up.pk,
        "title": dict(follow_up.title),
        "notes": dict(follow_up.notes),
        "owner": follow_up.owner.username if follow_up.owner_id else None,
        "owner_organisation": follow_up.owner_organisation.slug
        if follow_up.owner_organisation_id
        else None,
        "due_on": follow_up.due_on,
        "done": follow_up.done,
        "done_on": follow_up.done_on,
        "is_generated": follow_up.is_generated,
    }


def _visit_list_out(visit: Visit) -> dict[str, Any]:
    return {
        "id": visit.pk,
        "hub": visit.hub.slug,
        "delegation": visit.delegation_id,
        "delegation_name": dict(visit.delegation.name),
        "origin_country": visit.delegation.origin_country,
        "direction": visit.direction,
        "status": visit.status,
        "title": dict(visit.title),
        "starts_on": visit.starts_on,
        "ends_on": visit.ends_on,
        "date_precision": visit.date_precision,
        "date_note": dict(visit.date_note),
        "destination": dict(visit.destination),
        "destination_country": visit.destination_country,
        "is_public": visit.is_public,
        "is_generated": visit.is_generated,
    }


def _visit_out(user: Any, pk: int) -> dict[str, Any]:
    visit = access.access_visit_for_user(user, selectors.visit_get(pk=pk))
    insider = access.user_is_visit_insider(user, visit)
    data = _visit_list_out(visit)
    data.update(
        purpose=dict(visit.purpose),
        time_zone=visit.time_zone,
        delegation_detail=_delegation_out(visit.delegation, insider),
        stops=[_stop_out(s) for s in visit.stops.all()],
        follow_ups=[_follow_up_out(f) for f in selectors.visit_follow_ups(user=user, visit=visit)],
        agreements=[a.pk for a in selectors.visit_agreements(user=user, visit=visit)],
    )
    return data


@router.get("/visits", response=list[VisitListOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def visit_list(
    request: HttpRequest,
    hub: Key = "",
    direction: Key = "",
    status: Key = "",
    country: Key = "",
    year: int | None = None,
    q: SearchText = "",
) -> Any:
    filters = selectors.VisitFilters(
        hub=_param(hub),
        direction=_param(direction),
        status=_param(status),
        country=_param(country),
        year=_year(year),
        q=_param(q),
    )
    return _ShapedRows(
        selectors.visit_list(user=api_user(request), filters=filters), _visit_list_out
    )


@router.get("/visits/{visit_id}", response=VisitOut, auth=AUTH_OPTIONAL)
def visit_detail(request: HttpRequest, visit_id: int) -> Any:
    return _visit_out(api_user(request), visit_id)


def _visit_data(payload: dict[str, Any]) -> dict[str, Any]:
    for key in ("title", "purpose", "date_note", "destination"):
        if key in payload and payload[key] is None:
            payload[key] = {}
    return payload


@router.post("/visits", response={201: VisitOut})
def visit_create(request: HttpRequest, payload: VisitCreateIn) -> Any:
    user = api_user(request)
    data = _visit_data(payload.dict(exclude_unset=True))
    hub = Hub.objects.filter(slug=data.pop("hub")).first()
    require(hub is not None and user_is_hub_staff(user, hub.pk))
    delegation = None
    delegation_id = data.pop("delegation", None)
    if delegation_id is not None:
        delegation = selectors.delegation_get(pk=delegation_id)
        if delegation is None or delegation.hub_id != hub.pk:
            raise ValidationError({"delegation": _("Unknown delegation.")})
    new = data.pop("new_delegation", None)
    if new is not None:
        new = {k: v for k, v in new.items() if v is not None}
        new["organisation"] = _organisation(user, new.get("organisation"), "new_delegation")
    visit = services.visit_record(
        by=user, hub=hub, delegation=delegation, new_delegation=new, **data
    )
    return Status(201, _visit_out(user, visit.pk))


@router.patch("/visits/{visit_id}", response=VisitOut)
def visit_update(request: HttpRequest, visit_id: int, payload: VisitPatchIn) -> Any:
    user = api_user(request)
    visit = access.access_visit_for_edit(user, selectors.visit_get(pk=visit_id))
    services.visit_update(visit=visit, by=user, **_visit_data(payload.dict(exclude_unset=True)))
    return _visit_out(user, visit_id)


@router.delete("/visits/{visit_id}", response={204: None})
def visit_delete(request: HttpRequest, visit_id: int) -> Any:
    user = api_user(request)
    visit = access.access_visit_for_edit(user, selectors.visit_get(pk=visit_id))
    services.visit_delete(visit=visit, by=user)
    return Status(204, None)


def _stop_data(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    if "host_organisation" in data:
        data["host_organisation"] = _organisation(
            user, data["host_organisation"], "host_organisation"
        )
    if "host_hub" in data:
        data["host_hub"] = _hub(user, data["host_hub"], "host_hub")
    for key in ("place", "notes"):
        if key in data and data[key] is None:
            data[key] = {}
    if "people" in data:
        data["people"] = _people(user, data["people"]) if data["people"] is not None else None
    return data


@router.post("/visits/{visit_id}/stops", response={201: StopOut})
def stop_add(request: HttpRequest, visit_id: int, payload: StopIn) -> Any:
    user = api_user(request)
    visit = access.access_visit_for_edit(user, selectors.visit_get(pk=visit_id))
    data = _stop_data(user, payload.dict(exclude_unset=True))
    stop = services.visit_stop_add(
        visit=visit, by=user, people=data.pop("people", None) or [], **data
    )
    stop.refresh_from_db()  # times read back in UTC, as every other read returns them
    return Status(201, _stop_out(stop))


@router.patch("/stops/{stop_id}", response=StopOut)
def stop_update(request: HttpRequest, stop_id: int, payload: StopPatchIn) -> Any:
    user = api_user(request)
    stop = get_object_or_404(VisitStop, pk=stop_id)
    stop.visit = access.access_visit_for_edit(user, selectors.visit_get(pk=stop.visit_id))
    data = _stop_data(user, payload.dict(exclude_unset=True))
    stop = services.visit_stop_update(stop=stop, by=user, people=data.pop("people", None), **data)
    stop.refresh_from_db()
    return _stop_out(stop)


@router.delete("/stops/{stop_id}", response={204: None})
def stop_remove(request: HttpRequest, stop_id: int) -> Any:
    user = api_user(request)
    stop = get_object_or_404(VisitStop, pk=stop_id)
    access.access_visit_for_edit(user, selectors.visit_get(pk=stop.visit_id))
    services.visit_stop_remove(stop=stop, by=user)
    return Status(204, None)


def _owner(username: str | None) -> User | None:
    if not username:
        return None
    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise ValidationError({"owner": _("Unknown user.")})
    return found


@router.post("/visits/{visit_id}/follow-ups", response={201: FollowUpOut})
def follow_up_add(request: HttpRequest, visit_id: int, payload: FollowUpIn) -> Any:
    user = api_user(request)
    visit = access.access_visit_for_edit(user, selectors.visit_get(pk=visit_id))
    follow_up = services.follow_up_add(
        visit=visit,
        by=user,
        title=payload.title,
        due_on=payload.due_on,
        owner=_owner(payload.owner),
        owner_organisation=_organisation(user, payload.owner_organisation, "owner_organisation"),
        notes=payload.notes or {},
    )
    return Status(201, _follow_up_out(follow_up))


@router.patch("/follow-ups/{follow_up_id}", response=FollowUpOut)
def follow_up_update(request: HttpRequest, follow_up_id: int, payload: FollowUpPatchIn) -> Any:
    """Owners may tick their follow-up off; changing it is for the visit's hub staff."""
    user = api_user(request)
    follow_up = access.access_follow_up_for_update(
        user, FollowUp.objects.select_related("visit__delegation").filter(pk=follow_up_id).first()
    )
    data = payload.dict(exclude_unset=True)
    done = data.pop("done", None)
    done_on = data.pop("done_on", None)
    if data:
        require(access.user_is_visit_staff(user, follow_up.visit))
        if "owner" in data:
            data["owner"] = _owner(data["owner"])
        if "owner_organisation" in data:
            data["owner_organisation"] = _organisation(
                user, data["owner_organisation"], "owner_organisation"
            )
        if "notes" in data and data["notes"] is None:
            data["notes"] = {}
        follow_up = services.follow_up_update(follow_up=follow_up, by=user, **data)
    if done is not None:
        follow_up = services.follow_up_set_done(
            follow_up=follow_up, by=user, done=done, on=done_on or _today()
        )
    return _follow_up_out(follow_up)


@router.delete("/follow-ups/{follow_up_id}", response={204: None})
def follow_up_remove(request: HttpRequest, follow_up_id: int) -> Any:
    user = api_user(request)
    follow_up = get_object_or_404(FollowUp, pk=follow_up_id)
    access.access_visit_for_edit(user, selectors.visit_get(pk=follow_up.visit_id))
    services.follow_up_remove(follow_up=follow_up, by=user)
    return Status(204, None)


@router.get("/delegations/{delegation_id}", response=DelegationOut, auth=AUTH_OPTIONAL)
def delegation_detail(request: HttpRequest, delegation_id: int) -> Any:
    user = api_user(request)
    delegation = access.access_delegation_for_user(user, selectors.delegation_get(pk=delegation_id))
    return _delegation_out(delegation, access.user_is_delegation_staff(user, delegation))


@router.patch("/delegations/{delegation_id}", response=DelegationOut)
def delegation_update(request: HttpRequest, delegation_id: int, payload: DelegationPatchIn) -> Any:
    user = api_user(request)
    delegation = access.access_delegation_for_edit(user, selectors.delegation_get(pk=delegation_id))
    data = payload.dict(exclude_unset=True)
    if "organisation" in data:
        data["organisation"] = _organisation(user, data["organisation"], "organisation")
    for key in ("name", "origin_place", "description"):
        if key in data and data[key] is None:
            data[key] = {}
    services.delegation_update(delegation=delegation, by=user, **data)
    return _delegation_out(selectors.delegation_get(pk=delegation_id), True)


@router.post("/delegations/{delegation_id}/members", response={201: MemberOut})
def member_add(request: HttpRequest, delegation_id: int, payload: MemberIn) -> Any:
    user = api_user(request)
    delegation = access.access_delegation_for_edit(user, selectors.delegation_get(pk=delegation_id))
    member = services.delegation_member_add(
        delegation=delegation,
        by=user,
        person=_people(user, [payload.person])[0] if payload.person else None,
        name=payload.name,
        title=payload.title,
        organisation=_organisation(user, payload.organisation, "organisation"),
        is_leader=payload.is_leader,
    )
    return Status(201, _member_out(member, True))


@router.delete("/members/{member_id}", response={204: None})
def member_remove(request: HttpRequest, member_id: int) -> Any:
    user = api_user(request)
    member = get_object_or_404(DelegationMember, pk=member_id)
    access.access_delegation_for_edit(user, selectors.delegation_get(pk=member.delegation_id))
    services.delegation_member_remove(member=member, by=user)
    return Status(204, None)


# ------------------------------------------------------------------ due list and timeline


@router.get("/due", response=list[DueOut])
@paginate(Pagination)
def due_list(request: HttpRequest, within: int = 0, hub: Key = "", mine: bool = False) -> Any:
    """Staff: open milestones and follow-ups past due (or due within `within` days)."""
    user = api_user(request)
    require(user_is_staff_anywhere(user))
    chosen = None
    if hub:
        chosen = selectors.hubs_staffed(user).filter(slug=_param(hub)).first()
        if chosen is None:
            raise ValidationError({"hub": _("Unknown hub.")})
    items = selectors.due_items(
        user=user, today=_today(), within_days=max(0, min(within, 366)), hub=chosen, mine=mine
    )
    return _ShapedRows(items, _due_out)


def _due_out(item: selectors.DueItem) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "id": item.pk,
        "title": dict(item.title),
        "due_on": item.due_on,
        "days_overdue": item.days_overdue,
        "parent_title": dict(item.parent_title),
        "parent_url": item.parent_url,
        "hub": item.hub.slug,
        "owners": item.owners,
    }


def _text_out(value: Any) -> Any:
    return dict(value) if isinstance(value, dict) else str(value)


@router.get("/timeline", response=list[TimelineEntryOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def timeline(request: HttpRequest, organisation: Key = "", hub: Key = "", kind: Key = "") -> Any:
    """The timeline of one organisation or one hub (give exactly one), newest first."""
    user = api_user(request)
    organisation, hub, kind = _param(organisation), _param(hub), _param(kind)
    if bool(organisation) == bool(hub):
        raise ValidationError(_("Give either an organisation or a hub."))
    if organisation:
        subject = directory_access.access_organisation_for_user(
            user, organisation_get(slug=organisation)
        )
        entries = timeline_for(user=user, organisation=subject, kinds=[kind] if kind else None)
    else:
        found = hub_get_visible(user=user, slug=hub)
        if found is None:
            raise Http404
        entries = timeline_for(user=user, hub=found, kinds=[kind] if kind else None)
    return [
        {
            "date": entry.when.isoformat() if entry.is_dated and entry.when else None,
            "precision": entry.precision if entry.is_dated else "unknown",
            "kind": entry.kind,
            "kind_label": str(entry.label),
            "title": _text_out(entry.title),
            "summary": _text_out(entry.summary),
            "date_note": _text_out(entry.date_note),
            "status": str(entry.status),
            "url": entry.url,
            "is_private": entry.is_private,
            "is_generated": entry.is_generated,
        }
        for entry in entries
    ]
