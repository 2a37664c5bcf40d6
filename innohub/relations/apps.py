from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


class RelationsConfig(AppConfig):
    name = "innohub.relations"
    label = "relations"
    verbose_name = _("Delegations and agreements")
    nav_items = [
        NavItem("relations:agreement_list", _("Agreements"), audience="public", order=40),
        NavItem("relations:visit_list", _("Visits"), audience="public", order=41),
        NavItem("relations:due", _("Due follow-ups"), audience="staff", order=42),
    ]
    organisation_panels = [
        "innohub.relations.panels.organisation_agreements",
        "innohub.relations.panels.organisation_timeline",
    ]
    hub_panels = [
        "innohub.relations.panels.hub_agreements",
        "innohub.relations.panels.hub_timeline",
    ]
    # See innohub/relations/timeline.py: other apps add their own providers the same way.
    timeline_providers = [
        "innohub.relations.timeline.agreement_entries",
        "innohub.relations.timeline.visit_entries",
        "innohub.relations.timeline.admission_entries",
    ]

    def ready(self) -> None:
        from innohub.relations.access import register_trash

        register_trash()
