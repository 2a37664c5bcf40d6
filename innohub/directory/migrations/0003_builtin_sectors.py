from django.db import migrations


def create_builtin_sectors(apps, schema_editor):
    from innohub.directory.sectors import BUILTIN_SECTORS

    Sector = apps.get_model("directory", "Sector")
    for position, row in enumerate(BUILTIN_SECTORS, start=1):
        Sector.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "aliases": "\n".join(row["aliases"]),
                "position": position * 10,
                "is_builtin": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_initial")]

    operations = [migrations.RunPython(create_builtin_sectors, migrations.RunPython.noop)]
