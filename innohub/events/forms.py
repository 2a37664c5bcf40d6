"""Forms of the events pages: times are typed in the event's local zone and stored in UTC."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innohub.common.choices import slug_choices
from innohub.common.i18n import I18nFormField
from innohub.common.models import Country
from innohub.common.search_select import SearchSelect, SearchSelectMultiple
from innohub.directory.models import Organisation, Person
from innohub.events import slots as slot_rules
from innohub.events.contest_services import ENTRY_FIELDS
from innohub.events.models import (
    Audience,
    Criterion,
    Entry,
    EventKind,
    EventStatus,
    RegistrationStatus,
    SpeakerMode,
    SpeakerRole,
    VenueKind,
)
from innohub.events.slots import EARLIEST_YEAR, LATEST_YEAR
from innohub.events.times import known_zones
from innohub.network.models import Hub
from innohub.spaces.models import Room

LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time without a zone: the form decides which zone it is in."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT_FORMAT)

    def to_python(self, value: Any) -> datetime | None:
        result = super().to_python(value)
        if result is not None and timezone.is_aware(result):
            result = timezone.make_naive(result, timezone.get_current_timezone())
        if result is not None and not EARLIEST_YEAR <= result.year <= LATEST_YEAR:
            raise forms.ValidationError(
                _("Choose dates between %(first)d and %(last)d.")
                % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
                code="out_of_range",
            )
        return result

    def prepare_value(self, value: Any) -> Any:
        return value.strftime(LOCAL_INPUT_FORMAT) if isinstance(value, datetime) else value


def local_to_utc(value: datetime | None, zone: str) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=ZoneInfo(zone)).astimezone(ZoneInfo("UTC"))


def utc_to_local(value: datetime | None, zone: str) -> datetime | None:
    if value is None:
        return None
    return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _zone_choices() -> list[tuple[str, str]]:
    return [(zone, zone) for zone in known_zones()]


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.CheckboxSelectMultiple | forms.MultiWidget):
            continue
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


def _room_choice_label(room: Room) -> str:
    return _("%(room)s · %(building)s · capacity %(seats)d") % {
        "room": room,
        "building": room.floor.building.name,
        "seats": room.capacity,
    }


def room_choice_field(rooms: Any) -> forms.ModelChoiceField:
    """The room field of the event form, offering these rooms."""
    field = forms.ModelChoiceField(
        label=_("Room"),
        queryset=rooms,
        required=False,
        help_text=_("For an event in a room of the hub: the room is booked for the event's time."),
    )
    field.label_from_instance = _room_choice_label
    return field


class EventForm(forms.Form):
    """An event of one of ``hubs``; ``rooms`` are those of the chosen hub. With ``rooms_url``
    the room list follows the hub chosen (htmx), for staff of several hubs."""

    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Hub.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = I18nFormField(label=_("Title"), max_length=200)
    description = I18nFormField(
        label=_("Description"), multiline=True, max_length=10000, required=False
    )
    time_zone = forms.ChoiceField(
        label=_("Local time zone"), help_text=_("The times below are in this zone.")
    )
    starts_at = LocalDateTimeField(label=_("Starts"))
    ends_at = LocalDateTimeField(label=_("Ends"))
    date_is_approximate = forms.BooleanField(label=_("The date is approximate"), required=False)
    venue_kind = forms.ChoiceField(label=_("Venue"), choices=VenueKind.choices)
    venue_address = I18nFormField(
        label=_("Place"),
        max_length=300,
        required=False,
        help_text=_("Name and address of the venue."),
    )
    room = room_choice_field(Room.objects.none())
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown to confirmed participants and staff only."),
    )
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    status = forms.ChoiceField(
        label=_("Status"), choices=[c for c in EventStatus.choices if c[0] != EventStatus.CANCELLED]
    )
    registration_open = forms.BooleanField(
        label=_("Registration open"), required=False, initial=True
    )
    registration_closes_at = LocalDateTimeField(label=_("Registration closes"), required=False)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Leave empty for no limit."),
    )
    waitlist_enabled = forms.BooleanField(
        label=_("Waiting list when full"), required=False, initial=True
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Organisations taking part"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=SearchSelectMultiple(attrs={"size": 8}),
    )

    def __init__(
        self,
        *args: Any,
        hubs: Any,
        partners: Any,
        rooms: Any = None,
        rooms_url: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs
        self.fields["partners"].queryset = partners
        self.fields["room"].queryset = rooms if rooms is not None else Room.objects.none()
        if rooms_url:
            self.fields["hub"].widget.attrs.update(
                {"hx-get": rooms_url, "hx-target": "#id_room", "hx-trigger": "change"}
            )
        self.fields["time_zone"].choices = _zone_choices()
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone = data.get("time_zone") or settings.INNOHUB_DEFAULT_HUB_TIME_ZONE
        for name in ("starts_at", "ends_at", "registration_closes_at"):
            if data.get(name) is not None:
                data[name] = local_to_utc(data[name], zone)
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The event must end after it starts."))
        if data.get("venue_kind") == VenueKind.ROOM and not data.get("room"):
            self.add_error("room", _("Choose the room the event takes place in."))
        if data.get("venue_kind") != VenueKind.ROOM:
            data["room"] = None
        return data

    @classmethod
    def initial_for(cls, event: Any) -> dict[str, Any]:
        zone = event.time_zone
        return {
            "hub": event.hub_id,
            "kind": event.kind,
            "title": event.title,
            "description": event.description,
            "time_zone": zone,
            "starts_at": utc_to_local(event.starts_at, zone),
            "ends_at": utc_to_local(event.ends_at, zone),
            "date_is_approximate": event.date_is_approximate,
            "venue_kind": event.venue_kind,
            "venue_address": event.venue_address,
            "room": event.room_id,
            "online_url": event.online_url,
            "audience": event.audience,
            "status": event.status
            if event.status != EventStatus.CANCELLED
            else EventStatus.PUBLISHED,
            "registration_open": event.registration_open,
            "registration_closes_at": utc_to_local(event.registration_closes_at, zone),
            "capacity": event.capacity,
            "waitlist_enabled": event.waitlist_enabled,
            "partners": list(event.partners.values_list("pk", flat=True)),
        }


class SessionForm(forms.Form):
    title = I18nFormField(label=_("Title"), max_length=200)
    starts_at = LocalDateTimeField(label=_("Starts"))
    ends_at = LocalDateTimeField(label=_("Ends"))
    location = I18nFormField(label=_("Room or stage"), max_length=200, required=False)
    description = I18nFormField(
        label=_("Description"), multiline=True, max_length=5000, required=False
    )

    def __init__(self, *args: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["starts_at"].help_text = _("In the event's local time (%(zone)s).") % {
            "zone": zone
        }
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("starts_at", "ends_at"):
            if data.get(name) is not None:
                data[name] = local_to_utc(data[name], self.zone)
        return data


class SpeakerForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person in the directory"),
        queryset=Person.objects.none(),
        required=False,
        widget=SearchSelect,
    )
    guest_name = forms.CharField(label=_("or a guest's name"), max_length=200, required=False)
    guest_affiliation = forms.CharField(
        label=_("Guest's title and organisation"), max_length=300, required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=SpeakerRole.choices)
    mode = forms.ChoiceField(label=_("Takes part"), choices=SpeakerMode.choices)

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        named = data.get("person") or (data.get("guest_name") or "").strip()
        if not named and data.get("guest_affiliation"):
            self.add_error("guest_name", _("Choose a person or name the guest."))
        return data

    def speaker_row(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data or (not data.get("person") and not (data.get("guest_name") or "").strip()):
            return None
        return {
            "person": data.get("person"),
            "guest_name": {"en": data.get("guest_name", "").strip()}
            if not data.get("person")
            else None,
            "guest_affiliation": {"en": data.get("guest_affiliation", "").strip()}
            if not data.get("person") and data.get("guest_affiliation")
            else None,
            "role": data.get("role"),
            "mode": data.get("mode"),
        }


class BaseSpeakerFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        self.people = people
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "people": self.people}


SpeakerFormSet = forms.formset_factory(SpeakerForm, formset=BaseSpeakerFormSet, extra=3, max_num=30)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", "—"), *Country.choices]
    )
    language = forms.ChoiceField(
        label=_("Language of the confirmation e-mail"), choices=settings.LANGUAGES
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"


class InvitationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=500,
        help_text=_("Type or paste the code or link under the participant's QR code."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["code"].widget.attrs.update({"autofocus": True, "autocomplete": "off"})


class RegistrationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *RegistrationStatus.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["q"].widget.attrs["type"] = "search"


class CalendarFilterForm(forms.Form):
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    month = forms.CharField(required=False, widget=forms.HiddenInput, max_length=7)
    date_from = forms.DateField(required=False, widget=forms.HiddenInput)
    date_to = forms.DateField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, hubs: list[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("All hubs"))
        _style(self)

    def clean_month(self) -> tuple[int, int] | None:
        text = self.cleaned_data.get("month") or ""
        try:
            year, month = (int(part) for part in text.split("-", 1))
        except ValueError:
            return None
        if 1990 <= year <= 2100 and 1 <= month <= 12:
            return year, month
        return None


class ZoneForm(forms.Form):
    tz = forms.ChoiceField(label=_("Show times in"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tz"].choices = _zone_choices()
        _style(self)
        self.fields["tz"].widget.attrs["class"] = "form-select form-select-sm"


COUNTRY_CHOICES = [("CN", _("China")), ("IL", _("Israel"))]


class SlotFinderForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=slot_rules.MIN_DURATION_MINUTES,
        max_value=slot_rules.MAX_DURATION_MINUTES,
        initial=60,
    )
    countries = forms.MultipleChoiceField(
        label=_("Participants from"),
        choices=COUNTRY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=["CN", "IL"],
    )
    other_countries = forms.CharField(
        label=_("Other countries"),
        required=False,
        max_length=200,
        help_text=_(
            "Country codes, comma-separated; add a zone where a country has several, "
            "e.g. DE, US:America/New_York."
        ),
    )
    hours = forms.CharField(
        label=_("Other working hours"),
        required=False,
        max_length=200,
        help_text=_("Optional, e.g. IL=09:00-17:00, CN=08:30-17:30."),
    )
    limit = forms.IntegerField(label=_("Show at most"), min_value=1, max_value=200, initial=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("date_from", "date_to"):
            day = data.get(name)
            if day is not None and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                self.add_error(
                    name,
                    _("Choose dates between %(first)d and %(last)d.")
                    % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
                )
        countries = list(data.get("countries") or [])
        countries += slot_rules.parse_countries(data.get("other_countries") or "")
        data["country_list"] = list(dict.fromkeys(countries))
        if not data["country_list"]:
            self.add_error("countries", _("Name at least one country."))
        try:
            data["hour_overrides"] = dict(
                slot_rules.parse_hours(part)
                for part in (data.get("hours") or "").replace(";", ",").split(",")
                if part.strip()
            )
        except slot_rules.SlotRequestError as exc:
            self.add_error("hours", str(exc))
        return data

    @staticmethod
    def defaults(today: date) -> dict[str, Any]:
        return {
            "date_from": today,
            "date_to": today + timedelta(days=13),
            "minutes": 60,
            "countries": ["CN", "IL"],
            "limit": 20,
        }


# ---------------------------------------------------------------- contests


class ContestForm(forms.Form):
    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Hub.objects.none())
    title = I18nFormField(label=_("Title"), max_length=200)
    description = I18nFormField(
        label=_("Description"), multiline=True, max_length=10000, required=False
    )
    event = forms.ModelChoiceField(label=_("Event"), queryset=None, required=False)
    is_public = forms.BooleanField(label=_("Shown to the public"), required=False, initial=True)
    submissions_open = forms.BooleanField(label=_("Accepting entries"), required=False)
    submission_deadline = LocalDateTimeField(label=_("Entries close"), required=False)
    results_announcement = I18nFormField(
        label=_("Results announcement"),
        multiline=True,
        max_length=5000,
        required=False,
        help_text=_("Published with the results; needed in all three languages."),
    )

    def __init__(self, *args: Any, hubs: Any, events: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["hub"].queryset = hubs
        self.fields["event"].widget = SearchSelect(attrs=self.fields["event"].widget.attrs)
        self.fields["event"].queryset = events
        self.fields["submission_deadline"].help_text = _("In %(zone)s time.") % {"zone": zone}
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("submission_deadline") is not None:
            data["submission_deadline"] = local_to_utc(data["submission_deadline"], self.zone)
        event = data.get("event")
        hub = data.get("hub")
        if event is not None and hub is not None and event.hub_id != hub.pk:
            self.add_error("event", _("The event must belong to the same hub."))
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "max_score"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class RoundForm(forms.Form):
    name = I18nFormField(label=_("Name of the round"), max_length=200)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class EntryForm(forms.ModelForm):
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("Pitch deck, business plan, video… up to 20 MB each."),
    )

    class Meta:
        model = Entry
        fields = list(ENTRY_FIELDS)
        widgets = {"team_members": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        _style(self)


class ConflictForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (seen by the hub staff only)"),
        required=False,
        max_length=2000,
        widget=forms.TextInput,
    )


class ScoreForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=str(criterion.name),
                min_value=0,
                max_value=criterion.max_score,
                required=False,
                help_text=_("0 to %(highest)d · weight %(weight)d")
                % {
                    "highest": criterion.max_score,
                    "weight": criterion.weight,
                },
            )
        _style(self)

    def marks(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"criterion_{c.pk}") for c in self.criteria}
