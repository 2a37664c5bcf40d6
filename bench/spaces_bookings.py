"""Spaces at national scale: do bookings and the overlap guard stay fast with 1,000,000 of them?

Builds a private database (SQLite in a temporary data directory, or PostgreSQL when
DATABASE_URL is set), a hub with 200 shared rooms and 100 member organisations, then measures
the same reads and writes twice: with 10,000 bookings and with --bookings (1,000,000 by
default). What matters is the ratio large/small: close to 1 means the cost does not grow with
the table.

    .venv/bin/python bench/spaces_bookings.py [--bookings 1000000] [--repeat 15]
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

SMALL = 10_000
ROOMS = 200
ORGANISATIONS = 100
SLOTS = ((9, 11), (11, 13), (14, 16), (16, 18))  # four bookings a day a room


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

    def __init__(self, rooms, organisations, first_day: date) -> None:  # type: ignore[no-untyped-def]
        self.rooms = rooms
        self.organisations = organisations
        self.first_day = first_day
        self.count = 0

    def _row(self, n: int) -> tuple:
        room = self.rooms[n % len(self.rooms)]
        per_room = n // len(self.rooms)
        day = self.first_day + timedelta(days=per_room // len(SLOTS))
        start_hour, end_hour = SLOTS[per_room % len(SLOTS)]
        # Shanghai is UTC+8 all year.
        starts = datetime.combine(day, clock(start_hour), tzinfo=UTC) - timedelta(hours=8)
        ends = datetime.combine(day, clock(end_hour), tzinfo=UTC) - timedelta(hours=8)
        organisation = self.organisations[n % len(self.organisations)]
        from django.db import connection

        # Stored exactly as Django stores them (naive UTC text on SQLite).
        adapt = connection.ops.adapt_datetimefield_value
        now = adapt(datetime.now(UTC))
        return (
            now,
            now,
            room.pk,
            adapt(starts),
            adapt(ends),
            "confirmed",
            "meeting",
            f"Meeting {n}",
            5,
            organisation.pk,
            "",
            0,
            "",
            True,
        )

    def fill_to(self, total: int, batch: int = 20_000) -> float:
        from django.db import connection, transaction

        sql = (
            "INSERT INTO spaces_booking (created_at, updated_at, room_id, starts_at, ends_at, "
            "status, kind, title, attendance, organisation_id, note, sequence, "
            "cancellation_reason, is_generated) VALUES "
            "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        )
        started = time.perf_counter()
        while self.count < total:
            size = min(batch, total - self.count)
            rows = [self._row(n) for n in range(self.count, self.count + size)]
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            self.count += size
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE spaces_booking")
        return time.perf_counter() - started


def median_ms(operation: Callable[[], object], repeat: int) -> float:
    operation()  # warm caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measurements(hub, rooms, organisations, member, staff, filler, today):  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.test import Client

    from innohub.spaces import ical, selectors, services

    busy_room = rooms[7]
    client = Client()
    client.force_login(member)
    staff_client = Client()
    staff_client.force_login(staff)
    zone_today = today
    window_start = datetime.combine(zone_today, clock(1), tzinfo=UTC)

    def book_then_undo() -> None:
        # A real booking through the service and the guard, rolled back so every run is equal.
        with transaction.atomic():
            services.booking_create(
                room=busy_room,
                starts_at=window_start + timedelta(days=3, hours=11),
                ends_at=window_start + timedelta(days=3, hours=12),
                title="Bench",
                attendance=5,
                by=None,
                enforce_rules=False,
            )
            transaction.set_rollback(True)

    def refused_overlap() -> None:
        with transaction.atomic():
            with contextlib.suppress(ValidationError):
                services.booking_create(
                    room=busy_room,
                    starts_at=window_start + timedelta(days=3),
                    ends_at=window_start + timedelta(days=3, hours=2),
                    title="Clash",
                    attendance=5,
                    by=None,
                    enforce_rules=False,
                )
            transaction.set_rollback(True)

    def raw_insert_1000() -> None:
        from django.db import connection

        with transaction.atomic():
            saved = filler.count
            rows = [filler._row(n) for n in range(saved, saved + 1000)]
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO spaces_booking (created_at, updated_at, room_id, starts_at, "
                    "ends_at, status, kind, title, attendance, organisation_id, note, sequence, "
                    "cancellation_reason, is_generated) VALUES "
                    "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    rows,
                )
            transaction.set_rollback(True)

    def feed() -> None:
        now = datetime.now(UTC)
        bookings = busy_room.bookings.filter(
            starts_at__gte=now - timedelta(days=90), starts_at__lte=now + timedelta(days=400)
        ).select_related("organisation")
        ical.room_calendar(
            room=busy_room, bookings=bookings, domain="bench", shows_details=lambda b: True
        )

    free = selectors.RoomFilters(
        hub=hub,
        free_from=window_start + timedelta(hours=30),
        free_until=window_start + timedelta(hours=31),
    )
    return {
        "book a slot (service + guard)": lambda: book_then_undo(),
        "refuse an overlapping slot": lambda: refused_overlap(),
        "insert 1,000 rows past the guard": lambda: raw_insert_1000(),
        "room day slots": lambda: selectors.room_day_slots(room=busy_room, day=zone_today),
        "room week calendar": lambda: selectors.room_week(room=busy_room, first_day=zone_today),
        "rooms free for a window": lambda: list(selectors.rooms_bookable(user=staff, filters=free)),
        "room feed (iCalendar)": lambda: feed(),
        "member's bookings page (HTTP)": lambda: client.get("/spaces/bookings/"),
        "staff bookings page (HTTP)": lambda: staff_client.get(f"/spaces/bookings/?hub={hub.slug}"),
        "room page (HTTP)": lambda: client.get(f"/spaces/rooms/{busy_room.pk}/"),
        "occupancy page (HTTP)": lambda: staff_client.get(f"/spaces/hubs/{hub.slug}/occupancy/"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    hub, rooms, organisations, member, staff = build_hub()
    today = timezone.localdate()
    days_per_room = args.bookings // ROOMS // len(SLOTS)
    # Two thirds of the bookings in the past, one third to come.
    filler = Filler(rooms, organisations, today - timedelta(days=days_per_room * 2 // 3))
    # The small stage holds the bookings around today, as the large one will.
    filler.first_day = today - timedelta(days=SMALL // ROOMS // len(SLOTS) // 2)
    small_load = filler.fill_to(SMALL)
    small = {
        name: median_ms(op, args.repeat)
        for name, op in measurements(
            hub, rooms, organisations, member, staff, filler, today
        ).items()
    }
    # Grow the table backwards and forwards around the same weeks: start again from earlier.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM spaces_booking")
    filler.first_day = today - timedelta(days=days_per_room * 2 // 3)
    filler.count = 0
    large_load = filler.fill_to(args.bookings)
    large = {
        name: median_ms(op, args.repeat)
        for name, op in measurements(
            hub, rooms, organisations, member, staff, filler, today
        ).items()
    }

    print(f"# spaces_bookings — {datetime.now(UTC):%Y-%m-%d} — {connection.vendor}")
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(
        f"{ROOMS} rooms, {ORGANISATIONS} organisations; small = {SMALL:,} bookings "
        f"(loaded in {small_load:.1f} s), large = {args.bookings:,} (loaded in {large_load:.1f} s)"
    )
    print()
    print(f"| operation | {SMALL:,} (ms) | {args.bookings:,} (ms) | ratio |")
    print("|---|---:|---:|---:|")
    for name in small:
        ratio = large[name] / small[name] if small[name] else float("nan")
        print(f"| {name} | {small[name]:.2f} | {large[name]:.2f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
