"""Service desk pages: thin views over the selectors, services and access helpers."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import grants_for, require, user_is_hub_staff, user_is_judge
from innohub.directory.models import Organisation, OrganisationKind
from innohub.network.models import Hub
from innohub.network.selectors import current_hub, hub_get_visible
from innohub.servicedesk import access, selectors, services
from innohub.servicedesk.eligibility import OPERATOR_LABELS, describe_rules
from innohub.servicedesk.facts import fact_catalogue, fact_specs
from innohub.servicedesk.forms import (
    AccreditForm,
    ApplicationForm,
    ApplicationTransitionForm,
    BookingForm,
    ExpertFilterForm,
    ExpertForm,
    MessageForm,
    NewExpertForm,
    OfficeHourForm,
    PeriodForm,
    ProgrammeForm,
    ProviderForm,
    RatingForm,
    RequestFilterForm,
    RequestForm,
    RouteForm,
    ServiceForm,
    TransitionForm,
    WindowForm,
    office_hour_rooms,
)
from innohub.servicedesk.models import (
    OPEN_REQUEST_STATES,
    REQUEST_TRANSITIONS,
    ApplicationState,
    Expert,
    OfficeHour,
    OfficeHourBooking,
    Programme,
    ProgrammeApplication,
    ProviderAccreditation,
    RequestMessage,
    RequestState,
    Service,
    Side,
)

PAGE_SIZE = 30


def _hub(request: HttpRequest) -> Hub:
    """The hub a page is about: ?hub=<slug>, else the one chosen in the hub switcher."""
    slug = request.GET.get("hub") or request.POST.get("hub")
    hub = hub_get_visible(user=request.user, slug=slug) if slug else current_hub(request)
    if hub is None:
        raise Http404
    return hub


def _zone(request: HttpRequest, hub: Hub) -> str:
    return getattr(request.user, "time_zone", "") or hub.time_zone or "Asia/Shanghai"


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _base(request: HttpRequest, hub: Hub, tab: str) -> dict[str, Any]:
    return {
        "hub": hub,
        "tab": tab,
        "tz": _zone(request, hub),
        "is_staff": user_is_hub_staff(request.user, hub.pk),
    }


# ---------------------------------------------------------------- catalogue


def catalogue(request: HttpRequest) -> HttpResponse:
    hub = _hub(request)
    services_ = list(selectors.service_catalogue(hub=hub, user=request.user))
    context = _base(request, hub, "catalogue")
    context.update(
        groups=selectors.catalogue_by_category(services_),
        member_organisations=access.member_organisations_for(request.user, hub.pk),
    )
    return render(request, "servicedesk/catalogue.html", context)


def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = access.access_service_for_user(request.user, selectors.service_get(pk=pk))
    hub = service.hub
    organisations = access.member_organisations_for(request.user, hub.pk)
    form = None
    if organisations and service.is_active:
        form = RequestForm(request.POST or None, organisations=organisations)
        if request.method == "POST" and form.is_valid():
            organisation = form.cleaned_data.get("organisation") or organisations[0]
            try:
                created = services.request_submit(
                    service=service,
                    organisation=organisation,
                    by=request.user,
                    subject=form.cleaned_data["subject"],
                    description=form.cleaned_data["description"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("Your request has been sent. You will hear back by e-mail.")
                )
                return redirect(created)
    context = _base(request, hub, "catalogue")
    context.update(
        service=service,
        form=form,
        signed_in=request.user.is_authenticated,
        represents_someone=bool(grants_for(request.user).member_organisations),
    )
    return render(request, "servicedesk/service_detail.html", context)


def _providers_for(hub: Hub) -> Any:
    return Organisation.objects.filter(
        pk__in=selectors.accredited_providers(hub=hub).values("organisation_id")
    )


@login_required
def service_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        hub = _hub(request)
        require(access.user_can_manage_hub_desk(request.user, hub.pk))
        instance = Service(hub=hub)
    else:
        instance = access.access_service_for_edit(request.user, selectors.service_get(pk=pk))
        hub = instance.hub
    form = ServiceForm(
        request.POST or None,
        instance=Service.objects.get(pk=instance.pk) if instance.pk else instance,
        providers=_providers_for(hub),
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            if instance.pk:
                saved = services.service_update(service=instance, by=request.user, **data)
            else:
                saved = services.service_create(hub=hub, by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The service has been saved."))
            return redirect(saved)
    context = _base(request, hub, "catalogue")
    context.update(form=form, service=instance if instance.pk else None)
    return render(request, "servicedesk/service_form.html", context)


@login_required
def providers(request: HttpRequest) -> HttpResponse:
    hub = _hub(request)
    require(access.user_can_manage_hub_desk(request.user, hub.pk))
    accredited_ids = ProviderAccreditation.objects.filter(hub=hub).values("organisation_id")
    unaccredited = Organisation.objects.filter(kind=OrganisationKind.SERVICE_PROVIDER).exclude(
        pk__in=accredited_ids
    )
    today = timezone.localdate()
    new_form = ProviderForm(
        request.POST if request.POST.get("action") == "create" else None,
        initial={"accredited_on": today, "country": "CN"},
        prefix="new",
    )
    accredit_form = AccreditForm(
        request.POST if request.POST.get("action") == "accredit" else None,
        organisations=unaccredited,
        initial={"accredited_on": today},
        prefix="acc",
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "create" and new_form.is_valid():
                services.provider_create(hub=hub, by=request.user, **new_form.cleaned_data)
                messages.success(request, _("The provider has been added and accredited."))
                return redirect(f"{request.path}?hub={hub.slug}")
            if request.POST.get("action") == "accredit" and accredit_form.is_valid():
                services.provider_accredit(hub=hub, by=request.user, **accredit_form.cleaned_data)
                messages.success(request, _("The provider has been accredited."))
                return redirect(f"{request.path}?hub={hub.slug}")
        except ValidationError as exc:
            _errors(request, exc)
    context = _base(request, hub, "providers")
    context.update(
        accreditations=selectors.accreditation_list(hub=hub),
        new_form=new_form,
        accredit_form=accredit_form,
        today=today,
    )
    return render(request, "servicedesk/providers.html", context)


# ---------------------------------------------------------------- requests


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    form = RequestFilterForm(request.GET or None)
    filters = selectors.RequestFilters()
    if form.is_valid():
        filters = selectors.RequestFilters(
            state=form.cleaned_data["state"],
            timeliness=form.cleaned_data["timeliness"],
            q=form.cleaned_data["q"],
            hub=request.GET.get("hub", ""),
        )
    qs = selectors.request_list(user=request.user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    hub = current_hub(request)
    now = timezone.now()
    rows = [
        {
            "request": r,
            "side": access.request_side(request.user, r),
            "response": r.response_timeliness(now),
            "completion": r.completion_timeliness(now),
        }
        for r in page.object_list
    ]
    context = {
        "tab": "requests",
        "hub": hub,
        "tz": _zone(request, hub) if hub else "Asia/Shanghai",
        "is_staff": bool(hub and user_is_hub_staff(request.user, hub.pk)),
        "form": form,
        "page": page,
        "rows": rows,
    }
    return render(request, "servicedesk/request_list.html", context)


def _load_request(request: HttpRequest, pk: int) -> Any:
    return access.access_request_for_user(request.user, selectors.request_get(pk=pk))


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = _load_request(request, pk)
    side = access.request_side(request.user, service_request)
    next_states = [
        state
        for state in REQUEST_TRANSITIONS[service_request.state]
        if access.user_can_move_request(request.user, service_request, state)
    ]
    order = list(RequestState.values)
    next_states.sort(key=order.index)
    now = timezone.now()
    context = _base(request, service_request.hub, "requests")
    context.update(
        r=service_request,
        side=side,
        thread=selectors.request_thread(service_request),
        next_states=[(state, RequestState(state).label) for state in next_states],
        transition_form=TransitionForm(),
        message_form=MessageForm() if service_request.state != RequestState.CANCELLED else None,
        rating_form=RatingForm()
        if side == Side.MEMBER and service_request.state == RequestState.DONE
        else None,
        route_form=RouteForm(
            providers=_providers_for(service_request.hub),
            initial={"provider": service_request.provider_id},
        )
        if access.user_can_route_request(request.user, service_request)
        and service_request.state in OPEN_REQUEST_STATES
        else None,
        response=service_request.response_timeliness(now),
        completion=service_request.completion_timeliness(now),
    )
    return render(request, "servicedesk/request_detail.html", context)


@login_required
@require_POST
def request_transition(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = _load_request(request, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.request_transition(
                request=service_request,
                to_state=form.cleaned_data["state"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("The request has been updated."))
    else:
        messages.error(request, _("Choose what to do with the request."))
    return redirect(service_request)


@login_required
@require_POST
def request_message(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = _load_request(request, pk)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.request_message_post(
                request=service_request,
                by=request.user,
                body=form.cleaned_data["body"],
                upload=form.cleaned_data["attachment"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Your message has been sent."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(f"{service_request.get_absolute_url()}#thread-end")


@login_required
@require_POST
def request_rate(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = _load_request(request, pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.request_rate(
                request=service_request,
                by=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Thank you for rating this service."))
    else:
        messages.error(request, _("Choose a rating from 1 to 5."))
    return redirect(service_request)


@login_required
@require_POST
def request_route(request: HttpRequest, pk: int) -> HttpResponse:
    service_request = _load_request(request, pk)
    require(access.user_can_route_request(request.user, service_request))
    form = RouteForm(request.POST, providers=_providers_for(service_request.hub))
    if form.is_valid():
        try:
            services.request_route(
                request=service_request,
                provider=form.cleaned_data["provider"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("The request has been routed."))
    return redirect(service_request)


def attachment_response(service_request: Any, message_pk: int) -> FileResponse:
    """The file of one message of a request the caller may already see, as a download."""
    message = get_object_or_404(RequestMessage, pk=message_pk, request=service_request)
    if not message.attachment:
        raise Http404
    response = FileResponse(
        message.attachment.open("rb"), as_attachment=True, filename=message.attachment_name
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def request_file(request: HttpRequest, pk: int, message_pk: int) -> FileResponse:
    return attachment_response(_load_request(request, pk), message_pk)


# ---------------------------------------------------------------- programmes


def _programme_organisation(request: HttpRequest, hub: Hub) -> Organisation | None:
    """The member whose eligibility the page shows: the user's own, or ?org= for staff."""
    slug = request.GET.get("org")
    if slug:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or not access.user_sees_eligibility(
            request.user, organisation, hub.pk
        ):
            raise Http404
        return organisation
    own = access.member_organisations_for(request.user, hub.pk)
    return own[0] if own else None


def programme_list(request: HttpRequest) -> HttpResponse:
    hub = _hub(request)
    programmes = list(selectors.programme_list(hub=hub, user=request.user))
    organisation = _programme_organisation(request, hub)
    today = timezone.localdate()
    verdicts = (
        dict(
            (p.pk, e)
            for p, e in selectors.eligibility_for_organisation(
                organisation=organisation, hub=hub, programmes=programmes, today=today
            )
        )
        if organisation
        else {}
    )
    rows = [
        {
            "programme": p,
            "status": selectors.programme_window_status(p, today),
            "evaluation": verdicts.get(p.pk),
        }
        for p in programmes
    ]
    context = _base(request, hub, "programmes")
    context.update(
        rows=rows,
        organisation=organisation,
        own_organisations=access.member_organisations_for(request.user, hub.pk),
    )
    return render(request, "servicedesk/programme_list.html", context)


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.access_programme_for_user(request.user, selectors.programme_get(pk=pk))
    hub = programme.hub
    today = timezone.localdate()
    organisation = _programme_organisation(request, hub)
    evaluation = None
    if organisation is not None:
        [(_p, evaluation)] = selectors.eligibility_for_organisation(
            organisation=organisation, hub=hub, programmes=[programme], today=today
        )
    own = access.member_organisations_for(request.user, hub.pk)
    status = selectors.programme_window_status(programme, today)
    apply_form = ApplicationForm(organisations=own) if own and status["open"] else None
    context = _base(request, hub, "programmes")
    context.update(
        programme=programme,
        rules=describe_rules(programme.rules, fact_specs()),
        status=status,
        windows=programme.windows.all(),
        organisation=organisation,
        evaluation=evaluation,
        apply_form=apply_form,
        window_form=None,
        applications=selectors.application_list(user=request.user, programme=programme)[:50]
        if request.user.is_authenticated
        else [],
    )
    if context["is_staff"]:
        context["window_form"] = WindowForm()
    return render(request, "servicedesk/programme_detail.html", context)


@login_required
def programme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        hub = _hub(request)
        require(access.user_can_manage_hub_desk(request.user, hub.pk))
        instance = Programme(hub=hub)
    else:
        instance = access.access_programme_for_user(request.user, selectors.programme_get(pk=pk))
        hub = instance.hub
        require(access.user_can_manage_hub_desk(request.user, hub.pk))
    form = ProgrammeForm(
        request.POST or None,
        instance=Programme.objects.get(pk=instance.pk) if instance.pk else instance,
        funders=selectors.funder_choices(request.user, keep=instance.funder_id),
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            if instance.pk:
                saved = services.programme_update(programme=instance, by=request.user, **data)
            else:
                saved = services.programme_create(hub=hub, by=request.user, **data)
        except ValidationError as exc:
            form.add_error("rules" if "rules" in getattr(exc, "error_dict", {}) else None, exc)
        else:
            messages.success(request, _("The programme has been saved."))
            return redirect(saved)
    context = _base(request, hub, "programmes")
    context.update(
        form=form,
        programme=instance if instance.pk else None,
        facts=fact_catalogue(),
        operators=[(op, label) for op, label in OPERATOR_LABELS.items()],
    )
    return render(request, "servicedesk/programme_form.html", context)


@login_required
@require_POST
def programme_window_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.access_programme_for_user(request.user, selectors.programme_get(pk=pk))
    # Refuse before reading the form: a member must not learn how the form is checked.
    require(user_is_hub_staff(request.user, programme.hub_id))
    form = WindowForm(request.POST)
    if form.is_valid():
        try:
            services.programme_window_add(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("The application window has been added."))
    else:
        messages.error(request, _("Enter the day the window opens and the day it closes."))
    return redirect(programme)


@login_required
@require_POST
def programme_apply(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.access_programme_for_user(request.user, selectors.programme_get(pk=pk))
    own = access.member_organisations_for(request.user, programme.hub_id)
    require(bool(own), _("Only members of the hub can apply through it."))
    form = ApplicationForm(request.POST, organisations=own)
    if form.is_valid():
        try:
            application = services.application_create(
                programme=programme,
                organisation=form.cleaned_data.get("organisation") or own[0],
                by=request.user,
                amount_requested=form.cleaned_data["amount_requested"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(
                request, _("Your application has been started; the hub's staff will contact you.")
            )
            return redirect(application)
    return redirect(programme)


@login_required
def programme_members(request: HttpRequest, pk: int) -> HttpResponse:
    programme = access.access_programme_for_user(request.user, selectors.programme_get(pk=pk))
    require(access.user_can_manage_hub_desk(request.user, programme.hub_id))
    rows = selectors.eligibility_of_members(programme=programme, today=timezone.localdate())
    context = _base(request, programme.hub, "programmes")
    context.update(programme=programme, rows=rows)
    return render(request, "servicedesk/programme_members.html", context)


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    hub = _hub(request)
    state = request.GET.get("state", "")
    if state not in ApplicationState.values:
        state = ""
    qs = selectors.application_list(user=request.user, hub=hub, state=state)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = _base(request, hub, "programmes")
    context.update(page=page, state=state, states=ApplicationState.choices)
    return render(request, "servicedesk/application_list.html", context)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.access_application_for_user(
        request.user,
        ProgrammeApplication.objects.select_related("programme__hub", "organisation")
        .filter(pk=pk)
        .first(),
    )
    manages = access.user_manages_application(request.user, application)
    form = ApplicationTransitionForm(
        request.POST or None, initial={"on": timezone.localdate(), "state": application.state}
    )
    if request.method == "POST":
        wanted = request.POST.get("state")
        require(manages or wanted == ApplicationState.WITHDRAWN)
        if form.is_valid():
            try:
                services.application_transition(
                    application=application,
                    to_state=form.cleaned_data["state"],
                    by=request.user,
                    on=form.cleaned_data["on"],
                    amount_granted=form.cleaned_data["amount_granted"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("The application has been updated."))
                return redirect(application)
        else:
            _errors(request, ValidationError(list(form.errors.values())))
    context = _base(request, application.programme.hub, "programmes")
    context.update(
        application=application,
        manages=manages,
        form=form if manages else None,
        can_withdraw=application.state in ("preparing", "submitted"),
        today=timezone.localdate(),
    )
    return render(request, "servicedesk/application_detail.html", context)


# ---------------------------------------------------------------- experts


def expert_list(request: HttpRequest) -> HttpResponse:
    hub = _hub(request)
    form = ExpertFilterForm(request.GET or None)
    filters = selectors.ExpertFilters()
    if form.is_valid():
        filters = selectors.ExpertFilters(
            **{
                k: v
                for k, v in form.cleaned_data.items()
                if k in ("kind", "sector", "language", "q")
            }
        )
    experts = selectors.expert_list(hub=hub, user=request.user, filters=filters)
    page = Paginator(experts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = _base(request, hub, "experts")
    context.update(form=form, page=page)
    return render(request, "servicedesk/expert_list.html", context)


def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    expert = access.access_expert_for_user(request.user, selectors.expert_get(pk=pk))
    hub = expert.hub
    manages = access.user_manages_office_hours(request.user, expert)
    own = access.member_organisations_for(request.user, hub.pk)
    hours = selectors.expert_office_hours(expert=expert)
    for office_hour in hours:
        booking = office_hour.booking
        office_hour.visible_booking = (  # type: ignore[attr-defined]
            booking if booking and access.user_sees_booking(request.user, booking) else None
        )
    context = _base(request, hub, "experts")
    context.update(
        expert=expert,
        hours=hours,
        manages=manages,
        is_judge=expert.person.user_id is not None
        and user_is_judge(expert.person.user, expert.hub_id),
        booking_form=BookingForm(organisations=own) if own else None,
        slot_form=OfficeHourForm(
            initial={"repeat_weeks": 1, "minutes": 60}, rooms=office_hour_rooms(expert.hub_id)
        )
        if manages
        else None,
    )
    return render(request, "servicedesk/expert_detail.html", context)


@login_required
@require_POST
def expert_judge(request: HttpRequest, pk: int) -> HttpResponse:
    expert = access.access_expert_for_user(request.user, selectors.expert_get(pk=pk))
    try:
        services.expert_judge_appoint(expert=expert, by=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The expert is now a contest judge of this hub."))
    return redirect(expert)


@login_required
def expert_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        hub = _hub(request)
        require(access.user_can_manage_hub_desk(request.user, hub.pk))
        form: ExpertForm = NewExpertForm(
            request.POST or None,
            people=selectors.expert_person_choices(request.user, hub),
            organisations=selectors.organisation_choices(request.user),
        )
        expert = None
    else:
        expert = access.access_expert_for_user(request.user, selectors.expert_get(pk=pk))
        hub = expert.hub
        require(access.user_manages_office_hours(request.user, expert))
        form = ExpertForm(request.POST or None, instance=Expert.objects.get(pk=expert.pk))
        if not user_is_hub_staff(request.user, hub.pk):
            for name in ("can_judge", "is_public"):
                form.fields.pop(name)
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data[name]
            for name in ("kind", "expertise", "bio", "sectors", "languages", "availability")
        }
        for name in ("can_judge", "is_public"):
            if name in form.fields:
                data[name] = form.cleaned_data[name]
        try:
            if expert is None:
                saved = services.expert_create(
                    hub=hub,
                    person=form.cleaned_data["person"],
                    new_person={
                        "name": form.cleaned_data["new_name"],
                        "title": form.cleaned_data["new_title"],
                        "email": form.cleaned_data["new_email"],
                        "organisation": form.cleaned_data["new_organisation"],
                    },
                    by=request.user,
                    **data,
                )
            else:
                saved = services.expert_update(expert=expert, by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The expert's profile has been saved."))
            return redirect(saved)
    context = _base(request, hub, "experts")
    context.update(form=form, expert=expert)
    return render(request, "servicedesk/expert_form.html", context)


@login_required
@require_POST
def office_hour_create(request: HttpRequest, pk: int) -> HttpResponse:
    expert = access.access_expert_for_user(request.user, selectors.expert_get(pk=pk))
    require(access.user_manages_office_hours(request.user, expert))
    form = OfficeHourForm(request.POST, rooms=office_hour_rooms(expert.hub_id))
    with timezone.override(ZoneInfo(expert.hub.time_zone)):
        valid = form.is_valid()
    if not valid:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(expert)
    data = form.cleaned_data
    created = 0
    for week in range(data["repeat_weeks"]):
        starts_at = data["starts_at"] + timedelta(weeks=week)
        try:
            services.office_hour_create(
                expert=expert,
                by=request.user,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=data["minutes"]),
                mode=data["mode"],
                location=data["location"],
                room=data.get("room"),
                meeting_url=data["meeting_url"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            created += 1
    if created:
        messages.success(request, _("Office hours added: %(n)d.") % {"n": created})
    return redirect(expert)


@login_required
@require_POST
def office_hour_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    office_hour = get_object_or_404(OfficeHour.objects.select_related("expert__person"), pk=pk)
    access.access_expert_for_user(request.user, office_hour.expert)
    services.office_hour_cancel(office_hour=office_hour, by=request.user)
    messages.success(request, _("The office hour has been withdrawn."))
    return redirect(office_hour.expert)


@login_required
@require_POST
def office_hour_book(request: HttpRequest, pk: int) -> HttpResponse:
    office_hour = get_object_or_404(
        OfficeHour.objects.select_related("expert__person", "expert__hub"), pk=pk
    )
    expert = access.access_expert_for_user(request.user, office_hour.expert)
    own = access.member_organisations_for(request.user, expert.hub_id)
    require(bool(own), _("Only members of the hub can book office hours."))
    form = BookingForm(request.POST, organisations=own)
    if form.is_valid():
        try:
            services.office_hour_book(
                office_hour=office_hour,
                organisation=form.cleaned_data.get("organisation") or own[0],
                by=request.user,
                topic=form.cleaned_data["topic"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("The office hour is booked; a confirmation is on its way."))
            return redirect("servicedesk:bookings")
    else:
        messages.error(request, _("Say what you would like to discuss."))
    return redirect(expert)


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(
        OfficeHourBooking.objects.select_related("office_hour__expert__person"), pk=pk
    )
    try:
        services.booking_cancel(booking=booking, by=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("The booking has been cancelled."))
    return redirect("servicedesk:bookings")


@login_required
def bookings(request: HttpRequest) -> HttpResponse:
    hub = current_hub(request)
    page = Paginator(selectors.bookings_for_user(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "tab": "bookings",
        "hub": hub,
        "tz": _zone(request, hub) if hub else "Asia/Shanghai",
        "is_staff": bool(hub and user_is_hub_staff(request.user, hub.pk)),
        "page": page,
        "represented": grants_for(request.user).organisations,
    }
    return render(request, "servicedesk/bookings.html", context)


# ---------------------------------------------------------------- figures


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    hub = _hub(request)
    require(access.user_can_manage_hub_desk(request.user, hub.pk))
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"start": date(today.year, 1, 1), "end": today})
    period = (date(today.year, 1, 1), today)
    if form.is_valid():
        period = (form.cleaned_data["start"], form.cleaned_data["end"])
    figures_ = selectors.desk_figures(hub, period)
    states = RequestState.choices
    service_rows = [
        {
            "name": row["name"],
            "total": row["total"],
            "counts": [row["by_state"][value] for value, _label in states],
        }
        for row in figures_["requests"]["by_service"]
    ]
    context = _base(request, hub, "figures")
    context.update(
        form=form, period=period, figures=figures_, states=states, service_rows=service_rows
    )
    return render(request, "servicedesk/figures.html", context)
