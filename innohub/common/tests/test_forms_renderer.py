"""The select lists render as Django's own do (options, groups, the chosen ones, attributes)."""

from __future__ import annotations

import re

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _lazy

from innohub.common.forms_renderer import FormRenderer


class Choices(forms.Form):
    one = forms.ChoiceField(
        choices=[("", "—"), ("Places", [("cn", "China <CN>"), ("il", "Israel")]), ("x", "X")]
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")])
    flag = forms.NullBooleanField()
    year = forms.TypedChoiceField(coerce=int, choices=[(2025, 2025), (2026, _lazy("This year"))])


def _squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_select_lists_render_as_djangos_own():
    form = Choices(data={"one": "il", "many": ["a", "c"], "flag": "true", "year": "2026"})
    assert isinstance(form.renderer, FormRenderer)  # every form's, through FORM_RENDERER
    for name in ("one", "many", "flag", "year"):
        ours = form[name].as_widget(attrs={"class": "form-select", "data-x": "1"})
        form.renderer = DjangoTemplates()
        stock = form[name].as_widget(attrs={"class": "form-select", "data-x": "1"})
        form.renderer = FormRenderer()
        assert _squeezed(ours) == _squeezed(stock)
    rendered = form["one"].as_widget()
    assert '<option value="il" selected>Israel</option>' in rendered
    assert "China &lt;CN&gt;" in rendered and '<optgroup label="Places">' in rendered
