"""Backup and restore of the whole platform: every table and the uploaded files, in one archive.

The archive is a tar file holding `manifest.json` (schema state, time, database), `data.json`
(Django's portable serialisation, so a backup taken on SQLite restores on PostgreSQL and back)
and `media/` (uploads). Restore refuses an archive from another schema state, and replaces the
database content inside one transaction: if anything fails, the database is left as it was.
"""

from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

import innohub


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


# Rebuilt by `migrate` itself, or transient: not part of a backup.
SKIPPED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class BackupError(Exception):
    pass


def backed_up_models() -> list[Any]:
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in SKIPPED_MODELS
        and model._meta.managed
        and not model._meta.proxy
    ]


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def backup_create(output: Path, *, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write the archive; returns its path."""
    output = Path(output)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        with open(work / "data.json", "w", encoding="utf-8") as stream:
            stream.write("[")
            first = True
            for model in backed_up_models():
                manager = getattr(model, "all_objects", None) or model._base_manager
                queryset = manager.using(using).order_by(model._meta.pk.name)
                chunk = serializers.serialize(
                    "json",
                    queryset.iterator(chunk_size=2000),
                    use_natural_foreign_keys=True,
                    cls=ExactJSONEncoder,
                )
                body = chunk.strip()[1:-1].strip()
                if body:
                    stream.write(("" if first else ",") + "\n" + body)
                    first = False
            stream.write("\n]\n")
        manifest = {
            "format": 1,
            "innohub": innohub.__version__,
            "created_at": datetime.now(UTC).isoformat(),
            "database": connections[using].vendor,
            "migrations": applied_migrations(using),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
        output.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(output, "w:gz") as archive:
            archive.add(work / "manifest.json", arcname="manifest.json")
            archive.add(work / "data.json", arcname="data.json")
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                archive.add(media, arcname="media")
    return output


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or member.issym() or member.islnk():
            raise BackupError(f"unsafe path in the archive: {member.name}")
        members.append(member)
    return members


def backup_restore(archive_path: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Replace the database content (and uploads) with the archive's; all or nothing."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        try:
            with tarfile.open(archive_path, "r:*") as archive:
                archive.extractall(work, members=_safe_members(archive), filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"not a readable innohub backup: {exc}") from exc
        try:
            manifest = json.loads((work / "manifest.json").read_text())
        except (OSError, ValueError) as exc:
            raise BackupError("the archive has no valid manifest.json") from exc
        if manifest.get("migrations") != applied_migrations(using):
            raise BackupError(
                "the backup was taken with a different database schema; install the same "
                "innohub version and run `innohub migrate` to match it first"
            )
        with transaction.atomic(using=using):
            call_command(
                "flush", interactive=False, verbosity=0, database=using, inhibit_post_migrate=True
            )
            call_command("loaddata", str(work / "data.json"), verbosity=0, database=using)
        media = Path(settings.MEDIA_ROOT)
        if (work / "media").exists():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(work / "media", media)
    return manifest
