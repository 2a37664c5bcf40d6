from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


class PortalConfig(AppConfig):
    name = "innohub.portal"
    label = "portal"
    verbose_name = _("Public portal")
    nav_items = [
        NavItem("portal:showcase", _("Showcase"), audience="public", order=20),
        NavItem("portal:news_list", _("News"), audience="public", order=25),
    ]
    hub_panels = ["innohub.portal.panels.hub_news"]
