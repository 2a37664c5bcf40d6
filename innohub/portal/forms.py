"""Forms of the portal pages; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from innohub.common.choices import slug_choices
from innohub.common.i18n import I18nFormField
from innohub.network.models import Hub


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif hasattr(widget, "widgets"):
            for sub in widget.widgets:
                sub.attrs.setdefault("class", "form-control")
        elif not isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-control")


class NewsForm(forms.Form):
    hub = forms.ModelChoiceField(label=_("Hub"), queryset=Hub.objects.none())
    original_language = forms.ChoiceField(
        label=_("Written in"),
        choices=settings.LANGUAGES,
        help_text=_("Readers whose language is missing are shown this original."),
    )
    title = I18nFormField(label=_("Title"), required=True, max_length=200)
    summary = I18nFormField(label=_("Summary"), required=False, multiline=True, max_length=600)
    body = I18nFormField(label=_("Text"), required=False, multiline=True, max_length=20000)
    happened_on = forms.DateField(
        label=_("Date of the event"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, hubs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs
        _style(self)


class NewsFilterForm(forms.Form):
    hub = forms.ChoiceField(label=_("Hub"), required=False)

    def __init__(self, *args: Any, hubs: list[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("All hubs"))
        _style(self)


class ShowcaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    hub = forms.ChoiceField(label=_("Hub"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    country = forms.ChoiceField(label=_("Country of origin"), required=False)

    def __init__(self, *args: Any, hubs: list[Hub], sectors: list[Any], **kwargs: Any) -> None:
        from innohub.common.models import Country

        super().__init__(*args, **kwargs)
        self.fields["hub"].choices = slug_choices(hubs, _("All hubs"))
        self.fields["sector"].choices = slug_choices(sectors, _("All sectors"))
        self.fields["country"].choices = [("", _("All countries")), *Country.choices]
        _style(self)
        self.fields["q"].widget.attrs["type"] = "search"
