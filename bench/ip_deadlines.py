"""Benchmark: the deadlines of 1,000,000 IP assets, against the time to merely read the rows.

Reading the rows is the limit no recomputation can beat; the figure that matters is how
many times that the engine adds. The script fills a private database (SQLite in a temporary
directory unless --database-url is given) with a realistic mix of assets, then times:

  iterate   read every asset's type, dates and status from the database
  compute   the same read, plus every deadline the engine gives each asset
  engine    the engine alone over rows already in memory

and writes its figures into its own section of bench/RESULTS.md (bench/results.py).

    .venv/bin/python bench/ip_deadlines.py [--assets 1000000] [--database-url URL] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE = "IP deadlines: all deadlines of 1,000,000 assets"

# The mix of a hub network's portfolio: many software registrations and trademarks.
MIX = [
    ("cn-software", 30),
    ("cn-trademark", 25),
    ("cn-utility", 20),
    ("cn-invention", 15),
    ("cn-design", 5),
    ("il-patent", 5),
]
FIELDS = (
    "type",
    "status",
    "filed_on",
    "granted_on",
    "registered_on",
    "published_on",
    "priority_on",
    "extension_days",
)


def setup(database_url: str | None) -> None:
    os.environ.setdefault("INNOHUB_DATA_DIR", tempfile.mkdtemp(prefix="bench-ip-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "innohub.config.settings.base"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def fill(n: int) -> None:
    """Insert n assets straight into the table (the services would take hours at this size)."""
    from django.db import connection, transaction

    from innohub.ip.models import Asset
    from innohub.network.models import Hub

    Asset.all_objects.all().delete()
    hub = Hub.objects.create(slug=f"bench-{int(time.time())}", name={"en": "Bench hub"})
    rng = random.Random(20201203)
    types = [t for t, _w in MIX]
    weights = [w for _t, w in MIX]
    now = datetime.now(UTC)
    columns = (
        "created_at, updated_at, hub_id, type, number, title, status, status_since, filed_on, "
        "published_on, granted_on, registered_on, extension_days, is_confidential, "
        "tracked_since, notes, search_text, is_generated"
    )
    sql = (
        f"INSERT INTO {Asset._meta.db_table} ({columns}) VALUES "  # noqa: S608 - constant
        f"({', '.join(['%s'] * 18)})"
    )
    batch: list[tuple] = []
    with transaction.atomic(), connection.cursor() as cursor:
        for _i in range(n):
            asset_type = rng.choices(types, weights)[0]
            filed = date(2000, 1, 1) + timedelta(days=rng.randrange(9500))
            start = filed + timedelta(days=rng.randrange(150, 1500))
            valid = start < date(2026, 1, 1) and rng.random() < 0.85
            status = "valid" if valid else "filed"
            granted = start if valid and asset_type not in ("cn-software", "cn-trademark") else None
            registered = start if valid and asset_type in ("cn-software", "cn-trademark") else None
            published = (
                filed - timedelta(days=rng.randrange(200)) if asset_type == "cn-software" else None
            )
            batch.append(
                (
                    now,
                    now,
                    hub.pk,
                    asset_type,
                    "",
                    "{}",
                    status,
                    start if valid else filed,
                    filed,
                    published,
                    granted,
                    registered,
                    0,
                    False,
                    filed,
                    "",
                    "",
                    True,
                )
            )
            if len(batch) == 20_000:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)


def rows():
    from innohub.ip.models import Asset

    return Asset.objects.values_list(*FIELDS).iterator(chunk_size=20_000)


def time_iterate() -> tuple[float, int]:
    started = time.perf_counter()
    count = 0
    for _row in rows():
        count += 1
    return time.perf_counter() - started, count


def clear_caches() -> None:
    from innohub.common.calendars import next_working_day
    from innohub.ip.deadlines import _cn_annual_fee

    next_working_day.cache_clear()
    _cn_annual_fee.cache_clear()


def time_compute() -> tuple[float, int]:
    from innohub.ip.conf import engine_rules
    from innohub.ip.deadlines import Facts, compute_for_status

    rules = engine_rules()
    clear_caches()
    started = time.perf_counter()
    deadlines = 0
    for asset_type, status, filed, granted, registered, published, priority, ext in rows():
        facts = Facts(asset_type, filed, granted, registered, published, priority, 0, ext)
        deadlines += len(compute_for_status(facts, status, rules))
    return time.perf_counter() - started, deadlines


def time_engine_only() -> float:
    from innohub.ip.conf import engine_rules
    from innohub.ip.deadlines import Facts, compute_for_status

    loaded = list(rows())
    rules = engine_rules()
    clear_caches()
    started = time.perf_counter()
    for asset_type, status, filed, granted, registered, published, priority, ext in loaded:
        compute_for_status(
            Facts(asset_type, filed, granted, registered, published, priority, 0, ext),
            status,
            rules,
        )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--assets", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    setup(args.database_url)
    from django.db import connection

    from innohub.common.calendars import calendar

    calendar("CN"), calendar("IL")  # the one-off load of the holiday tables is not the engine
    started = time.perf_counter()
    fill(args.assets)
    filled = time.perf_counter() - started
    iterate, count = min((time_iterate() for _ in range(2)), key=lambda r: r[0])
    compute, deadlines = time_compute()
    engine = time_engine_only()
    ratio = compute / iterate
    vendor = connection.vendor
    if vendor == "sqlite":
        vendor += f" {connection.Database.sqlite_version}"
    lines = [
        f"- date: {date.today().isoformat()}; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores (shared), Python {platform.python_version()}, "
        f"database {vendor}",
        f"- command: `.venv/bin/python bench/ip_deadlines.py --assets {args.assets}`",
        f"- assets: {count:,} (mix: "
        + ", ".join(f"{t} {w}%" for t, w in MIX)
        + f"); deadlines computed: {deadlines:,}; filling the table took {filled:.1f} s",
        "",
        "| step | seconds | µs per asset | × the limit |",
        "|---|---:|---:|---:|",
        f"| iterate the rows (the limit) | {iterate:.1f} | {iterate / count * 1e6:.1f} | 1.0 |",
        f"| iterate and compute every deadline | {compute:.1f} | {compute / count * 1e6:.1f} "
        f"| {ratio:.1f} |",
        f"| the engine alone (rows in memory) | {engine:.1f} | {engine / count * 1e6:.1f} "
        f"| {engine / iterate:.1f} |",
        "",
        "The engine is pure Python, one asset at a time; Chinese annual fees are cached per "
        "(filing date, year) and day-off shifts per day. Recomputing every deadline of a "
        f"national-scale portfolio takes {compute:.1f} s on one core, {ratio:.1f} times the "
        "time it takes just to read the rows.",
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        sys.path.insert(0, str(ROOT / "bench"))
        from results import write_section

        write_section(TITLE, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
