"""Link offers to the IP records their free-text reference names by number.

An offer's `ip_reference` was free text ("ZL201920123456.7; PCT pending"). Every number of
one of the offering organisation's own IP records that appears in it, written with or without
the "ZL" prefix, spaces, dots or hyphens, becomes a link; the text itself is kept as it was,
so whatever it names that is not in the portfolio (a foreign patent) still reads the same.
"""

import re

from django.db import migrations

_SEPARATORS = re.compile(r"[\s.\-_/]")


def _compact(text: str) -> str:
    text = _SEPARATORS.sub("", text.upper())
    return text


def link_references(apps, schema_editor):
    Listing = apps.get_model("matching", "Listing")
    Owner = apps.get_model("ip", "Asset").owners.through
    Link = Listing.ip_assets.through
    offers = Listing.objects.filter(kind="offer").exclude(ip_reference="")
    for listing in offers.iterator():
        reference = _compact(listing.ip_reference)
        owned = Owner.objects.filter(
            organisation_id=listing.organisation_id, asset__deleted_at__isnull=True
        ).exclude(asset__number="")
        wanted = set()
        for asset_id, number in owned.values_list("asset_id", "asset__number"):
            compact = _compact(number)
            if len(compact) >= 6 and compact in reference:
                wanted.add(asset_id)
        existing = set(
            Link.objects.filter(listing_id=listing.pk).values_list("asset_id", flat=True)
        )
        Link.objects.bulk_create(
            Link(listing_id=listing.pk, asset_id=asset_id) for asset_id in sorted(wanted - existing)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_offer_ip_records"),
        ("ip", "0001_portfolio_deadlines_reminders"),
    ]

    operations = [migrations.RunPython(link_references, migrations.RunPython.noop)]
