"""Load benchmark: the real server (gunicorn, production settings, PostgreSQL) under wrk.

    python bench/load.py [--scale small|medium|national] [--duration 10] [--connections 16]
    python bench/load.py --database-url postgres://... [--scale national]   # reuse a dataset

Starts a private PostgreSQL cluster, loads the demo hub and the generated dataset, starts
gunicorn, and measures p50/p95/p99 and throughput of each page in bench/endpoints.py next to
the trivial endpoint /ping at the same concurrency, right before it. The ratio p95/p95(ping)
is what we track (absolute times vary between machines). Before each /ping figure and after
each page the server is left to finish what wrk left queued (a slow page's backlog would be
timed as /ping's), until /ping alone answers as fast as it did idle. Results go to
bench/RESULTS.md.
Needs: PostgreSQL server binaries, wrk (apt-get install postgresql wrk).

`--database-url` measures an existing database instead (migrated, demo hub and generated
dataset loaded, e.g. by `innohub generate --scale national` once, about 45 minutes on two
cores with PostgreSQL): no private cluster is started and nothing is generated. The dashboards'
refresh (`innohub report --refresh`) runs first and then every minute, as a deployment's timer.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from endpoints import ENDPOINTS, LOOKUP, ORG  # noqa: E402
from results import write_section  # noqa: E402

PASSWORD = "innohub-demo"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Postgres:
    """A throw-away PostgreSQL cluster on a free loopback port."""

    def __init__(self) -> None:
        bindirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not bindirs:
            sys.exit("PostgreSQL server binaries are needed: apt-get install postgresql")
        self.bin = bindirs[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="innohub-bench-pg-"))
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "postgres", "postgres")

    def start(self) -> str:
        run = lambda *a: subprocess.run([*self.as_user, *a], check=True, capture_output=True)  # noqa: E731
        run(
            str(self.bin / "initdb"),
            "-D",
            str(self.dir / "data"),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
        )
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c shared_buffers=256MB -c max_connections=300"
        )
        run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
            "-o",
            options,
        )
        run(
            str(self.bin / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "innohub",
        )
        return f"postgres://postgres@127.0.0.1:{self.port}/innohub"

    def restart(self) -> None:
        """Stop (fast: open connections are cut) and start again on the same port and data."""
        subprocess.run(
            [
                *self.as_user,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.dir / "data"),
                "-m",
                "fast",
                # The server's output goes to the log: a pipe it kept open would never close.
                "-l",
                str(self.dir / "log"),
                "-w",
                "restart",
            ],
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        subprocess.run(
            [
                *self.as_user,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.dir / "data"),
                "-m",
                "fast",
                "stop",
            ],
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def innohub(env: dict, *args: str, stderr: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "innohub.cli", *args], env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"innohub {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stderr if stderr else result.stdout


def fetch(url: str, timeout: float) -> None:
    """One GET as through the TLS proxy; a failed request is only time spent."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    with contextlib.suppress(OSError):
        urllib.request.urlopen(request, timeout=timeout).read()


def warm_matching(base: str, workers: int) -> None:
    """Each worker builds its matchmaking index on its first matchmaking request (about a minute
    at national scale); as docs/deploy.md advises, do that before measuring: a request per
    worker at once, twice over, with time to finish."""
    started = time.perf_counter()
    for _round in range(2):
        threads = [
            threading.Thread(target=fetch, args=(base + "/matching/?q=warm", 600))
            for _ in range(workers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(f"matchmaking indexes built in {time.perf_counter() - started:.0f} s")


def ping_once(base: str) -> float:
    """Milliseconds of one request to /ping."""
    started = time.perf_counter()
    fetch(base + "/ping", 60)
    return 1000 * (time.perf_counter() - started)


def settle(base: str, idle_ms: float, limit: float = 180) -> float:
    """Wait until the server has finished the requests wrk left queued when it stopped (a slow
    page's backlog would otherwise be measured as the next /ping's latency): three /ping in a
    row answered within twice their idle time (at least 10 ms). Returns the seconds waited."""
    started = time.perf_counter()
    quick = 0
    while quick < 3 and time.perf_counter() - started < limit:
        quick = quick + 1 if ping_once(base) <= max(2 * idle_ms, 10.0) else 0
        if not quick:
            time.sleep(0.2)
    return time.perf_counter() - started


def refresh_every_minute(env: dict, stop: threading.Event) -> None:
    while not stop.wait(60):
        innohub(env, "report", "--refresh")


def wrk(url: str, headers: list[str], duration: int, connections: int, threads: int) -> dict:
    args = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        "30s",
        "-s",
        str(HERE / "percentiles.lua"),
    ]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    line = [raw for raw in out.splitlines() if raw.startswith("{")][-1]
    figures = json.loads(line)
    figures["rps"] = figures["requests"] / figures["seconds"] if figures["seconds"] else 0.0
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="small", choices=["small", "medium", "national"])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--only", help="measure only endpoints whose name contains this")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    parser.add_argument(
        "--database-url", help="measure this already generated database (see above)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    postgres = None if args.database_url else Postgres()
    data_dir = Path(tempfile.mkdtemp(prefix="innohub-bench-"))
    server = None
    stop_refreshing: threading.Event | None = None
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
        env.update(
            DATABASE_URL=args.database_url or postgres.start(),
            INNOHUB_DATA_DIR=str(data_dir),
            DJANGO_SETTINGS_MODULE="innohub.config.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            DATABASE_CONN_MAX_AGE="600",
        )
        started = time.perf_counter()
        innohub(env, "migrate", "-v0")
        innohub(env, "collectstatic", "--no-input", "-v0")
        if postgres is not None:
            innohub(env, "demo")
            generated = innohub(env, "generate", "--scale", args.scale)
        else:
            generated = f"(an existing {args.scale} dataset: {args.database_url.split('@')[-1]})"
        setup_seconds = time.perf_counter() - started
        print(generated)
        token = innohub(env, "apitoken", "network").strip()
        places = {
            "org": ORG,
            "hub": "ciih-shanghai",
            **json.loads(innohub(env, "shell", "-c", LOOKUP).strip().splitlines()[-1]),
        }
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
                "--threads",
                "1",
                # A worker imports the whole platform as it boots; on a busy machine that takes
                # longer than gunicorn's default 30 s, which would kill it over and over.
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=data_dir,
        )
        for _attempt in range(120):
            try:
                urllib.request.urlopen(base + "/readyz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        # Behind a TLS proxy the cookies are Secure; wrk talks plain HTTP on loopback, so log in
        # over HTTP with the proxy's header saying https.
        cookies = {who: session_cookie_https(base, who) for who in ("network", "staff")}
        tokens = {"network": token, "staff": innohub(env, "apitoken", "staff").strip()}
        # The dashboards' timer of a deployment (docs/deploy.md): every hub's figures computed
        # once before the run, then refreshed every minute while it lasts.
        refreshed = innohub(env, "report", "--refresh", stderr=True).strip()
        print(f"dashboards: {refreshed}")
        stop_refreshing = threading.Event()
        refresher = threading.Thread(
            target=refresh_every_minute, args=(env, stop_refreshing), daemon=True
        )
        refresher.start()
        warm_matching(base, args.workers)
        idle_ms = sorted(ping_once(base) for _ in range(21))[10]
        print(f"/ping alone: {idle_ms:.1f} ms")
        rows = []
        for endpoint in ENDPOINTS:
            if args.only and args.only not in endpoint["name"]:
                continue
            path = endpoint["path"].format(**places)
            headers = ["X-Forwarded-Proto: https"]
            if endpoint["who"] and path.startswith("/api/"):
                headers.append(f"Authorization: Bearer {tokens[endpoint['who']]}")
            elif endpoint["who"]:
                headers.append(f"Cookie: {cookies[endpoint['who']]}")
            wrk(base + path, headers, 2, args.connections, args.threads)  # warm up
            settle(base, idle_ms)
            ping = wrk(
                base + "/ping",
                ["X-Forwarded-Proto: https"],
                max(3, args.duration // 2),
                args.connections,
                args.threads,
            )
            page = wrk(base + path, headers, args.duration, args.connections, args.threads)
            settle(base, idle_ms)
            ratio = page["p95_ms"] / ping["p95_ms"] if ping["p95_ms"] else float("inf")
            row = {
                **endpoint,
                "path": path,
                "page": page,
                "ping": ping,
                "ratio": ratio,
                "ok": ratio <= endpoint["target"] and page["errors"] == 0,
            }
            rows.append(row)
            print(
                f"{endpoint['name']:<40} p50 {page['p50_ms']:8.1f}  p95 {page['p95_ms']:8.1f}  p99 {page['p99_ms']:8.1f} ms"
                f"  {page['rps']:7.1f}/s  ping p95 {ping['p95_ms']:6.1f}  ratio {ratio:5.2f} (≤{endpoint['target']})"
                f"  errors {page['errors']}  {'ok' if row['ok'] else 'MISSED'}"
            )
        if not args.no_write:
            write_results(args, rows, setup_seconds, generated, refreshed, idle_ms)
    finally:
        if stop_refreshing is not None:
            stop_refreshing.set()
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if postgres is not None:
            postgres.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def session_cookie_https(base: str, username: str) -> str:
    """Log in as `username` and return the Cookie header value (session + CSRF)."""
    opener = urllib.request.build_opener()
    opener.addheaders = [("X-Forwarded-Proto", "https")]
    page = opener.open(base + "/accounts/login/")
    set_cookies = page.headers.get_all("Set-Cookie") or []
    csrf = next(c.split(";")[0].split("=", 1)[1] for c in set_cookies if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())[1]
    data = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        base + "/accounts/login/",
        data=data,
        headers={
            "Referer": "https://" + base.split("//")[1] + "/",
            "Cookie": f"csrftoken={csrf}",
            "X-Forwarded-Proto": "https",
            "Host": base.split("//")[1],
        },
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):  # type: ignore[no-untyped-def]
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as redirect:
        response = redirect
    session = next(
        c.split(";")[0]
        for c in response.headers.get_all("Set-Cookie") or []
        if c.startswith("sessionid=")
    )
    return f"{session}; csrftoken={csrf}"


def write_results(
    args: argparse.Namespace,
    rows: list[dict],
    setup_seconds: float,
    generated: str,
    refreshed: str,
    idle_ms: float,
) -> None:
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} ({os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}), PostgreSQL, gunicorn "
        f"{args.workers} workers, wrk {args.threads} threads × {args.connections} connections, "
        f"{args.duration} s per figure, scale `{args.scale}`.",
        "",
        f"Command: `python bench/load.py --scale {args.scale} --duration {args.duration} "
        f"--connections {args.connections}{' --database-url …' if args.database_url else ''}`. "
        f"Setup (migrate, demo, generate): {setup_seconds:.0f} s. `/ping` alone (one request at "
        f"a time, median of 21): {idle_ms:.1f} ms; before each `/ping` figure and after each "
        "page the server finished its queue first.",
        "",
        "| page | p50 ms | p95 ms | p99 ms | req/s | /ping p95 ms | ratio p95 | target | errors | |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        page = row["page"]
        lines.append(
            f"| {row['name']} | {page['p50_ms']:.1f} | {page['p95_ms']:.1f} | {page['p99_ms']:.1f} | "
            f"{page['rps']:.0f} | {row['ping']['p95_ms']:.1f} | {row['ratio']:.2f} | ≤{row['target']:.0f} | "
            f"{page['errors']} | {'ok' if row['ok'] else '**missed**'} |"
        )
    lines += [
        "",
        "Dashboards: `innohub report --refresh` ran once before the first figure (from an empty "
        f"cache: {refreshed}) and every minute during the run, as the deployment's timer does.",
    ]
    lines += ["", "Generator output:", "", "```", generated.strip(), "```"]
    write_section(f"Load: pages and API under wrk ({args.scale})", "\n".join(lines))


if __name__ == "__main__":
    main()
