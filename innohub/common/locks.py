"""Run scheduled work on one node at a time: `with exclusive("remind") as mine: ...`.

Several app servers may each carry the same timers (`innohub remind`, `lease_reminders`,
`reindex`, report rendering). On PostgreSQL the lock is a session-level advisory lock on the
primary, so it is shared by every node of the deployment and released even if the process
dies. On SQLite every node is the one machine that holds the database file, so an exclusive
`flock` on a file next to it does the same. A run that finds the lock taken does nothing: the
other node is doing the work right now, and the work is idempotent anyway.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
from collections.abc import Iterator

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from innohub.common.replicas import primary_reads


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_lock (the same on every node and release)."""
    digest = hashlib.blake2b(f"innohub:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextlib.contextmanager
def exclusive(name: str, *, wait: bool = False) -> Iterator[bool]:
    """Hold the lock called `name` for the block; yields False when another node holds it.

    With wait=True the block waits for the lock instead and always gets True. Reads inside the
    block go to the primary: the work decides what to write from them.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        key = lock_key(name)
        with connection.cursor() as cursor:
            if wait:
                cursor.execute("SELECT pg_advisory_lock(%s)", [key])
                acquired = True
            else:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
                acquired = bool(cursor.fetchone()[0])
        try:
            with primary_reads():
                yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    directory = settings.DATA_DIR / "locks"
    directory.mkdir(exist_ok=True)
    with open(directory / f"{name}.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            with primary_reads():
                yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
