"""Model selects that stay small however many records they could offer.

Up to `LIMIT` choices a `SearchSelect` is an ordinary select. Above that (a network admin
picking one of 100,000 organisations) it lists only the chosen options, and a search box above
it fetches the matches as options from `search_select` (htmx). The search runs on the field's
own queryset, carried signed in the page (its SQL, pickled, bound to the signed-in user), so it
offers exactly what the form accepts, and the form validates the choice as always.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from innohub.common.forms_renderer import render_select
from innohub.common.text import search_terms

LIMIT = 500  # more choices than this: the select becomes a search
MATCHES = 30  # options a search returns
SALT = "innohub.search-select"
MAX_AGE = 12 * 3600  # a form page left open longer is reloaded to search again


def _request_user_pk() -> int | None:
    """The signed-in user of the request being answered (kept by django-simple-history)."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def _token(queryset: QuerySet, user_pk: int, empty: str) -> str:
    query = base64.b64encode(pickle.dumps(queryset.query)).decode()
    data = {"model": queryset.model._meta.label, "query": query, "user": user_pk, "empty": empty}
    return signing.dumps(data, salt=SALT, compress=True)


def _search_of(token: str, user_pk: int | None) -> tuple[QuerySet, str] | None:
    """The queryset a token carries and the label of its empty choice ("" for none)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if user_pk is None or data.get("user") != user_pk:
        return None
    queryset = apps.get_model(data["model"])._default_manager.all()
    queryset.query = pickle.loads(base64.b64decode(data["query"]))  # noqa: S301 (signed by us)
    return queryset, data["empty"]


def _matching(queryset: QuerySet, text: str) -> QuerySet:
    """Every word of the search in the record's search text, or in its name (or title) in any
    language."""
    fields = {f.name for f in queryset.model._meta.fields}
    named = "name" if "name" in fields else "title"
    for term in search_terms(text):
        if "search_text" in fields:
            queryset = queryset.filter(search_text__contains=term)
        else:
            queryset = queryset.filter(
                Q(**{f"{named}__en__icontains": term})
                | Q(**{f"{named}__zh-hans__icontains": term})
                | Q(**{f"{named}__he__icontains": term})
            )
    return queryset


class SearchSelectMixin:
    """For `Select` and `SelectMultiple` of a model choice field."""

    allow_multiple_selected: bool

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        self.search_token = None
        queryset = getattr(self.choices, "queryset", None)  # type: ignore[attr-defined]
        user_pk = _request_user_pk()
        if queryset is None or user_pk is None:
            return super().get_context(name, value, attrs)  # type: ignore[misc]
        if len(queryset.order_by().values_list("pk", flat=True)[: LIMIT + 1]) <= LIMIT:
            return super().get_context(name, value, attrs)  # type: ignore[misc]
        field = self.choices.field  # type: ignore[attr-defined]
        chosen = [v for v in self.format_value(value) if v]  # type: ignore[attr-defined]
        empty = None if self.allow_multiple_selected else field.empty_label
        choices = [("", empty)] if empty is not None else []
        for record in queryset.filter(pk__in=chosen[:50]) if chosen else ():
            choices.append((field.prepare_value(record), field.label_from_instance(record)))
        self.search_token = _token(queryset, user_pk, "" if empty is None else str(empty))
        every, self.choices = self.choices, choices  # type: ignore[attr-defined]
        try:
            return super().get_context(name, value, attrs)  # type: ignore[misc]
        finally:
            self.choices = every

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        select = super().render(name, value, attrs, renderer)  # type: ignore[misc]
        if not self.search_token:
            return select
        select_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"  # type: ignore[attr-defined]
        url = reverse("search_select") + "?" + urlencode({"name": name, "token": self.search_token})
        search = format_html(
            '<input type="search" class="form-control form-control-sm mb-1" id="{}-search" '
            'name="_search_{}" aria-controls="{}" aria-label="{}" placeholder="{}" '
            'autocomplete="off" hx-get="{}" hx-trigger="input changed delay:300ms, search" '
            'hx-target="#{}" hx-include="#{}" hx-sync="this:replace">'
            '<div class="form-text mt-0 mb-1">{}</div>',
            select_id,
            name,
            select_id,
            _("Search by name"),
            _("Type a name in any language"),
            url,
            select_id,
            select_id,
            _("Too many to list: type to find them, then choose."),
        )
        return mark_safe(search + select)  # both parts escaped above


class SearchSelect(SearchSelectMixin, forms.Select):
    pass


class SearchSelectMultiple(SearchSelectMixin, forms.SelectMultiple):
    pass


@login_required
def search_select(request: HttpRequest) -> HttpResponse:
    """htmx: the options of a searching select, its chosen ones first, then the matches."""
    name = request.GET.get("name", "")[:60]
    search = _search_of(request.GET.get("token", ""), request.user.pk)
    if search is None or not name:
        return HttpResponseBadRequest(_("This search has expired: reload the page."))
    queryset, empty = search
    chosen = [v for v in request.GET.getlist(name)[:50] if v.isdigit()]
    text = request.GET.get(f"_search_{name}", "").replace("\x00", "")[:200]
    options = [("", empty, not chosen)] if empty else []
    records = list(queryset.filter(pk__in=chosen)) if chosen else []
    if search_terms(text):
        records += list(_matching(queryset.exclude(pk__in=chosen), text)[:MATCHES])
    options += [(str(r.pk), str(r), str(r.pk) in chosen) for r in records]
    widget = {
        "name": name,
        "attrs": {},
        "optgroups": [
            (
                None,
                [
                    {"value": value, "label": label, "attrs": {"selected": True} if on else {}}
                    for value, label, on in options
                ],
                0,
            )
        ],
    }
    html = render_select(widget)
    inner = html[html.index(">") + 1 : html.rindex("</select>")]
    return HttpResponse(inner)
