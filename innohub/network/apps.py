from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


class NetworkConfig(AppConfig):
    name = "innohub.network"
    label = "network"
    verbose_name = _("Hubs and network")
    nav_items = [
        NavItem("network:hub_list", _("Hubs"), audience="public", order=90),
    ]
