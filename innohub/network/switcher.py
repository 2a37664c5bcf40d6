"""The hub switcher in every page's menu.

A national network has 500 public hubs; rendering 500 options cost more than the rest of most
pages. The options are rendered once per language and version of the hubs
(`selectors.hub_choices`, whose version is read on every page, so a renamed, added or hidden
hub shows on the next page) and kept in the worker; the visitor's hub is marked selected in
that text.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from innohub.common.i18n import text_direction
from innohub.network.models import Hub
from innohub.network.selectors import HubChoice, forget_hub_choices, hub_choices

_rendered: dict[tuple[object, ...], str] = {}
_KEPT = 12  # versions × languages kept per worker; an edit makes the older ones unreachable


def _option(hub: HubChoice, language: str) -> tuple[str, ...]:
    shown, in_language = (hub.short_name or hub.name).resolve(language)
    if in_language and in_language != language:
        marks = format_html(' lang="{}" dir="{}"', in_language, text_direction(in_language))
    else:
        marks = ""
    return (hub.slug, marks, shown)


def hub_options(hubs: Iterable[HubChoice], language: str) -> SafeString:
    """`<option>`s naming each hub in the language (its slug the value), none selected."""
    return format_html_join(
        "", '<option value="{}"{}>{}</option>', (_option(hub, language) for hub in hubs)
    )


def select_option(options: str, slug: str) -> SafeString:
    """`options` with the hub of this slug selected."""
    value = format_html('<option value="{}"', slug)
    return mark_safe(options.replace(value, value + " selected", 1))  # escaped by format_html


def switcher_options(request: HttpRequest, language: str, current: Hub | None) -> SafeString:
    """`<option>`s of every public hub in the language, the current hub selected ("" if none)."""
    version, hubs = hub_choices(request)
    key = (language, *version)
    options = _rendered.get(key)
    if options is None:
        if len(_rendered) >= _KEPT:
            _rendered.clear()
        options = _rendered[key] = hub_options((hub for hub in hubs if hub.is_public), language)
    if current is not None:
        return select_option(options, current.slug)
    return mark_safe(options)  # built by format_html from escaped values


def forget_kept_hubs() -> None:
    """Empty what this worker keeps of the hubs (tests, whose rolled-back ids come again)."""
    _rendered.clear()
    forget_hub_choices()
