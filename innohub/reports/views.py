"""Pages of the reports app: the hub and network dashboards and the annual report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innohub.accounts.access import grants_for, require, user_is_network_admin
from innohub.directory.admissions import hub_today
from innohub.network.models import Hub
from innohub.reports import access, exports, selectors
from innohub.reports.forms import DashboardForm, ReportForm


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The menu's entry: the dashboard of the user's hub (the network's for its admins)."""
    grants = grants_for(request.user)
    if grants.network_admin:
        return redirect("reports:network_dashboard")
    hub = Hub.objects.filter(pk__in=grants.staff_hubs).order_by("opened_on", "pk").first()
    require(hub is not None)
    return redirect("reports:hub_dashboard", slug=hub.slug)


@login_required
def hub_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    hub = access.access_hub_figures_for_user(request.user, slug)
    today = hub_today(hub)
    form = DashboardForm(request.GET or None)
    on: date = today
    if form.is_valid() and form.cleaned_data["on"]:
        on = form.cleaned_data["on"]
    period = selectors.Period.year_to(on)
    report = exports.report_build(
        hub=hub, period=period, language=translation.get_language() or "en"
    )
    context = {
        "hub": hub,
        "form": form,
        "report": report,
        "on": on,
        "today": today,
        "cache_minutes": selectors.CACHE_SECONDS // 60,
        "report_query": f"start={period.start}&end={period.end}",
        "staffed_hubs": _dashboard_hubs(request),
    }
    return render(request, "reports/hub_dashboard.html", context)


def _dashboard_hubs(request: HttpRequest) -> list[Hub]:
    grants = grants_for(request.user)
    qs = Hub.objects.all() if grants.network_admin else Hub.objects.filter(pk__in=grants.staff_hubs)
    return list(qs.order_by("opened_on", "pk"))


NETWORK_PAGE_SIZE = 50


@login_required
def network_dashboard(request: HttpRequest) -> HttpResponse:
    require(user_is_network_admin(request.user))
    form = DashboardForm(request.GET or None)
    on = form.cleaned_data["on"] if form.is_valid() else None
    figures = selectors.network_dashboard_figures(
        hubs=selectors.hubs_for_network_dashboard(), end=on
    )
    sort = request.GET.get("sort", "")
    headings, rows, totals = _network_table(figures, sort)
    context = {
        "form": form,
        "headings": [_heading(key, label, sort) for key, label in [("hub", _("Hub")), *headings]],
        "page": Paginator(rows, NETWORK_PAGE_SIZE).get_page(request.GET.get("page")),
        "totals": totals,
        "sort": sort,
        "cache_minutes": selectors.CACHE_SECONDS // 60,
    }
    return render(request, "reports/network_dashboard.html", context)


def _heading(key: str, label: Any, sort: str) -> dict[str, Any]:
    """A column's heading: its link sorts by it (numbers largest first, names A to Z first;
    again: the other way), `state` says how the table is sorted now (aria-sort)."""
    first, other = (key, f"-{key}") if key == "hub" else (f"-{key}", key)
    return {
        "key": key,
        "label": label,
        "sort": other if sort == first else first,
        "state": {key: "ascending", f"-{key}": "descending"}.get(sort, ""),
    }


def _percent(rate: float | None) -> float | None:
    return round(rate * 100, 1) if rate is not None else None


NETWORK_COLUMNS: list[tuple[str, Any, Callable[[selectors.HubFigures], Any]]] = [
    ("members", gettext_lazy("Members"), lambda h: h.members),
    (
        "applications",
        gettext_lazy("Applications received"),
        lambda h: h.admissions.get("received", 0),
    ),
    ("ip-valid", gettext_lazy("Valid intellectual property rights"), lambda h: h.ip_total("valid")),
    (
        "ip-in-preparation",
        gettext_lazy("Applications in preparation"),
        lambda h: h.ip_total("in_preparation"),
    ),
    (
        "occupancy",
        gettext_lazy("Occupancy (%)"),
        lambda h: _percent(h.spaces_total.get("occupancy_rate")),
    ),
    ("events", gettext_lazy("Events held"), lambda h: h.events.get("held", 0)),
    (
        "participants",
        gettext_lazy("Registered participants"),
        lambda h: h.events.get("participants", 0),
    ),
    ("agreements", gettext_lazy("Agreements signed"), lambda h: h.agreements.get("signed", 0)),
    ("delegations", gettext_lazy("Delegations received"), lambda h: h.visits.get("received", 0)),
    ("introductions", gettext_lazy("Introductions made"), lambda h: h.introductions.get("made", 0)),
]


def _network_table(
    figures: list[selectors.HubFigures], sort: str
) -> tuple[list[tuple[str, Any]], list[tuple[selectors.HubFigures, list]], list]:
    """Headings (key, label), (hub, its values) per hub sorted by `sort` (a column's key, "-"
    first for the largest first, "hub" for the names; the network's order otherwise) and the
    network's values. A hub without a figure ("—") sorts last either way."""
    rows = [(hub, [getter(hub) for _k, _l, getter in NETWORK_COLUMNS]) for hub in figures]
    keys = [key for key, _label, _getter in NETWORK_COLUMNS]
    descending, key = sort.startswith("-"), sort.lstrip("-")
    if key == "hub":
        rows.sort(key=lambda row: str(row[0].hub_name).casefold(), reverse=descending)
    elif key in keys:
        i = keys.index(key)
        known = [row for row in rows if row[1][i] is not None]
        known.sort(key=lambda row: row[1][i], reverse=descending)
        rows = known + [row for row in rows if row[1][i] is None]
    # Occupancy is let area over lettable area, so the network's comes from the summed areas.
    occupancy = keys.index("occupancy")
    let, lettable = (
        sum(hub.spaces_total.get(area, 0) or 0 for hub in figures)
        for area in ("let_area_m2", "lettable_area_m2")
    )
    totals = [
        _percent(selectors.occupancy_rate(let, lettable))
        if i == occupancy
        else sum(values[i] for _hub, values in rows)
        for i in range(len(keys))
    ]
    return [(key, label) for key, label, _getter in NETWORK_COLUMNS], rows, totals


def _report_for_request(request: HttpRequest, slug: str) -> tuple[exports.Report, ReportForm]:
    hub = access.access_hub_figures_for_user(request.user, slug)
    today = hub_today(hub)
    form = ReportForm(request.GET or None, today=today)
    start, end, language = form.choice(today, translation.get_language() or "en")
    report = exports.report_build(
        hub=hub, period=selectors.Period(start=start, end=end), language=language
    )
    return report, form


@login_required
def annual(request: HttpRequest, slug: str) -> HttpResponse:
    report, form = _report_for_request(request, slug)
    query = f"start={report.period.start}&end={report.period.end}&lang={report.language}"
    context = {
        "hub": report.hub,
        "report": report,
        "form": form,
        "title": exports.report_title(report),
        "query": query,
    }
    return render(request, "reports/annual.html", context)


def _filename(report: exports.Report, extension: str) -> str:
    return (
        f"{report.hub.slug}-report-{report.period.start}-{report.period.end}-"
        f"{report.language}.{extension}"
    )


@login_required
def annual_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    report, _form = _report_for_request(request, slug)
    response = HttpResponse(exports.render_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
    return response


@login_required
def annual_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    report, _form = _report_for_request(request, slug)
    response = HttpResponse(
        exports.render_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "xlsx")}"'
    return response
