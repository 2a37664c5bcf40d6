"""The hub switcher in every page's menu.

A national network has 500 public hubs: building 500 hubs and rendering 500 options on every
page cost more than the rest of most pages. The options are rendered once per language and
version of the public hubs (`selectors.switcher_version`, read on every page, so a renamed,
added or hidden hub shows on the next page) and kept in the worker; the visitor's own hub is
marked selected in that text.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from innohub.common.i18n import localized
from innohub.network.models import Hub
from innohub.network.selectors import hub_list_for_switcher, switcher_version

_rendered: dict[tuple[object, ...], str] = {}
_KEPT = 12  # versions × languages kept per worker; an edit makes the older ones unreachable


def _option(hub: dict, language: str) -> tuple[str, ...]:
    shown, in_language = localized(hub["short_name"] or hub["name"]).resolve(language)
    if in_language and in_language != language:
        direction = "rtl" if in_language == "he" else "ltr"
        marks = format_html(' lang="{}" dir="{}"', in_language, direction)
    else:
        marks = ""
    return (hub["slug"], marks, shown)


def _render(language: str) -> str:
    hubs = hub_list_for_switcher().values("slug", "name", "short_name")
    return format_html_join(
        "", '<option value="{}"{}>{}</option>', (_option(hub, language) for hub in hubs)
    )


def switcher_options(language: str, current: Hub | None) -> SafeString:
    """`<option>`s of every public hub in the language, the current hub selected ("" if none)."""
    key = (language, *switcher_version())
    options = _rendered.get(key)
    if options is None:
        if len(_rendered) >= _KEPT:
            _rendered.clear()
        options = _rendered[key] = _render(language)
    if current is not None:
        value = format_html('<option value="{}"', current.slug)
        options = options.replace(value, value + " selected", 1)
    return mark_safe(options)  # built by format_html from escaped values
