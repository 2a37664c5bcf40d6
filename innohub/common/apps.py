from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


def _create_cache_table(**kwargs: object) -> None:
    """The database cache needs its table; create it with the schema so no step is forgotten."""
    from django.conf import settings
    from django.core.management import call_command

    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("DatabaseCache"):
        call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


class CommonConfig(AppConfig):
    name = "innohub.common"
    label = "common"
    verbose_name = _("Common")
    nav_items = [NavItem("trash:list", _("Deleted records"), audience="authenticated", order=96)]

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, sender=self)
