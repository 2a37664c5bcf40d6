from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


class DirectoryConfig(AppConfig):
    name = "innohub.directory"
    label = "directory"
    verbose_name = _("Directory")
    nav_items = [
        NavItem("directory:list", _("Directory"), audience="public", order=10),
        NavItem("directory:growth", _("Member growth"), audience="public", order=15),
        NavItem("directory:apply", _("Apply"), audience="public", order=30),
        NavItem("directory:application_queue", _("Applications"), audience="staff", order=31),
    ]

    def ready(self) -> None:
        from innohub.directory import imports  # noqa: F401 - registers the import kinds
        from innohub.directory.access import register_trash

        register_trash()
