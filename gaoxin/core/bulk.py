"""Fast set-based writes for imports: one ``executemany`` per batch, from plain values, no model instances.

The ORM's ``bulk_create`` compiles SQL per row and, on SQLite, splits batches at 999 parameters; for 100,000 rows
that costs a minute. Here values arrive already typed (Decimal, int, str, date, dict/list for JSON), and only the
types the driver cannot take as they are (JSON, datetimes) are prepared, by the field's own ``get_db_prep_save``.
``INSERT … ON CONFLICT (…) DO UPDATE`` is understood by both SQLite (≥ 3.24) and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

BATCH = 5000
Row = Sequence[Any]


def _preparer(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """None when the driver takes the Python value as it is."""
    if not isinstance(field, models.JSONField | models.DateTimeField | models.DateField | models.UUIDField):
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    last: list[Any] = [None, None]  # a batch often repeats one value (the same "now"): prepare it once

    def prepare(value: Any) -> Any:
        if value is None:
            return None
        if value is not last[0]:
            last[:] = [value, field.get_db_prep_save(value, connection)]
        return last[1]

    return prepare


def _prepared(fields: Sequence[models.Field[Any, Any]], rows: Iterable[Row]) -> Iterable[list[Any]]:
    plan = [(i, p) for i, f in enumerate(fields) if (p := _preparer(f)) is not None]
    for row in rows:
        values = list(row)
        for i, prepare in plan:
            values[i] = prepare(values[i])
        yield values


def _execute(sql: str, fields: Sequence[models.Field[Any, Any]], rows: Iterable[Row]) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for values in _prepared(fields, rows):
            batch.append(values)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _fields(model: type[models.Model], names: Sequence[str]) -> list[models.Field[Any, Any]]:
    return [model._meta.get_field(name) for name in names]  # type: ignore[misc]


def _insert_sql(model: type[models.Model], fields: Sequence[models.Field[Any, Any]]) -> str:
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    return "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )


def insert(model: type[models.Model], names: Sequence[str], rows: Iterable[Row]) -> None:
    """Insert rows given as values of the fields ``names`` (ids are assigned by the database, not read back)."""
    fields = _fields(model, names)
    _execute(_insert_sql(model, fields), fields, rows)


def upsert(
    model: type[models.Model],
    names: Sequence[str],
    rows: Iterable[Row],
    *,
    unique_fields: Sequence[str],
    update_fields: Sequence[str],
) -> None:
    """Insert rows, or update ``update_fields`` of the existing row with the same ``unique_fields``."""
    fields = _fields(model, names)
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    unique = [f.column for f in _fields(model, unique_fields)]
    update = [f.column for f in _fields(model, update_fields)]
    sql = "{} ON CONFLICT ({}) DO UPDATE SET {}".format(
        _insert_sql(model, fields),
        ", ".join(quote(c) for c in unique),
        ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in update),
    )
    _execute(sql, fields, rows)
