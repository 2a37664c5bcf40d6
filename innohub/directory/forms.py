"""Forms of the directory pages; validation rules live on the models and in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innohub.common.choices import slug_choices
from innohub.common.i18n import I18nFormField
from innohub.common.models import Country
from innohub.directory.models import (
    HubService,
    MembershipState,
    Organisation,
    OrganisationKind,
    Product,
    Sector,
    Stage,
)
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
    member_on = forms.DateField(
        label=_("Members of the hub on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, hubs: list[Hub], sectors: list[Sector], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("All hubs"))
        self.fields["sector"].choices = slug_choices(sectors, _("All sectors"))
        for name, field in self.fields.items():
            css = "form-control" if name in ("q", "member_on") else "form-select"
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


# ---------------------------------------------------------------------------- applications


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            continue
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif hasattr(widget, "widgets"):
            for sub in widget.widgets:
                sub.attrs.setdefault("class", "form-control")
        else:
            widget.attrs.setdefault("class", "form-control")


class ApplicationOrganisationForm(forms.Form):
    """The organisation part of the public application form."""

    hub = forms.ModelChoiceField(label=_("Hub you apply to"), queryset=Hub.objects.none())
    name = I18nFormField(
        label=_("Name of the organisation"),
        required=True,
        max_length=200,
        help_text=_("In at least one language; fill in the others if the name has them."),
    )
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    country = forms.ChoiceField(label=_("Country of origin"), choices=Country.choices)
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", "—"), *Stage.choices], required=False)
    founded_year = forms.IntegerField(
        label=_("Founded in"), min_value=1800, max_value=2100, required=False
    )
    headcount = forms.IntegerField(
        label=_("Headcount"), min_value=0, max_value=10_000_000, required=False
    )
    uscc = forms.CharField(
        label=_("Unified Social Credit Code"),
        required=False,
        max_length=40,
        help_text=_("18 characters, for organisations registered in China."),
    )
    il_company_number = forms.CharField(
        label=_("Israeli company number"),
        required=False,
        max_length=30,
        help_text=_("9 digits, for companies registered in Israel."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = I18nFormField(
        label=_("What the organisation does"), required=False, multiline=True, max_length=5000
    )

    def __init__(self, *args: Any, hubs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs
        _style(self)

    def clean_uscc(self) -> str:
        return _clean_identifier(self.cleaned_data.get("uscc", ""), "uscc")

    def clean_il_company_number(self) -> str:
        return _clean_identifier(self.cleaned_data.get("il_company_number", ""), "il")


def _clean_identifier(value: str, which: str) -> str:
    from innohub.common.identifiers import (
        IdentifierError,
        validate_il_company_number,
        validate_uscc,
    )

    if not value:
        return ""
    try:
        return validate_uscc(value) if which == "uscc" else validate_il_company_number(value)
    except IdentifierError as exc:
        raise forms.ValidationError(exc.message) from exc


class ApplicationContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(label=_("Position"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    wechat = forms.CharField(label=_("WeChat ID"), max_length=60, required=False)

    def __init__(self, *args: Any, optional: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optional = optional
        if optional:
            for field in self.fields.values():
                field.required = False
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # An optional contact is either left empty or given with a name and an e-mail.
        if self.optional and any(data.values()):
            for name in ("name", "email"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return data


class ApplicationRequestForm(forms.Form):
    """What the applicant wants from the hub, the sponsor, and consent."""

    wants = forms.MultipleChoiceField(
        label=_("What do you want from the hub?"),
        choices=HubService.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    motivation = forms.CharField(
        label=_("Message to the hub"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why the hub, what you plan there, and anything the reviewers should know."),
    )
    sponsor = forms.ModelChoiceField(
        label=_("Sponsoring incubator"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("An incubator of the hub that supports your application, if any."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the hub's staff store and review this information to decide on the "
            "application."
        )
    )
    # Left empty by people; filled by many form-spamming robots.
    homepage = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, sponsors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sponsor"].queryset = sponsors
        _style(self)

    def clean_homepage(self) -> str:
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, label: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["message"].label = label
        _style(self)


class AdmitForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the applicant)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    list_publicly = forms.BooleanField(
        label=_("List the organisation in the public directory"), required=False, initial=True
    )
    invite = forms.BooleanField(
        label=_("Invite the first contact to a member account by e-mail"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the applicant)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class ScoreForm(forms.Form):
    """One reviewer's points and comment for each criterion of the rubric."""

    def __init__(self, *args: Any, rubric: list[Any], initial_scores: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        for line in initial_scores:
            criterion = line.criterion
            self.fields[f"points_{criterion.pk}"] = forms.TypedChoiceField(
                label=str(criterion.name),
                choices=[("", "—")] + [(n, str(n)) for n in range(criterion.max_points + 1)],
                coerce=int,
                empty_value=None,
                required=False,
                initial=line.mine,
                help_text=str(criterion.guidance),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                max_length=2000,
                initial=line.my_comment,
                widget=forms.TextInput(),
            )
        _style(self)

    def scores(self) -> dict[int, tuple[int, str]]:
        found = {}
        for criterion in self.rubric:
            points = self.cleaned_data.get(f"points_{criterion.pk}")
            if points is not None:
                found[criterion.pk] = (points, self.cleaned_data.get(f"comment_{criterion.pk}", ""))
        return found

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (criterion, self[f"points_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.rubric
        ]


class SponsorDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Do you sponsor this applicant?"),
        choices=[("confirm", _("Yes, we sponsor it")), ("refuse", _("No"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Note for the hub's staff"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


# ---------------------------------------------------------------------------- products


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["name", "description", "sector", "is_public"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
