"""Forms of the service desk pages; the rules they serve live in models and services."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innohub.common.i18n import I18nFormField
from innohub.common.models import Country
from innohub.common.search_select import SearchSelect
from innohub.directory.models import Organisation, Person, Sector
from innohub.servicedesk.models import (
    ApplicationState,
    Expert,
    ExpertKind,
    OfficeHourMode,
    Programme,
    RequestState,
    Service,
    SpokenLanguage,
)
from innohub.servicedesk.services import PROGRAMME_FIELDS, SERVICE_FIELDS
from innohub.spaces.models import Room, RoomUsage


def style(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (sub-widgets of multilingual fields included)."""
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


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class StyledModelForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style(self)


def _organisation_field(organisations: list[Organisation]) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
        initial=organisations[0].pk if len(organisations) == 1 else None,
    )


# ---------------------------------------------------------------- requests


class RequestForm(StyledForm):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What do you need?"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Write in any language; the provider sees exactly what you write."),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(organisations) > 1:
            self.fields = {"organisation": _organisation_field(organisations), **self.fields}
        style(self)


class MessageForm(StyledForm):
    body = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachment = forms.FileField(
        label=_("Attach a file"),
        required=False,
        help_text=_("PDF, images, office documents or ZIP, up to 10 MB."),
    )


class TransitionForm(StyledForm):
    state = forms.ChoiceField(choices=RequestState.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RatingForm(StyledForm):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you?"),
        coerce=int,
        choices=[
            (5, _("5 – excellent")),
            (4, _("4 – good")),
            (3, _("3 – acceptable")),
            (2, _("2 – poor")),
            (1, _("1 – very poor")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RouteForm(StyledForm):
    provider = forms.ModelChoiceField(
        label=_("Route to"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("The hub's staff"),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers


class RequestFilterForm(StyledForm):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), ("open", _("Open")), *RequestState.choices],
    )
    timeliness = forms.ChoiceField(
        label=_("Timeliness"),
        required=False,
        choices=[("", _("Any")), ("late", _("Answered late or overdue"))],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=200)


# ---------------------------------------------------------------- catalogue


class ServiceForm(StyledModelForm):
    class Meta:
        model = Service
        fields = list(SERVICE_FIELDS)

    def __init__(self, *args: Any, providers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["provider"].empty_label = _("The hub's staff")


class ProviderForm(StyledForm):
    name = I18nFormField(label=_("Name"), max_length=200)
    country = forms.ChoiceField(label=_("Country of origin"), choices=Country.choices)
    description = I18nFormField(
        label=_("Description"), required=False, multiline=True, max_length=5000
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    accredited_on = forms.DateField(
        label=_("Accredited on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    scope = I18nFormField(label=_("Scope"), required=False, max_length=500)


class AccreditForm(StyledForm):
    organisation = forms.ModelChoiceField(
        label=_("Provider in the directory"),
        queryset=Organisation.objects.none(),
        widget=SearchSelect,
    )
    accredited_on = forms.DateField(
        label=_("Accredited on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


# ---------------------------------------------------------------- programmes


class RulesField(forms.JSONField):
    """The rules as JSON text, shown indented so staff can read and edit them."""

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, str):
            return value
        return json.dumps(value if value is not None else [], ensure_ascii=False, indent=2)


class ProgrammeForm(StyledModelForm):
    rules = RulesField(
        label=_("Eligibility rules"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "class": "form-control font-monospace"}),
        help_text=_("A JSON list of rules; see the facts and operators below."),
    )

    class Meta:
        model = Programme
        fields = list(PROGRAMME_FIELDS)

    def __init__(self, *args: Any, funders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = funders
        self.fields["funder"].widget = SearchSelect(attrs=self.fields["funder"].widget.attrs)

    def clean_rules(self) -> Any:
        rules = self.cleaned_data.get("rules")
        return [] if rules in (None, "") else rules


class WindowForm(StyledForm):
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ApplicationForm(StyledForm):
    amount_requested = forms.DecimalField(
        label=_("Amount requested"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    note = forms.CharField(
        label=_("Note for the hub"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(organisations) > 1:
            self.fields = {"organisation": _organisation_field(organisations), **self.fields}
        style(self)


class ApplicationTransitionForm(StyledForm):
    state = forms.ChoiceField(label=_("New state"), choices=ApplicationState.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount_granted = forms.DecimalField(
        label=_("Amount granted"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


# ---------------------------------------------------------------- experts


class ExpertForm(StyledModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=SpokenLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Expert
        fields = [
            "kind",
            "expertise",
            "bio",
            "sectors",
            "availability",
            "can_judge",
            "is_public",
        ]
        widgets = {"sectors": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.all()
        if self.instance.pk:
            self.initial["languages"] = self.instance.language_codes
        self.order_fields(["kind", "expertise", "languages"])


class NewExpertForm(ExpertForm):
    """Adds the person: one already in the directory, or a new one."""

    person = forms.ModelChoiceField(
        label=_("Person in the directory"),
        queryset=Person.objects.none(),
        required=False,
        widget=SearchSelect,
        help_text=_("Or leave empty and enter a new person below."),
    )
    new_name = I18nFormField(label=_("Name of a new person"), required=False, max_length=200)
    new_title = I18nFormField(label=_("Title"), required=False, max_length=200)
    new_email = forms.EmailField(label=_("E-mail"), required=False)
    new_organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=SearchSelect,
    )

    def __init__(self, *args: Any, people: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["new_organisation"].queryset = organisations
        self.order_fields(
            ["person", "new_name", "new_title", "new_email", "new_organisation", "kind"]
        )
        style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("person") and not data.get("new_name"):
            raise forms.ValidationError(_("Choose a person or enter the name of a new one."))
        return data


class ExpertFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ExpertKind.choices]
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *SpokenLanguage.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors"))] + [
            (s.slug, str(s.name)) for s in Sector.objects.all()
        ]


DURATIONS = [(30, _("30 minutes")), (45, _("45 minutes")), (60, _("1 hour")), (90, _("1½ hours"))]


class OfficeHourForm(StyledForm):
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    minutes = forms.TypedChoiceField(label=_("Length"), choices=DURATIONS, coerce=int, initial=60)
    mode = forms.ChoiceField(label=_("Where"), choices=OfficeHourMode.choices)
    room = forms.ModelChoiceField(
        label=_("Meeting room (in person)"),
        queryset=Room.objects.none(),
        required=False,
        help_text=_("The room is booked for the office hour."),
    )
    location = forms.CharField(label=_("Place (in person)"), required=False, max_length=200)
    meeting_url = forms.URLField(
        label=_("Meeting link (online)"), required=False, assume_scheme="https"
    )
    repeat_weeks = forms.IntegerField(
        label=_("Repeat weekly for"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("Number of weeks, this one included."),
    )

    def __init__(self, *args: Any, rooms: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if rooms is not None:
            self.fields["room"].queryset = rooms
        else:
            del self.fields["room"]


def office_hour_rooms(hub_id: int) -> Any:
    """Shared rooms of the hub an office hour can be held in, smallest first."""
    return Room.objects.filter(hub_id=hub_id, usage=RoomUsage.BOOKING).order_by("capacity", "code")


class BookingForm(StyledForm):
    topic = forms.CharField(
        label=_("What would you like to discuss?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(organisations) > 1:
            self.fields = {"organisation": _organisation_field(organisations), **self.fields}
        style(self)


class PeriodForm(StyledForm):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return data
