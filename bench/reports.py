"""Dashboard and report speed on a generated dataset (`innohub generate`).

One run: generate a dataset (small by default; `--scale medium` or `national` for the large
ones), then time for its largest hub the hub dashboard with an empty cache and from the cache,
the network dashboard with an empty cache, the figures API, the annual report page, its PDF and
its XLSX. Each median is sampled in turn with a fixed pure-Python work unit and given as a
multiple of it (the machine is shared and its speed drifts). Results go to bench/RESULTS.md.

    .venv/bin/python bench/reports.py [--scale small|medium|national]
    DATABASE_URL=postgres://... .venv/bin/python bench/reports.py --scale medium
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("INNOHUB_DATA_DIR", tempfile.mkdtemp(prefix="bench-reports-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innohub.config.settings.base")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from results import write_section  # noqa: E402

from innohub.accounts.models import Role, RoleKind, User  # noqa: E402
from innohub.network.models import Hub  # noqa: E402


def work_unit() -> float:
    """A fixed amount of pure-Python work, timed now (the yardstick for every figure)."""
    started = time.perf_counter()
    total = 0
    for i in range(400_000):
        total += i % 7
    return time.perf_counter() - started


def sample(action, *, repeat: int, cold: bool) -> tuple[float, float, int]:
    """Median seconds, median multiple of the work unit, queries of the last run."""
    seconds, ratios, queries = [], [], 0
    for _ in range(repeat):
        if cold:
            cache.clear()
        unit = work_unit()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = action()
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        seconds.append(elapsed)
        ratios.append(elapsed / unit)
        queries = len(captured.captured_queries)
    return statistics.median(seconds), statistics.median(ratios), queries


def user_with_role(username: str, **role) -> User:
    user = User.objects.create_user(username=username, password="bench-password")  # noqa: S106
    Role.objects.create(user=user, **role)
    return user


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="small", choices=["small", "medium", "national"])
    args = parser.parse_args()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    from innohub.common.generate import generate

    started = time.perf_counter()
    generate(scale=args.scale, seed=1, log=lambda line: None)
    built = time.perf_counter() - started
    hub = Hub.objects.annotate(n=Count("memberships")).order_by("-n", "pk").first()
    staff, admin = Client(), Client()
    staff.force_login(user_with_role("bench-staff", kind=RoleKind.HUB_STAFF, hub=hub))
    admin.force_login(user_with_role("bench-network", kind=RoleKind.NETWORK_ADMIN))
    today = datetime.now(UTC).date()
    period = f"start={today.replace(year=today.year - 1)}&end={today}"
    base = f"/reports/hubs/{hub.slug}"
    cases = {
        "hub dashboard, empty cache": (lambda: staff.get(f"{base}/"), 5, True),
        "hub dashboard, cached": (lambda: staff.get(f"{base}/"), 5, False),
        "figures API, empty cache": (
            lambda: staff.get(f"/api/v1/reports/hubs/{hub.slug}/figures"),
            5,
            True,
        ),
        "annual report page (en), empty cache": (
            lambda: staff.get(f"{base}/annual/?{period}&lang=en"),
            3,
            True,
        ),
        "annual report PDF (he), empty cache": (
            lambda: staff.get(f"{base}/annual.pdf?{period}&lang=he"),
            3,
            True,
        ),
        "annual report XLSX (zh-hans), cached": (
            lambda: staff.get(f"{base}/annual.xlsx?{period}&lang=zh-hans"),
            3,
            False,
        ),
        "network dashboard, empty cache": (lambda: admin.get("/reports/network/"), 3, True),
        "network dashboard, cached": (lambda: admin.get("/reports/network/"), 3, False),
    }
    results = {
        name: sample(action, repeat=n, cold=cold) for name, (action, n, cold) in cases.items()
    }
    lines = [f"{'':40} {'ms':>9} {'× unit':>8} {'queries':>8}"]
    for name, (seconds, ratio, queries) in results.items():
        lines.append(f"{name:40} {seconds * 1000:9.1f} {ratio:8.1f} {queries:>8}")
    table = "\n".join(lines)
    hubs = Hub.objects.count()
    print(f"database: {connection.vendor}; {args.scale} dataset built in {built:.0f} s")
    print(table)
    write_section(
        f"Reports ({connection.vendor}, {args.scale})",
        f"""Machine: {platform.machine()}, {os.cpu_count()} cores shared with other work, Python
{platform.python_version()}, {connection.vendor}. Date: {datetime.now(UTC):%Y-%m-%d}.
Command: `.venv/bin/python bench/reports.py --scale {args.scale}` (PostgreSQL: with
`DATABASE_URL`).

The {args.scale} generated dataset ({hubs} hubs), its largest hub ({hub.slug}). Medians,
each sampled in turn with a fixed pure-Python work unit and given as a multiple of it.
"Empty cache" clears Django's cache before every request (the figures and charts are computed);
"cached" is what viewers get within the 5 minutes a dashboard may be old.

```
{table}
```
""",
    )


if __name__ == "__main__":
    main()
