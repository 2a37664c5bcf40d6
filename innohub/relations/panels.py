"""Sections this app adds to organisation and hub pages: agreements, and the timeline."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from innohub.accounts.access import user_is_hub_staff
from innohub.directory.models import Organisation
from innohub.relations import selectors
from innohub.relations.timeline import agreement_entries, timeline_for, timeline_providers

PANEL_TIMELINE_ENTRIES = 8
PANEL_AGREEMENTS = 10


def _newest_agreements(request: HttpRequest, subject: Any) -> list:
    """The newest agreements of an organisation or hub as the visitor may see them, fetched
    once per request: the agreements panel and the timeline panel of a page show the same
    ones (the timeline takes the first of them in the same order)."""
    memo: dict[tuple[str, int], list] = request.__dict__.setdefault("_relations_agreements", {})
    is_organisation = isinstance(subject, Organisation)
    key = ("organisation" if is_organisation else "hub", subject.pk)
    if key not in memo:
        if is_organisation:
            memo[key] = selectors.agreements_for_organisation(
                user=request.user, organisation=subject, limit=PANEL_AGREEMENTS + 1
            )
        else:
            memo[key] = selectors.agreements_for_hub(
                user=request.user, hub=subject, limit=PANEL_AGREEMENTS + 1
            )
    return memo[key]


def _providers(request: HttpRequest, subject: Any) -> tuple:
    """The timeline's providers, its agreements taken from this request's panel rows."""
    rows = _newest_agreements(request, subject)
    return tuple(
        partial(agreement_entries, rows=rows) if provider is agreement_entries else provider
        for provider in timeline_providers()
    )


def _agreements(request: HttpRequest, rows: list, *, subject: Any, more_query: str) -> str:
    if not rows:
        return ""
    return render_to_string(
        "relations/panels/agreements.html",
        {
            "agreements": rows[:PANEL_AGREEMENTS],
            "more": len(rows) > PANEL_AGREEMENTS,
            "more_query": more_query,
            "subject": subject,
        },
        request=request,
    )


def organisation_agreements(request: HttpRequest, organisation: Any) -> str | None:
    rows = _newest_agreements(request, organisation)
    return _agreements(
        request, rows, subject=organisation, more_query=f"organisation={organisation.slug}"
    )


def hub_agreements(request: HttpRequest, hub: Any) -> str | None:
    rows = _newest_agreements(request, hub)
    return _agreements(request, rows, subject=hub, more_query=f"hub={hub.slug}")


def _timeline(request: HttpRequest, entries: list, *, url: str, can_record: bool) -> str:
    if not entries and not can_record:
        return ""
    return render_to_string(
        "relations/panels/timeline.html",
        {
            "entries": entries[:PANEL_TIMELINE_ENTRIES],
            "more": len(entries) > PANEL_TIMELINE_ENTRIES,
            "url": url,
            "can_record": can_record,
        },
        request=request,
    )


def organisation_timeline(request: HttpRequest, organisation: Any) -> str | None:
    from django.urls import reverse

    entries = timeline_for(
        user=request.user,
        organisation=organisation,
        providers=_providers(request, organisation),
        limit=PANEL_TIMELINE_ENTRIES + 1,
    )
    return _timeline(
        request,
        entries,
        url=reverse("relations:organisation_timeline", args=[organisation.slug]),
        can_record=False,
    )


def hub_timeline(request: HttpRequest, hub: Any) -> str | None:
    from django.urls import reverse

    entries = timeline_for(
        user=request.user,
        hub=hub,
        providers=_providers(request, hub),
        limit=PANEL_TIMELINE_ENTRIES + 1,
    )
    return _timeline(
        request,
        entries,
        url=reverse("relations:hub_timeline", args=[hub.slug]),
        can_record=user_is_hub_staff(request.user, hub.pk),
    )
