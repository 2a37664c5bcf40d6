from django.db import migrations


def create_default_rubric(apps, schema_editor):
    from innohub.directory.rubric import DEFAULT_RUBRIC

    RubricCriterion = apps.get_model("directory", "RubricCriterion")
    for position, row in enumerate(DEFAULT_RUBRIC, start=1):
        if not RubricCriterion.objects.filter(hub=None, slug=row["slug"]).exists():
            RubricCriterion.objects.create(
                hub=None,
                slug=row["slug"],
                name=row["name"],
                guidance=row["guidance"],
                weight=row["weight"],
                max_points=5,
                position=position * 10,
            )


def fill_product_search_text(apps, schema_editor):
    from innohub.common.text import search_normalise

    Product = apps.get_model("directory", "Product")
    for product in Product.objects.all():
        texts = [t for field in (product.name, product.description) for t in (field or {}).values() if t]
        product.search_text = search_normalise(" ".join(texts))
        product.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_applications_rubric_product_photos")]

    operations = [
        migrations.RunPython(create_default_rubric, migrations.RunPython.noop),
        migrations.RunPython(fill_product_search_text, migrations.RunPython.noop),
    ]
