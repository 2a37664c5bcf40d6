"""Forms of the relations pages, and the search-as-you-type picker for parties, hosts and people.

Validation rules live in services; forms only turn inputs into values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from innohub.common.choices import slug_choices
from innohub.common.i18n import I18nFormField
from innohub.common.models import Country
from innohub.common.search_select import SearchSelect
from innohub.directory.models import Sector
from innohub.events.models import Event
from innohub.relations.documents import TYPES
from innohub.relations.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Delegation,
    StopKind,
    Visit,
    VisitDirection,
    VisitStatus,
)
from innohub.relations.selectors import PickerChoice

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TIME_ZONES = [
    ("Asia/Shanghai", _("China (Asia/Shanghai)")),
    ("Asia/Jerusalem", _("Israel (Asia/Jerusalem)")),
    ("UTC", _("UTC")),
    ("Europe/London", _("United Kingdom (Europe/London)")),
    ("Europe/Berlin", _("Central Europe (Europe/Berlin)")),
    ("America/New_York", _("US East (America/New_York)")),
]


def style(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget, the same way the directory forms do it."""
    for bound in form.fields.values():
        if bound.label:
            bound.label = capfirst(bound.label)
        widget = bound.widget
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


# ------------------------------------------------------------------ the picker


@dataclass
class Picker:
    """A search box whose matches are checkboxes (or radio buttons) inside the form itself.

    Chosen items stay checked across searches because each search sends them back; without
    JavaScript a "Search" button re-renders the whole form with the matches.
    """

    name: str
    label: Any
    source: str  # "party" (organisations and hubs), "organisation" or "person"
    multiple: bool = True
    required: bool = False
    help_text: Any = ""
    chosen: list[PickerChoice] = field(default_factory=list)
    results: list[PickerChoice] = field(default_factory=list)
    query: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def input_type(self) -> str:
        return "checkbox" if self.multiple else "radio"

    @property
    def query_name(self) -> str:
        return f"{self.name}_q"

    @property
    def chosen_keys(self) -> list[str]:
        return [choice.key for choice in self.chosen]

    @property
    def offered(self) -> list[PickerChoice]:
        chosen = set(self.chosen_keys)
        return [choice for choice in self.results if choice.key not in chosen]


# ------------------------------------------------------------------ agreements


class AgreementForm(StyledModelForm):
    hub = forms.ModelChoiceField(label=_("Recorded by hub"), queryset=None, required=True)  # type: ignore[arg-type]
    other_parties = forms.CharField(
        label=_("Parties outside the directory"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One per line, only for parties that are neither an organisation nor a hub here."
        ),
    )

    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "status",
            "subject",
            "sectors",
            "signed_on",
            "signed_precision",
            "signed_note",
            "signing_place",
            "visit",
            "event",
            "effective_from",
            "expires_on",
            "ended_on",
            "amount",
            "currency",
            "reference",
            "is_confidential",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "signed_on": DATE,
            "effective_from": DATE,
            "expires_on": DATE,
            "ended_on": DATE,
        }

    def __init__(
        self,
        *args: Any,
        hubs: Any,
        visits: Any,
        creating: bool,
        events: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs
        self.fields["visit"].queryset = visits
        self.fields["event"].queryset = events if events is not None else Event.objects.none()
        self.fields["event"].label_from_instance = _event_choice_label
        self.fields["sectors"].queryset = Sector.objects.all()
        if not creating:
            del self.fields["hub"]
        order = ["hub", *self.Meta.fields, "other_parties"]
        self.order_fields([name for name in order if name in self.fields])


def _event_choice_label(event: Event) -> str:
    return f"{event.title} ({event.starts_at.astimezone(ZoneInfo(event.time_zone)):%Y-%m-%d})"


class MilestoneForm(StyledForm):
    title = I18nFormField(label=_("Milestone"), max_length=300, required=True)
    due_on = forms.DateField(label=_("Due"), widget=DATE)
    notes = I18nFormField(label=_("Notes"), multiline=True, required=False, max_length=2000)


class SignatoryForm(StyledForm):
    party = forms.ChoiceField(label=_("Signed for"))
    person = forms.ChoiceField(label=_("Person from the directory"), required=False)
    new_person_name = I18nFormField(
        label=_("…or the name of a person not in the directory yet"), required=False, max_length=200
    )
    title = I18nFormField(
        label=_("Title at signing"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the person's current title."),
    )

    def __init__(self, *args: Any, party_people: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [
            (str(p.pk), str(p.display_name)) for p, _people in party_people
        ]
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for party, people in party_people:
            if people:
                options = [
                    (
                        str(person.pk),
                        f"{person.name}" + (f" — {person.title}" if person.title else ""),
                    )
                    for person in people
                ]
                groups.append((str(party.display_name), options))
        self.fields["person"].choices = [("", "—"), *groups]


class DocumentForm(StyledForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, image (PNG, JPEG, WebP, GIF) or Office document."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(TYPES))}),
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    is_public = forms.BooleanField(
        label=_("Anyone who sees the agreement may download it"), required=False
    )


class AgreementFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *AgreementStatus.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *AgreementKind.choices]
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    year = forms.IntegerField(
        label=_("Year signed"), required=False, min_value=1990, max_value=2100
    )
    signed_from = forms.DateField(
        label=_("Signed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    signed_to = forms.DateField(
        label=_("Signed until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, hubs: list, sectors: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("All hubs"))
        self.fields["sector"].choices = slug_choices(sectors, _("All sectors"))
        self.fields["q"].widget.attrs.update({"type": "search"})


# ------------------------------------------------------------------ visits and delegations


class VisitForm(StyledModelForm):
    hub = forms.ModelChoiceField(label=_("Recorded by hub"), queryset=None, required=True)  # type: ignore[arg-type]
    delegation = forms.ModelChoiceField(
        label=_("Delegation recorded before"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
        help_text=_("Leave empty to describe a new delegation below."),
    )
    delegation_name = I18nFormField(
        label=_("Name of the new delegation"), required=False, max_length=200
    )
    origin_country = forms.ChoiceField(
        label=_("Delegation's country of origin"), choices=Country.choices, initial=Country.ISRAEL
    )
    origin_place = I18nFormField(
        label=_("Coming from (city or region)"), required=False, max_length=200
    )
    time_zone = forms.ChoiceField(label=_("Local time zone of the visit"), choices=TIME_ZONES)

    class Meta:
        model = Visit
        fields = [
            "title",
            "direction",
            "status",
            "starts_on",
            "ends_on",
            "date_precision",
            "date_note",
            "destination",
            "destination_country",
            "time_zone",
            "purpose",
            "is_public",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(
        self, *args: Any, hubs: Any, delegations: Any, creating: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.creating = creating
        self.fields["hub"].queryset = hubs
        self.fields["delegation"].widget = SearchSelect(
            attrs=self.fields["delegation"].widget.attrs
        )
        self.fields["delegation"].queryset = delegations
        if not creating:
            for name in ("hub", "delegation", "delegation_name", "origin_country", "origin_place"):
                del self.fields[name]
        order = [
            "hub",
            "title",
            "direction",
            "status",
            "delegation",
            "delegation_name",
            "origin_country",
            "origin_place",
        ]
        self.order_fields(
            [n for n in order if n in self.fields] + [n for n in self.fields if n not in order]
        )


class DelegationForm(StyledModelForm):
    class Meta:
        model = Delegation
        fields = ["name", "origin_country", "origin_place", "description"]


class DelegationMemberForm(StyledForm):
    name = I18nFormField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("Leave empty when you choose a person from the directory."),
    )
    title = I18nFormField(label=_("Title on this trip"), required=False, max_length=200)
    is_leader = forms.BooleanField(label=_("Leads the delegation"), required=False)


class VisitStopForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=StopKind.choices)
    title = I18nFormField(label=_("What happens"), required=True, max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts (local time)"),
        required=False,
        widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    ends_at = forms.DateTimeField(
        label=_("Ends (local time)"),
        required=False,
        widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = I18nFormField(label=_("Place"), required=False, max_length=300)
    notes = I18nFormField(label=_("Notes"), required=False, multiline=True, max_length=5000)


class FollowUpForm(StyledForm):
    title = I18nFormField(label=_("Action"), required=True, max_length=300)
    due_on = forms.DateField(label=_("Due"), widget=DATE)
    owner = forms.ModelChoiceField(
        label=_("Owner (a user)"),
        queryset=None,
        required=False,  # type: ignore[arg-type]
    )
    notes = I18nFormField(label=_("Notes"), required=False, multiline=True, max_length=5000)

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class DoneForm(forms.Form):
    done = forms.BooleanField(required=False)
    on = forms.DateField(required=False)


class VisitFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", _("Both directions")), *VisitDirection.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *VisitStatus.choices]
    )
    country = forms.ChoiceField(
        label=_("Delegation from"),
        required=False,
        choices=[("", _("All countries")), *Country.choices],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, hubs: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("All hubs"))
        self.fields["q"].widget.attrs.update({"type": "search"})


class DueFilterForm(StyledForm):
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    within = forms.TypedChoiceField(
        label=_("Show"),
        required=False,
        coerce=int,
        empty_value=0,
        choices=[
            (0, _("Overdue only")),
            (7, _("Overdue and due within 7 days")),
            (30, _("Overdue and due within 30 days")),
        ],
    )
    mine = forms.BooleanField(label=_("Only follow-ups I own"), required=False)

    def __init__(self, *args: Any, hubs: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("All my hubs"))


class TimelineFilterForm(StyledForm):
    kind = forms.ChoiceField(label=_("Show"), required=False)

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Everything")), *kinds]
