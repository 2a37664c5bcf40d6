"""IP pages: thin views over the selectors, services, engine and access helpers."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import ALL_HUBS, require, user_is_ip_officer
from innohub.common.import_flow import import_batch_create
from innohub.common.import_views import UploadForm
from innohub.common.imports import ImportFileError, spec_for
from innohub.directory.models import Membership, Organisation
from innohub.ip import access, ical, selectors, services
from innohub.ip import deadlines as engine
from innohub.ip.conf import engine_rules
from innohub.ip.forms import (
    AssetForm,
    CompleteForm,
    PortfolioFilterForm,
    ReminderSettingsForm,
    StatisticsForm,
    TransitionForm,
    WhatIfForm,
    owner_choices_for,
)
from innohub.ip.imports import AssetImport
from innohub.ip.models import ALLOWED_TRANSITIONS, AssetStatus, Deadline, Reminder
from innohub.ip.reminders import reminder_dismiss
from innohub.ip.services import hub_today
from innohub.network.models import Hub
from innohub.network.selectors import (
    current_hub,
    hub_choices,
    hub_choices_for,
)
from innohub.network.switcher import hub_options, select_option

PAGE_SIZE = 30


def _hubs_kept_by(user: Any) -> Any:
    kept = access.officer_hub_ids(user)
    if kept is ALL_HUBS:
        return Hub.objects.all()
    return Hub.objects.filter(pk__in=kept or [])


def _hubs_for_new_asset(user: Any) -> Any:
    """Hubs a user may add an asset to: those they keep, and those their organisations are in."""
    from innohub.accounts.access import grants_for

    kept = _hubs_kept_by(user).values("pk")
    own = Membership.objects.filter(organisation_id__in=grants_for(user).organisations or [])
    return Hub.objects.filter(Q(pk__in=kept) | Q(pk__in=own.values("hub_id"))).order_by(
        "opened_on", "slug"
    )


def portfolio(request: HttpRequest) -> HttpResponse:
    hubs = hub_choices_for(request)
    form = PortfolioFilterForm(request.GET or None, hubs=hubs)
    filters = selectors.PortfolioFilters()
    if form.is_valid():
        filters = selectors.PortfolioFilters(**form.cleaned_data)
    qs = selectors.asset_list(user=request.user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(selectors.asset_list_page_related(page.object_list))
    owner = Organisation.objects.filter(slug=filters.owner).first() if filters.owner else None
    context = {
        "form": form,
        "page": page,
        "owner": owner,
        "can_create": _hubs_for_new_asset(request.user).exists()
        if request.user.is_authenticated
        else False,
        "can_import": access.user_is_officer_anywhere(request.user),
    }
    template = "ip/portfolio.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        template += "#results"
    return render(request, template, context)


def asset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    asset = access.access_asset_for_user(request.user, selectors.asset_get(pk=pk))
    private = access.user_sees_private(request.user, asset)
    today = hub_today(asset.hub)
    deadlines = selectors.asset_deadlines(asset) if private else []
    for deadline in deadlines:
        deadline.phase = deadline.phase_on(today)  # type: ignore[attr-defined]
        deadline.surcharge = (  # type: ignore[attr-defined]
            engine.late_surcharge_percent(deadline.as_engine(), today)
            if deadline.phase == "grace"  # type: ignore[attr-defined]
            else None
        )
    choices = ALLOWED_TRANSITIONS.get(asset.status, frozenset())
    transition_form = TransitionForm(initial={"on": today})
    transition_form.fields["status"].choices = [
        (value, label) for value, label in AssetStatus.choices if value in choices
    ]
    context = {
        "asset": asset,
        "private": private,
        "can_edit": access.user_can_edit(request.user, asset),
        "is_officer": user_is_ip_officer(request.user, asset.hub_id),
        "deadlines": deadlines,
        "events": selectors.asset_events(asset) if private else [],
        "public_expiry": asset.expires_on,
        "transition_form": transition_form if choices else None,
        "complete_form": CompleteForm(initial={"on": today}),
        "today": today,
        "has_unverified": any(d.unverified for d in deadlines),
        "has_provisional": any(d.provisional for d in deadlines),
    }
    return render(request, "ip/asset_detail.html", context)


@login_required
def asset_create(request: HttpRequest) -> HttpResponse:
    hubs = _hubs_for_new_asset(request.user)
    require(hubs.exists())
    owners = owner_choices_for(request.user, access.officer_hub_ids(request.user))
    initial: dict[str, Any] = {"status": AssetStatus.FILED}
    hub = current_hub(request)
    if hub is not None and hubs.filter(pk=hub.pk).exists():
        initial["hub"] = hub.pk
    owner_slug = request.GET.get("owner")
    if owner_slug:
        initial["owners"] = list(owners.filter(slug=owner_slug))
    form = AssetForm(request.POST or None, hubs=hubs, owners=owners, creating=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        hub = form.cleaned_data["hub"]
        chosen = list(form.cleaned_data["owners"])
        # A member may add IP only for organisations it represents; officers for their hubs.
        require(
            user_is_ip_officer(request.user, hub.pk)
            or (chosen and all(access.user_represents(request.user, o.pk) for o in chosen))
        )
        data = form.service_data()
        try:
            asset = services.asset_create(
                by=request.user,
                hub=hub,
                status=form.cleaned_data["status"],
                status_on=form.cleaned_data.get("status_on"),
                **data,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The asset has been recorded."))
            return redirect(asset)
    return render(request, "ip/asset_form.html", {"form": form, "asset": None})


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field
            if field == "nice_classes":
                target = "nice_classes_text"
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def asset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    asset = access.access_asset_for_edit(request.user, selectors.asset_get(pk=pk))
    owners = owner_choices_for(request.user, access.officer_hub_ids(request.user))
    # The choices are distinct already; a union would have to be of two distinct querysets.
    owners = Organisation.objects.filter(
        Q(pk__in=owners.values("pk")) | Q(pk__in=access.owner_ids(asset))
    ).order_by("sort_name")
    form = AssetForm(
        request.POST or None,
        instance=asset,
        hubs=Hub.objects.filter(pk=asset.hub_id),
        owners=owners,
        creating=False,
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if not user_is_ip_officer(request.user, asset.hub_id):
            # A member cannot hand the asset to organisations it does not represent.
            added = {o.pk for o in data["owners"]} - set(access.owner_ids(asset))
            require(all(access.user_represents(request.user, o) for o in added))
        try:
            services.asset_update(asset=asset, by=request.user, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The asset has been saved."))
            return redirect(asset)
    return render(request, "ip/asset_form.html", {"form": form, "asset": asset})


@login_required
@require_POST
def asset_transition(request: HttpRequest, pk: int) -> HttpResponse:
    asset = access.access_asset_for_edit(request.user, selectors.asset_get(pk=pk))
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.asset_transition(
                asset=asset,
                to_status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                by=request.user,
                note=form.cleaned_data["note"],
                number=form.cleaned_data["number"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The status has been changed."))
    else:
        messages.error(request, _("Choose a status and a date."))
    return redirect(asset)


@login_required
@require_POST
def asset_delete(request: HttpRequest, pk: int) -> HttpResponse:
    asset = access.access_asset_for_user(request.user, selectors.asset_get(pk=pk))
    require(access.user_may_delete_asset(request.user, asset))
    services.asset_delete(asset=asset, by=request.user)
    messages.success(request, _("The asset has been deleted."))
    return redirect("ip:list")


@login_required
def asset_history(request: HttpRequest, pk: int) -> HttpResponse:
    asset = access.access_asset_for_edit(request.user, selectors.asset_get(pk=pk))
    changes = []
    for record in selectors.asset_history(asset):
        previous = record.prev_record
        delta = record.diff_against(previous).changes if previous else []
        changes.append({"record": record, "changes": delta})
    return render(request, "ip/asset_history.html", {"asset": asset, "changes": changes})


def _deadline_for_edit(request: HttpRequest, pk: int) -> Deadline:
    deadline = get_object_or_404(Deadline.objects.select_related("asset"), pk=pk)
    access.access_asset_for_edit(request.user, deadline.asset)
    return deadline


@login_required
@require_POST
def deadline_complete(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = _deadline_for_edit(request, pk)
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_complete(
                deadline=deadline,
                by=request.user,
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Recorded as done."))
    else:
        messages.error(request, _("Enter the date it was done."))
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = deadline.asset.get_absolute_url()
    return redirect(target)


@login_required
@require_POST
def deadline_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = _deadline_for_edit(request, pk)
    try:
        services.deadline_reopen(deadline=deadline, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(deadline.asset)


@login_required
def board(request: HttpRequest) -> HttpResponse:
    kept = access.officer_hub_ids(request.user)
    _version, every = hub_choices(request)
    hubs = every if kept is ALL_HUBS else [h for h in every if h.pk in (kept or ())]
    require(bool(hubs))
    chosen = request.GET.get("hub") or ""
    here = current_hub(request)
    choice = next((h for h in hubs if h.slug == chosen), None) or next(
        (h for h in hubs if here and h.pk == here.pk), hubs[0]
    )
    hub = here if here is not None and here.pk == choice.pk else Hub.objects.get(pk=choice.pk)
    language = translation.get_language() or "en"
    today = _parse_date(request.GET.get("today")) or hub_today(hub)
    settings_form = ReminderSettingsForm(
        initial={"reminder_days": services.hub_ip_settings(hub).reminder_days}
    )
    context = {
        "hub_count": len(hubs),
        "hub_options": select_option(hub_options(hubs, language), hub.slug),
        "hub": hub,
        "board": selectors.board_for(hub_ids=frozenset({hub.pk}), today=today),
        "settings_form": settings_form,
        "today": today,
    }
    return render(request, "ip/board.html", context)


@login_required
@require_POST
def board_settings(request: HttpRequest, slug: str) -> HttpResponse:
    hub = get_object_or_404(Hub, slug=slug)
    access.require_ip_officer(request.user, hub.pk)
    form = ReminderSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.hub_ip_settings_update(
                hub=hub, reminder_days=form.cleaned_data["reminder_days"], by=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The reminder lead times have been saved."))
    return redirect(f"{reverse('ip:board')}?hub={hub.slug}")


def _parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@login_required
def my_deadlines(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    deadlines = selectors.deadlines_for_user(user=request.user, today=today)
    for deadline in deadlines:
        deadline.phase = deadline.phase_on(today)  # type: ignore[attr-defined]
    context = {
        "reminders": list(selectors.reminders_for_user(user=request.user)[:200]),
        "deadlines": deadlines,
        "today": today,
        "is_officer": access.user_is_officer_anywhere(request.user),
    }
    return render(request, "ip/my_deadlines.html", context)


@login_required
@require_POST
def reminder_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    reminder = get_object_or_404(Reminder, pk=pk)
    if reminder.user_id != request.user.pk:
        raise Http404
    reminder_dismiss(reminder=reminder, by=request.user)
    return redirect("ip:my_deadlines")


def statistics(request: HttpRequest) -> HttpResponse:
    hubs = hub_choices_for(request)
    form = StatisticsForm(request.GET or None, hubs=hubs)
    on = timezone.localdate()
    hub = organisation = None
    if form.is_valid():
        on = form.cleaned_data["on"] or on
        hub = next((h for h in hubs if h.slug == form.cleaned_data["hub"]), None)
        if form.cleaned_data["organisation"]:
            organisation = Organisation.objects.filter(
                slug=form.cleaned_data["organisation"], deleted_at__isnull=True
            ).first()
    if organisation is not None:
        from innohub.directory.access import access_organisation_for_user

        access_organisation_for_user(request.user, organisation)
        assets = selectors.organisation_assets(organisation=organisation, user=request.user)
        figures = selectors.statistics(assets=assets, on=on)
    else:
        figures = selectors.hubs_statistics_cached(hubs=[hub] if hub else hubs, on=on)
    context = {
        "form": form,
        "figures": figures,
        "statuses": AssetStatus.choices,
        "hub": hub,
        "organisation": organisation,
        "on": on,
        "cache_minutes": selectors.STATISTICS_CACHE_SECONDS // 60,
    }
    return render(request, "ip/statistics.html", context)


def what_if(request: HttpRequest) -> HttpResponse:
    form = WhatIfForm(request.GET or None)
    deadlines: list[engine.Deadline] = []
    error = None
    if form.is_valid():
        facts = engine.Facts.from_mapping(form.cleaned_data)
        try:
            deadlines = engine.compute(facts, engine_rules())
        except engine.EngineError as exc:
            error = exc.message
        if not deadlines and error is None:
            error = _("Enter the date this type's term runs from (see the list of rules).")
    rows = [
        Deadline(
            kind=d.kind,
            sequence=d.sequence,
            due=d.due,
            window_opens=d.window_opens,
            grace_ends=d.grace_ends,
            shifted_from=d.shifted_from,
            provisional=d.provisional,
            unverified=d.unverified,
            office=d.office,
        )
        for d in deadlines
    ]
    context = {
        "form": form,
        "deadlines": rows,
        "error": error,
        "has_unverified": any(d.unverified for d in deadlines),
    }
    return render(request, "ip/what_if.html", context)


# ---------------------------------------------------------------- iCalendar feeds


def _ics(request: HttpRequest, deadlines: Any, name: str) -> HttpResponse:
    base_url = request.build_absolute_uri("/").rstrip("/")
    body = ical.calendar_for(deadlines, name=name, base_url=base_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ip-deadlines.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def _hub_feed(user: Any, hub: Hub) -> Any:
    access.require_ip_officer(user, hub.pk)
    return selectors.deadlines_for_feed(hub=hub, user=user)


def _organisation_feed(user: Any, organisation: Organisation) -> Any:
    from innohub.directory.access import access_organisation_for_user

    access_organisation_for_user(user, organisation)
    deadlines = selectors.deadlines_for_feed(organisation=organisation, user=user)
    require(access.user_represents(user, organisation.pk) or deadlines.exists())
    return deadlines


@login_required
def hub_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    hub = get_object_or_404(Hub, slug=slug)
    name = _("IP deadlines · %(hub)s") % {"hub": hub.name}
    return _ics(request, _hub_feed(request.user, hub), name)


@login_required
def organisation_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    name = _("IP deadlines · %(organisation)s") % {"organisation": organisation.name}
    return _ics(request, _organisation_feed(request.user, organisation), name)


def subscribed_calendar(request: HttpRequest, key: str) -> HttpResponse:
    """The feed a calendar program fetches: the secret in the URL stands for the user, whose
    rights are checked again on every fetch."""
    feed = ical.calendar_feed_find(key)
    if feed is None:
        raise Http404
    if feed.hub is not None:
        deadlines = _hub_feed(feed.user, feed.hub)
        name = _("IP deadlines · %(hub)s") % {"hub": feed.hub.name}
    else:
        deadlines = _organisation_feed(feed.user, feed.organisation)
        name = _("IP deadlines · %(organisation)s") % {"organisation": feed.organisation.name}
    return _ics(request, deadlines, name)


@login_required
@require_POST
def calendar_subscribe(request: HttpRequest) -> HttpResponse:
    hub = organisation = None
    if request.POST.get("hub"):
        hub = get_object_or_404(Hub, slug=request.POST["hub"])
        _hub_feed(request.user, hub)
    else:
        organisation = get_object_or_404(Organisation, slug=request.POST.get("organisation", ""))
        _organisation_feed(request.user, organisation)
    key = ical.calendar_feed_create(user=request.user, hub=hub, organisation=organisation)
    url = request.build_absolute_uri(reverse("ip:subscribed_calendar", args=[key]))
    return render(
        request,
        "ip/calendar_subscribed.html",
        {"url": url, "hub": hub, "organisation": organisation},
    )


# ---------------------------------------------------------------- spreadsheet import


class IpImportForm(UploadForm):
    """The shared upload form, offering the hubs whose portfolio the user keeps."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        hubs = _hubs_kept_by(user).order_by("opened_on", "slug")
        self.fields["hub"].queryset = hubs
        self.fields["hub"].required = True
        if len(hubs) == 1:
            self.fields["hub"].initial = hubs[0]


@login_required
def asset_import(request: HttpRequest) -> HttpResponse:
    """Upload a spreadsheet of IP records; the shared preview and confirm pages take over."""
    require(access.user_is_officer_anywhere(request.user))
    spec = spec_for(AssetImport.kind)
    form = IpImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_batch_create(
                kind=AssetImport.kind,
                hub=form.cleaned_data["hub"],
                user=request.user,
                filename=upload.name,
                data=upload.read(),
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("imports:preview", pk=batch.pk)
    return render(request, "ip/asset_import.html", {"form": form, "spec": spec})


def asset_import_template(request: HttpRequest) -> HttpResponse:
    """An .xlsx with the columns the import reads and two example rows."""
    from openpyxl import Workbook

    spec = spec_for(AssetImport.kind)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "IP"
    sheet.append([str(column.label) for column in spec.columns])
    examples = [
        {
            "type": "发明专利",
            "number": "201710601862.3",
            "title_zh": "一种柔性手部外骨骼",
            "title_en": "Soft hand exoskeleton",
            "owners": "Alpha Robotics",
            "status": "有效",
            "filed_on": "2017-07-20",
            "published_on": "2018-01-02",
            "granted_on": "2019-11-05",
        },
        {
            "type": "商标",
            "number": "30123456",
            "title_zh": "艾可尔",
            "title_en": "AICARE",
            "owners": "Alpha Robotics",
            "status": "已注册",
            "filed_on": "2018-05-02",
            "registered_on": "2019-05-07",
            "nice_classes": "10: 1001; 9",
        },
    ]
    for example in examples:
        sheet.append([example.get(column.key, "") for column in spec.columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="ip-records.xlsx"'
    return response
