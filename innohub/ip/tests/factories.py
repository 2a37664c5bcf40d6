"""Builders for IP tests, going through the services like real users do."""

from __future__ import annotations

from datetime import date
from typing import Any

from innohub.ip import services

TODAY = date(2026, 11, 22)


def make_asset(world: Any, **fields: Any) -> Any:
    """A valid Chinese invention of org_a in hub A unless told otherwise."""
    defaults: dict[str, Any] = {
        "by": None,
        "hub": world.hub_a,
        "type": "cn-invention",
        "title": {"en": "A soft exoskeleton glove", "zh-hans": "一种柔性外骨骼手套"},
        "owners": [world.org_a],
        "number": "202010123456.2",
        "status": "valid",
        "filed_on": date(2020, 12, 3),
        "published_on": date(2021, 6, 4),
        "granted_on": date(2023, 5, 9),
        "tracked_since": date(2023, 5, 9),
        "today": TODAY,
    }
    defaults.update(fields)
    return services.asset_create(**defaults)
