from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


class ServicedeskConfig(AppConfig):
    name = "innohub.servicedesk"
    label = "servicedesk"
    verbose_name = _("Services and support programmes")
    nav_items = [
        NavItem("servicedesk:catalogue", _("Services"), audience="public", order=70),
    ]
    organisation_panels = ["innohub.servicedesk.panels.organisation_services"]
    hub_panels = ["innohub.servicedesk.panels.hub_services"]

    def ready(self) -> None:
        from innohub.servicedesk.access import register_trash

        register_trash()
