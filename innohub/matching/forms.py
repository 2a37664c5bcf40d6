"""Forms of the matchmaking pages; the rules live on the model and in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innohub.common.choices import slug_choices
from innohub.common.models import Country
from innohub.directory.models import Organisation, Sector, Stage
from innohub.matching.models import (
    Currency,
    IntroductionState,
    Listing,
    ListingKind,
    Market,
)
from innohub.matching.selectors import ip_asset_choices
from innohub.network.models import Hub

KIND_FIELDS: dict[str, list[str]] = {
    ListingKind.OFFER: ["stage", "maturity", "target_markets", "ip_assets", "ip_reference"],
    ListingKind.NEED: ["timeline"],
    ListingKind.THESIS: ["stages", "countries"],
}
AMOUNT_LABELS = {
    ListingKind.OFFER: (_("Funding sought: from"), _("Funding sought: up to")),
    ListingKind.NEED: (_("Budget: from"), _("Budget: up to")),
    ListingKind.THESIS: (_("Ticket size: from"), _("Ticket size: up to")),
}


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            continue
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif hasattr(widget, "widgets"):
            for sub in widget.widgets:
                sub.attrs.setdefault("class", "form-control")
        else:
            widget.attrs.setdefault("class", "form-control")


def _asset_label(asset: Any) -> str:
    owners = ", ".join(str(owner.name) for owner in asset.owners.all())
    number = asset.display_number or asset.get_type_display()
    return f"{number} · {asset.title} · {asset.get_status_display()} ({owners})"


class ListingForm(forms.ModelForm):
    """An offer, need or thesis; only the fields of its kind are shown."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Hub.objects.none())
    target_markets = forms.MultipleChoiceField(
        label=_("Target markets"),
        choices=Market.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stages = forms.MultipleChoiceField(
        label=_("Stages invested in"),
        choices=Stage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of origin invested in"),
        choices=Country.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Listing
        fields = [
            "organisation",
            "hub",
            "title",
            "description",
            "sectors",
            "stage",
            "maturity",
            "target_markets",
            "ip_assets",
            "ip_reference",
            "timeline",
            "stages",
            "countries",
            "amount_min",
            "amount_max",
            "currency",
            "visibility",
            "status",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "ip_assets": forms.CheckboxSelectMultiple,
        }

    def __init__(
        self,
        *args: Any,
        kind: str,
        organisations: Any = None,
        hubs: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["sectors"].queryset = Sector.objects.all()
        if "ip_assets" in self.fields:
            owners = [self.instance.organisation_id] if self.instance.pk else (organisations or [])
            self.fields["ip_assets"].queryset = ip_asset_choices(owners)
            self.fields["ip_assets"].label_from_instance = _asset_label
        keep = {
            "title",
            "description",
            "sectors",
            "amount_min",
            "amount_max",
            "currency",
            "visibility",
            *KIND_FIELDS[kind],
        }
        if self.instance.pk:
            keep.add("status")
        else:
            keep |= {"organisation", "hub"}
            self.fields["organisation"].queryset = organisations
            self.fields["hub"].queryset = hubs
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        low, high = AMOUNT_LABELS[kind]
        self.fields["amount_min"].label = low
        self.fields["amount_max"].label = high
        _style(self)

    def listing_data(self) -> dict[str, Any]:
        """What the services take: every shown field but the owner and the hub."""
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in {"organisation", "hub"}
        }


class MatchFilterForm(forms.Form):
    """Hard filters on top of the ranking."""

    sector = forms.ChoiceField(label=_("Sector"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("Any stage")), *Stage.choices]
    )
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    country = forms.ChoiceField(
        label=_("Country of origin"),
        required=False,
        choices=[("", _("Any country")), *Country.choices],
    )
    amount = forms.IntegerField(
        label=_("Amount within range"),
        required=False,
        min_value=0,
        help_text=_("Only listings whose amount range includes this sum."),
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False, choices=Currency.choices)

    def __init__(self, *args: Any, hubs: list[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors"))] + [
            (s.slug, str(s.name)) for s in Sector.objects.all()
        ]
        self.fields["hub"].choices = slug_choices(hubs, _("All hubs"))
        _style(self)


class SearchForm(MatchFilterForm):
    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=500)
    kind = forms.ChoiceField(
        label=_("Look among"),
        required=False,
        choices=[
            (ListingKind.OFFER, _("Technology offers")),
            (ListingKind.NEED, _("Technology needs")),
            (ListingKind.THESIS, _("Investment theses")),
        ],
    )

    field_order = ["q", "kind"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {
                "type": "search",
                "placeholder": _(
                    "In Chinese, English or Hebrew, e.g. 柔性外骨骼, 3D camera, השקיה"
                ),
                "autocomplete": "off",
            }
        )


class IntroductionForm(forms.Form):
    on = forms.DateField(label=_("Introduced on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class IntroductionStepForm(forms.Form):
    state = forms.ChoiceField(label=_("What happened"), choices=IntroductionState.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=200,
        help_text=_("The agreement or investment it led to, e.g. a contract number."),
    )
    agreement = forms.ModelChoiceField(
        label=_("Agreement"),
        queryset=None,
        required=False,
        help_text=_("For an agreement or investment: the signed agreement of both organisations."),
    )

    def __init__(
        self,
        *args: Any,
        states: list[str] | None = None,
        agreements: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if states is not None:
            self.fields["state"].choices = [
                (value, label) for value, label in IntroductionState.choices if value in states
            ]
        self.fields["agreement"].queryset = agreements
        self.fields["agreement"].label_from_instance = lambda agreement: (
            f"{agreement.title} ({agreement.signed_on or agreement.get_status_display()})"
        )
        _style(self)


class IntroductionFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), *IntroductionState.choices],
    )
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    made_from = forms.DateField(
        label=_("Introduced from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    made_to = forms.DateField(
        label=_("Introduced until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, hubs: list[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("All hubs"))
        _style(self)
