"""Forms of the directory pages; validation rules live on the models and in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innohub.common.models import Country
from innohub.directory.models import MembershipState, Organisation, OrganisationKind, Sector
from innohub.network.models import Hub


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    country = forms.ChoiceField(
        label=_("Country of origin"),
        required=False,
        choices=[("", _("All countries")), *Country.choices],
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *MembershipState.choices]
    )

    def __init__(self, *args: Any, hubs: list[Hub], sectors: list[Sector], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = [("", _("All hubs"))] + [(h.slug, str(h.name)) for h in hubs]
        self.fields["sector"].choices = [("", _("All sectors"))] + [
            (s.slug, str(s.name)) for s in sectors
        ]
        for name, field in self.fields.items():
            css = "form-control" if name == "q" else "form-select"
            field.widget.attrs.setdefault("class", css)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Name, description or identifier")}
        )


class OrganisationForm(forms.ModelForm):
    """The full profile, as staff edit it."""

    # Wider than the stored value: people paste codes with spaces or full-width characters.
    uscc = forms.CharField(label=_("Unified Social Credit Code"), required=False, max_length=40)
    il_company_number = forms.CharField(
        label=_("Israeli company number"), required=False, max_length=30
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "country",
            "sectors",
            "stage",
            "founded_year",
            "headcount",
            "uscc",
            "il_company_number",
            "website",
            "email",
            "phone",
            "address",
            "description",
            "sponsor",
            "is_public",
        ]
        widgets = {"sectors": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            elif hasattr(widget, "widgets"):
                for sub in widget.widgets:
                    sub.attrs.setdefault("class", "form-control")
            else:
                widget.attrs.setdefault("class", "form-control")
        if "sponsor" in self.fields:
            self.fields["sponsor"].queryset = Organisation.objects.filter(
                kind__in=[OrganisationKind.INCUBATOR, OrganisationKind.ACCELERATOR]
            )


class MemberOrganisationForm(OrganisationForm):
    """What a member may change on its own profile."""

    class Meta(OrganisationForm.Meta):
        fields = [
            "name",
            "sectors",
            "stage",
            "founded_year",
            "headcount",
            "uscc",
            "il_company_number",
            "website",
            "email",
            "phone",
            "address",
            "description",
        ]


class StaffCreateForm(OrganisationForm):
    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Hub.objects.none(), required=True)
    state = forms.ChoiceField(
        label=_("Membership state"),
        choices=MembershipState.choices,
        initial=MembershipState.ADMITTED,
    )
    since = forms.DateField(label=_("Since"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, hubs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs
        self.fields["hub"].widget.attrs["class"] = "form-select"
        self.fields["state"].widget.attrs["class"] = "form-select"
        self.fields["since"].widget.attrs["class"] = "form-control"


class MembershipTransitionForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"), choices=MembershipState.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
