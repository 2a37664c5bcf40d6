"""Fixtures shared by every app's tests: the role cast, API clients and the browser server."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Hypothesis: bounded in CI ("ci", the default); `HYPOTHESIS_PROFILE=long` for a deep run.
# Tests that set max_examples themselves keep their own count.
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent
SCREENSHOTS = Path(os.environ.get("INNOHUB_SCREENSHOTS", ROOT / "var" / "screenshots"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """pytest-django's test database; on PostgreSQL, a session a test left behind (a thread still
    finishing its last query) is ended before the database is dropped, which it would block."""
    yield
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True)
def _default_language():  # type: ignore[no-untyped-def]
    """Each test starts in the default language: a request through LocaleMiddleware leaves its
    language active in the thread, which would otherwise leak into the next test."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty cache, and so with empty lists kept in the worker: figures
    cached by one test (keyed by ids that the next test's rolled-back database hands out again)
    would otherwise answer for another's."""
    from django.core.cache import cache

    from innohub.network.switcher import forget_kept_hubs

    cache.clear()
    forget_kept_hubs()
    yield


@pytest.fixture(autouse=True)
def _builtin_sectors(request):  # type: ignore[no-untyped-def]
    """The built-in sectors a migration creates, present in every test that uses the database.

    A transactional test empties the database when it ends, data migrations included; which
    test runs after which depends on the worker that runs it.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
    elif "db" in request.fixturenames or marker:
        request.getfixturevalue("db")
    else:
        return
    from innohub.directory.models import Sector
    from innohub.directory.services import sectors_ensure_builtin

    if not Sector.objects.exists():
        sectors_ensure_builtin()


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    from innohub.common.testing import make_world

    return make_world()


@pytest.fixture
def client_as(client):  # type: ignore[no-untyped-def]
    """client_as(user) → a Django test client signed in as that user (None: anonymous)."""

    def login(user):  # type: ignore[no-untyped-def]
        from django.test import Client

        new = Client()
        if user is not None:
            new.force_login(user)
        return new

    return login


@pytest.fixture
def api_as(db):  # type: ignore[no-untyped-def]
    """api_as(user) → a client whose requests carry a personal API token of that user."""
    from django.test import Client

    from innohub.accounts.services import api_token_create

    def make(user):  # type: ignore[no-untyped-def]
        if user is None:
            return Client()
        _token, key = api_token_create(user=user, name="test")
        return Client(headers={"Authorization": f"Bearer {key}"})

    return make


# ---------------------------------------------------------------- browser tests


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_database_url() -> tuple[str | None, str | None]:
    """For a PostgreSQL run, a fresh database for the server; None for SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None, None
    import psycopg

    name = f"innohub_browser_{uuid.uuid4().hex[:8]}"
    base = url.rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base + "/" + name, name


def _drop_database(name: str) -> None:
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def running_server(
    data_dir: Path,
    *,
    database_url: str | None = None,
    extra_env: dict[str, str] | None = None,
    workers: int = 2,
) -> Iterator[dict]:
    """The real platform (`innohub run`: migrate, demo hub, gunicorn) on a free loopback port.

    By default on a database of its own (a new one on PostgreSQL); several servers of one
    deployment share `database_url` (then left in place) and `extra_env` (SECRET_KEY, ...).
    """
    port = _free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        INNOHUB_DATA_DIR=str(data_dir),
        DEBUG="false",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(extra_env or {})
    url, db_name = (database_url, None) if database_url else _server_database_url()
    if url:
        env["DATABASE_URL"] = url
    log = open(data_dir / "server.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "innohub.cli",
            "run",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError(
                    "innohub run did not start:\n" + (data_dir / "server.log").read_text()[-4000:]
                )
            time.sleep(0.5)

        def manage(*args: str) -> str:
            """Run an innohub command against this server's database; returns its output."""
            result = subprocess.run(
                [sys.executable, "-m", "innohub.cli", *args],
                env=env,
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            return result.stdout

        yield {
            "url": base,
            "data_dir": data_dir,
            "outbox": data_dir / "outbox",
            "manage": manage,
            "env": env,
        }
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        if db_name:
            _drop_database(db_name)


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """A data directory migrated once per run by the real command (SQLite)."""
    data_dir = tmp_path_factory.mktemp("migrated")
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.pop("DATABASE_URL", None)
    env["INNOHUB_DATA_DIR"] = str(data_dir)
    subprocess.run(
        [sys.executable, "-m", "innohub.cli", "migrate", "-v0"], env=env, check=True, timeout=900
    )
    return data_dir


@pytest.fixture
def cli_data_dir(_migrated_sqlite, tmp_path) -> Path:  # type: ignore[no-untyped-def]
    """A fresh, migrated SQLite data directory for tests that run `innohub` commands."""
    for item in _migrated_sqlite.iterdir():
        if item.is_file():
            shutil.copy2(item, tmp_path / item.name)
    return tmp_path


@pytest.fixture(scope="session")
def innohub_server(tmp_path_factory) -> Iterator[dict]:  # type: ignore[no-untyped-def]
    """One real server with the demo hub, shared by the browser tests of a run."""
    with running_server(tmp_path_factory.mktemp("server-data")) as server:
        yield server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # type: ignore[no-untyped-def]
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is needed for browser tests and was not found at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture
def screenshot(page):  # type: ignore[no-untyped-def]
    """screenshot("name") saves the current page under var/screenshots/ (see README)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    database = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{database}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """Browser tests need no test database: they talk to the real server over HTTP."""
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.usefixtures("innohub_server"))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The demo hub loaded once for a test module (committed), emptied again afterwards."""
    from django.core.management import call_command

    from innohub.common.demo import demo_load
    from innohub.directory.services import sectors_ensure_builtin

    with django_db_blocker.unblock():
        ctx = demo_load()
    yield ctx
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        sectors_ensure_builtin()
