"""Agreements and visits for the relations tests, built through the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from innohub.network.models import Hub
from innohub.relations import services
from innohub.relations.models import Agreement, Visit
from innohub.relations.services import PartyInput


def agreement(hub: Hub, *parties: Any, status: str = "signed", **data: Any) -> Agreement:
    """An agreement recorded by `hub` between organisations and/or hubs."""
    party_inputs = [
        PartyInput(hub=p) if isinstance(p, Hub) else PartyInput(organisation=p) for p in parties
    ]
    data.setdefault("title", {"en": "Cooperation on robotics", "zh-hans": "机器人合作"})
    data.setdefault("kind", "cooperation")
    if status != "draft" and "signed_precision" not in data:
        data.setdefault("signed_on", date(2020, 12, 3))
    return services.agreement_create(by=None, hub=hub, parties=party_inputs, status=status, **data)


def visit(hub: Hub, *, organisation: Any = None, **data: Any) -> Visit:
    delegation = services.delegation_create(
        by=None,
        hub=hub,
        name={"en": "Test delegation"},
        origin_country="IL",
        organisation=organisation,
    )
    data.setdefault("title", {"en": "Delegation visit"})
    data.setdefault("starts_on", date(2024, 6, 5))
    data.setdefault("ends_on", date(2024, 6, 7))
    return services.visit_create(by=None, hub=hub, delegation=delegation, **data)
