"""Synthetic datasets for load tests: `innohub generate --scale small|medium|national [--seed N]`.

Each app contributes `innohub/<app>/generate.py` with `def generate(ctx: GenerateContext)`,
run in DEMO_APPS order through bulk inserts; the same seed gives the same dataset. Generated
rows skip change history (they were never edited) and are marked generated where the model
has such a flag.
"""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from innohub.common.demo import DEMO_APPS

SCALES: dict[str, dict[str, int]] = {
    "small": {
        "hubs": 6,
        "organisations": 1_200,
        "ip_assets": 6_000,
        "bookings": 6_000,
        "events": 240,
        "offers": 600,
    },
    "medium": {
        "hubs": 50,
        "organisations": 10_000,
        "ip_assets": 100_000,
        "bookings": 100_000,
        "events": 2_000,
        "offers": 5_000,
    },
    "national": {
        "hubs": 500,
        "organisations": 100_000,
        "ip_assets": 1_000_000,
        "bookings": 1_000_000,
        "events": 20_000,
        "offers": 50_000,
    },
}
BATCH = 5_000


@dataclass
class GenerateContext:
    scale: str
    sizes: dict[str, int]
    rng: random.Random
    today: date
    log: Callable[[str], None]
    ids: dict[str, list[int]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def chunks(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk_insert(model: Any, rows: Iterable[Any], size: int = BATCH) -> list[int]:
    """Insert model instances in batches; returns their primary keys in order.

    PostgreSQL loads them with COPY (ten times faster than INSERT at a million rows; the
    table's constraints, exclusion constraints included, still check every row); other
    databases use bulk_create.
    """
    pks: list[int] = []
    copy = connection.vendor == "postgresql"
    for batch in chunks(rows, size):
        if copy:
            pks.extend(_copy_insert(model, batch))
            continue
        created = model.objects.bulk_create(batch, batch_size=size)
        if created and created[0].pk is None:  # backends that cannot return ids
            last = model.objects.order_by("-pk").values_list("pk", flat=True)[: len(created)]
            pks.extend(reversed(list(last)))
        else:
            pks.extend(obj.pk for obj in created)
    return pks


def _copy_insert(model: Any, objs: list[Any]) -> list[int]:
    """COPY the instances into the model's table, their ids drawn from its sequence first."""
    conn = connections[DEFAULT_DB_ALIAS]  # not the proxy: it is read once per value below
    opts = model._meta
    pk = opts.pk
    fields = [f for f in opts.concrete_fields if not f.generated]
    table = conn.ops.quote_name(opts.db_table)
    columns = ", ".join(conn.ops.quote_name(f.column) for f in fields)
    with conn.cursor() as cursor:
        missing = [obj for obj in objs if obj.pk is None]
        if missing:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [opts.db_table, pk.column, len(missing)],
            )
            for obj, (value,) in zip(missing, cursor.fetchall(), strict=True):
                obj.pk = value
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), conn) for f in fields])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = conn.alias
    return [obj.pk for obj in objs]


def _generators() -> list[tuple[str, Callable[[GenerateContext], None]]]:
    found = []
    for app in DEMO_APPS:
        try:
            module = importlib.import_module(f"innohub.{app}.generate")
        except ModuleNotFoundError as exc:
            if exc.name != f"innohub.{app}.generate":
                raise
            continue
        found.append((app, module.generate))
    return found


def generate(
    *, scale: str, seed: int = 1, log: Callable[[str], None] = print, today: date | None = None
) -> GenerateContext:
    from django.utils import timezone

    from innohub.network.models import Hub

    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; use one of {sorted(SCALES)}")
    if Hub.all_objects.filter(slug__startswith="gen-hub-").exists():
        raise ValueError("this database already holds a generated dataset; start from an empty one")
    ctx = GenerateContext(
        scale=scale,
        sizes=SCALES[scale],
        rng=random.Random(seed),
        today=today or timezone.localdate(),
        log=log,
    )
    started = time.perf_counter()
    for app, run in _generators():
        app_started = time.perf_counter()
        with transaction.atomic():
            run(ctx)
        ctx.timings[app] = time.perf_counter() - app_started
        log(f"  {app}: {ctx.timings[app]:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    ctx.timings["total"] = time.perf_counter() - started
    log(f"generated the {scale} dataset in {ctx.timings['total']:.1f} s")
    return ctx
