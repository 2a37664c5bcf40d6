"""The date and period choices of the dashboards and the annual report."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innohub.reports.selectors import Period

LANGUAGE_CHOICES = [("zh-hans", "简体中文"), ("en", "English"), ("he", "עברית")]
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)


class DateInput(forms.DateInput):
    input_type = "date"


def _bounded(field: forms.DateField) -> forms.DateField:
    field.validators.append(_in_range)
    return field


def _in_range(value: date) -> None:
    if not EARLIEST <= value <= LATEST:
        raise forms.ValidationError(_("Choose a date between 1990 and 2100."))


class DashboardForm(forms.Form):
    on = _bounded(
        forms.DateField(
            label=_("Figures on"), required=False, widget=DateInput(attrs={"class": "form-control"})
        )
    )


class ReportForm(forms.Form):
    start = _bounded(
        forms.DateField(
            label=_("From"), required=False, widget=DateInput(attrs={"class": "form-control"})
        )
    )
    end = _bounded(
        forms.DateField(
            label=_("To"), required=False, widget=DateInput(attrs={"class": "form-control"})
        )
    )
    lang = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The period must start before it ends."))
        return data

    def choice(self, today: date, language: str) -> tuple[date, date, str]:
        """(start, end, language): the twelve months to today unless chosen otherwise."""
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or Period.year_to(end).start
        if language not in dict(LANGUAGE_CHOICES):
            language = "en"
        return start, end, data.get("lang") or language
