"""SQL queries and time of one request to every page the load benchmark measures.

    DATABASE_URL=postgres://... python bench/queries.py --scale national

Runs inside Django against the database at hand (the demo hub and a generated dataset loaded,
as for `bench/load.py --database-url`), one request after another through the test client, as
the benchmark's users (anonymous, or the demo's network admin). Each page is requested three
times: the query count is the third request's (caches as warm as under load), the time the
median of the last two. The regular suite asserts a fixed bound per page on the small dataset
(innohub/common/tests/test_query_counts.py); this shows the counts at the scale given.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from endpoints import ENDPOINTS, LOOKUP, ORG  # noqa: E402
from results import write_section  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="national", help="the dataset's scale, for the title")
    parser.add_argument("--only", help="measure only the pages whose name contains this")
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innohub.config.settings.base")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(LOOKUP, {})  # noqa: S102 - a constant of endpoints.py
    places = {"org": ORG, "hub": "ciih-shanghai", **json.loads(printed.getvalue())}
    clients = {None: Client()}
    for who in ("network", "staff"):
        clients[who] = Client()
        clients[who].force_login(get_user_model().objects.get(username=who))

    rows = []
    for endpoint in ENDPOINTS:
        if args.only and args.only not in endpoint["name"]:
            continue
        client = clients[endpoint["who"]]
        path = endpoint["path"].format(**places)
        times = []
        for _attempt in range(3):
            connection.queries_log.clear()  # a full log (9,000 entries) would count 0
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path, secure=True)
                times.append(1000 * (time.perf_counter() - started))
        row = {
            "name": endpoint["name"],
            "path": path,
            "status": response.status_code,
            "queries": len(queries.captured_queries),
            "slowest_ms": max(
                (float(q["time"]) * 1000 for q in queries.captured_queries), default=0
            ),
            "ms": statistics.median(times[1:]),
            "sql_ms": sum(float(q["time"]) * 1000 for q in queries.captured_queries),
            "kb": len(response.content) / 1024,
        }
        rows.append(row)
        print(
            f"{row['name']:<45} {row['status']}  {row['queries']:3d} queries  "
            f"{row['ms']:8.1f} ms  (SQL {row['sql_ms']:.1f} ms, slowest query "
            f"{row['slowest_ms']:.1f} ms)  {row['kb']:.0f} KB",
            flush=True,
        )
    if not args.no_write and not args.only:
        write_results(args, rows, connection)


def write_results(args: argparse.Namespace, rows: list[dict], connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT 1")
        database = cursor.fetchone()[0] if connection.vendor == "postgresql" else connection.vendor
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}), "
        f"{str(database).split(' on ')[0]}, scale `{args.scale}`.",
        "",
        f"Command: `DATABASE_URL=… python bench/queries.py --scale {args.scale}` (one request at a "
        "time through Django's test client; the count of the third request, the median time of "
        "the second and third). *SQL ms*: the third request's time in the database (as the "
        "driver saw it); *Python ms*: the rest of the request, mostly building objects and "
        "rendering the page; *KB*: the response's size.",
        "",
        "| page | status | queries | ms | SQL ms | Python ms | slowest query ms | KB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['status']} | {row['queries']} | {row['ms']:.0f} | "
            f"{row['sql_ms']:.0f} | {max(row['ms'] - row['sql_ms'], 0):.0f} | "
            f"{row['slowest_ms']:.1f} | {row['kb']:.0f} |"
        )
    write_section(f"Query counts per page ({args.scale})", "\n".join(lines))


if __name__ == "__main__":
    main()
