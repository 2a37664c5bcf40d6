"""Directory pages: thin views over selectors, services and the access helpers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import (
    ALL_HUBS,
    hub_ids_staffed_by,
    require,
    user_is_hub_staff,
    user_is_staff_anywhere,
)
from innohub.common.panels import render_panels
from innohub.directory import access, selectors, services
from innohub.directory.charts import line_chart
from innohub.directory.exports import XLSX_MAX_ROWS
from innohub.directory.forms import (
    DirectoryFilterForm,
    MemberOrganisationForm,
    MembershipTransitionForm,
    OrganisationForm,
    StaffCreateForm,
)
from innohub.directory.models import Membership, Organisation
from innohub.network.models import Hub
from innohub.network.selectors import (
    HubChoice,
    current_hub,
    hub_choices_for,
    hub_list_for_user,
)

PAGE_SIZE = 24


def directory_filters(
    request: HttpRequest,
) -> tuple[DirectoryFilterForm, selectors.DirectoryFilters, list[HubChoice]]:
    """The filter form of the directory page and what it asks for (also used by exports)."""
    hubs = hub_choices_for(request)
    form = DirectoryFilterForm(
        request.GET or None, hubs=hubs, sectors=list(selectors.sector_list())
    )
    filters = selectors.DirectoryFilters()
    if form.is_valid():
        filters = selectors.DirectoryFilters(**form.cleaned_data)
    return form, filters, hubs


def organisation_list(request: HttpRequest) -> HttpResponse:
    form, filters, _hubs = directory_filters(request)
    qs = selectors.organisation_list(user=request.user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(selectors.organisation_list_page_related(page.object_list))
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "can_create": user_is_staff_anywhere(request.user),
        "xlsx_max_rows": XLSX_MAX_ROWS,
    }
    template = "directory/organisation_list.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        template += "#results"
    return render(request, template, context)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation_for_user(
        request.user, selectors.organisation_get(slug=slug)
    )
    private = access.user_sees_private(request.user, organisation)
    is_staff = access.user_is_staff_for_organisation(request.user, organisation)
    memberships = selectors.organisation_memberships(organisation)
    if not private:
        memberships = [m for m in memberships if m.state in ("admitted", "resident", "graduated")]
    context = {
        "organisation": organisation,
        "private": private,
        "is_staff": is_staff,
        "can_edit": access.user_can_edit_profile(request.user, organisation),
        "memberships": memberships,
        "people": selectors.organisation_people(organisation)
        if private
        else selectors.organisation_public_people(organisation),
        "products": selectors.organisation_products(
            organisation, include_private=private
        ).prefetch_related("photos"),
        "can_manage_products": access.user_can_manage_products(request.user, organisation),
        "applications": [
            a
            for a in organisation.applications.select_related("hub").order_by("-created_at")
            if user_is_hub_staff(request.user, a.hub_id)
        ]
        if is_staff
        else [],
        "sponsored": organisation.sponsored.filter(is_public=True),
        "transition_form": MembershipTransitionForm(initial={"on": timezone.localdate()})
        if is_staff
        else None,
        "staff_membership_ids": {
            m.pk for m in memberships if user_is_hub_staff(request.user, m.hub_id)
        },
        "panels": render_panels("organisation_panels", request, organisation),
    }
    return render(request, "directory/organisation_detail.html", context)


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation_for_edit(
        request.user, selectors.organisation_get(slug=slug)
    )
    as_staff = access.user_is_staff_for_organisation(request.user, organisation)
    form_class = OrganisationForm if as_staff else MemberOrganisationForm
    form = form_class(request.POST or None, instance=Organisation.objects.get(pk=organisation.pk))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.organisation_update(
                organisation=organisation, by=request.user, as_staff=as_staff, **data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect(organisation)
    return render(
        request,
        "directory/organisation_form.html",
        {"form": form, "organisation": organisation, "as_staff": as_staff},
    )


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    require(user_is_staff_anywhere(request.user))
    staffed = hub_ids_staffed_by(request.user)
    hubs = Hub.objects.all() if staffed is ALL_HUBS else Hub.objects.filter(pk__in=staffed)
    form = StaffCreateForm(request.POST or None, hubs=hubs, initial={"since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data[name]
            for name in form.fields
            if name not in {"hub", "state", "since"}
        }
        hub = form.cleaned_data["hub"]
        require(user_is_hub_staff(request.user, hub.pk))
        try:
            organisation = services.organisation_create(
                by=request.user,
                hub=hub,
                state=form.cleaned_data["state"],
                on=form.cleaned_data["since"],
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The organisation has been added."))
            return redirect(organisation)
    return render(request, "directory/organisation_form.html", {"form": form, "as_staff": True})


@login_required
def organisation_history(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation_for_user(
        request.user, selectors.organisation_get(slug=slug)
    )
    require(access.user_is_staff_for_organisation(request.user, organisation))
    records = selectors.organisation_history(organisation)
    changes = []
    for record in records:
        previous = record.prev_record
        delta = record.diff_against(previous).changes if previous else []
        changes.append({"record": record, "changes": delta})
    return render(
        request,
        "directory/organisation_history.html",
        {"organisation": organisation, "changes": changes},
    )


@login_required
@require_POST
def membership_transition(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organisation", "hub"), pk=pk)
    if membership.organisation.is_deleted:
        raise Http404
    require(user_is_hub_staff(request.user, membership.hub_id))
    form = MembershipTransitionForm(request.POST)
    if form.is_valid():
        try:
            services.membership_transition(
                membership=membership,
                to_state=form.cleaned_data["state"],
                on=form.cleaned_data["on"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The membership has been updated."))
    else:
        messages.error(request, _("Choose a state and a date."))
    return redirect(membership.organisation)


def growth(request: HttpRequest) -> HttpResponse:
    """Members over time in one hub, by country of origin or by sector (chart and table)."""
    hubs = list(hub_list_for_user(request.user))
    if not hubs:
        raise Http404
    slug = request.GET.get("hub")
    current = current_hub(request)
    hub = next((h for h in hubs if h.slug == slug), None) or next(
        (h for h in hubs if current and h.pk == current.pk), hubs[0]
    )
    by = "sector" if request.GET.get("by") == "sector" else "country"
    series = selectors.membership_growth(hub=hub, by=by)
    chart = line_chart(series.months, [*series.series])
    total_chart = line_chart(series.months, [("total", _("All members"), series.totals)])
    rows = [
        {
            "month": month,
            "values": [values[i] for _k, _l, values in series.series],
            "total": series.totals[i],
        }
        for i, month in enumerate(series.months)
    ]
    return render(
        request,
        "directory/growth.html",
        {
            "hubs": hubs,
            "hub": hub,
            "by": by,
            "series": series,
            "chart": chart,
            "total_chart": total_chart,
            "rows": rows,
        },
    )
