from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


class ReportsConfig(AppConfig):
    name = "innohub.reports"
    label = "reports"
    verbose_name = _("Reports")
    nav_items = [
        NavItem("reports:home", _("Dashboard"), audience="staff", order=80),
        NavItem(
            "reports:network_dashboard", _("Network dashboard"), audience="network_admin", order=81
        ),
    ]
