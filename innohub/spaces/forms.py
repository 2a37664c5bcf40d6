"""Forms of the spaces pages; the rules themselves live in services and models."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from innohub.common.choices import slug_choices
from innohub.spaces.models import (
    BookingKind,
    Building,
    Floor,
    Lease,
    Phase,
    Room,
    RoomKind,
    RoomUsage,
    Site,
)
from innohub.spaces.recurrence import Recurrence
from innohub.spaces.services import ROOM_FIELD_ORDER


def _style(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (the shared form template expects them)."""
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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class StyledModelForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            elif isinstance(field, forms.TimeField):
                field.widget = TimeInput()
        _style(self)


class RoomFilterForm(forms.Form):
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("All shared rooms")),
            (RoomKind.ROADSHOW, RoomKind.ROADSHOW.label),
            (RoomKind.MEETING, RoomKind.MEETING.label),
        ],
    )
    people = forms.IntegerField(label=_("People"), required=False, min_value=1, max_value=10000)
    day = forms.DateField(label=_("Day"), required=False, widget=DateInput())
    start = forms.TimeField(label=_("From"), required=False, widget=TimeInput())
    end = forms.TimeField(label=_("Until"), required=False, widget=TimeInput())

    def __init__(self, *args: Any, hubs: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("All hubs"))
        _style(self)

    def clean(self) -> dict[str, Any]:
        from innohub.spaces.selectors import is_supported_day

        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        if data.get("day") and not is_supported_day(data["day"]):
            self.add_error("day", _("Choose a date between 1990 and 2199."))
        return data


REPEAT_CHOICES = [
    ("", _("Does not repeat")),
    ("daily", _("Every day")),
    ("weekly", _("Every week")),
    ("biweekly", _("Every two weeks")),
    ("monthly", _("Every month (same date)")),
]
WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class BookingForm(forms.Form):
    """One slot, or a repeating one, in the room's local time."""

    day = forms.DateField(label=_("Day"), widget=DateInput())
    start = forms.TimeField(label=_("From"), widget=TimeInput())
    end = forms.TimeField(label=_("Until"), widget=TimeInput())
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Purpose"), choices=BookingKind.choices)
    attendance = forms.IntegerField(label=_("Attendance"), min_value=1, max_value=100000)
    organisation = forms.TypedChoiceField(
        label=_("Booked for"), required=False, coerce=int, empty_value=None
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    repeat = forms.ChoiceField(label=_("Repeat"), required=False, choices=REPEAT_CHOICES)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On"),
        required=False,
        coerce=int,
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    repeat_count = forms.IntegerField(
        label=_("Number of times"), required=False, min_value=2, max_value=100
    )
    repeat_until = forms.DateField(label=_("Until (date)"), required=False, widget=DateInput())
    skip_conflicts = forms.BooleanField(
        label=_("Book the free dates and skip the taken ones"), required=False
    )

    def __init__(
        self, *args: Any, room: Room, organisations: list[Any], staff: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.room = room
        choices = [(o.pk, str(o)) for o in organisations]
        if staff:
            choices = [("", _("The hub itself")), *choices]
        self.fields["organisation"].choices = choices
        if len(organisations) == 1 and not staff:
            self.fields["organisation"].initial = organisations[0].pk
        self.fields["attendance"].widget.attrs["max"] = room.capacity
        step = room.slot_minutes * 60
        for name in ("start", "end"):
            self.fields[name].widget.attrs.update(
                {
                    "step": step,
                    "min": room.opens_at.strftime("%H:%M"),
                    "max": room.closes_at.strftime("%H:%M"),
                }
            )
        _style(self)

    def clean(self) -> dict[str, Any]:
        from innohub.spaces.selectors import is_supported_day

        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and not is_supported_day(day):
            self.add_error("day", _("Choose a date between 1990 and 2199."))
            return data
        if day and start and end:
            zone = ZoneInfo(self.room.hub.time_zone)
            data["starts_at"] = datetime.combine(day, start, tzinfo=zone)
            data["ends_at"] = datetime.combine(day, end, tzinfo=zone)
        repeat = data.get("repeat")
        if repeat:
            count, until = data.get("repeat_count"), data.get("repeat_until")
            if bool(count) == bool(until):
                self.add_error(
                    "repeat_count", _("Give either a number of times or an end date, not both.")
                )
            else:
                weekdays = tuple(data.get("weekdays") or ())
                frequency = "weekly" if repeat == "biweekly" else repeat
                data["recurrence"] = Recurrence(
                    frequency=frequency,
                    interval=2 if repeat == "biweekly" else 1,
                    weekdays=weekdays if frequency == "weekly" else (),
                    count=count,
                    until=until,
                )
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)
    whole_series = forms.BooleanField(
        label=_("Cancel every later date of this recurring booking"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class LeaseForm(StyledModelForm):
    rooms = forms.ModelMultipleChoiceField(
        label=_("Rooms"),
        queryset=Room.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    class Meta:
        model = Lease
        fields = [
            "organisation",
            "rooms",
            "reference",
            "starts_on",
            "ends_on",
            "rent_rate",
            "currency",
            "payment_interval_months",
            "deposit_months",
            "rent_free_months",
            "terms",
        ]

    def __init__(self, *args: Any, hub: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["rooms"].queryset = (
            Room.objects.filter(hub=hub, usage=RoomUsage.LEASE)
            .select_related("floor__building")
            .order_by("code")
        )
        self.fields["rooms"].label_from_instance = lambda room: (
            f"{room.code} · {room.get_kind_display()} · {room.area_m2} m²"
        )
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.initial["rooms"] = list(self.instance.rooms.values_list("pk", flat=True))


class LeaseTerminateForm(forms.Form):
    on = forms.DateField(label=_("Last day let"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class LeaseRenewForm(forms.Form):
    ends_on = forms.DateField(label=_("New last day"), widget=DateInput())
    rent_rate = forms.DecimalField(
        label=_("Rent (per m² per day)"), max_digits=8, decimal_places=2, min_value=0
    )
    reference = forms.CharField(label=_("Contract number"), required=False, max_length=60)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class PhaseForm(StyledModelForm):
    class Meta:
        model = Phase
        fields = ["number", "name", "description", "opened_on", "planned_completion"]


class SiteForm(StyledModelForm):
    class Meta:
        model = Site
        fields = ["name", "address", "description", "position"]


class BuildingForm(StyledModelForm):
    class Meta:
        model = Building
        fields = ["site", "phase", "code", "name", "description", "position"]

    def __init__(self, *args: Any, hub: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(hub=hub)
        self.fields["phase"].queryset = Phase.objects.filter(hub=hub)


class FloorForm(StyledModelForm):
    class Meta:
        model = Floor
        fields = ["level", "name"]


class RoomForm(StyledModelForm):
    class Meta:
        model = Room
        fields = list(ROOM_FIELD_ORDER)

    def __init__(self, *args: Any, hub: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["floor"].queryset = Floor.objects.filter(
            building__site__hub=hub
        ).select_related("building")
        self.fields["usage"].required = False
        self.fields["usage"].help_text = _("Empty: what suits the kind of room.")


class DayForm(forms.Form):
    """?on=YYYY-MM-DD for occupancy and floor views; today when absent or invalid."""

    on = forms.DateField(label=_("On"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def day(self, default: date) -> date:
        from innohub.spaces.selectors import is_supported_day

        chosen = self.cleaned_data.get("on") if self.is_valid() else None
        return chosen if chosen and is_supported_day(chosen) else default


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_day(value: str | None, default: date) -> date:
    """A date from the query string; the default when it is missing, malformed or absurd."""
    from innohub.spaces.selectors import is_supported_day

    try:
        day = date.fromisoformat(value) if value else default
    except ValueError:
        return default
    return day if is_supported_day(day) else default


def parse_time(value: str | None) -> time | None:
    try:
        return time.fromisoformat(value) if value else None
    except ValueError:
        return None
