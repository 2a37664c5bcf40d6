"""Two app servers on one PostgreSQL and one Redis behave as one platform.

A session started on one server continues on the other; the same room slot booked through
both at the same moment is booked once; `innohub remind` started on both nodes at once sends
every reminder once. The second server also reads through a replica router whose replica is
the primary itself (DATABASE_REPLICA_URLS).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta
from email import message_from_bytes
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT, _drop_database, _free_port, _server_database_url, running_server

POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
HAVE_REDIS = bool(os.environ.get("INNOHUB_TEST_REDIS_URL") or shutil.which("redis-server"))
pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not POSTGRES, reason="several app servers share one PostgreSQL database"),
    # In CI a missing Redis is a failure (the fixture says so), never a skip.
    pytest.mark.skipif(
        not HAVE_REDIS and os.environ.get("CI") != "true", reason="redis-server is not installed"
    ),
]
PASSWORD = "innohub-demo"


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """The Redis of scripts/test (INNOHUB_TEST_REDIS_URL), else a private one started here."""
    configured = os.environ.get("INNOHUB_TEST_REDIS_URL")
    if configured:
        yield configured
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is needed for the scale-out test (apt-get install redis-server)")
    directory = Path(tempfile.mkdtemp(prefix="innohub-redis-"))
    port = _free_port()
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        cwd=directory,
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.3)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def servers(redis_url, tmp_path_factory) -> Iterator[tuple[dict, dict, str]]:  # type: ignore[no-untyped-def]
    database_url, name = _server_database_url()
    shared = {"SECRET_KEY": secrets.token_urlsafe(50), "REDIS_URL": redis_url}
    try:
        # One after the other: the first migrates and loads the demo hub, the second finds both.
        with (
            running_server(
                tmp_path_factory.mktemp("node-a"),
                database_url=database_url,
                extra_env=shared,
                workers=1,
            ) as a,
            running_server(
                tmp_path_factory.mktemp("node-b"),
                database_url=database_url,
                extra_env={**shared, "DATABASE_REPLICA_URLS": database_url},
                workers=1,
            ) as b,
        ):
            yield a, b, database_url
    finally:
        _drop_database(name)


class Browser:
    """One browser: a cookie jar shared by both servers (cookies belong to the host, not port)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name)

    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, url: str, data: dict | None = None, body: dict | None = None) -> tuple[int, str]:
        headers = {"Referer": url, "X-CSRFToken": self.cookie("csrftoken")}
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        else:
            payload = urllib.parse.urlencode(data or {}).encode()
        request = urllib.request.Request(url, data=payload, headers=headers, method="POST")  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def log_in(browser: Browser, base: str, username: str) -> None:
    _status, page = browser.get(base + "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    status, _page = browser.post(
        base + "/accounts/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert status == 200  # followed the redirect to the home page


def test_it_continues_a_session_on_the_other_server(servers):
    a, b, _url = servers
    browser = Browser()
    assert browser.get(b["url"] + "/api/v1/spaces/bookings")[0] == 401
    log_in(browser, a["url"], "staff")
    status, body = browser.get(b["url"] + "/api/v1/spaces/bookings?limit=1")
    assert status == 200
    assert "items" in json.loads(body)


def test_it_books_a_slot_once_when_both_servers_take_it_at_once(servers):
    import psycopg

    a, b, database_url = servers
    browser = Browser()
    log_in(browser, a["url"], "staff")
    rooms = json.loads(
        browser.get(b["url"] + "/api/v1/spaces/rooms?hub=ciih-shanghai&limit=200")[1]
    )
    room = next(r for r in rooms["items"] if r["kind"] == "meeting")
    day = datetime.now(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=40)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    starts = datetime(day.year, day.month, day.day, 14, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    body = {
        "room": room["id"],
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
        "title": "Board meeting",
        "attendance": 4,
    }
    start = threading.Barrier(2)
    answers: dict[str, tuple[int, str]] = {}

    def book(name: str, base: str) -> None:
        start.wait()
        answers[name] = browser.post(base + "/api/v1/spaces/bookings", body=body)

    threads = [threading.Thread(target=book, args=(n, s["url"])) for n, s in (("a", a), ("b", b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(status for status, _body in answers.values()) == [201, 400], answers
    with psycopg.connect(database_url) as conn:
        (count,) = conn.execute(
            "SELECT count(*) FROM spaces_booking WHERE room_id = %s AND starts_at = %s "
            "AND status = 'confirmed' AND deleted_at IS NULL",
            [room["id"], starts],
        ).fetchone()
    assert count == 1


def test_it_sends_each_reminder_once_when_both_nodes_run_remind_at_once(servers):
    import psycopg

    a, b, database_url = servers
    with psycopg.connect(database_url) as conn:
        conn.execute("DELETE FROM ip_reminder")
    for node in (a, b):
        shutil.rmtree(node["outbox"], ignore_errors=True)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "innohub.cli", "remind"],
            env=node["env"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for node in (a, b)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    with psycopg.connect(database_url) as conn:
        (reminders,) = conn.execute("SELECT count(*) FROM ip_reminder").fetchone()
        (emailed,) = conn.execute(
            "SELECT count(*) FROM ip_reminder WHERE emailed_at IS NOT NULL"
        ).fetchone()
    assert reminders > 0, outputs  # the demo hub has deadlines due for a reminder today
    messages = [
        message_from_bytes(path.read_bytes())
        for node in (a, b)
        if node["outbox"].exists()
        for path in node["outbox"].iterdir()
    ]
    recipients = [message["To"] for message in messages]
    # One e-mail per person, gathering all of that person's reminders, sent by one node only.
    assert len(recipients) == len(set(recipients)) > 0
    assert emailed == reminders
