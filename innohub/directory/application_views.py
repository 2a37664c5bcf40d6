"""Pages of the admissions pipeline: the public form, the applicant's status page, the
review queue and one application for the hub's staff, and the sponsoring incubator's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import ALL_HUBS, hub_ids_staffed_by, require
from innohub.directory import access, admissions, selectors
from innohub.directory.forms import (
    AdmitForm,
    ApplicationContactForm,
    ApplicationOrganisationForm,
    ApplicationRequestForm,
    DeclineForm,
    MessageForm,
    ScoreForm,
    SponsorDecisionForm,
)
from innohub.directory.models import ApplicationStatus
from innohub.network.models import Hub
from innohub.network.selectors import current_hub, hub_list_public

QUEUE_PAGE_SIZE = 50


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _errors_to_forms(exc: ValidationError, forms_by_field: dict[str, Any], fallback: Any) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            target = forms_by_field.get(name, fallback)
            for message in errors:
                target.add_error(name if name in target.fields else None, message)
    else:
        for message in exc.messages:
            fallback.add_error(None, message)


# ---------------------------------------------------------------------------- applicants


def apply(request: HttpRequest) -> HttpResponse:
    hubs = hub_list_public()
    chosen = request.GET.get("hub")
    hub = (hubs.filter(slug=chosen).first() if chosen else None) or current_hub(request)
    data = request.POST if request.method == "POST" else None
    org_form = ApplicationOrganisationForm(
        data, prefix="org", hubs=hubs, initial={"hub": hub.pk if hub else None}
    )
    contact_forms = [
        ApplicationContactForm(data, prefix="contact1"),
        ApplicationContactForm(data, prefix="contact2", optional=True),
    ]
    sponsors = admissions.sponsors_for_hubs(hubs)
    request_form = ApplicationRequestForm(data, prefix="req", sponsors=sponsors)
    forms = [org_form, *contact_forms, request_form]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        org = org_form.cleaned_data
        wanted = request_form.cleaned_data
        contacts = [form.cleaned_data for form in contact_forms if form.cleaned_data.get("name")]
        try:
            application = admissions.application_submit(
                hub=org["hub"],
                data=admissions.ApplicationData(
                    name=org["name"],
                    kind=org["kind"],
                    country=org["country"],
                    contacts=contacts,
                    wants=wanted["wants"],
                    sectors=list(org["sectors"]),
                    stage=org["stage"],
                    founded_year=org["founded_year"],
                    headcount=org["headcount"],
                    uscc=org["uscc"],
                    il_company_number=org["il_company_number"],
                    website=org["website"],
                    description=org["description"],
                    motivation=wanted["motivation"],
                    sponsor=wanted["sponsor"],
                ),
                language=get_language(),
                by=request.user,
                site_url=site_url(request),
            )
        except ValidationError as exc:
            _errors_to_forms(
                exc,
                {"contacts": contact_forms[0], "wants": request_form, "sponsor": request_form},
                org_form,
            )
        else:
            messages.success(
                request,
                _(
                    "Thank you: your application has been received. We have sent the link to "
                    "this page to %(email)s; keep it to follow the review."
                )
                % {"email": application.contact_email},
            )
            return redirect(
                "directory:application_status", admissions.application_status_token(application)
            )
    return render(
        request,
        "directory/apply.html",
        {
            "org_form": org_form,
            "contact_forms": contact_forms,
            "request_form": request_form,
            "hub": hub,
        },
    )


def application_status(request: HttpRequest, token: str) -> HttpResponse:
    """The applicant's page (the link from the e-mail): status, questions, answers."""
    application = admissions.application_from_status_token(token)
    if application is None:
        raise Http404
    reply_form = MessageForm(
        request.POST if request.method == "POST" and "reply" in request.POST else None,
        label=_("Your answer"),
    )
    if request.method == "POST":
        try:
            if "withdraw" in request.POST:
                admissions.application_withdraw(application=application)
                messages.success(request, _("Your application has been withdrawn."))
                return redirect("directory:application_status", token)
            if reply_form.is_valid():
                admissions.application_reply(
                    application=application,
                    message=reply_form.cleaned_data["message"],
                    site_url=site_url(request),
                )
                messages.success(request, _("Your answer has been sent to the hub."))
                return redirect("directory:application_status", token)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("directory:application_status", token)
    return render(
        request,
        "directory/application_status.html",
        {
            "application": application,
            "events": selectors.application_events(application, for_applicant=True),
            "reply_form": reply_form,
        },
    )


# ---------------------------------------------------------------------------- staff


def _staffed_hubs(user: Any) -> list[Hub]:
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        return list(Hub.objects.all())
    return list(Hub.objects.filter(pk__in=staffed or []))


def _received_between(request: HttpRequest, hub: Hub) -> tuple[Any, Any] | None:
    """`received_from` / `received_to` (days in the hub's zone) as instants, when both given."""
    from datetime import date, datetime, time, timedelta
    from zoneinfo import ZoneInfo

    try:
        first = date.fromisoformat(request.GET.get("received_from", ""))
        last = date.fromisoformat(request.GET.get("received_to", ""))
    except ValueError:
        return None
    zone = ZoneInfo(hub.time_zone or "Asia/Shanghai")
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
    )


@login_required
def application_queue(request: HttpRequest) -> HttpResponse:
    hubs = _staffed_hubs(request.user)
    require(bool(hubs))
    slug = request.GET.get("hub")
    hub = next((h for h in hubs if h.slug == slug), None)
    if hub is None:
        current = current_hub(request)
        hub = next((h for h in hubs if current and h.pk == current.pk), hubs[0])
    status = request.GET.get("status", "open")
    if status not in selectors.QUEUE_VIEWS:
        status = "open"
    q = request.GET.get("q", "")[:200]
    qs = selectors.application_queue(
        hub=hub, status=status, q=q, received=_received_between(request, hub)
    )
    page = Paginator(qs, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rubric = selectors.rubric_for_hub(hub)
    applications = selectors.application_queue_page_related(list(page.object_list))
    rows = [
        {"application": a, "percent": selectors.application_percent(a, rubric)}
        for a in applications
    ]
    counts = selectors.application_status_counts(hub)
    tabs = [
        ("open", _("Open"), counts["open"]),
        *[(value, label, counts[value]) for value, label in ApplicationStatus.choices],
        ("all", _("All"), counts["all"]),
    ]
    return render(
        request,
        "directory/application_queue.html",
        {
            "hubs": hubs,
            "hub": hub,
            "status": status,
            "q": q,
            "tabs": tabs,
            "page": page,
            "rows": rows,
        },
    )


def _detail_context(request: HttpRequest, application: Any, **forms: Any) -> dict[str, Any]:
    rubric = selectors.rubric_for_hub(application.hub)
    summary = selectors.application_score_summary(application, rubric, user=request.user)
    return {
        "application": application,
        "events": selectors.application_events(application, for_applicant=False),
        "summary": summary,
        "score_form": forms.get("score_form")
        or ScoreForm(rubric=rubric, initial_scores=summary.lines),
        "info_form": forms.get("info_form")
        or MessageForm(label=_("Question for the applicant"), prefix="info"),
        "note_form": forms.get("note_form") or MessageForm(label=_("Internal note"), prefix="note"),
        "admit_form": forms.get("admit_form") or AdmitForm(prefix="admit"),
        "decline_form": forms.get("decline_form") or DeclineForm(prefix="decline"),
        "submitted_sectors": selectors.sector_list().filter(
            slug__in=application.submitted.get("sectors", [])
        ),
        **selectors.application_context(application),
    }


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.access_application_for_staff(request.user, pk)
    return render(
        request, "directory/application_detail.html", _detail_context(request, application)
    )


@login_required
@require_POST
def application_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Every reviewer action posts here; each one is a service call."""
    application = access.access_application_for_staff(request.user, pk)
    user = request.user
    url = site_url(request)
    rubric = selectors.rubric_for_hub(application.hub)

    def review() -> tuple[str, None]:
        admissions.application_start_review(application=application, by=user)
        return _("The review has started."), None

    def request_info() -> tuple[str | None, Any]:
        form = MessageForm(request.POST, prefix="info")
        if not form.is_valid():
            return None, {"info_form": form}
        admissions.application_request_info(
            application=application, by=user, message=form.cleaned_data["message"], site_url=url
        )
        return _("The question has been sent to the applicant."), None

    def note() -> tuple[str | None, Any]:
        form = MessageForm(request.POST, prefix="note")
        if not form.is_valid():
            return None, {"note_form": form}
        admissions.application_note(
            application=application, by=user, message=form.cleaned_data["message"]
        )
        return _("The note has been added."), None

    def score() -> tuple[str | None, Any]:
        summary = selectors.application_score_summary(application, rubric, user=user)
        form = ScoreForm(request.POST, rubric=rubric, initial_scores=summary.lines)
        if not form.is_valid():
            return None, {"score_form": form}
        admissions.application_score(application=application, by=user, scores=form.scores())
        return _("Your scores have been saved."), None

    def admit() -> tuple[str | None, Any]:
        form = AdmitForm(request.POST, prefix="admit")
        if not form.is_valid():
            return None, {"admit_form": form}
        admissions.application_admit(
            application=application,
            by=user,
            reason=form.cleaned_data["reason"],
            list_publicly=form.cleaned_data["list_publicly"],
            invite=form.cleaned_data["invite"],
            site_url=url,
        )
        return _("The organisation has been admitted."), None

    def decline() -> tuple[str | None, Any]:
        form = DeclineForm(request.POST, prefix="decline")
        if not form.is_valid():
            return None, {"decline_form": form}
        admissions.application_decline(
            application=application, by=user, reason=form.cleaned_data["reason"], site_url=url
        )
        return _("The application has been declined."), None

    def invite() -> tuple[str, None]:
        member = admissions.application_invite_again(application=application, by=user, site_url=url)
        return _("The invitation has been sent to %(email)s.") % {"email": member.email}, None

    handlers: dict[str, Callable[[], tuple[str | None, Any]]] = {
        "review": review,
        "request-info": request_info,
        "note": note,
        "score": score,
        "admit": admit,
        "decline": decline,
        "invite": invite,
    }
    handler = handlers.get(action)
    if handler is None:
        raise Http404
    try:
        done, invalid_forms = handler()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(application)
    if invalid_forms:
        application.refresh_from_db()
        context = _detail_context(request, application, **invalid_forms)
        return render(request, "directory/application_detail.html", context, status=400)
    messages.success(request, done)
    return redirect(application)


# ---------------------------------------------------------------------------- sponsors


@login_required
def sponsored_applications(request: HttpRequest) -> HttpResponse:
    applications = list(selectors.applications_for_sponsor(request.user))
    require(bool(applications) or request.user.roles.filter(kind="member").exists())
    rows = [(a, SponsorDecisionForm(auto_id=f"id_%s_{a.pk}")) for a in applications]
    return render(request, "directory/sponsored_applications.html", {"rows": rows})


@login_required
@require_POST
def sponsor_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.access_application_for_sponsor(request.user, pk)
    form = SponsorDecisionForm(request.POST)
    if form.is_valid():
        try:
            admissions.application_sponsor_decide(
                application=application,
                by=request.user,
                confirm=form.cleaned_data["decision"] == "confirm",
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your answer has been recorded."))
    else:
        messages.error(request, _("Choose whether you sponsor the applicant."))
    return redirect("directory:sponsored_applications")
