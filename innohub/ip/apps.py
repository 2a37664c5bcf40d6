from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


class IpConfig(AppConfig):
    name = "innohub.ip"
    label = "ip"
    verbose_name = _("Intellectual property")
    nav_items = [
        NavItem("ip:list", _("IP portfolio"), audience="public", order=30),
        NavItem("ip:my_deadlines", _("My IP deadlines"), audience="authenticated", order=70),
        NavItem("ip:board", _("Deadline board"), audience="ip_officer", order=31),
    ]
    organisation_panels = ["innohub.ip.panels.organisation_ip"]
    hub_panels = ["innohub.ip.panels.hub_ip"]

    def ready(self) -> None:
        from innohub.ip import imports  # noqa: F401 - registers the spreadsheet import
        from innohub.ip.access import register_trash

        register_trash()
