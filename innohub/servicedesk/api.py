"""Service desk API: the same selectors, services and access rules as the pages."""

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status, UploadedFile
from ninja.pagination import paginate

from innohub.accounts.access import require, user_is_hub_staff
from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.common.pagination import Pagination
from innohub.common.params import Key, SearchText
from innohub.directory.models import Organisation
from innohub.network.models import Hub
from innohub.network.selectors import hub_get_visible
from innohub.servicedesk import access, selectors, services
from innohub.servicedesk.eligibility import RuleResult
from innohub.servicedesk.facts import fact_catalogue
from innohub.servicedesk.models import (
    ApplicationState,
    ExpertKind,
    OfficeHour,
    OfficeHourBooking,
    ProgrammeApplication,
    RequestState,
    SpokenLanguage,
)
from innohub.servicedesk.schemas import (
    ApplicationTransitionIn,
    EligibilityOut,
    ExpertOut,
    FactOut,
    JudgeCandidateOut,
    MessageOut,
    OfficeHourBookingIn,
    OfficeHourBookingOut,
    OfficeHourIn,
    OfficeHourOut,
    ProgrammeApplicationIn,
    ProgrammeApplicationOut,
    ProgrammeCreateIn,
    ProgrammeIn,
    ProgrammeOut,
    ProviderOut,
    RatingIn,
    RequestDetailOut,
    RequestIn,
    RequestOut,
    RequestTransitionIn,
    RouteIn,
    ServiceCreateIn,
    ServiceIn,
    ServiceOut,
    WindowIn,
    WindowOut,
)
from innohub.servicedesk.views import attachment_response
from innohub.spaces.models import Room

router = Router(tags=["servicedesk"])
MAX_PERIOD_DAYS = 20 * 366


def _text(value: str | None, limit: int = 200) -> str:
    """A query value as it may be searched for (no NUL characters, bounded length)."""
    return (value or "").replace("\x00", "")[:limit]


def _hub(user: Any, slug: str) -> Hub:
    slug = _text(slug, 50)
    hub = hub_get_visible(user=user, slug=slug) if slug else None
    if hub is None:
        raise ValidationError({"hub": _("Give the short name of a hub you can see.")})
    return hub


def _organisation(slug: str | None) -> Organisation | None:
    slug = _text(slug, 80)
    if not slug:
        return None
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise ValidationError({"organisation": _("Unknown organisation.")})
    return organisation


def _acting_for(user: Any, slug: str | None, hub_id: int) -> Organisation:
    """The member organisation the user acts for: named, or the only one it represents."""
    organisation = _organisation(slug)
    if organisation is not None:
        return organisation
    own = access.member_organisations_for(user, hub_id)
    if len(own) != 1:
        raise ValidationError(
            {"organisation": _("Say which member organisation you act for (its short name).")}
        )
    return own[0]


def _provider(slug: str | None) -> Organisation | None:
    organisation = _organisation(slug)
    if organisation is not None and organisation.kind != "service_provider":
        raise ValidationError({"provider": _("Choose an organisation of kind service provider.")})
    return organisation


# ---------------------------------------------------------------- catalogue


@router.get("/catalogue", response=list[ServiceOut], auth=AUTH_OPTIONAL)
def service_list(request: HttpRequest, hub: Key) -> Any:
    user = api_user(request)
    return selectors.service_catalogue(hub=_hub(user, hub), user=user)


@router.get("/catalogue/{service_id}", response=ServiceOut, auth=AUTH_OPTIONAL)
def service_detail(request: HttpRequest, service_id: int) -> Any:
    return access.access_service_for_user(api_user(request), selectors.service_get(pk=service_id))


@router.post("/catalogue", response={201: ServiceOut})
def service_create(request: HttpRequest, payload: ServiceCreateIn) -> Any:
    user = api_user(request)
    data = payload.dict(exclude_unset=True)
    hub = _hub(user, data.pop("hub"))
    if "provider" in data:
        data["provider"] = _provider(data["provider"])
    return Status(201, services.service_create(hub=hub, by=user, **data))


@router.patch("/catalogue/{service_id}", response=ServiceOut)
def service_update(request: HttpRequest, service_id: int, payload: ServiceIn) -> Any:
    user = api_user(request)
    service = access.access_service_for_edit(user, selectors.service_get(pk=service_id))
    data = payload.dict(exclude_unset=True)
    if "provider" in data:
        data["provider"] = _provider(data["provider"])
    return services.service_update(service=service, by=user, **data)


@router.get("/providers", response=list[ProviderOut], auth=AUTH_OPTIONAL)
def provider_list(request: HttpRequest, hub: Key) -> Any:
    return selectors.accredited_providers(hub=_hub(api_user(request), hub))


# ---------------------------------------------------------------- requests


@router.get("/requests", response=list[RequestOut])
@paginate(Pagination)
def request_list(
    request: HttpRequest,
    hub: Key = "",
    state: RequestState | Literal["open", ""] = "",
    timeliness: Literal["late", ""] = "",
    q: SearchText = "",
) -> Any:
    filters = selectors.RequestFilters(
        hub=_text(hub, 50), state=state, timeliness=timeliness, q=_text(q)
    )
    return selectors.request_list(user=api_user(request), filters=filters)


def _request(user: Any, request_id: int) -> Any:
    return access.access_request_for_user(user, selectors.request_get(pk=request_id))


@router.post("/requests", response={201: RequestDetailOut})
def request_create(request: HttpRequest, payload: RequestIn) -> Any:
    user = api_user(request)
    service = access.access_service_for_user(user, selectors.service_get(pk=payload.service_id))
    created = services.request_submit(
        service=service,
        organisation=_acting_for(user, payload.organisation, service.hub_id),
        by=user,
        subject=payload.subject,
        description=payload.description,
    )
    return Status(201, selectors.request_get(pk=created.pk))


@router.get("/requests/{request_id}", response=RequestDetailOut)
def request_detail(request: HttpRequest, request_id: int) -> Any:
    return _request(api_user(request), request_id)


@router.post("/requests/{request_id}/transition", response=RequestDetailOut)
def request_transition(request: HttpRequest, request_id: int, payload: RequestTransitionIn) -> Any:
    user = api_user(request)
    services.request_transition(
        request=_request(user, request_id), to_state=payload.state, by=user, note=payload.note
    )
    return selectors.request_get(pk=request_id)


@router.post("/requests/{request_id}/messages", response={201: MessageOut})
def request_message(
    request: HttpRequest,
    request_id: int,
    body: Form[str] = "",
    file: File[UploadedFile | None] = None,
) -> Any:
    """A message as multipart form data: `body` and optionally one `file`."""
    user = api_user(request)
    if "\x00" in body:
        raise ValidationError({"body": _("The text contains characters that cannot be stored.")})
    return Status(
        201,
        services.request_message_post(
            request=_request(user, request_id), by=user, body=body[:10000], upload=file
        ),
    )


@router.get("/requests/{request_id}/files/{message_id}")
def request_file(request: HttpRequest, request_id: int, message_id: int) -> FileResponse:
    return attachment_response(_request(api_user(request), request_id), message_id)


@router.post("/requests/{request_id}/rating", response=RequestDetailOut)
def request_rate(request: HttpRequest, request_id: int, payload: RatingIn) -> Any:
    user = api_user(request)
    services.request_rate(
        request=_request(user, request_id), by=user, rating=payload.rating, comment=payload.comment
    )
    return selectors.request_get(pk=request_id)


@router.post("/requests/{request_id}/route", response=RequestDetailOut)
def request_route(request: HttpRequest, request_id: int, payload: RouteIn) -> Any:
    user = api_user(request)
    services.request_route(
        request=_request(user, request_id),
        provider=_provider(payload.provider),
        by=user,
        note=payload.note,
    )
    return selectors.request_get(pk=request_id)


# ---------------------------------------------------------------- programmes


@router.get("/facts", response=list[FactOut], auth=AUTH_OPTIONAL)
def fact_list(request: HttpRequest) -> Any:
    """The facts eligibility rules may use, with their operators and allowed values."""
    return fact_catalogue()


@router.get("/programmes", response=list[ProgrammeOut], auth=AUTH_OPTIONAL)
def programme_list(request: HttpRequest, hub: Key) -> Any:
    user = api_user(request)
    return selectors.programme_list(hub=_hub(user, hub), user=user)


@router.get("/programmes/{programme_id}", response=ProgrammeOut, auth=AUTH_OPTIONAL)
def programme_detail(request: HttpRequest, programme_id: int) -> Any:
    return access.access_programme_for_user(
        api_user(request), selectors.programme_get(pk=programme_id)
    )


def _programme_data(data: dict[str, Any]) -> dict[str, Any]:
    if "funder" in data:
        data["funder"] = _organisation(data["funder"])
    if "rules" in data and data["rules"] is None:
        data["rules"] = []
    return data


@router.post("/programmes", response={201: ProgrammeOut})
def programme_create(request: HttpRequest, payload: ProgrammeCreateIn) -> Any:
    user = api_user(request)
    data = payload.dict(exclude_unset=True)
    hub = _hub(user, data.pop("hub"))
    return Status(201, services.programme_create(hub=hub, by=user, **_programme_data(data)))


@router.patch("/programmes/{programme_id}", response=ProgrammeOut)
def programme_update(request: HttpRequest, programme_id: int, payload: ProgrammeIn) -> Any:
    user = api_user(request)
    programme = access.access_programme_for_user(user, selectors.programme_get(pk=programme_id))
    require(user_is_hub_staff(user, programme.hub_id))
    return services.programme_update(
        programme=programme, by=user, **_programme_data(payload.dict(exclude_unset=True))
    )


@router.post("/programmes/{programme_id}/windows", response={201: WindowOut})
def programme_window_add(request: HttpRequest, programme_id: int, payload: WindowIn) -> Any:
    user = api_user(request)
    programme = access.access_programme_for_user(user, selectors.programme_get(pk=programme_id))
    return Status(
        201,
        services.programme_window_add(
            programme=programme, by=user, opens_on=payload.opens_on, closes_on=payload.closes_on
        ),
    )


def _result(result: RuleResult) -> dict[str, Any]:
    return {
        "outcome": result.outcome,
        "reason": result.reason,
        "fact": result.fact,
        "requirement": result.requirement,
        "actual": result.actual,
        "note": dict(result.note) if result.note else None,
        "children": [_result(child) for child in result.children],
    }


@router.get("/eligibility", response=list[EligibilityOut])
def eligibility(request: HttpRequest, hub: Key, organisation: Key = "") -> Any:
    """Every programme of the hub with the organisation's verdict and a reason per rule."""
    user = api_user(request)
    hub_ = _hub(user, hub)
    org = _acting_for(user, organisation or None, hub_.pk)
    if not access.user_sees_eligibility(user, org, hub_.pk):
        raise Http404
    programmes = list(selectors.programme_list(hub=hub_, user=user))
    rows = selectors.eligibility_for_organisation(
        organisation=org, hub=hub_, programmes=programmes, today=timezone.localdate()
    )
    return [
        {
            "programme_id": p.pk,
            "programme": dict(p.name),
            "organisation": org.slug,
            "outcome": e.outcome,
            "results": [_result(r) for r in e.results],
        }
        for p, e in rows
    ]


@router.get("/applications", response=list[ProgrammeApplicationOut])
@paginate(Pagination)
def application_list(
    request: HttpRequest, hub: Key = "", state: ApplicationState | Literal[""] = ""
) -> Any:
    user = api_user(request)
    return selectors.application_list(user=user, hub=_hub(user, hub) if hub else None, state=state)


@router.post("/applications", response={201: ProgrammeApplicationOut})
def application_create(request: HttpRequest, payload: ProgrammeApplicationIn) -> Any:
    user = api_user(request)
    programme = access.access_programme_for_user(
        user, selectors.programme_get(pk=payload.programme_id)
    )
    return Status(
        201,
        services.application_create(
            programme=programme,
            organisation=_acting_for(user, payload.organisation, programme.hub_id),
            by=user,
            amount_requested=payload.amount_requested,
            note=payload.note,
        ),
    )


def _application(user: Any, application_id: int) -> ProgrammeApplication:
    return access.access_application_for_user(
        user,
        ProgrammeApplication.objects.select_related("programme__hub", "organisation")
        .filter(pk=application_id)
        .first(),
    )


@router.get("/applications/{application_id}", response=ProgrammeApplicationOut)
def application_detail(request: HttpRequest, application_id: int) -> Any:
    return _application(api_user(request), application_id)


@router.post("/applications/{application_id}/transition", response=ProgrammeApplicationOut)
def application_transition(
    request: HttpRequest, application_id: int, payload: ApplicationTransitionIn
) -> Any:
    user = api_user(request)
    return services.application_transition(
        application=_application(user, application_id),
        to_state=payload.state,
        by=user,
        on=payload.on,
        amount_granted=payload.amount_granted,
        note=payload.note,
    )


# ---------------------------------------------------------------- experts


@router.get("/experts", response=list[ExpertOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def expert_list(
    request: HttpRequest,
    hub: Key,
    kind: ExpertKind | Literal[""] = "",
    sector: Key = "",
    language: SpokenLanguage | Literal[""] = "",
    q: SearchText = "",
) -> Any:
    user = api_user(request)
    filters = selectors.ExpertFilters(
        kind=kind, sector=_text(sector, 50), language=language, q=_text(q)
    )
    return selectors.expert_list(hub=_hub(user, hub), user=user, filters=filters)


@router.get("/judge-candidates", response=list[JudgeCandidateOut])
def judge_candidates(request: HttpRequest, hub: Key) -> Any:
    """Experts available as contest judges, with their account if they have one (hub staff)."""
    user = api_user(request)
    hub_ = _hub(user, hub)
    require(user_is_hub_staff(user, hub_.pk))
    return selectors.experts_for_contest_judging(hub=hub_)


@router.post("/experts/{expert_id}/judge", response=JudgeCandidateOut)
def expert_judge(request: HttpRequest, expert_id: int) -> Any:
    """Make the expert a contest judge of its hub (hub staff); it needs an account."""
    user = api_user(request)
    expert = access.access_expert_for_user(user, selectors.expert_get(pk=expert_id))
    services.expert_judge_appoint(expert=expert, by=user)
    return expert


@router.get("/experts/{expert_id}", response=ExpertOut, auth=AUTH_OPTIONAL)
def expert_detail(request: HttpRequest, expert_id: int) -> Any:
    return access.access_expert_for_user(api_user(request), selectors.expert_get(pk=expert_id))


def _office_hour_rows(hours: list[OfficeHour]) -> list[dict[str, Any]]:
    return [
        {
            "id": h.pk,
            "expert_id": h.expert_id,
            "starts_at": h.starts_at,
            "ends_at": h.ends_at,
            "mode": h.mode,
            "location": h.location,
            "room": h.room_id,
            "booked": h.booking is not None,  # type: ignore[attr-defined]
        }
        for h in hours
    ]


@router.get("/experts/{expert_id}/office-hours", response=list[OfficeHourOut], auth=AUTH_OPTIONAL)
def office_hour_list(request: HttpRequest, expert_id: int) -> Any:
    """Coming office hours; who booked them is private to the booking's parties."""
    expert = access.access_expert_for_user(api_user(request), selectors.expert_get(pk=expert_id))
    return _office_hour_rows(selectors.expert_office_hours(expert=expert))


@router.post("/experts/{expert_id}/office-hours", response={201: OfficeHourOut})
def office_hour_create(request: HttpRequest, expert_id: int, payload: OfficeHourIn) -> Any:
    user = api_user(request)
    expert = access.access_expert_for_user(user, selectors.expert_get(pk=expert_id))
    data = payload.dict()
    if data.get("room") is not None:
        data["room"] = Room.objects.filter(pk=data["room"], hub_id=expert.hub_id).first()
        if data["room"] is None:
            raise ValidationError({"room": _("Choose a shared room of the expert's hub.")})
    office_hour = services.office_hour_create(expert=expert, by=user, **data)
    office_hour.booking = None  # type: ignore[attr-defined]
    return Status(201, _office_hour_rows([office_hour])[0])


@router.delete("/office-hours/{office_hour_id}", response={204: None})
def office_hour_cancel(request: HttpRequest, office_hour_id: int) -> Any:
    user = api_user(request)
    office_hour = get_object_or_404(
        OfficeHour.objects.select_related("expert__person"), pk=office_hour_id
    )
    access.access_expert_for_user(user, office_hour.expert)
    services.office_hour_cancel(office_hour=office_hour, by=user)
    return Status(204, None)


@router.post("/office-hours/{office_hour_id}/bookings", response={201: OfficeHourBookingOut})
def office_hour_book(
    request: HttpRequest, office_hour_id: int, payload: OfficeHourBookingIn
) -> Any:
    user = api_user(request)
    office_hour = get_object_or_404(
        OfficeHour.objects.select_related("expert__person", "expert__hub"), pk=office_hour_id
    )
    access.access_expert_for_user(user, office_hour.expert)
    booking = services.office_hour_book(
        office_hour=office_hour,
        organisation=_acting_for(user, payload.organisation, office_hour.expert.hub_id),
        by=user,
        topic=payload.topic,
    )
    return Status(201, booking)


@router.get("/bookings", response=list[OfficeHourBookingOut])
def booking_list(request: HttpRequest) -> Any:
    return selectors.bookings_for_user(user=api_user(request))


@router.post("/bookings/{booking_id}/cancel", response=OfficeHourBookingOut)
def booking_cancel(request: HttpRequest, booking_id: int) -> Any:
    user = api_user(request)
    booking = get_object_or_404(
        OfficeHourBooking.objects.select_related("office_hour__expert__person", "organisation"),
        pk=booking_id,
    )
    return services.booking_cancel(booking=booking, by=user)


# ---------------------------------------------------------------- figures


@router.get("/figures")
def figures(request: HttpRequest, hub: Key, start: date, end: date) -> Any:
    """Requests by service and state, response and completion medians, share on time,
    satisfaction, programme applications and amounts granted, expert office hours (staff)."""
    user = api_user(request)
    hub_ = _hub(user, hub)
    require(user_is_hub_staff(user, hub_.pk))
    if end < start:
        raise ValidationError({"end": _("The end of the period is before its start.")})
    if (end - start).days > MAX_PERIOD_DAYS or end.year > 2999:
        raise ValidationError({"end": _("Choose a period of at most twenty years.")})
    return selectors.desk_figures(hub_, (start, end))
