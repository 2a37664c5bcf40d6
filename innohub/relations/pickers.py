"""The search-as-you-type pickers of the relations forms: built from a request, resolved."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from innohub.directory.models import Organisation, Person
from innohub.network.models import Hub
from innohub.relations import selectors
from innohub.relations.forms import Picker
from innohub.relations.selectors import PickerChoice

SOURCES = ("party", "organisation", "person")


def search(user: Any, source: str, query: str) -> list[PickerChoice]:
    if source == "person":
        return selectors.person_search(user=user, q=query)
    return selectors.party_search(user=user, q=query, include_hubs=source == "party")


def chosen(user: Any, source: str, keys: list[str]) -> list[PickerChoice]:
    if source == "person":
        return selectors.person_choices_for_keys(user=user, keys=keys)
    choices = selectors.party_choices_for_keys(user=user, keys=keys)
    if source == "organisation":
        choices = [choice for choice in choices if choice.key.startswith("org:")]
    return choices


def build(
    request: HttpRequest,
    *,
    name: str,
    label: Any,
    source: str,
    multiple: bool = True,
    required: bool = False,
    initial: list[str] | None = None,
    help_text: Any = "",
) -> Picker:
    """A picker filled from the submitted form (POST) or from `initial` keys (GET)."""
    picker = Picker(
        name=name,
        label=label,
        source=source,
        multiple=multiple,
        required=required,
        help_text=help_text,
    )
    if request.method == "POST":
        keys = request.POST.getlist(name)
        picker.query = request.POST.get(picker.query_name, "").replace("\x00", "").strip()[:200]
    else:
        keys = list(initial or [])
    if not multiple:
        keys = keys[:1]
    picker.chosen = chosen(request.user, source, keys)
    if picker.query:
        picker.results = search(request.user, source, picker.query)
    return picker


def from_query(request: HttpRequest) -> Picker:
    """The picker an htmx search request describes (its name, source, choices and query)."""
    name = request.GET.get("name", "")[:40]
    source = request.GET.get("source", "party")
    if source not in SOURCES:
        source = "party"
    multiple = request.GET.get("multiple") == "1"
    picker = Picker(name=name, label="", source=source, multiple=multiple)
    keys = request.GET.getlist(name)
    picker.chosen = chosen(request.user, source, keys[:50] if multiple else keys[:1])
    picker.query = request.GET.get(picker.query_name, "").replace("\x00", "").strip()[:200]
    picker.results = search(request.user, source, picker.query) if picker.query else []
    return picker


def validate(picker: Picker) -> bool:
    if picker.required and not picker.chosen:
        picker.errors.append(_("Choose at least one."))
    return not picker.errors


def resolve_party(user: Any, key: str) -> Organisation | Hub | None:
    return selectors.party_resolve(user=user, key=key)


def resolve_organisation(user: Any, picker: Picker) -> Organisation | None:
    for key in picker.chosen_keys:
        found = selectors.party_resolve(user=user, key=key)
        if isinstance(found, Organisation):
            return found
    return None


def resolve_people(user: Any, picker: Picker) -> list[Person]:
    return selectors.people_resolve(user=user, keys=picker.chosen_keys)
