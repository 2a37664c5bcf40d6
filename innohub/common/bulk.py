"""Fast inserts for imports: rows and their django-simple-history records in a few statements.

Django's bulk_create compiles every value of every row through the query compiler; for an
import of tens of thousands of rows that is most of the time. These helpers prepare each
value once with the field's own `get_db_prep_save` (so the stored form is exactly Django's),
prepare values that repeat across rows (timestamps, flags, empty fields) only once, and send
multi-row INSERTs (with RETURNING for the new ids on PostgreSQL and SQLite ≥ 3.35). They fall
back to Django's bulk_create where the database cannot return ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db import connections, models, router
from django.db.models.fields import DateField, DateTimeField
from django.utils import timezone

# Fields whose plain Python values (str, int, bool, None) go to the database unchanged.
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.ForeignKey,
)
_PLAIN_TYPES = (str, int, bool, type(None))


def _preparer(field: models.Field, connection: Any) -> Any:
    """A function value → database value for one field, as cheap as the field allows."""
    prepare = field.get_db_prep_save
    if isinstance(field, _PLAIN_FIELDS) and not isinstance(field, models.JSONField):

        def plain(value: Any) -> Any:
            return value if type(value) in _PLAIN_TYPES else prepare(value, connection)

        return plain
    if isinstance(field, DateField | DateTimeField):  # DateTimeField is a DateField too
        memo: dict[Any, Any] = {}

        def remembered(value: Any) -> Any:
            try:
                return memo[value]
            except KeyError:
                memo[value] = prepared = prepare(value, connection)
                return prepared

        return remembered
    return lambda value: prepare(value, connection)


def insert_rows(
    model: type[models.Model], rows: Sequence[dict[str, Any]], *, returning: bool = False
) -> list[Any]:
    """INSERT the rows (attname → Python value) of `model`; the new primary keys if asked.

    Every row must name the same attnames; the auto primary key is left to the database.
    """
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    attnames = list(rows[0])
    fields = [by_attname[name] for name in attnames]
    preparers = [(name, _preparer(by_attname[name], connection)) for name in attnames]
    values = [[prepare(row[name]) for name, prepare in preparers] for row in rows]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    pk_column = quote(model._meta.pk.column)
    batch = max(1, min(1000, connection.ops.bulk_batch_size(fields, rows)))
    ids: list[Any] = []
    with connection.cursor() as cursor:
        if not returning:
            # Table and column names come from the model, never from input.
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES {one}", values)  # noqa: S608
            return []
        for start in range(0, len(values), batch):
            chunk = values[start : start + batch]
            sql = (
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(chunk))} "  # noqa: S608
                f"RETURNING {table}.{pk_column}"
            )
            cursor.execute(sql, [value for row in chunk for value in row])
            ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _row(obj: models.Model, fields: Iterable[models.Field]) -> dict[str, Any]:
    return {field.attname: getattr(obj, field.attname) for field in fields}


def create_with_history(
    objs: Sequence[models.Model],
    model: type[models.Model],
    *,
    user: Any = None,
    reason: str = "",
    when: datetime | None = None,
) -> list[models.Model]:
    """Insert new objects (their ids are set) and one '+' history record for each.

    The equivalent of simple_history's bulk_create_with_history, in a few statements.
    """
    if not objs:
        return list(objs)
    connection = connections[router.db_for_write(model)]
    if not connection.features.can_return_rows_from_bulk_insert:
        from simple_history.utils import bulk_create_with_history

        return bulk_create_with_history(
            objs, model, default_user=user, default_change_reason=reason, default_date=when
        )
    when = when or timezone.now()
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField))
    ]
    for obj in objs:
        for field in fields:
            if isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add):
                setattr(obj, field.attname, when)
    ids = insert_rows(model, [_row(obj, fields) for obj in objs], returning=True)
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    history_create(objs, model, user=user, reason=reason, when=when, history_type="+")
    return list(objs)


def history_create(
    objs: Sequence[models.Model],
    model: type[models.Model],
    *,
    user: Any = None,
    reason: str = "",
    when: datetime | None = None,
    history_type: str = "~",
) -> None:
    """One history record per object as it is now ('+' created, '~' changed)."""
    history_model = model.history.model  # type: ignore[attr-defined]
    tracked = history_model.tracked_fields
    when = when or timezone.now()
    user_id = getattr(user, "pk", None)
    rows = []
    for obj in objs:
        row = {field.attname: getattr(obj, field.attname) for field in tracked}
        row |= {
            "history_date": when,
            "history_change_reason": reason,
            "history_type": history_type,
            "history_user_id": user_id,
        }
        rows.append(row)
    insert_rows(history_model, rows)
