"""Spaces at national scale: do bookings and the overlap guard stay fast with 1,000,000 of them?

Builds a private database (SQLite in a temporary data directory, or PostgreSQL when
DATABASE_URL is set), a hub with 200 shared rooms and 100 member organisations, each room
booked four times a day. The "small" stage holds the weeks around today that the pages and
feeds look at (from 35 days back to 185 days ahead); the "large" stage adds years of history
until the table holds --bookings rows (1,000,000 by default). The same reads and writes are
timed in both: a ratio large/small close to 1 means the cost does not grow with the table.

    .venv/bin/python bench/spaces_bookings.py [--bookings 1000000] [--repeat 11]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOMS = 200
ORGANISATIONS = 100
SLOTS = ((9, 11), (11, 13), (14, 16), (16, 18))  # four bookings a day a room
AROUND_TODAY = (-35, 185)  # the days the pages and the feeds read
INSERT = (
    "INSERT INTO spaces_booking (created_at, updated_at, room_id, starts_at, ends_at, status, "
    "kind, title, attendance, organisation_id, note, sequence, cancellation_reason, "
    "is_generated) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)


def setup_django() -> None:
    os.environ.setdefault("INNOHUB_DATA_DIR", tempfile.mkdtemp(prefix="innohub-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innohub.config.settings.base")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_hub():  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from innohub.accounts.models import RoleKind
    from innohub.common.testing import grant, make_hub, make_org, make_user
    from innohub.spaces import services

    hub = make_hub("bench-hub")
    site = services.site_create(hub=hub, name={"en": "Bench campus"})
    building = services.building_create(site=site, code="B", name={"en": "Bench building"})
    rooms = []
    for level in range(1, 11):
        floor = services.floor_create(building=building, level=level)
        for index in range(ROOMS // 10):
            rooms.append(
                services.room_create(
                    floor=floor,
                    code=f"B-{level}{index:02d}",
                    kind="meeting",
                    area_m2=Decimal(40),
                    capacity=20,
                    in_service_from=date(2000, 1, 1),
                )
            )
    organisations = [
        make_org({"en": f"Bench member {i}"}, hub=hub, since=date(2000, 1, 3))
        for i in range(ORGANISATIONS)
    ]
    member = grant(make_user("bench-member"), RoleKind.MEMBER, organisation=organisations[0])
    staff = grant(make_user("bench-staff"), RoleKind.HUB_STAFF, hub=hub)
    return hub, rooms, organisations, member, staff


class Filler:
    """Inserts non-overlapping bookings straight into the table, the guard checking each one."""

    def __init__(self, rooms, organisations) -> None:  # type: ignore[no-untyped-def]
        self.rooms = rooms
        self.organisations = organisations
        self.count = 0

    def rows_for_day(self, day: date) -> list[tuple]:
        from django.db import connection

        # Stored exactly as Django stores them (naive UTC text on SQLite).
        adapt = connection.ops.adapt_datetimefield_value
        now = adapt(datetime.now(UTC))
        rows = []
        for index, room in enumerate(self.rooms):
            for start_hour, end_hour in SLOTS:
                # Shanghai is UTC+8 all year.
                starts = datetime.combine(day, clock(start_hour), tzinfo=UTC) - timedelta(hours=8)
                ends = datetime.combine(day, clock(end_hour), tzinfo=UTC) - timedelta(hours=8)
                organisation = self.organisations[(index + start_hour) % len(self.organisations)]
                rows.append(
                    (
                        now,
                        now,
                        room.pk,
                        adapt(starts),
                        adapt(ends),
                        "confirmed",
                        "meeting",
                        f"Meeting {day} {start_hour}",
                        5,
                        organisation.pk,
                        "",
                        0,
                        "",
                        True,
                    )
                )
        return rows

    def fill_days(self, days: list[date]) -> float:
        from django.db import connection, transaction

        started = time.perf_counter()
        for first in range(0, len(days), 20):
            rows = [row for day in days[first : first + 20] for row in self.rows_for_day(day)]
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(INSERT, rows)
            self.count += len(rows)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "ANALYZE spaces_booking")
        return time.perf_counter() - started


def median_ms(operation: Callable[[], object], repeat: int) -> float:
    operation()  # warm caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measurements(hub, rooms, member, staff, filler, today):  # type: ignore[no-untyped-def]
    from django.core.cache import cache
    from django.core.exceptions import ValidationError
    from django.db import connection, transaction
    from django.test import Client

    from innohub.spaces import selectors, services

    busy_room = rooms[7]
    client = Client()
    client.force_login(member)
    staff_client = Client()
    staff_client.force_login(staff)
    in_three_days = datetime.combine(today + timedelta(days=3), clock(0), tzinfo=UTC)

    def book_then_undo() -> None:
        # A real booking through the service and the guard, rolled back so every run is equal:
        # 20:00–21:00 Shanghai time is free (bookings end at 18:00).
        with transaction.atomic():
            services.booking_create(
                room=busy_room,
                starts_at=in_three_days + timedelta(hours=12),
                ends_at=in_three_days + timedelta(hours=13),
                title="Bench",
                attendance=5,
                by=None,
                enforce_rules=False,
            )
            transaction.set_rollback(True)

    def refused_overlap() -> None:
        # 09:30–10:30 Shanghai time meets the 09:00–11:00 booking.
        with transaction.atomic(), contextlib.suppress(ValidationError):
            services.booking_create(
                room=busy_room,
                starts_at=in_three_days + timedelta(hours=1, minutes=30),
                ends_at=in_three_days + timedelta(hours=2, minutes=30),
                title="Clash",
                attendance=5,
                by=None,
                enforce_rules=False,
            )

    def raw_insert_1000() -> None:
        # Five days beyond the loaded ones (200 rooms × 4 slots = 800 rows a day).
        after = today + timedelta(days=AROUND_TODAY[1] + 1)
        rows = [row for n in range(2) for row in filler.rows_for_day(after + timedelta(days=n))]
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.executemany(INSERT, rows[:1000])
            transaction.set_rollback(True)

    def feed_first_render() -> None:
        cache.clear()
        client.get(f"/spaces/rooms/{busy_room.pk}/calendar.ics")

    free = selectors.RoomFilters(
        hub=hub,
        free_from=in_three_days + timedelta(hours=6),
        free_until=in_three_days + timedelta(hours=7),
    )
    return {
        "book a slot (service + guard)": book_then_undo,
        "refuse an overlapping slot": refused_overlap,
        "insert 1,000 rows past the guard": raw_insert_1000,
        "room day slots": lambda: selectors.room_day_slots(room=busy_room, day=today),
        "room week calendar": lambda: selectors.room_week(room=busy_room, first_day=today),
        "rooms free for a window": lambda: list(selectors.rooms_bookable(user=staff, filters=free)),
        "room feed, first render (HTTP)": feed_first_render,
        "room feed, cached (HTTP)": lambda: client.get(
            f"/spaces/rooms/{busy_room.pk}/calendar.ics"
        ),
        "member's bookings page (HTTP)": lambda: client.get("/spaces/bookings/"),
        "staff bookings page (HTTP)": lambda: staff_client.get(f"/spaces/bookings/?hub={hub.slug}"),
        "room page (HTTP)": lambda: client.get(f"/spaces/rooms/{busy_room.pk}/"),
        "occupancy page (HTTP)": lambda: staff_client.get(f"/spaces/hubs/{hub.slug}/occupancy/"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    hub, rooms, organisations, member, staff = build_hub()
    today = timezone.localdate()
    filler = Filler(rooms, organisations)
    around = [today + timedelta(days=n) for n in range(AROUND_TODAY[0], AROUND_TODAY[1] + 1)]
    small_load = filler.fill_days(around)
    small_count = filler.count
    small = {
        name: median_ms(op, args.repeat)
        for name, op in measurements(hub, rooms, member, staff, filler, today).items()
    }
    per_day = ROOMS * len(SLOTS)
    history_days = max(0, (args.bookings - small_count) // per_day)
    first = around[0] - timedelta(days=history_days)
    large_load = filler.fill_days([first + timedelta(days=n) for n in range(history_days)])
    large = {
        name: median_ms(op, args.repeat)
        for name, op in measurements(hub, rooms, member, staff, filler, today).items()
    }

    print(f"# spaces_bookings — {datetime.now(UTC):%Y-%m-%d} — {connection.vendor}")
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(
        f"{ROOMS} rooms, {ORGANISATIONS} organisations, {len(SLOTS)} bookings a room a day; "
        f"small = {small_count:,} bookings around today (loaded in {small_load:.0f} s), "
        f"large = {filler.count:,} with {history_days} days of history "
        f"(loaded in {large_load:.0f} s more)"
    )
    print()
    print(f"| operation | {small_count:,} (ms) | {filler.count:,} (ms) | ratio |")
    print("|---|---:|---:|---:|")
    for name in small:
        ratio = large[name] / small[name] if small[name] else float("nan")
        print(f"| {name} | {small[name]:.2f} | {large[name]:.2f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
