"""Events benchmark: the slot finder, and calendar and registration reads as data grows tenfold.

    .venv/bin/python bench/events.py [--events 20000] [--registrations 5000]

Runs on a throw-away SQLite database (or DATABASE_URL). Reports ratios measured in one run:
a query that uses its index should take about as long on ten times the rows (ratio near 1),
and the slot finder should grow linearly with the length of the range. Results go to
bench/RESULTS.md (section "Events").
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("INNOHUB_DATA_DIR", tempfile.mkdtemp(prefix="innohub-bench-events-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innohub.config.settings.base")


def best_of(fn: Callable[[], object], repeat: int = 7) -> float:
    """Median seconds of several runs after one warm-up."""
    fn()
    times = []
    for _i in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--registrations", type=int, default=5_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from results import write_section

    from innohub.accounts.models import User
    from innohub.events import selectors
    from innohub.events.models import Event, Registration
    from innohub.events.slots import slots_for_remote_session
    from innohub.network.models import Hub

    hub = Hub.objects.create(slug=f"bench-{time.time_ns()}", name={"en": "Bench hub"})
    other = Hub.objects.create(slug=f"bench-other-{time.time_ns()}", name={"en": "Other hub"})
    staff = User.objects.create(username=f"bench-{time.time_ns()}")
    start = datetime(2024, 1, 1, 6, tzinfo=UTC)

    def add_events(n: int, target: Hub, offset: int) -> list[Event]:
        rows = [
            Event(
                hub=target,
                slug=f"bench-{target.pk}-{offset + i}",
                kind="forum",
                title={"en": f"Event {offset + i}"},
                starts_at=start + timedelta(hours=7 * (offset + i)),
                ends_at=start + timedelta(hours=7 * (offset + i) + 2),
                venue_kind="online",
                is_generated=True,
            )
            for i in range(n)
        ]
        return Event.objects.bulk_create(rows, batch_size=2000)

    def month_query() -> int:
        return len(
            selectors.events_in_month(
                user=staff, year=2024, month=6, hub=hub.slug, zone="Asia/Shanghai"
            )
        )

    def upcoming_query() -> int:
        return len(selectors.upcoming_events_of_hub(hub=hub, user=staff))

    small = args.events // 10
    add_events(small, hub, 0)
    add_events(small, other, 0)
    month_small = best_of(month_query)
    upcoming_small = best_of(upcoming_query)
    add_events(args.events - small, hub, small)
    add_events(args.events - small, other, small)
    month_large = best_of(month_query)
    upcoming_large = best_of(upcoming_query)

    event = Event.objects.filter(hub=hub).order_by("pk").first()

    def add_registrations(n: int, offset: int) -> None:
        Registration.objects.bulk_create(
            [
                Registration(
                    event=event,
                    name=f"P {offset + i}",
                    email=f"p{offset + i}@example.org",
                    status="confirmed",
                    country="CN" if i % 3 else "IL",
                    language="en",
                    checked_in_at=start if i % 2 else None,
                    is_generated=True,
                )
                for i in range(n)
            ],
            batch_size=2000,
        )

    def registration_page() -> int:
        return len(list(selectors.registration_list(event=event)[:50]))

    def figures() -> int:
        return selectors.attendance_figures(event).confirmed

    add_registrations(args.registrations // 10, 0)
    page_small, figures_small = best_of(registration_page), best_of(figures, 3)
    add_registrations(args.registrations - args.registrations // 10, args.registrations)
    page_large, figures_large = best_of(registration_page), best_of(figures, 3)

    def slots(days: int) -> Callable[[], object]:
        return lambda: slots_for_remote_session(
            date_from=date(2025, 1, 6),
            date_to=date(2025, 1, 6) + timedelta(days=days - 1),
            minutes=60,
            countries=["CN", "IL"],
        )

    week = best_of(slots(7), 5)
    year = best_of(slots(365), 3)

    body = f"""
Machine: {platform.node()} ({platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}), shared.
Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Database: {django.db.connection.vendor}.
Command: `.venv/bin/python bench/events.py --events {args.events} --registrations {args.registrations}`

| measure | at 1× | at 10× | ratio (10× / 1×) | target |
|---|---|---|---|---|
| month of one hub's calendar ({small:,} → {args.events:,} events per hub) | {month_small * 1000:.1f} ms | {month_large * 1000:.1f} ms | {month_large / month_small:.2f} | ≤ 3 |
| a hub's upcoming events (hub page panel) | {upcoming_small * 1000:.1f} ms | {upcoming_large * 1000:.1f} ms | {upcoming_large / upcoming_small:.2f} | ≤ 3 |
| first page of an event's registrations ({args.registrations // 10:,} → {args.registrations:,}) | {page_small * 1000:.1f} ms | {page_large * 1000:.1f} ms | {page_large / page_small:.2f} | ≤ 3 |
| attendance figures of that event | {figures_small * 1000:.1f} ms | {figures_large * 1000:.1f} ms | {figures_large / figures_small:.2f} | ≤ 3 (counted in the database) |

Slot finder (CN + IL, 60 minutes, pure Python): one week {week * 1000:.1f} ms, one year
{year * 1000:.0f} ms; ratio {year / week:.1f} for 52× the days (linear, no database).
"""
    write_section("Events", body)
    print(body)


if __name__ == "__main__":
    main()
