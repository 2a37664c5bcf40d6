"""`innohub import KIND FILE --hub SLUG [--commit] [--json]`: the spreadsheet import for scripts.

Without --commit it only previews. With --commit every row is checked again and written in
one transaction; when any row has an error nothing is written and the exit status is 1.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from innohub.common.imports import (
    ImportContext,
    ImportFileError,
    ImportRejected,
    build_preview,
    commit_import,
    registered_kinds,
    spec_for,
)
from innohub.network.models import Hub


class Command(BaseCommand):
    help = "Preview or import a spreadsheet (.xlsx or .csv)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("kind", help="What the file holds: " + ", ".join(registered_kinds()))
        parser.add_argument("file", type=Path)
        parser.add_argument("--hub", help="Slug of the hub the records belong to.")
        parser.add_argument(
            "--commit", action="store_true", help="Write the rows (all or nothing)."
        )
        parser.add_argument("--json", action="store_true", help="Print the outcome as JSON.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        hub = None
        if options["hub"]:
            hub = Hub.objects.filter(slug=options["hub"]).first()
            if hub is None:
                raise CommandError(f"Unknown hub: {options['hub']}")
        try:
            spec = spec_for(options["kind"])
            data = options["file"].read_bytes()
        except (ImportFileError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        context = ImportContext(user=None, hub=hub, options={"command_line": True})
        try:
            if options["commit"]:
                preview = commit_import(spec, data, options["file"].name, context)
            else:
                preview = build_preview(spec, data, options["file"].name, context)
        except ImportRejected as rejected:
            preview = rejected.preview
        except ImportFileError as exc:
            preview = None
            summary = {
                "new": 0,
                "update": 0,
                "unchanged": 0,
                "errors": [{"row": 0, "field": "", "message": str(exc)}],
            }
        if preview is not None:
            summary = preview.summary()
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            self.stdout.write(
                f"new: {summary['new']}  update: {summary['update']}  "
                f"unchanged: {summary['unchanged']}  errors: {len(summary['errors'])}"
            )
            for error in summary["errors"]:
                self.stdout.write(f"  row {error['row']} {error['field']}: {error['message']}")
            if options["commit"] and not summary["errors"]:
                self.stdout.write("Imported.")
            elif options["commit"]:
                self.stdout.write("Nothing was imported.")
        if summary["errors"]:
            raise SystemExit(1)
