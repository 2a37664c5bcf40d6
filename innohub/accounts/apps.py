from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


class AccountsConfig(AppConfig):
    name = "innohub.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
    nav_items = [NavItem("accounts:audit", _("Audit log"), audience="staff", order=95)]

    def ready(self) -> None:
        from innohub.accounts import audit  # noqa: F401 - connects the audit log receivers
