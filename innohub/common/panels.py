"""Sections that apps add to organisation and hub pages without the page knowing them.

An app declares on its AppConfig, e.g.
    organisation_panels = ["innohub.relations.panels.organisation_agreements"]
    hub_panels = ["innohub.relations.panels.hub_timeline"]
each a dotted path to `def panel(request, obj) -> str | None` returning rendered HTML (or
None to show nothing). Each panel applies its own access rules.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe


@cache
def _panel_functions(attribute: str) -> tuple[Any, ...]:
    found = []
    for config in apps.get_app_configs():
        for path in getattr(config, attribute, ()):
            found.append(import_string(path))
    return tuple(found)


def render_panels(attribute: str, request: HttpRequest, obj: Any) -> list[SafeString]:
    """The HTML of every panel declared under `attribute` for this object, in app order."""
    rendered = []
    for function in _panel_functions(attribute):
        html = function(request, obj)
        if html:
            rendered.append(mark_safe(html))  # each panel renders through Django templates
    return rendered
