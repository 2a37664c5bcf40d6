"""Soak and fault test: the real server under a steady mixed load, and PostgreSQL restarted.

    python bench/soak.py [--minutes 10] [--users 50] [--workers 4] [--no-restart] [--no-write]

Starts a private PostgreSQL cluster, loads the demo hub, starts gunicorn with production
settings and lets N simulated users (threads with keep-alive connections) read pages and the
API and write through it for the given time: 70 % public pages and API lists, 20 %
authenticated API reads, 10 % writes (an agreement between two parties: one agreement row and
two party rows in one transaction). Halfway through, PostgreSQL is restarted (pg_ctl restart
-m fast). It checks, and writes into bench/RESULTS.md:

- zero errors outside the restart window (any 5xx, connection error or timeout is one);
- during the restart, every failure is a clean 503 (translated page / JSON), never a 500;
- after the restart every request succeeds again (the first 5 s are the reconnect grace);
- no partial writes: every agreement the soak created has exactly two parties, and every
  agreement the server acknowledged (201) is in the database;
- the RSS of the gunicorn workers, sampled every 5 s: the mean of the last minute may exceed
  the mean of the second minute by at most --rss-growth (default 15 %).
Needs the PostgreSQL server binaries (apt-get install postgresql).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from load import Postgres, free_port, innohub  # noqa: E402
from results import write_section  # noqa: E402

PUBLIC = [
    "/",
    "/directory/",
    "/events/",
    "/showcase/",
    "/news/",
    "/ip/statistics/",
    "/api/v1/directory/organisations?limit=20",
    "/api/v1/events/",
    "/api/v1/network/hubs",
    "/api/v1/ip/statistics",
]
PRIVATE = [
    "/api/v1/spaces/leases?limit=20",
    "/api/v1/ip/assets?limit=20",
    "/api/v1/relations/agreements?limit=20",
    "/api/v1/services/requests?limit=20",
]


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    ok: int = 0
    statuses: Counter = field(default_factory=Counter)
    errors_outside: list[str] = field(default_factory=list)
    during_restart: Counter = field(default_factory=Counter)
    after_restart_errors: list[str] = field(default_factory=list)
    acknowledged: int = 0
    latencies: list[float] = field(default_factory=list)


@dataclass
class Window:
    """When the restart began and when requests are expected to succeed again."""

    started: float | None = None
    ended: float | None = None
    grace: float = 5.0

    def phase(self, began: float, finished: float) -> str:
        """A request still in flight when the restart began (its connection to the database
        was cut) belongs to the restart as much as one sent during it."""
        if self.started is None or finished < self.started:
            return "before"
        if self.ended is None or began < self.ended + self.grace:
            return "restart"
        return "after"


def user_loop(
    port: int, token: str, parties: list[str], stop: float, tally: Tally, window: Window, seed: int
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    auth = {"Authorization": f"Bearer {token}"}
    while time.monotonic() < stop:
        roll = rng.random()
        body = None
        headers: dict[str, str] = {"X-Forwarded-Proto": "https"}
        if roll < 0.7:
            method, path = "GET", rng.choice(PUBLIC)
        elif roll < 0.9:
            method, path = "GET", rng.choice(PRIVATE)
            headers |= auth
        else:
            a, b = rng.sample(parties, 2)
            method, path = "POST", "/api/v1/relations/agreements"
            body = json.dumps(
                {
                    "title": {"en": f"soak {secrets.token_hex(4)}"},
                    "hub": "ciih-shanghai",
                    "kind": "cooperation",
                    "status": "draft",
                    "parties": [{"organisation": a}, {"organisation": b}],
                }
            )
            headers |= auth | {"Content-Type": "application/json"}
        began = time.monotonic()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            status = response.status
            failure = None
            if status >= 500:
                failure = f"{status} {method} {path}: {payload[:120]!r}"
        except (OSError, http.client.HTTPException) as exc:
            status, failure = 0, f"{type(exc).__name__} {method} {path}"
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        phase = window.phase(began, time.monotonic())
        with tally.lock:
            tally.statuses[status] += 1
            tally.latencies.append(time.monotonic() - began)
            if failure is None:
                tally.ok += 1
                if method == "POST" and status == 201:
                    tally.acknowledged += 1
            elif phase == "restart":
                tally.during_restart["503" if status == 503 else failure.split(" ")[0]] += 1
            elif phase == "after":
                tally.after_restart_errors.append(failure)
            else:
                tally.errors_outside.append(failure)


def worker_rss_mb(master_pid: int) -> float:
    """Total resident memory of the gunicorn workers (children of the master), in MB."""
    total = 0
    for child in Path(f"/proc/{master_pid}/task").glob("*/children"):
        for pid in child.read_text().split():
            status = Path(f"/proc/{pid}/status")
            if status.exists():
                for line in status.read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rss-growth", type=float, default=0.15)
    parser.add_argument("--no-restart", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = parser.parse_args()

    postgres = Postgres()
    data_dir = Path(tempfile.mkdtemp(prefix="innohub-soak-"))
    server = None
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
        env.update(
            DATABASE_URL=postgres.start(),
            INNOHUB_DATA_DIR=str(data_dir),
            DJANGO_SETTINGS_MODULE="innohub.config.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            DATABASE_CONN_MAX_AGE="600",
        )
        innohub(env, "migrate", "-v0")
        innohub(env, "collectstatic", "--no-input", "-v0")
        innohub(env, "demo")
        token = innohub(env, "apitoken", "staff").strip()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "innohub.config.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            env=env,
            cwd=data_dir,
        )
        for _attempt in range(240):
            try:
                urllib.request.urlopen(base + "/readyz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        listing = json.loads(
            urllib.request.urlopen(base + "/api/v1/directory/organisations?limit=50")
            .read()
            .decode()
        )
        parties = [item["slug"] for item in listing["items"]]
        before = agreements_in_database(env)

        seconds = args.minutes * 60
        tally, window = Tally(), Window()
        stop = time.monotonic() + seconds
        threads = [
            threading.Thread(
                target=user_loop,
                args=(port, token, parties, stop, tally, window, n),
                daemon=True,
            )
            for n in range(args.users)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        samples: list[tuple[float, float]] = []
        restart_at = started + seconds / 2
        restart_seconds = None
        while time.monotonic() < stop:
            samples.append((time.monotonic() - started, worker_rss_mb(server.pid)))
            if not args.no_restart and window.started is None and time.monotonic() >= restart_at:
                window.started = time.monotonic()
                postgres.restart()
                window.ended = time.monotonic()
                restart_seconds = window.ended - window.started
            time.sleep(5)
        for thread in threads:
            thread.join(timeout=60)

        after = agreements_in_database(env)
        created = after["agreements"] - before["agreements"]
        partial = after["without_two_parties"] - before["without_two_parties"]
        report(
            args,
            tally,
            samples,
            restart_seconds,
            created=created,
            partial=partial,
            seconds=time.monotonic() - started,
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        postgres.stop()


def agreements_in_database(env: dict) -> dict:
    """Soak agreements and those of them that do not have exactly two parties."""
    code = (
        "from django.db.models import Count;"
        "from innohub.relations.models import Agreement;"
        "qs = Agreement.all_objects.filter(title__en__startswith='soak ')"
        ".annotate(n=Count('parties'));"
        "import json; print(json.dumps({'agreements': qs.count(), "
        "'without_two_parties': qs.exclude(n=2).count()}))"
    )
    return json.loads(innohub(env, "shell", "-c", code).strip().splitlines()[-1])


def report(
    args: argparse.Namespace,
    tally: Tally,
    samples: list[tuple[float, float]],
    restart_seconds: float | None,
    *,
    created: int,
    partial: int,
    seconds: float,
) -> None:
    total = sum(tally.statuses.values())
    second_minute = [rss for at, rss in samples if 60 <= at < 120] or [samples[0][1]]
    last_minute = [rss for at, rss in samples if at >= seconds - 60] or [samples[-1][1]]
    early, late = sum(second_minute) / len(second_minute), sum(last_minute) / len(last_minute)
    growth = (late - early) / early if early else 0.0
    lat = sorted(tally.latencies)
    p95 = lat[int(len(lat) * 0.95)] * 1000 if lat else 0.0
    unclean = {k: v for k, v in tally.during_restart.items() if k != "503"}
    checks = {
        "no errors outside the restart window": not tally.errors_outside,
        "every failure during the restart is a clean 503": not unclean,
        "every request succeeds after the restart": not tally.after_restart_errors,
        "no partial writes (each agreement has its two parties)": partial == 0,
        "every acknowledged write is stored": created >= tally.acknowledged,
        f"worker RSS grows by at most {args.rss_growth:.0%}": growth <= args.rss_growth,
    }
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} "
        f"({os.cpu_count()} cores, shared), PostgreSQL, gunicorn {args.workers} workers "
        f"(production settings), {args.users} concurrent users for {seconds / 60:.1f} min.",
        "",
        f"Command: `python bench/soak.py --minutes {args.minutes:g} --users {args.users}`"
        + (" --no-restart" if args.no_restart else ""),
        "",
        "| figure | value |",
        "|---|---:|",
        f"| requests | {total} ({total / seconds:.0f}/s) |",
        f"| p95 latency | {p95:.0f} ms |",
        f"| errors outside the restart window | {len(tally.errors_outside)} |",
        f"| PostgreSQL restart took | {restart_seconds or 0:.1f} s |",
        f"| answers during the restart window: clean 503 | {tally.during_restart.get('503', 0)} |",
        f"| answers during the restart window: other failures | {sum(unclean.values())} |",
        f"| failures after the restart (+5 s grace) | {len(tally.after_restart_errors)} |",
        f"| agreements written (acknowledged 201 / in the database) | {tally.acknowledged} / {created} |",
        f"| agreements without exactly two parties | {partial} |",
        f"| worker RSS, 2nd minute → last minute | {early:.0f} MB → {late:.0f} MB ({growth:+.1%}) |",
        f"| status codes | {dict(sorted(tally.statuses.items()))} |",
        "",
        *[f"- {'ok' if ok else '**FAILED**'}: {name}" for name, ok in checks.items()],
    ]
    for failure in (tally.errors_outside + tally.after_restart_errors)[:10]:
        lines.append(f"  - {failure}")
    if unclean:
        lines.append(f"  - during the restart: {unclean}")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section("Soak and PostgreSQL restart", text)
    if not all(checks.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
