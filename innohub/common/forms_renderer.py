"""The form renderer: Django's, with a select list that writes its options in one loop.

Django renders each <option> through two included templates; a filter with the network's five
hundred hubs and the world's countries spent most of a list page's time there. The option
markup is the same as Django's (value, the option's attributes, label).
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates

OVERRIDES = {"django/forms/widgets/select.html": "common/widgets/select.html"}


class FormRenderer(DjangoTemplates):
    def get_template(self, template_name: str) -> Any:
        return super().get_template(OVERRIDES.get(template_name, template_name))
