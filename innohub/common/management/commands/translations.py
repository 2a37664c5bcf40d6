"""`innohub translations`: keep every app's zh-Hans, en and he catalogues complete and compiled.

--update   extract messages into each app's locale/ (needs GNU gettext), fill the English
           catalogue with the source text, and compile every catalogue
--compile  compile the .po files to .mo (pure Python, no gettext needed)
--check    fail when a message used in the code is missing or untranslated in a
           catalogue, or a .mo is out of date with its .po
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import polib
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

PACKAGE = Path(__file__).resolve().parents[3]
LOCALES = ("zh_Hans", "en", "he")
PLURAL_FORMS = {
    "zh_Hans": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
    "he": "nplurals=3; plural=(n == 1 ? 0 : n == 2 ? 1 : 2);",
}


def app_dirs() -> list[Path]:
    return sorted(p for p in PACKAGE.iterdir() if (p / "apps.py").exists())


def extract(app_dir: Path) -> None:
    """Run makemessages inside one app directory (it writes to <app>/locale/)."""
    (app_dir / "locale").mkdir(exist_ok=True)
    previous = os.getcwd()
    os.chdir(app_dir)
    try:
        call_command(
            "makemessages",
            locale=list(LOCALES),
            no_location=True,
            no_obsolete=True,
            verbosity=0,
        )
    finally:
        os.chdir(previous)


def tidy(po_path: Path, locale: str) -> None:
    po = polib.pofile(str(po_path), wrapwidth=0)
    po.metadata["Plural-Forms"] = PLURAL_FORMS[locale]
    po.metadata["Language"] = locale
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    for key in ("POT-Creation-Date", "PO-Revision-Date"):
        po.metadata[key] = "2025-01-01 00:00+0000"
    po.metadata["Last-Translator"] = "innohub"
    po.metadata["Language-Team"] = locale
    po.header = "innohub translations."
    for entry in po:
        if locale == "en":
            # The source text is English: the catalogue is the identity, never msgmerge's guess.
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()


def compile_po(po_path: Path) -> None:
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def catalogue_problems(po_path: Path) -> list[str]:
    problems = []
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"{po_path}: fuzzy: {entry.msgid[:60]!r}")
        elif po_path.parts[-3] == "en" and not entry.msgid_plural and entry.msgstr != entry.msgid:
            problems.append(
                f"{po_path}: the English text differs from the source: {entry.msgid[:60]!r}"
            )
        elif not entry.translated():
            problems.append(f"{po_path}: untranslated: {entry.msgid[:60]!r}")
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        problems.append(f"{mo_path}: missing (run innohub translations --compile)")
    else:
        compiled = {
            (e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural))
            for e in polib.mofile(str(mo_path))
        }
        wanted = {
            (e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural))
            for e in po
            if e.translated() and not e.obsolete
        }
        if {k: v for k, v in compiled.items() if k[1]} != wanted:
            problems.append(
                f"{mo_path}: out of date with its .po (run innohub translations --compile)"
            )
    return problems


def missing_messages(app_dir: Path) -> list[str]:
    """Messages the code uses that the committed catalogues lack (extracted in a scratch copy)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / app_dir.name
        shutil.copytree(
            app_dir, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "static")
        )
        extract(copy)
        problems = []
        for locale in LOCALES:
            fresh = polib.pofile(str(copy / "locale" / locale / "LC_MESSAGES" / "django.po"))
            committed_path = app_dir / "locale" / locale / "LC_MESSAGES" / "django.po"
            committed = polib.pofile(str(committed_path)) if committed_path.exists() else []
            known = {(e.msgctxt, e.msgid) for e in committed if not e.obsolete}
            for entry in fresh:
                if (entry.msgctxt, entry.msgid) not in known:
                    problems.append(f"{committed_path}: missing: {entry.msgid[:60]!r}")
        return problems


class Command(BaseCommand):
    help = "Update, compile or check the translation catalogues of every app."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--update", action="store_true")
        group.add_argument("--compile", action="store_true")
        group.add_argument("--check", action="store_true")
        parser.add_argument("apps", nargs="*", help="Only these apps (directory names).")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        dirs = [d for d in app_dirs() if not options["apps"] or d.name in options["apps"]]
        if options["update"]:
            if not shutil.which("xgettext"):
                raise CommandError("GNU gettext is needed: apt-get install gettext")
            for app_dir in dirs:
                extract(app_dir)
                for po_path in (app_dir / "locale").glob("*/LC_MESSAGES/django.po"):
                    tidy(po_path, po_path.parts[-3])
                    compile_po(po_path)
                self.stdout.write(f"updated {app_dir.name}")
        elif options["compile"]:
            for app_dir in dirs:
                for po_path in (app_dir / "locale").glob("*/LC_MESSAGES/django.po"):
                    compile_po(po_path)
        else:
            problems: list[str] = []
            for app_dir in dirs:
                for po_path in sorted((app_dir / "locale").glob("*/LC_MESSAGES/django.po")):
                    problems += catalogue_problems(po_path)
                if shutil.which("xgettext"):
                    problems += missing_messages(app_dir)
            for line in problems:
                self.stdout.write(line)
            if problems:
                raise CommandError(f"{len(problems)} translation problems")
            self.stdout.write("All catalogues are complete and compiled.")
