"""Directory API: the same selectors, services and access rules as the pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from innohub.accounts.access import (
    ALL_HUBS,
    hub_ids_staffed_by,
    require,
    user_is_hub_staff,
)
from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.common.pagination import Pagination
from innohub.common.params import Key, SearchText
from innohub.directory import access, admissions, selectors, services
from innohub.directory.models import (
    Application,
    Membership,
    Organisation,
    Product,
    ProductPhoto,
    Sector,
)
from innohub.directory.schemas import (
    AdmitIn,
    ApplicationDetailOut,
    ApplicationIn,
    ApplicationOut,
    ApplicationReceipt,
    ApplicationStatusOut,
    DeclineIn,
    GrowthOut,
    MembershipOut,
    MembershipTransitionIn,
    MessageIn,
    OrganisationCreateIn,
    OrganisationListOut,
    OrganisationOut,
    OrganisationPatchIn,
    PhotoOut,
    ProductCreateIn,
    ProductOut,
    ProductPatchIn,
    ScoresIn,
    SectorOut,
    SponsorDecisionIn,
)
from innohub.network.models import Hub
from innohub.network.selectors import hub_get_visible

router = Router(tags=["directory"])


@router.get("/sectors", response=list[SectorOut], auth=AUTH_OPTIONAL)
def sector_list(request: HttpRequest) -> Any:
    return selectors.sector_list()


@router.get("/organisations", response=list[OrganisationListOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def organisation_list(
    request: HttpRequest,
    hub: Key = "",
    country: Key = "",
    sector: Key = "",
    kind: Key = "",
    status: Key = "",
    q: SearchText = "",
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
def organisation_detail(request: HttpRequest, slug: Key) -> Any:
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
def organisation_update(request: HttpRequest, slug: Key, payload: OrganisationPatchIn) -> Any:
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
def membership_transition(
    request: HttpRequest, membership_id: int, payload: MembershipTransitionIn
) -> Any:
    user = api_user(request)
    membership = get_object_or_404(Membership.objects.select_related("hub"), pk=membership_id)
    require(user_is_hub_staff(user, membership.hub_id))
    return services.membership_transition(
        membership=membership, to_state=payload.state, on=payload.on, by=user, note=payload.note
    )


# ---------------------------------------------------------------------------- applications


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@router.post("/applications", response={201: ApplicationReceipt}, auth=AUTH_OPTIONAL)
def application_submit(request: HttpRequest, payload: ApplicationIn) -> Any:
    """Apply to join a hub (no account needed). The answer carries the key to the status."""
    user = api_user(request)
    hub = hub_get_visible(user=user, slug=payload.hub)
    if hub is None:
        raise ValidationError({"hub": _("Unknown hub.")})
    refs = _resolve_refs({"sectors": payload.sectors})
    sponsor = None
    if payload.sponsor:
        sponsor = Organisation.objects.filter(slug=payload.sponsor).first()
        if sponsor is None:
            raise ValidationError({"sponsor": _("Unknown organisation.")})
    application = admissions.application_submit(
        hub=hub,
        data=admissions.ApplicationData(
            name=payload.name,
            kind=payload.kind,
            country=payload.country,
            contacts=[contact.dict() for contact in payload.contacts],
            wants=payload.wants,
            sectors=refs["sectors"],
            stage=payload.stage,
            founded_year=payload.founded_year,
            headcount=payload.headcount,
            uscc=payload.uscc,
            il_company_number=payload.il_company_number,
            website=payload.website,
            description=payload.description,
            motivation=payload.motivation,
            sponsor=sponsor,
        ),
        language=payload.language or get_language(),
        by=user,
        site_url=_site_url(request),
    )
    return Status(
        201,
        {
            "id": application.pk,
            "reference": application.reference,
            "status": application.status,
            "status_token": admissions.application_status_token(application),
        },
    )


def _by_status_token(token: str) -> Application:
    application = admissions.application_from_status_token(token)
    if application is None:
        raise Http404
    return application


def _status(application: Application) -> dict[str, Any]:
    return {
        "reference": application.reference,
        "hub": application.hub.slug,
        "organisation_name": dict(application.organisation.name),
        "status": application.status,
        "decision_reason": application.decision_reason,
        "events": selectors.application_events(application, for_applicant=True),
    }


@router.get("/applications/status/{token}", response=ApplicationStatusOut, auth=AUTH_OPTIONAL)
def application_status(request: HttpRequest, token: Key) -> Any:
    """What the applicant sees: status, questions asked and answers given."""
    return _status(_by_status_token(token))


@router.post(
    "/applications/status/{token}/reply", response=ApplicationStatusOut, auth=AUTH_OPTIONAL
)
def application_reply(request: HttpRequest, token: Key, payload: MessageIn) -> Any:
    application = admissions.application_reply(
        application=_by_status_token(token), message=payload.message, site_url=_site_url(request)
    )
    return _status(application)


@router.post(
    "/applications/status/{token}/withdraw", response=ApplicationStatusOut, auth=AUTH_OPTIONAL
)
def application_withdraw(request: HttpRequest, token: Key) -> Any:
    return _status(admissions.application_withdraw(application=_by_status_token(token)))


@router.get("/applications", response=list[ApplicationOut])
@paginate(Pagination)
def application_list(
    request: HttpRequest, hub: Key = "", status: Key = "open", q: SearchText = ""
) -> Any:
    """The review queue of a hub the user staffs (oldest first)."""
    user = api_user(request)
    staffed = hub_ids_staffed_by(user)
    require(staffed is ALL_HUBS or bool(staffed))
    hubs = Hub.objects.all() if staffed is ALL_HUBS else Hub.objects.filter(pk__in=staffed)
    chosen = hubs.filter(slug=hub).first() if hub else hubs.first()
    if chosen is None:
        raise Http404
    if status not in selectors.QUEUE_VIEWS:
        raise ValidationError({"status": _("Unknown status.")})
    return selectors.application_queue(hub=chosen, status=status, q=q[:200]).select_related("hub")


def _application_detail(user: Any, application: Application) -> Application:
    rubric = selectors.rubric_for_hub(application.hub)
    summary = selectors.application_score_summary(application, rubric, user=user)
    application.score_percent = summary.percent  # type: ignore[attr-defined]
    application.events_list = selectors.application_events(application, for_applicant=False)  # type: ignore[attr-defined]
    application.score_lines = [  # type: ignore[attr-defined]
        {
            "criterion": line.criterion.slug,
            "name": dict(line.criterion.name),
            "weight": line.criterion.weight,
            "max_points": line.criterion.max_points,
            "average": line.average,
            "count": line.count,
            "mine": line.mine,
        }
        for line in summary.lines
    ]
    return application


def _detail_out(user: Any, application: Application) -> Application:
    """The application as it is now (re-read: the services lock and change it)."""
    return _application_detail(user, access.access_application_for_staff(user, application.pk))


@router.get("/applications/{application_id}", response=ApplicationDetailOut)
def application_detail(request: HttpRequest, application_id: int) -> Any:
    user = api_user(request)
    return _detail_out(user, access.access_application_for_staff(user, application_id))


@router.post("/applications/{application_id}/review", response=ApplicationDetailOut)
def application_review(request: HttpRequest, application_id: int) -> Any:
    user = api_user(request)
    application = access.access_application_for_staff(user, application_id)
    return _detail_out(user, admissions.application_start_review(application=application, by=user))


@router.post("/applications/{application_id}/request-info", response=ApplicationDetailOut)
def application_request_info(request: HttpRequest, application_id: int, payload: MessageIn) -> Any:
    user = api_user(request)
    application = access.access_application_for_staff(user, application_id)
    admissions.application_request_info(
        application=application, by=user, message=payload.message, site_url=_site_url(request)
    )
    return _detail_out(user, application)


@router.post("/applications/{application_id}/notes", response=ApplicationDetailOut)
def application_note(request: HttpRequest, application_id: int, payload: MessageIn) -> Any:
    user = api_user(request)
    application = access.access_application_for_staff(user, application_id)
    admissions.application_note(application=application, by=user, message=payload.message)
    return _detail_out(user, application)


@router.post("/applications/{application_id}/scores", response=ApplicationDetailOut)
def application_score(request: HttpRequest, application_id: int, payload: ScoresIn) -> Any:
    """Your scores on the hub's rubric (criterion short names); scoring again replaces them."""
    user = api_user(request)
    application = access.access_application_for_staff(user, application_id)
    criteria = {c.slug: c for c in selectors.rubric_for_hub(application.hub)}
    unknown = [line.criterion for line in payload.scores if line.criterion not in criteria]
    if unknown:
        raise ValidationError(
            {"scores": _("Unknown criterion: %(names)s") % {"names": ", ".join(unknown)}}
        )
    admissions.application_score(
        application=application,
        by=user,
        scores={
            criteria[line.criterion].pk: (line.points, line.comment) for line in payload.scores
        },
    )
    return _detail_out(user, application)


@router.post("/applications/{application_id}/admit", response=ApplicationDetailOut)
def application_admit(request: HttpRequest, application_id: int, payload: AdmitIn) -> Any:
    user = api_user(request)
    application = access.access_application_for_staff(user, application_id)
    admissions.application_admit(
        application=application,
        by=user,
        reason=payload.reason,
        list_publicly=payload.list_publicly,
        invite=payload.invite,
        site_url=_site_url(request),
    )
    return _detail_out(user, application)


@router.post("/applications/{application_id}/decline", response=ApplicationDetailOut)
def application_decline(request: HttpRequest, application_id: int, payload: DeclineIn) -> Any:
    user = api_user(request)
    application = access.access_application_for_staff(user, application_id)
    admissions.application_decline(
        application=application, by=user, reason=payload.reason, site_url=_site_url(request)
    )
    return _detail_out(user, application)


@router.post("/applications/{application_id}/sponsor", response=ApplicationStatusOut)
def application_sponsor(
    request: HttpRequest, application_id: int, payload: SponsorDecisionIn
) -> Any:
    """The named incubator's answer (its representatives only)."""
    user = api_user(request)
    application = access.access_application_for_sponsor(user, application_id)
    application = admissions.application_sponsor_decide(
        application=application, by=user, confirm=payload.confirm, message=payload.message
    )
    return _status(application) | {"status": application.status}


# ---------------------------------------------------------------------------- products


@router.get("/products", response=list[ProductOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def product_list(
    request: HttpRequest, hub: Key = "", sector: Key = "", country: Key = "", q: SearchText = ""
) -> Any:
    """The public showcase: public products of member organisations."""
    filters = selectors.ShowcaseFilters(hub=hub, sector=sector, country=country, q=q[:200])
    return selectors.product_showcase(filters=filters).prefetch_related(
        "photos", "ip_assets__owners"
    )


def _product(pk: int) -> Product | None:
    return (
        Product.all_objects.select_related("organisation", "sector")
        .prefetch_related("photos", "ip_assets__owners")
        .filter(pk=pk)
        .first()
    )


@router.get("/products/{product_id}", response=ProductOut, auth=AUTH_OPTIONAL)
def product_detail(request: HttpRequest, product_id: int) -> Any:
    return access.access_product_for_user(api_user(request), _product(product_id))


def _product_refs(data: dict[str, Any]) -> dict[str, Any]:
    if "sector" in data:
        slug = data["sector"]
        data["sector"] = Sector.objects.filter(slug=slug).first() if slug else None
        if slug and data["sector"] is None:
            raise ValidationError({"sector": _("Unknown sector: %(names)s") % {"names": slug}})
    return data


@router.post("/products", response={201: ProductOut})
def product_create(request: HttpRequest, payload: ProductCreateIn) -> Any:
    user = api_user(request)
    data = payload.dict(exclude_unset=True)
    organisation = access.access_organisation_for_user(
        user, selectors.organisation_get(slug=data.pop("organisation"))
    )
    require(access.user_can_manage_products(user, organisation))
    product = services.product_create(organisation=organisation, by=user, **_product_refs(data))
    return Status(201, _product(product.pk))


@router.patch("/products/{product_id}", response=ProductOut)
def product_update(request: HttpRequest, product_id: int, payload: ProductPatchIn) -> Any:
    user = api_user(request)
    product = access.access_product_for_edit(user, _product(product_id))
    services.product_update(
        product=product, by=user, **_product_refs(payload.dict(exclude_unset=True))
    )
    return _product(product_id)


@router.delete("/products/{product_id}", response={204: None})
def product_delete(request: HttpRequest, product_id: int) -> Any:
    user = api_user(request)
    product = access.access_product_for_edit(user, _product(product_id))
    services.product_delete(product=product, by=user)
    return Status(204, None)


@router.post("/products/{product_id}/photos", response={201: PhotoOut})
def product_photo_add(
    request: HttpRequest,
    product_id: int,
    file: File[UploadedFile],
    caption_zh: Form[str] = "",
    caption_en: Form[str] = "",
    caption_he: Form[str] = "",
) -> Any:
    """Upload a JPEG, PNG or WebP photo (at most 5 MB); it is checked and re-encoded."""
    user = api_user(request)
    product = access.access_product_for_edit(user, _product(product_id))
    caption = {"zh-hans": caption_zh, "en": caption_en, "he": caption_he}
    photo = services.product_photo_add(product=product, data=file.read(), caption=caption, by=user)
    return Status(201, photo)


@router.delete("/products/photos/{photo_id}", response={204: None})
def product_photo_delete(request: HttpRequest, photo_id: int) -> Any:
    user = api_user(request)
    photo = get_object_or_404(
        ProductPhoto.objects.select_related("product__organisation"), pk=photo_id
    )
    access.access_product_for_edit(user, photo.product)
    services.product_photo_delete(photo=photo, by=user)
    return Status(204, None)


# ---------------------------------------------------------------------------- growth


@router.get("/growth", response=GrowthOut, auth=AUTH_OPTIONAL)
def growth(request: HttpRequest, hub: Key, by: Key = "country") -> Any:
    """Members at the end of each month, by country of origin or by sector."""
    found = hub_get_visible(user=api_user(request), slug=hub)
    if found is None:
        raise Http404
    if by not in ("country", "sector"):
        raise ValidationError({"by": _("Split by country or sector.")})
    series = selectors.membership_growth(hub=found, by=by)
    return {
        "hub": series.hub_slug,
        "by": series.by,
        "months": series.months,
        "series": [{"key": k, "label": label, "counts": c} for k, label, c in series.series],
        "totals": series.totals,
    }
