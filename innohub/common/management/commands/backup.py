"""`innohub backup [--output FILE]`: every table and the uploads in one archive."""

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from innohub.common.backup import backup_create


class Command(BaseCommand):
    help = "Write a backup archive of the database and the uploaded files."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--output", type=Path, help="Archive path (default: <data dir>/backups/…)."
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        output = (
            options["output"] or Path(settings.DATA_DIR) / "backups" / f"innohub-{stamp}.tar.gz"
        )
        path = backup_create(output)
        self.stdout.write(f"{path} ({path.stat().st_size // 1024} KiB)")
