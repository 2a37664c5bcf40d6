"""The `innohub` command: `run` serves the platform; any other word is a Django command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_SETTINGS = "innohub.config.settings.base"


def _take_data_dir(argv: list[str]) -> list[str]:
    """`--data-dir D` may be given to any command; it sets INNOHUB_DATA_DIR."""
    out, i = [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--data-dir" and i + 1 < len(argv):
            os.environ["INNOHUB_DATA_DIR"] = str(Path(argv[i + 1]).expanduser().resolve())
            i += 2
            continue
        if arg.startswith("--data-dir="):
            os.environ["INNOHUB_DATA_DIR"] = str(Path(arg.split("=", 1)[1]).expanduser().resolve())
            i += 1
            continue
        out.append(arg)
        i += 1
    return out


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="innohub run",
        description="Migrate, load the demo hub into an empty database, and serve.",
    )
    parser.add_argument("--host", default=os.environ.get("INNOHUB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("INNOHUB_PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--no-demo", action="store_true", help="Do not load the demo hub.")
    args = parser.parse_args(argv)

    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings

    from innohub.common.demo import demo_load, demo_logins
    from innohub.network.models import Hub

    print(f"innohub: data directory {settings.DATA_DIR}", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    if not args.no_demo and not Hub.all_objects.exists():
        print("innohub: empty database, loading the demo hub…", flush=True)
        demo_load(log=lambda line: print(line, flush=True))
    logins = demo_logins()
    if logins:
        print(f"innohub: demo sign-ins (password: {settings.INNOHUB_DEMO_PASSWORD})")
        for login in logins:
            print(f"  {login.username:<14} {login.description}")
    print(f"innohub: serving on http://{args.host}:{args.port}/", flush=True)

    from django.db import connections

    connections.close_all()
    from gunicorn.app.wsgiapp import WSGIApplication

    sys.argv = [
        "gunicorn",
        "innohub.config.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--config",
        "python:innohub.config.gunicorn",
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
    ]
    WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = _take_data_dir(list(sys.argv[1:] if argv is None else argv))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    if argv and argv[0] == "run":
        return run(argv[1:])
    from django.core.management import execute_from_command_line

    execute_from_command_line(["innohub", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
