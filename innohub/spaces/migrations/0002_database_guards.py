"""The database's own no-overlap guarantee for bookings and leases (see innohub/spaces/guards.py).

PostgreSQL: btree_gist plus two exclusion constraints (creating the extension needs a
superuser, or a database owner on PostgreSQL 13+ where btree_gist is a trusted extension).
SQLite: BEFORE INSERT/UPDATE triggers. The model state is not changed: SQLite cannot hold an
exclusion constraint in a table definition, so the rule lives outside Meta.constraints.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations


def install(apps, schema_editor):
    from innohub.spaces import guards

    guards.install(schema_editor.connection)


def remove(apps, schema_editor):
    from innohub.spaces import guards

    guards.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("spaces", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(install, remove, elidable=False),
    ]
