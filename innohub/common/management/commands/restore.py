"""`innohub restore FILE`: replace the database and uploads with a backup (all or nothing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innohub.common.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup archive made by `innohub backup` (replaces all current data)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("archive", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not options["yes"]:
            answer = input("This replaces every record and upload with the backup's. Type yes: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was changed.")
        try:
            manifest = backup_restore(options["archive"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the backup of {manifest['created_at']}.")
