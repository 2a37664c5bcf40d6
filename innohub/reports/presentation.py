"""Turns a hub's figures into what the pages, the PDF and the XLSX show: labelled tables with
a link to the records behind each figure, and the charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from innohub.common.models import Country
from innohub.reports.charts import Chart, bar_chart, line_chart, stacked_bar_chart
from innohub.reports.selectors import HubFigures


@dataclass
class Row:
    label: str
    values: list[Any]
    link: str = ""


@dataclass
class Table:
    key: str
    title: str
    headings: list[str]
    rows: list[Row] = field(default_factory=list)


def _url(name: str, *args: Any, **query: Any) -> str:
    base = reverse(name, args=args)
    query = {k: v for k, v in query.items() if v not in ("", None)}
    return f"{base}?{urlencode(query)}" if query else base


def sector_label(sectors: dict[str, Any], key: str) -> str:
    """A sector's name in the active language; "none" counts the members of no sector."""
    if key == "none":
        return _("No sector given")
    return str(sectors.get(key, key))


def tables(figures: HubFigures) -> list[Table]:
    """Every section's figures with their labels and the link to the list behind each one."""
    from innohub.directory.models import ApplicationStatus
    from innohub.events.models import EventKind
    from innohub.ip.models import AssetStatus, AssetType
    from innohub.matching.models import IntroductionState
    from innohub.relations.models import AgreementStatus
    from innohub.spaces.models import RoomState

    slug, start, end = figures.hub_slug, figures.start, figures.end
    countries = dict(Country.choices)
    sectors = figures.labels.get("sectors", {})
    member_list = {"hub": slug, "member_on": end}
    out = []

    members = Table("members", _("Members"), [_("Members")])
    members.rows.append(
        Row(_("All members"), [figures.members], _url("directory:list", **member_list))
    )
    for code, n in sorted(figures.members_by_country.items(), key=lambda kv: -kv[1]):
        members.rows.append(
            Row(
                str(countries.get(code, code)),
                [n],
                _url("directory:list", country=code, **member_list),
            )
        )
    out.append(members)

    by_sector = Table("sectors", _("Members by sector"), [_("Members")])
    for key, n in sorted(figures.members_by_sector.items(), key=lambda kv: -kv[1]):
        link = "" if key == "none" else _url("directory:list", sector=key, **member_list)
        by_sector.rows.append(Row(sector_label(sectors, key), [n], link))
    out.append(by_sector)

    admissions = Table("admissions", _("Applications received in the period"), [_("Applications")])
    queue = {"hub": slug, "received_from": start, "received_to": end}
    admissions.rows.append(
        Row(
            _("Received"),
            [figures.admissions.get("received", 0)],
            _url("directory:application_queue", status="all", **queue),
        )
    )
    for status, label in ApplicationStatus.choices:
        admissions.rows.append(
            Row(
                str(label),
                [figures.admissions.get(status, 0)],
                _url("directory:application_queue", status=status, **queue),
            )
        )
    out.append(admissions)

    statuses = [
        ("valid", _("Valid")),
        ("pending", _("Under application")),
        ("in_preparation", _("In preparation")),
    ]
    ip = Table(
        "ip",
        _("Intellectual property of the members"),
        [str(label) for _key, label in statuses] + [_("Valid today")],
    )
    portfolio = {"hub": slug, "on": end}
    for type_, label in AssetType.choices:
        counts = figures.ip.get(type_, {})
        pending = counts.get(AssetStatus.FILED, 0) + counts.get(AssetStatus.UNDER_EXAMINATION, 0)
        values = [
            counts.get(AssetStatus.VALID, 0),
            pending,
            counts.get(AssetStatus.IN_PREPARATION, 0),
            figures.ip_now.get(type_, {}).get(AssetStatus.VALID, 0),
        ]
        if not any(values):
            continue
        ip.rows.append(
            Row(
                str(label),
                values,
                _url("ip:list", type=type_, status=AssetStatus.VALID, **portfolio),
            )
        )
    out.append(ip)

    space = Table(
        "spaces",
        _("Space on the last day (m²)"),
        [str(RoomState(s).label) for s in RoomState.values] + [_("Occupancy")],
    )
    phases = figures.labels.get("phases", {})
    occupancy = _url("spaces:occupancy", slug, on=end)
    for phase in figures.spaces:
        key = phase["phase"]
        label = str(phases.get(key) or "") or (_("Phase %(number)s") % {"number": key})
        if key == "none":
            label = _("Not in a phase")
        rate = phase["occupancy_rate"]
        space.rows.append(
            Row(
                label,
                [phase["area_m2"][s] for s in RoomState.values]
                + [round(rate * 100, 1) if rate is not None else ""],
                occupancy,
            )
        )
    out.append(space)

    events = Table("events", _("Events held in the period"), [_("Number")])
    event_list = {"hub": slug, "date_from": start, "date_to": end}
    events.rows.append(
        Row(
            _("Events held"), [figures.events.get("held", 0)], _url("events:calendar", **event_list)
        )
    )
    kinds = dict(EventKind.choices)
    for kind, n in sorted(figures.events.get("by_kind", {}).items(), key=lambda kv: -kv[1]):
        events.rows.append(
            Row(str(kinds.get(kind, kind)), [n], _url("events:calendar", kind=kind, **event_list))
        )
    events.rows.append(Row(_("Registered participants"), [figures.events.get("participants", 0)]))
    events.rows.append(Row(_("Checked in"), [figures.events.get("checked_in", 0)]))
    out.append(events)

    agreements = Table(
        "agreements",
        _("Agreements"),
        [_("Signed in the period"), _("All, by status on the last day")],
    )
    signed = figures.agreements.get("signed_by_status", {})
    every = figures.agreements.get("by_status", {})
    agreement_list = {"hub": slug}
    agreements.rows.append(
        Row(
            _("All agreements"),
            [figures.agreements.get("signed", 0), sum(every.values())],
            _url("relations:agreement_list", signed_from=start, signed_to=end, **agreement_list),
        )
    )
    for status, label in AgreementStatus.choices:
        agreements.rows.append(
            Row(
                str(label),
                [signed.get(status, 0), every.get(status, 0)],
                _url("relations:agreement_list", status=status, **agreement_list),
            )
        )
    out.append(agreements)

    visits = Table("visits", _("Delegations received in the period"), [_("Visits")])
    visit_list = {
        "hub": slug,
        "direction": "incoming",
        "status": "completed",
        "date_from": start,
        "date_to": end,
    }
    visits.rows.append(
        Row(
            _("All delegations"),
            [figures.visits.get("received", 0)],
            _url("relations:visit_list", **visit_list),
        )
    )
    for code, n in sorted(figures.visits.get("by_country", {}).items(), key=lambda kv: -kv[1]):
        visits.rows.append(
            Row(
                str(countries.get(code, code or "—")),
                [n],
                _url("relations:visit_list", country=code, **visit_list),
            )
        )
    out.append(visits)

    introductions = Table(
        "introductions", _("Introductions made in the period"), [_("Introductions")]
    )
    made = {"hub": slug, "made_from": start, "made_to": end}
    introductions.rows.append(
        Row(
            _("All introductions"),
            [figures.introductions.get("made", 0)],
            _url("matching:introductions", **made),
        )
    )
    by_state = figures.introductions.get("by_state", {})
    for state, label in IntroductionState.choices:
        introductions.rows.append(
            Row(
                str(label),
                [by_state.get(state, 0)],
                _url("matching:introductions", state=state, **made),
            )
        )
    out.append(introductions)
    return out


def charts(figures: HubFigures) -> list[Chart]:
    """The charts of the dashboard and the report, titled in the active language."""
    from innohub.ip.models import AssetType
    from innohub.spaces.models import RoomState

    found = []
    if figures.members_over_time:
        months = [month for month, _n in figures.members_over_time]
        found.append(
            line_chart(
                key="members-over-time",
                title=_("Members at the end of each month"),
                months=months,
                values=[n for _month, n in figures.members_over_time],
                value_heading=_("Members"),
            )
        )
    countries = dict(Country.choices)
    if figures.members_by_country:
        rows = sorted(figures.members_by_country.items(), key=lambda kv: -kv[1])
        found.append(
            bar_chart(
                key="members-by-country",
                title=_("Members by country of origin"),
                labels=[str(countries.get(code, code)) for code, _n in rows],
                values=[n for _code, n in rows],
                value_heading=_("Members"),
            )
        )
    if figures.members_by_sector:
        sectors = figures.labels.get("sectors", {})
        rows = sorted(figures.members_by_sector.items(), key=lambda kv: -kv[1])
        found.append(
            bar_chart(
                key="members-by-sector",
                title=_("Members by sector"),
                labels=[sector_label(sectors, key) for key, _n in rows],
                values=[n for _key, n in rows],
                value_heading=_("Members"),
            )
        )
    types = [(t, str(label)) for t, label in AssetType.choices if figures.ip_count(t, "valid")]
    if types:
        found.append(
            bar_chart(
                key="ip-valid",
                title=_("Valid intellectual property by type"),
                labels=[label for _t, label in types],
                values=[figures.ip_count(t, "valid") for t, _label in types],
                value_heading=_("Valid"),
            )
        )
    if figures.spaces:
        phases = figures.labels.get("phases", {})
        shown = [RoomState.LEASED, RoomState.AVAILABLE, RoomState.PLANNED]
        found.append(
            stacked_bar_chart(
                key="space-by-phase",
                title=_("Area by phase (m²)"),
                labels=[
                    str(phases.get(p["phase"]) or "")
                    or _("Phase %(number)s") % {"number": p["phase"]}
                    for p in figures.spaces
                ],
                series=[
                    (str(RoomState(state).label), [p["area_m2"][state] for p in figures.spaces])
                    for state in shown
                ],
            )
        )
    return found
