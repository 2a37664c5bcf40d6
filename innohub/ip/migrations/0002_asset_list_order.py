"""The portfolio lists' order (newest filing first, unfiled last) as an index, so that their
first page does not sort a million rows. PostgreSQL puts NULLs first in a descending index
unless told otherwise; SQLite puts them last already and refuses NULLS LAST in an index."""

from django.db import migrations

NAME = "ip_asset_newest_filed"


def create(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON ip_asset (filed_on DESC{nulls}, id DESC) "
        "WHERE deleted_at IS NULL"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("ip", "0001_portfolio_deadlines_reminders")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
