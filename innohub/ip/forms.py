"""Forms of the IP pages; the rules themselves live in services and the engine."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from innohub.common.choices import slug_choices
from innohub.common.identifiers import IdentifierError
from innohub.common.search_select import SearchSelectMultiple
from innohub.directory.models import Membership, Organisation, Product
from innohub.ip import numbers
from innohub.ip.models import Asset, AssetStatus, AssetType
from innohub.network.models import Hub

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def parse_nice_class_lines(text: str) -> list[tuple[int, str]]:
    """Nice classes with optional similar groups, one class a line: `9: 0901, 0907`.

    A line without a colon may list several classes (`9, 42`).
    """
    found: dict[int, str] = {}
    for line in re.split(r"[\n;；]+", text or ""):
        line = line.strip()
        if not line:
            continue
        head, colon, groups = line.replace("：", ":").partition(":")
        if colon:
            number = numbers.validate_nice_class(head.replace("第", "").replace("类", ""))
            found[number] = numbers.validate_similar_groups(groups)
        else:
            for number in numbers.parse_nice_classes(head):
                found.setdefault(number, "")
    return sorted(found.items())


def format_nice_classes(asset: Asset) -> str:
    return "\n".join(
        f"{c.number}: {c.similar_groups}" if c.similar_groups else str(c.number)
        for c in asset.nice_classes.all()
    )


class PortfolioFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *AssetType.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *AssetStatus.choices]
    )
    nice_class = forms.TypedChoiceField(
        label=_("Nice class"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any class")), *[(n, str(n)) for n in range(1, 46)]],
    )
    owner = forms.CharField(widget=forms.HiddenInput, required=False, max_length=80)
    on = forms.DateField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, hubs: list[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("All hubs"))
        for name, field in self.fields.items():
            if name in ("owner", "on"):
                continue
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs.setdefault("class", css)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Number or title")}
        )


class AssetForm(forms.ModelForm):
    """An asset's record as its owners and the hub's IP officers edit it."""

    number = forms.CharField(label=_("Number"), required=False, max_length=60)
    nice_classes_text = forms.CharField(
        label=_("Nice classes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Trademarks: one class a line, optionally with similar groups: 9: 0901, 0907"),
    )

    class Meta:
        model = Asset
        fields = [
            "hub",
            "type",
            "number",
            "title",
            "owners",
            "products",
            "filed_on",
            "priority_on",
            "published_on",
            "granted_on",
            "registered_on",
            "extension_days",
            "is_confidential",
            "tracked_since",
            "notes",
        ]
        widgets = {
            "owners": SearchSelectMultiple(attrs={"size": 6}),
            "products": SearchSelectMultiple(attrs={"size": 4}),
            "filed_on": DATE_INPUT,
            "priority_on": DATE_INPUT,
            "published_on": DATE_INPUT,
            "granted_on": DATE_INPUT,
            "registered_on": DATE_INPUT,
            "tracked_since": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self,
        *args: Any,
        hubs: Any,
        owners: Any,
        creating: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs
        self.fields["owners"].queryset = owners
        self.fields["products"].queryset = Product.objects.filter(organisation__in=owners)
        self.fields["tracked_since"].required = False
        self.fields["extension_days"].required = False
        if not creating:
            del self.fields["hub"]
        else:
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"), choices=AssetStatus.choices, initial=AssetStatus.FILED
            )
            self.fields["status_on"] = forms.DateField(
                label=_("Status since"),
                required=False,
                widget=DATE_INPUT,
                help_text=_(
                    "For an application in preparation, under examination or a right that "
                    "ended: the day it started."
                ),
            )
        if self.instance.pk:
            self.initial.setdefault("nice_classes_text", format_nice_classes(self.instance))
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            elif not hasattr(widget, "widgets"):
                widget.attrs.setdefault("class", "form-control")

    def clean_nice_classes_text(self) -> list[tuple[int, str]]:
        try:
            return parse_nice_class_lines(self.cleaned_data.get("nice_classes_text", ""))
        except IdentifierError as exc:
            raise ValidationError(exc.message) from exc

    def _post_clean(self) -> None:
        # The service validates the whole record (numbers per type, dates, owners); the
        # model's own instance validation would run before it with half the facts.
        pass

    def service_data(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name in self.fields and name != "hub"
        }
        data["nice_classes"] = self.cleaned_data["nice_classes_text"]
        if data.get("tracked_since") is None:
            data.pop("tracked_since", None)
        data["extension_days"] = data.get("extension_days") or 0
        return data


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=AssetStatus.choices)
    on = forms.DateField(label=_("As of"), widget=DATE_INPUT)
    number = forms.CharField(label=_("Number (when filing)"), required=False, max_length=60)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class CompleteForm(forms.Form):
    on = forms.DateField(label=_("Done on"), widget=DATE_INPUT)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ReminderSettingsForm(forms.Form):
    reminder_days = forms.CharField(
        label=_("Reminder lead times (days)"),
        max_length=60,
        help_text=_("Days before a deadline, comma-separated, e.g. 90,30,7."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class WhatIfForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=AssetType.choices)
    filed = forms.DateField(label=_("Filing date"), required=False, widget=DATE_INPUT)
    priority = forms.DateField(label=_("Priority date"), required=False, widget=DATE_INPUT)
    granted = forms.DateField(label=_("Grant date"), required=False, widget=DATE_INPUT)
    registered = forms.DateField(label=_("Registration date"), required=False, widget=DATE_INPUT)
    published = forms.DateField(label=_("Publication date"), required=False, widget=DATE_INPUT)
    renewals = forms.IntegerField(
        label=_("Renewals made (trademarks)"), required=False, min_value=0, max_value=20
    )
    extension_days = forms.IntegerField(
        label=_("Term extension in days (inventions)"),
        required=False,
        min_value=0,
        max_value=5 * 365,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class StatisticsForm(forms.Form):
    on = forms.DateField(label=_("Valid on"), required=False, widget=DATE_INPUT)
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    organisation = forms.CharField(widget=forms.HiddenInput, required=False, max_length=80)

    def __init__(self, *args: Any, hubs: list[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("The whole network"))
        self.fields["on"].widget.attrs["class"] = "form-control"
        self.fields["hub"].widget.attrs["class"] = "form-select"


def owner_choices_for(user: Any, hub_ids: Any) -> Any:
    """Organisations a user may record IP for: members of the hubs they keep, or their own."""
    from innohub.accounts.access import ALL_HUBS, grants_for

    grants = grants_for(user)
    members = Membership.objects.filter(organisation=OuterRef("pk"))
    wanted = Q(pk__in=grants.organisations or [])
    if hub_ids is ALL_HUBS:
        wanted |= Q(Exists(members))
    elif hub_ids:
        wanted |= Q(Exists(members.filter(hub_id__in=hub_ids)))
    return Organisation.objects.filter(wanted).order_by("sort_name")
