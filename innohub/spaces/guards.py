"""The database's own guarantee that rooms are never double-booked or double-let.

PostgreSQL: exclusion constraints over (room, time range), which need the btree_gist
extension. SQLite: BEFORE INSERT/UPDATE triggers that abort the statement; SQLite runs one
writer at a time (innohub opens every transaction with BEGIN IMMEDIATE), so a trigger's check
and the write it guards cannot interleave with another writer.

Both name the rule in their error so that the services can tell it apart from other integrity
errors: see BOOKING_GUARD and LEASE_GUARD.
"""

from __future__ import annotations

from typing import Any

BOOKING_GUARD = "spaces_booking_no_overlap"
LEASE_GUARD = "spaces_leaseroom_no_overlap"
BOOKING_TOO_LONG = "spaces_booking_too_long"

# The longest booking the guard accepts; it keeps the SQLite overlap check a bounded scan.
MAX_BOOKING_DAYS = 14

POSTGRES_INSTALL = [
    f"""
    ALTER TABLE spaces_booking ADD CONSTRAINT {BOOKING_GUARD}
    EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    WHERE (status = 'confirmed' AND deleted_at IS NULL)
    """,
    f"""
    ALTER TABLE spaces_leaseroom ADD CONSTRAINT {LEASE_GUARD}
    EXCLUDE USING gist (room_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
    WHERE (is_active)
    """,
]
POSTGRES_REMOVE = [
    f"ALTER TABLE spaces_booking DROP CONSTRAINT IF EXISTS {BOOKING_GUARD}",
    f"ALTER TABLE spaces_leaseroom DROP CONSTRAINT IF EXISTS {LEASE_GUARD}",
]

# Django stores SQLite datetimes as UTC text 'YYYY-MM-DD HH:MM:SS[.ffffff]' and dates as
# 'YYYY-MM-DD', so text comparison orders them correctly. A booking may not be longer than
# MAX_BOOKING_DAYS, which bounds the scan to the bookings starting in the window before it.
_BOOKING_CHECK = f"""
    SELECT RAISE(ABORT, '{BOOKING_TOO_LONG}')
    WHERE NEW.status = 'confirmed' AND NEW.deleted_at IS NULL
      AND julianday(NEW.ends_at) - julianday(NEW.starts_at) > {MAX_BOOKING_DAYS};
    SELECT RAISE(ABORT, '{BOOKING_GUARD}')
    WHERE NEW.status = 'confirmed' AND NEW.deleted_at IS NULL
      AND EXISTS (
        SELECT 1 FROM spaces_booking AS other
        WHERE other.room_id = NEW.room_id
          AND other.id IS NOT NEW.id
          AND other.status = 'confirmed'
          AND other.deleted_at IS NULL
          AND other.starts_at < NEW.ends_at
          AND other.starts_at >= datetime(NEW.starts_at, '-{MAX_BOOKING_DAYS} days')
          AND other.ends_at > NEW.starts_at
      );
"""  # noqa: S608 - built from constants only
_LEASE_CHECK = f"""
    SELECT RAISE(ABORT, '{LEASE_GUARD}')
    WHERE NEW.is_active
      AND EXISTS (
        SELECT 1 FROM spaces_leaseroom AS other
        WHERE other.room_id = NEW.room_id
          AND other.id IS NOT NEW.id
          AND other.is_active
          AND other.starts_on <= NEW.ends_on
          AND other.ends_on >= NEW.starts_on
      );
"""  # noqa: S608 - built from constants only
SQLITE_TRIGGERS = {
    f"{BOOKING_GUARD}_insert": f"BEFORE INSERT ON spaces_booking BEGIN {_BOOKING_CHECK} END",
    f"{BOOKING_GUARD}_update": f"BEFORE UPDATE ON spaces_booking BEGIN {_BOOKING_CHECK} END",
    f"{LEASE_GUARD}_insert": f"BEFORE INSERT ON spaces_leaseroom BEGIN {_LEASE_CHECK} END",
    f"{LEASE_GUARD}_update": f"BEFORE UPDATE ON spaces_leaseroom BEGIN {_LEASE_CHECK} END",
}


def install(connection: Any) -> None:
    """Create the guards on this connection's database (idempotent on SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE conname IN (%s, %s)",
                [BOOKING_GUARD, LEASE_GUARD],
            )
            present = {row[0] for row in cursor.fetchall()}
            for name, sql in zip((BOOKING_GUARD, LEASE_GUARD), POSTGRES_INSTALL, strict=True):
                if name not in present:
                    cursor.execute(sql)
        elif connection.vendor == "sqlite":
            for name, body in SQLITE_TRIGGERS.items():
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        else:  # pragma: no cover - innohub supports PostgreSQL and SQLite only
            raise NotImplementedError(f"No overlap guard for the {connection.vendor} database.")


def remove(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in POSTGRES_REMOVE:
                cursor.execute(sql)
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def installed(connection: Any) -> set[str]:
    """Names of the guards present in the database (for tests and `readyz`-style checks)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE conname IN (%s, %s)",
                [BOOKING_GUARD, LEASE_GUARD],
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = {row[0] for row in cursor.fetchall()}
    if connection.vendor == "postgresql":
        return names
    return {name for name in SQLITE_TRIGGERS if name in names}


def is_violation(exc: BaseException, guard: str) -> bool:
    """True when an IntegrityError came from the named guard (either database)."""
    text = f"{exc} {exc.__cause__ or ''}"
    return guard in text


def is_guard_deadlock(exc: BaseException) -> bool:
    """True when PostgreSQL aborted one of two racing writes while checking an exclusion
    constraint (a deadlock, not a violation: the writes must be tried again)."""
    text = f"{exc} {exc.__cause__ or ''}"
    return "deadlock detected" in text and "exclusion constraint" in text
