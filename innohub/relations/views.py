"""Pages of delegations, visits and agreements: thin views over selectors, services and access."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import require, user_is_hub_staff, user_is_staff_anywhere
from innohub.accounts.models import RoleKind, User
from innohub.directory import access as directory_access
from innohub.directory.models import Organisation
from innohub.directory.selectors import organisation_get, sector_list
from innohub.events.access import user_sees_event
from innohub.events.models import Event
from innohub.events.selectors import event_visible_q
from innohub.matching.access import introduction_visible_q
from innohub.network.models import Hub
from innohub.network.selectors import (
    current_hub,
    hub_choices_for,
    hub_get_visible,
)
from innohub.relations import access, pickers, selectors, services
from innohub.relations.documents import TYPES, safe_download_name
from innohub.relations.forms import (
    AgreementFilterForm,
    AgreementForm,
    DelegationForm,
    DelegationMemberForm,
    DocumentForm,
    DueFilterForm,
    FollowUpForm,
    MilestoneForm,
    Picker,
    SignatoryForm,
    TimelineFilterForm,
    VisitFilterForm,
    VisitForm,
    VisitStopForm,
)
from innohub.relations.models import (
    AgreementDocument,
    AgreementParty,
    Delegation,
    DelegationMember,
    FollowUp,
    Milestone,
    Signatory,
    Visit,
    VisitStop,
)
from innohub.relations.timeline import timeline_for

PAGE_SIZE = 20
TIMELINE_PAGE_SIZE = 50


def today_for(request: HttpRequest) -> Any:
    """Today in the zone of the hub the visitor is looking at (Shanghai by default)."""
    hub = current_hub(request)
    return timezone.localdate(timezone=ZoneInfo(hub.time_zone if hub else "Asia/Shanghai"))


def _apply_errors(form: Any, exc: ValidationError, pickers_by_name: dict[str, Picker]) -> None:
    """Put a service's ValidationError next to the field it names (or above the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.message_dict.items():
        if name in pickers_by_name:
            pickers_by_name[name].errors.extend(errors)
        elif name in form.fields:
            form.add_error(name, errors)
        else:
            form.add_error(None, errors)


@dataclass(frozen=True)
class Crumb:
    url: str
    label: Any


def _form_page(
    request: HttpRequest,
    *,
    form: Any,
    pickers: list[Picker],
    heading: str,
    crumbs: list[Crumb],
    cancel_url: str,
    pickers_first: bool = False,
    hidden: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """Every form page of the app: breadcrumbs, pickers, the form, Save and Cancel."""
    return render(
        request,
        "relations/form_page.html",
        {
            "form": form,
            "pickers": pickers,
            "heading": heading,
            "crumbs": crumbs,
            "cancel_url": cancel_url,
            "pickers_first": pickers_first,
            "hidden": hidden or [],
        },
    )


def _searching(request: HttpRequest) -> bool:
    """The form was sent by a picker's Search button (no JavaScript): show matches, save nothing."""
    return request.method == "POST" and "_search" in request.POST


def _is_htmx_results(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == "results"


# ------------------------------------------------------------------ the picker


@login_required
def picker_results(request: HttpRequest) -> HttpResponse:
    """htmx: the checked choices plus the matches of a picker's search box."""
    picker = pickers.from_query(request)
    return render(request, "relations/_picker.html#results", {"picker": picker})


# ------------------------------------------------------------------ agreements


def agreement_list(request: HttpRequest) -> HttpResponse:
    hubs = hub_choices_for(request)
    form = AgreementFilterForm(request.GET or None, hubs=hubs, sectors=list(sector_list()))
    filters = selectors.AgreementFilters()
    if form.is_valid():
        filters = selectors.AgreementFilters(**form.cleaned_data)
    page = Paginator(
        selectors.agreement_list(user=request.user, filters=filters), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    selectors.mark_listed_parties(user=request.user, agreements=page.object_list)
    context = {
        "form": form,
        "page": page,
        "can_create": user_is_staff_anywhere(request.user),
    }
    template = "relations/agreement_list.html"
    if _is_htmx_results(request):
        template += "#results"
    return render(request, template, context)


def _agreement_form_visits(request: HttpRequest, hubs: Any, chosen_pk: Any) -> Any:
    recent = list(
        Visit.objects.filter(hub__in=hubs)
        .order_by("-starts_on", "-id")
        .values_list("pk", flat=True)[:200]
    )
    extra = [int(chosen_pk)] if str(chosen_pk or "").isdigit() else []
    return Visit.objects.filter(Q(pk__in=recent) | Q(pk__in=extra), hub__in=hubs).select_related(
        "hub"
    )


def _agreement_form_events(request: HttpRequest, hubs: Any, chosen_pk: Any) -> Any:
    """Events an agreement may have been signed at: recent ones of the hubs, and the chosen one."""
    recent = list(
        Event.objects.filter(hub__in=hubs)
        .order_by("-starts_at", "-id")
        .values_list("pk", flat=True)[:200]
    )
    extra = [int(chosen_pk)] if str(chosen_pk or "").isdigit() else []
    return Event.objects.filter(
        event_visible_q(request.user), Q(pk__in=recent) | Q(pk__in=extra)
    ).order_by("-starts_at", "-id")


def _party_inputs(
    request: HttpRequest,
    picker: Picker,
    other_parties: str,
    existing: list[AgreementParty] | None = None,
) -> list[services.PartyInput]:
    """The parties a form names; parties already recorded keep their role and stored names."""
    previous = {p.key: p for p in existing or []}
    outside = {str(p.name): p for p in existing or [] if not (p.organisation_id or p.hub_id)}
    parties: list[services.PartyInput] = []
    for key in picker.chosen_keys:
        target = pickers.resolve_party(request.user, key)
        role = previous[key].role if key in previous else None
        if isinstance(target, Organisation):
            parties.append(services.PartyInput(organisation=target, role=role))
        elif isinstance(target, Hub):
            parties.append(services.PartyInput(hub=target, role=role))
    for line in (other_parties or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line in outside:
            parties.append(services.PartyInput(name=outside[line].name, role=outside[line].role))
        else:
            parties.append(services.PartyInput(name={_language(request): line}))
    return parties


def _language(request: HttpRequest) -> str:
    from innohub.common.i18n import normalise_language

    return normalise_language(getattr(request, "LANGUAGE_CODE", None))


def _agreement_data(form: AgreementForm) -> dict[str, Any]:
    skip = {"hub", "sectors", "other_parties"}
    return {name: form.cleaned_data[name] for name in form.fields if name not in skip}


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    require(user_is_staff_anywhere(request.user))
    hubs = selectors.hubs_staffed(request.user)
    visit = None
    visit_pk = request.GET.get("visit") or request.POST.get("visit")
    event_pk = request.GET.get("event") or request.POST.get("event")
    initial: dict[str, Any] = {"status": "signed", "signed_on": timezone.localdate()}
    initial_parties: list[str] = []
    if request.method == "GET" and event_pk and str(event_pk).isdigit():
        event = Event.objects.filter(event_visible_q(request.user), pk=int(event_pk)).first()
        if event is not None:
            initial.update(
                event=event,
                signing_place=event.title,
                signed_on=event.starts_at.astimezone(ZoneInfo(event.time_zone)).date(),
            )
            if user_is_hub_staff(request.user, event.hub_id):
                initial["hub"] = event.hub
    if visit_pk and str(visit_pk).isdigit():
        visit = access.access_visit_for_edit(request.user, selectors.visit_get(pk=int(visit_pk)))
        initial.update(
            hub=visit.hub,
            visit=visit,
            signing_place=visit.destination,
            signed_on=visit.starts_on if visit.date_precision == "day" else None,
        )
        if visit.delegation.organisation_id:
            initial_parties.append(f"org:{visit.delegation.organisation_id}")
    else:
        hub = current_hub(request)
        if hub is not None and user_is_hub_staff(request.user, hub.pk):
            initial["hub"] = hub
    form = AgreementForm(
        request.POST or None,
        hubs=hubs,
        visits=_agreement_form_visits(request, hubs, visit_pk),
        events=_agreement_form_events(request, hubs, event_pk),
        creating=True,
        initial=initial,
    )
    parties = pickers.build(
        request,
        name="parties",
        label=_("Parties"),
        source="party",
        required=True,
        initial=initial_parties,
        help_text=_("Organisations or hubs; type a few letters of a name in any language."),
    )
    if request.method == "POST" and not _searching(request):
        valid = form.is_valid()
        if pickers.validate(parties) and valid:
            hub = form.cleaned_data["hub"]
            require(user_is_hub_staff(request.user, hub.pk))
            try:
                agreement = services.agreement_create(
                    by=request.user,
                    hub=hub,
                    parties=_party_inputs(request, parties, form.cleaned_data["other_parties"]),
                    sectors=form.cleaned_data["sectors"],
                    **_agreement_data(form),
                )
            except ValidationError as exc:
                _apply_errors(form, exc, {"parties": parties})
            else:
                messages.success(request, _("The agreement has been recorded."))
                return redirect(agreement)
    crumbs = [Crumb(reverse("relations:agreement_list"), _("Agreements"))]
    if visit is not None:
        crumbs.append(Crumb(visit.get_absolute_url(), visit.title))
    return _form_page(
        request,
        form=form,
        pickers=[parties],
        heading=_("Record an agreement"),
        crumbs=crumbs,
        cancel_url=visit.get_absolute_url() if visit else reverse("relations:agreement_list"),
        pickers_first=True,
    )


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_edit(request.user, selectors.agreement_get(pk=pk))
    hubs = selectors.hubs_staffed(request.user)
    form = AgreementForm(
        request.POST or None,
        instance=agreement,
        hubs=hubs,
        visits=_agreement_form_visits(
            request, Hub.objects.filter(pk=agreement.hub_id), agreement.visit_id
        ),
        events=_agreement_form_events(request, hubs, agreement.event_id),
        creating=False,
        initial={
            "other_parties": "\n".join(
                str(p.name) for p in agreement.parties.all() if not (p.organisation_id or p.hub_id)
            )
        },
    )
    parties = pickers.build(
        request,
        name="parties",
        label=_("Parties"),
        source="party",
        required=True,
        initial=[p.key for p in agreement.parties.all() if p.organisation_id or p.hub_id],
        help_text=_("Organisations or hubs; type a few letters of a name in any language."),
    )
    if request.method == "POST" and not _searching(request):
        valid = form.is_valid()
        if pickers.validate(parties) and valid:
            party_inputs = _party_inputs(
                request,
                parties,
                form.cleaned_data["other_parties"],
                existing=list(agreement.parties.all()),
            )
            try:
                services.agreement_update(
                    agreement=agreement,
                    by=request.user,
                    parties=party_inputs,
                    sectors=form.cleaned_data["sectors"],
                    **_agreement_data(form),
                )
            except ValidationError as exc:
                _apply_errors(form, exc, {"parties": parties})
            else:
                messages.success(request, _("The agreement has been saved."))
                return redirect(agreement)
    return _form_page(
        request,
        form=form,
        pickers=[parties],
        heading=_("Edit the agreement"),
        crumbs=[
            Crumb(reverse("relations:agreement_list"), _("Agreements")),
            Crumb(agreement.get_absolute_url(), agreement.title),
        ],
        cancel_url=agreement.get_absolute_url(),
        pickers_first=True,
    )


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_user(request.user, selectors.agreement_get(pk=pk))
    private = access.user_sees_agreement_private(request.user, agreement)
    is_staff = access.user_is_agreement_staff(request.user, agreement)
    selectors.mark_listed_parties(user=request.user, agreements=[agreement])
    documents = [d for d in agreement.documents.all() if private or d.is_public]
    context = {
        "agreement": agreement,
        "parties": list(agreement.parties.all()),
        "private": private,
        "is_staff": is_staff,
        "signatories": list(agreement.signatories.all()),
        "milestones": list(agreement.milestones.all()) if private else [],
        "documents": documents,
        "today": today_for(request),
        "visit": agreement.visit
        if agreement.visit_id and access.user_sees_visit(request.user, agreement.visit)
        else None,
        "event": agreement.event
        if agreement.event_id and user_sees_event(request.user, agreement.event)
        else None,
        # The matchmaking introductions it came of, those the reader may see.
        "introductions": list(
            agreement.introductions.filter(introduction_visible_q(request.user)).select_related(
                "listing__organisation", "counterpart__organisation"
            )
        ),
        "milestone_form": MilestoneForm(initial={"due_on": today_for(request)})
        if is_staff
        else None,
        "signatory_form": SignatoryForm(party_people=selectors.signatory_people(agreement))
        if is_staff
        else None,
        "document_form": DocumentForm() if is_staff else None,
    }
    return render(request, "relations/agreement_detail.html", context)


@login_required
def agreement_history(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_edit(request.user, selectors.agreement_get(pk=pk))
    changes = []
    for record in agreement.history.select_related("history_user").order_by("-history_date")[:100]:
        previous = record.prev_record
        changes.append(
            {"record": record, "changes": record.diff_against(previous).changes if previous else []}
        )
    return render(
        request, "relations/agreement_history.html", {"agreement": agreement, "changes": changes}
    )


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_edit(request.user, selectors.agreement_get(pk=pk))
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(agreement=agreement, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The milestone has been added."))
    else:
        messages.error(request, _("Give the milestone a name and a due date."))
    return redirect(agreement.get_absolute_url() + "#milestones")


@login_required
@require_POST
def milestone_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("agreement"), pk=pk)
    agreement = access.access_agreement_milestones(
        request.user, selectors.agreement_get(pk=milestone.agreement_id)
    )
    services.milestone_set_done(
        milestone=milestone,
        by=request.user,
        done=request.POST.get("done") == "1",
        on=today_for(request),
    )
    if request.POST.get("next") == "due":
        return redirect("relations:due")
    return redirect(agreement.get_absolute_url() + "#milestones")


@login_required
@require_POST
def milestone_remove(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone, pk=pk)
    agreement = access.access_agreement_for_edit(
        request.user, selectors.agreement_get(pk=milestone.agreement_id)
    )
    services.milestone_remove(milestone=milestone, by=request.user)
    return redirect(agreement.get_absolute_url() + "#milestones")


@login_required
@require_POST
def signatory_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_edit(request.user, selectors.agreement_get(pk=pk))
    form = SignatoryForm(request.POST, party_people=selectors.signatory_people(agreement))
    if form.is_valid():
        party = get_object_or_404(
            AgreementParty, pk=form.cleaned_data["party"], agreement=agreement
        )
        person = None
        if form.cleaned_data["person"]:
            person = selectors.people_resolve(
                user=request.user, keys=[f"person:{form.cleaned_data['person']}"]
            )
            person = person[0] if person else None
            if person is None:
                raise Http404
        try:
            services.signatory_add(
                agreement=agreement,
                by=request.user,
                party=party,
                person=person,
                new_person_name=form.cleaned_data["new_person_name"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The signatory has been added."))
    else:
        messages.error(request, _("Choose the party and the person who signed."))
    return redirect(agreement.get_absolute_url() + "#signatories")


@login_required
@require_POST
def signatory_remove(request: HttpRequest, pk: int) -> HttpResponse:
    signatory = get_object_or_404(Signatory, pk=pk)
    agreement = access.access_agreement_for_edit(
        request.user, selectors.agreement_get(pk=signatory.agreement_id)
    )
    services.signatory_remove(signatory=signatory, by=request.user)
    return redirect(agreement.get_absolute_url() + "#signatories")


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_edit(request.user, selectors.agreement_get(pk=pk))
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_attach(
                agreement=agreement,
                by=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                is_public=form.cleaned_data["is_public"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The document has been attached."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(agreement.get_absolute_url() + "#documents")


def document_response(user: Any, pk: int) -> FileResponse:
    """The file, only after the same check as the agreement page (404 for anyone else)."""
    document = access.access_document_for_user(
        user, AgreementDocument.objects.select_related("agreement").filter(pk=pk).first()
    )
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    kind = TYPES.get("." + document.file.name.rsplit(".", 1)[-1].lower())
    response = FileResponse(
        handle,
        as_attachment=not (kind and kind.shows_inline),
        filename=safe_download_name(document.original_name),
        content_type=document.content_type,
    )
    # A served file must never run scripts in the platform's origin, even a crafted PDF.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["Cache-Control"] = "private, no-store"
    return response


def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    return document_response(request.user, pk)


# ------------------------------------------------------------------ visits


def visit_list(request: HttpRequest) -> HttpResponse:
    hubs = hub_choices_for(request)
    form = VisitFilterForm(request.GET or None, hubs=hubs)
    filters = selectors.VisitFilters()
    if form.is_valid():
        filters = selectors.VisitFilters(**form.cleaned_data)
    page = Paginator(selectors.visit_list(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "can_create": user_is_staff_anywhere(request.user)}
    template = "relations/visit_list.html"
    if _is_htmx_results(request):
        template += "#results"
    return render(request, template, context)


@login_required
def visit_create(request: HttpRequest) -> HttpResponse:
    require(user_is_staff_anywhere(request.user))
    hubs = selectors.hubs_staffed(request.user)
    initial: dict[str, Any] = {"status": "completed", "starts_on": timezone.localdate()}
    hub = current_hub(request)
    if hub is not None and user_is_hub_staff(request.user, hub.pk):
        initial.update(hub=hub, time_zone=hub.time_zone)
    form = VisitForm(
        request.POST or None,
        hubs=hubs,
        delegations=Delegation.objects.filter(hub__in=hubs).select_related("hub"),
        creating=True,
        initial=initial,
    )
    origin = pickers.build(
        request,
        name="origin_organisation",
        label=_("Sending organisation"),
        source="organisation",
        multiple=False,
        help_text=_("The organisation the new delegation comes from, if it is in the directory."),
    )
    if request.method == "POST" and not _searching(request):
        valid = form.is_valid()
        if valid:
            data = dict(form.cleaned_data)
            hub = data.pop("hub")
            require(user_is_hub_staff(request.user, hub.pk))
            delegation = data.pop("delegation")
            new_delegation = {
                "name": data.pop("delegation_name"),
                "origin_country": data.pop("origin_country"),
                "origin_place": data.pop("origin_place"),
                "organisation": pickers.resolve_organisation(request.user, origin),
            }
            try:
                visit = services.visit_record(
                    by=request.user,
                    hub=hub,
                    delegation=delegation,
                    new_delegation=new_delegation,
                    **data,
                )
            except ValidationError as exc:
                _apply_errors(form, exc, {"organisation": origin})
            else:
                messages.success(request, _("The visit has been recorded."))
                return redirect(visit)
    return _form_page(
        request,
        form=form,
        pickers=[origin],
        heading=_("Record a visit"),
        crumbs=[Crumb(reverse("relations:visit_list"), _("Visits"))],
        cancel_url=reverse("relations:visit_list"),
    )


@login_required
def visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = access.access_visit_for_edit(request.user, selectors.visit_get(pk=pk))
    form = VisitForm(
        request.POST or None,
        instance=visit,
        hubs=Hub.objects.none(),
        delegations=None,
        creating=False,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_update(visit=visit, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc, {})
        else:
            messages.success(request, _("The visit has been saved."))
            return redirect(visit)
    return _form_page(
        request,
        form=form,
        pickers=[],
        heading=_("Edit the visit"),
        crumbs=[
            Crumb(reverse("relations:visit_list"), _("Visits")),
            Crumb(visit.get_absolute_url(), visit.title),
        ],
        cancel_url=visit.get_absolute_url(),
    )


def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = access.access_visit_for_user(request.user, selectors.visit_get(pk=pk))
    is_staff = access.user_is_visit_staff(request.user, visit)
    insider = access.user_is_visit_insider(request.user, visit)
    context = {
        "visit": visit,
        "delegation": visit.delegation,
        "members": list(visit.delegation.members.all()),
        "stops": list(visit.stops.all()),
        "follow_ups": selectors.visit_follow_ups(user=request.user, visit=visit),
        "agreements": selectors.visit_agreements(user=request.user, visit=visit),
        "is_staff": is_staff,
        "insider": insider,
        "today": today_for(request),
    }
    return render(request, "relations/visit_detail.html", context)


def _stop_form_page(request: HttpRequest, visit: Visit, stop: VisitStop | None) -> HttpResponse:
    zone = ZoneInfo(visit.time_zone)
    initial: dict[str, Any] = {}
    if stop is not None:
        initial = {
            "kind": stop.kind,
            "title": stop.title,
            "starts_at": stop.starts_at.astimezone(zone).replace(tzinfo=None)
            if stop.starts_at
            else None,
            "ends_at": stop.ends_at.astimezone(zone).replace(tzinfo=None) if stop.ends_at else None,
            "place": stop.place,
            "notes": stop.notes,
        }
    form = VisitStopForm(request.POST or None, initial=initial)
    host = pickers.build(
        request,
        name="host",
        label=_("Host"),
        source="party",
        multiple=False,
        initial=[f"org:{stop.host_organisation_id}"]
        if stop and stop.host_organisation_id
        else [f"hub:{stop.host_hub_id}"]
        if stop and stop.host_hub_id
        else [],
        help_text=_("The organisation or hub that receives the delegation at this stop."),
    )
    people = pickers.build(
        request,
        name="people",
        label=_("Met with"),
        source="person",
        initial=[f"person:{p.pk}" for p in stop.people.all()] if stop else [],
        help_text=_("Officials and other people from the directory."),
    )
    if request.method == "POST" and not _searching(request) and form.is_valid():
        data = dict(form.cleaned_data)
        for name in ("starts_at", "ends_at"):
            # The form reads wall-clock time; it is the visit's local time, not the server's.
            if data[name] is not None:
                data[name] = data[name].replace(tzinfo=None)
        target = (
            pickers.resolve_party(request.user, host.chosen_keys[0]) if host.chosen_keys else None
        )
        data["host_organisation"] = target if isinstance(target, Organisation) else None
        data["host_hub"] = target if isinstance(target, Hub) else None
        chosen_people = pickers.resolve_people(request.user, people)
        try:
            if stop is None:
                services.visit_stop_add(visit=visit, by=request.user, people=chosen_people, **data)
            else:
                services.visit_stop_update(stop=stop, by=request.user, people=chosen_people, **data)
        except ValidationError as exc:
            _apply_errors(form, exc, {"host_hub": host, "host_organisation": host})
        else:
            messages.success(request, _("The itinerary has been saved."))
            return redirect(visit.get_absolute_url() + "#itinerary")
    return _form_page(
        request,
        form=form,
        pickers=[host, people],
        heading=_("Add a stop to the itinerary") if stop is None else _("Edit the stop"),
        crumbs=[
            Crumb(reverse("relations:visit_list"), _("Visits")),
            Crumb(visit.get_absolute_url(), visit.title),
        ],
        cancel_url=visit.get_absolute_url() + "#itinerary",
    )


@login_required
def stop_add(request: HttpRequest, pk: int) -> HttpResponse:
    visit = access.access_visit_for_edit(request.user, selectors.visit_get(pk=pk))
    return _stop_form_page(request, visit, None)


@login_required
def stop_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stop = get_object_or_404(VisitStop.objects.prefetch_related("people"), pk=pk)
    visit = access.access_visit_for_edit(request.user, selectors.visit_get(pk=stop.visit_id))
    return _stop_form_page(request, visit, stop)


@login_required
@require_POST
def stop_remove(request: HttpRequest, pk: int) -> HttpResponse:
    stop = get_object_or_404(VisitStop, pk=pk)
    visit = access.access_visit_for_edit(request.user, selectors.visit_get(pk=stop.visit_id))
    services.visit_stop_remove(stop=stop, by=request.user)
    return redirect(visit.get_absolute_url() + "#itinerary")


def _follow_up_owners(visit: Visit) -> Any:
    """Users who may own a follow-up: staff of the visit's hub and representatives of members."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(roles__kind=RoleKind.HUB_STAFF, roles__hub=visit.hub)
            | Q(roles__kind=RoleKind.MEMBER, roles__organisation__memberships__hub=visit.hub)
        )
        .distinct()
        .order_by("username")
    )


@login_required
def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    visit = access.access_visit_for_edit(request.user, selectors.visit_get(pk=pk))
    form = FollowUpForm(
        request.POST or None,
        owners=_follow_up_owners(visit),
        initial={"due_on": today_for(request), "owner": request.user},
    )
    owner_org = pickers.build(
        request,
        name="owner_organisation",
        label=_("Owner (an organisation)"),
        source="organisation",
        multiple=False,
    )
    if request.method == "POST" and not _searching(request) and form.is_valid():
        try:
            services.follow_up_add(
                visit=visit,
                by=request.user,
                owner_organisation=pickers.resolve_organisation(request.user, owner_org),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _apply_errors(form, exc, {"owner_organisation": owner_org})
        else:
            messages.success(request, _("The follow-up action has been added."))
            return redirect(visit.get_absolute_url() + "#follow-ups")
    return _form_page(
        request,
        form=form,
        pickers=[owner_org],
        heading=_("Add a follow-up action"),
        crumbs=[
            Crumb(reverse("relations:visit_list"), _("Visits")),
            Crumb(visit.get_absolute_url(), visit.title),
        ],
        cancel_url=visit.get_absolute_url() + "#follow-ups",
    )


@login_required
@require_POST
def follow_up_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = access.access_follow_up_for_update(
        request.user, FollowUp.objects.select_related("visit__delegation").filter(pk=pk).first()
    )
    services.follow_up_set_done(
        follow_up=follow_up,
        by=request.user,
        done=request.POST.get("done") == "1",
        on=today_for(request),
    )
    target = request.POST.get("next")
    if target == "due":
        return redirect("relations:due")
    return redirect(follow_up.visit.get_absolute_url() + "#follow-ups")


@login_required
@require_POST
def follow_up_remove(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(FollowUp, pk=pk)
    visit = access.access_visit_for_edit(request.user, selectors.visit_get(pk=follow_up.visit_id))
    services.follow_up_remove(follow_up=follow_up, by=request.user)
    return redirect(visit.get_absolute_url() + "#follow-ups")


# ------------------------------------------------------------------ delegations


def delegation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = access.access_delegation_for_user(request.user, selectors.delegation_get(pk=pk))
    context = {
        "delegation": delegation,
        "members": list(delegation.members.all()),
        "visits": list(selectors.delegation_visits(user=request.user, delegation=delegation)),
        "is_staff": access.user_is_delegation_staff(request.user, delegation),
    }
    return render(request, "relations/delegation_detail.html", context)


@login_required
def delegation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = access.access_delegation_for_edit(request.user, selectors.delegation_get(pk=pk))
    form = DelegationForm(request.POST or None, instance=delegation)
    origin = pickers.build(
        request,
        name="organisation",
        label=_("Sending organisation"),
        source="organisation",
        multiple=False,
        initial=[f"org:{delegation.organisation_id}"] if delegation.organisation_id else [],
    )
    if request.method == "POST" and not _searching(request) and form.is_valid():
        try:
            services.delegation_update(
                delegation=delegation,
                by=request.user,
                organisation=pickers.resolve_organisation(request.user, origin),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _apply_errors(form, exc, {"organisation": origin})
        else:
            messages.success(request, _("The delegation has been saved."))
            return redirect(delegation)
    return _form_page(
        request,
        form=form,
        pickers=[origin],
        heading=_("Edit the delegation"),
        crumbs=[
            Crumb(reverse("relations:visit_list"), _("Visits")),
            Crumb(delegation.get_absolute_url(), delegation.name),
        ],
        cancel_url=delegation.get_absolute_url(),
    )


@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = access.access_delegation_for_edit(request.user, selectors.delegation_get(pk=pk))
    form = DelegationMemberForm(request.POST or None)
    person = pickers.build(
        request,
        name="person",
        label=_("Person from the directory"),
        source="person",
        multiple=False,
    )
    if request.method == "POST" and not _searching(request) and form.is_valid():
        people = pickers.resolve_people(request.user, person)
        try:
            services.delegation_member_add(
                delegation=delegation,
                by=request.user,
                person=people[0] if people else None,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _apply_errors(form, exc, {"person": person})
        else:
            messages.success(request, _("The member has been added."))
            return redirect(_safe_next(request, delegation.get_absolute_url()))
    next_url = _safe_next(request, "")
    return _form_page(
        request,
        form=form,
        pickers=[person],
        heading=_("Add a member to the delegation"),
        crumbs=[
            Crumb(reverse("relations:visit_list"), _("Visits")),
            Crumb(delegation.get_absolute_url(), delegation.name),
        ],
        cancel_url=next_url or delegation.get_absolute_url(),
        pickers_first=True,
        hidden=[("next", next_url)] if next_url else [],
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(DelegationMember, pk=pk)
    delegation = access.access_delegation_for_edit(
        request.user, selectors.delegation_get(pk=member.delegation_id)
    )
    services.delegation_member_remove(member=member, by=request.user)
    return redirect(_safe_next(request, delegation.get_absolute_url()))


@login_required
@require_POST
def member_make_leader(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(DelegationMember, pk=pk)
    delegation = access.access_delegation_for_edit(
        request.user, selectors.delegation_get(pk=member.delegation_id)
    )
    services.delegation_member_make_leader(member=member, by=request.user)
    return redirect(_safe_next(request, delegation.get_absolute_url()))


# ------------------------------------------------------------------ due list and timelines


@login_required
def due_list(request: HttpRequest) -> HttpResponse:
    """Staff: open milestones and follow-up actions past their due date, oldest first."""
    require(user_is_staff_anywhere(request.user))
    hubs = list(selectors.hubs_staffed(request.user))
    form = DueFilterForm(request.GET or None, hubs=hubs)
    hub = None
    within = 0
    mine = False
    if form.is_valid():
        hub = next((h for h in hubs if h.slug == form.cleaned_data["hub"]), None)
        within = form.cleaned_data["within"] or 0
        mine = form.cleaned_data["mine"]
    today = today_for(request)
    items = selectors.due_items(
        user=request.user, today=today, within_days=within, hub=hub, mine=mine
    )
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "relations/due_list.html",
        {
            "form": form,
            "page": page,
            "today": today,
            "overdue": items.overdue_count(),
        },
    )


def _timeline_page(
    request: HttpRequest, *, organisation: Any = None, hub: Any = None
) -> HttpResponse:
    entries = timeline_for(user=request.user, organisation=organisation, hub=hub)
    kinds = {}
    for entry in entries:
        kinds.setdefault(entry.kind, entry.label)
    form = TimelineFilterForm(
        request.GET or None, kinds=sorted(kinds.items(), key=lambda kv: str(kv[1]))
    )
    if form.is_valid() and form.cleaned_data["kind"]:
        entries = [e for e in entries if e.kind == form.cleaned_data["kind"]]
    page = Paginator(entries, TIMELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "relations/timeline.html",
        {
            "form": form,
            "page": page,
            "subject": organisation or hub,
            "organisation": organisation,
            "hub": hub,
        },
    )


def organisation_timeline(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = directory_access.access_organisation_for_user(
        request.user, organisation_get(slug=slug)
    )
    return _timeline_page(request, organisation=organisation)


def hub_timeline(request: HttpRequest, slug: str) -> HttpResponse:
    hub = hub_get_visible(user=request.user, slug=slug)
    if hub is None:
        raise Http404
    return _timeline_page(request, hub=hub)
