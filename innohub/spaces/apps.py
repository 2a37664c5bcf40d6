from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem

GUARDS_MIGRATION = ("spaces", "0002_database_guards")


def _reinstall_sqlite_guards(using: str, **kwargs: Any) -> None:
    """SQLite drops a table's triggers when a migration rebuilds the table: put them back."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from innohub.spaces import guards

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    if "spaces_booking" not in connection.introspection.table_names():
        return
    if GUARDS_MIGRATION not in MigrationRecorder(connection).applied_migrations():
        return
    guards.install(connection)


class SpacesConfig(AppConfig):
    name = "innohub.spaces"
    label = "spaces"
    verbose_name = _("Spaces")
    nav_items = [
        NavItem("spaces:rooms", _("Rooms"), audience="public", order=20),
        NavItem("spaces:bookings", _("My bookings"), audience="authenticated", order=21),
        NavItem("spaces:leases", _("Leases"), audience="authenticated", order=22),
    ]
    organisation_panels = ["innohub.spaces.panels.organisation_leases"]
    hub_panels = ["innohub.spaces.panels.hub_occupancy"]

    def ready(self) -> None:
        from innohub.spaces.access import register_trash

        post_migrate.connect(_reinstall_sqlite_guards, sender=self)
        register_trash()
