"""Pages of the reports app: the hub and network dashboards and the annual report."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation

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


@login_required
def network_dashboard(request: HttpRequest) -> HttpResponse:
    require(user_is_network_admin(request.user))
    form = DashboardForm(request.GET or None)
    on = form.cleaned_data["on"] if form.is_valid() else None
    figures = selectors.network_figures(hubs=selectors.hubs_for_network_dashboard(), end=on)
    context = {
        "form": form,
        "network": figures,
        "table": _network_table(figures),
        "cache_minutes": selectors.CACHE_SECONDS // 60,
    }
    return render(request, "reports/network_dashboard.html", context)


def _network_table(
    figures: selectors.NetworkFigures,
) -> tuple[list[str], list[tuple[selectors.HubFigures, list]], list]:
    """Headings, (hub, its values) per hub and the network's values, a column per figure."""
    from django.utils.translation import gettext as _

    def percent(rate: float | None) -> object:
        return round(rate * 100, 1) if rate is not None else "—"

    columns = [
        (_("Members"), lambda h: h.members),
        (_("Applications received"), lambda h: h.admissions.get("received", 0)),
        (_("Valid intellectual property rights"), lambda h: h.ip_total("valid")),
        (_("Applications in preparation"), lambda h: h.ip_total("in_preparation")),
        (_("Occupancy (%)"), lambda h: percent(h.spaces_total.get("occupancy_rate"))),
        (_("Events held"), lambda h: h.events.get("held", 0)),
        (_("Registered participants"), lambda h: h.events.get("participants", 0)),
        (_("Agreements signed"), lambda h: h.agreements.get("signed", 0)),
        (_("Delegations received"), lambda h: h.visits.get("received", 0)),
        (_("Introductions made"), lambda h: h.introductions.get("made", 0)),
    ]
    occupancy_column = 4
    rows = [(hub, [getter(hub) for _label, getter in columns]) for hub in figures.hubs]
    # Occupancy is let area over lettable area, so the network's comes from the summed areas.
    occupancy = percent((figures.total.get("spaces_total") or {}).get("occupancy_rate"))
    totals = [
        occupancy if i == occupancy_column else sum(values[i] for _hub, values in rows)
        for i in range(len(columns))
    ]
    return [label for label, _getter in columns], rows, totals


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
