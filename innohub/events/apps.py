from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


class EventsConfig(AppConfig):
    name = "innohub.events"
    label = "events"
    verbose_name = _("Events")
    nav_items = [
        NavItem("events:calendar", _("Events"), audience="public", order=30),
        NavItem("events:slots", _("Find a time"), audience="authenticated", order=70),
        NavItem("events:judging", _("Judging"), audience="judge", order=75),
    ]
    hub_panels = ["innohub.events.panels.hub_upcoming_events"]
    organisation_panels = ["innohub.events.panels.organisation_events"]
    # Events on the timelines of organisations and hubs (innohub/relations/timeline.py).
    timeline_providers = ["innohub.events.timeline.event_entries"]

    def ready(self) -> None:
        from innohub.events.access import register_trash

        register_trash()
