"""Fast set-based writes for imports: one ``executemany`` per batch, from plain values, no model instances.

The ORM's ``bulk_create`` compiles SQL per row and, on SQLite, splits batches at 999 parameters; for 100,000 rows
that costs a minute. Here values arrive already typed (Decimal, int, str, date, dict/list for JSON), and only the
types the driver cannot take as they are (JSON, datetimes) are prepared, by the field's own ``get_db_prep_save``.
``INSERT … ON CONFLICT (…) DO UPDATE`` is understood by both SQLite (≥ 3.24) and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

BATCH = 5000
Row = Sequence[Any]
Progress = Callable[[int], None]  # rows written so far


class EncodedJSON(str):
    """A JSON document already encoded as text: written to a JSON column as it is (no second encoding)."""

    __slots__ = ()


def _preparer(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """None when the driver takes the Python value as it is."""
    if not isinstance(field, models.JSONField | models.DateTimeField | models.DateField | models.UUIDField):
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    last: list[Any] = [None, None]  # a batch often repeats one value (the same "now"): prepare it once

    def prepare(value: Any) -> Any:
        if value is None or type(value) is EncodedJSON:
            return value
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


def _batches(prepared: Iterable[list[Any]], progress: Progress | None) -> Iterable[list[list[Any]]]:
    """``BATCH`` rows at a time; ``progress(rows written)`` after each batch is written."""
    done = 0
    iterator = iter(prepared)
    while batch := list(islice(iterator, BATCH)):
        yield batch
        done += len(batch)
        if progress is not None:
            progress(done)


def _execute(
    model: type[models.Model],
    fields: Sequence[models.Field[Any, Any]],
    rows: Iterable[Row],
    *,
    statement: str,
    from_staging: str | None = None,
    progress: Progress | None = None,
) -> None:
    """Write every row, ``BATCH`` rows at a time.

    SQLite takes ``executemany`` of ``statement`` (one row's values as its parameters) at full speed. On PostgreSQL
    a statement per row costs a round trip per row, so the rows are streamed with COPY — straight into the table
    when ``from_staging`` is None, else into a temporary table ``{staging}`` that ``from_staging`` then applies
    in one statement. ``progress(rows written)`` is called between batches, never during a COPY (the connection
    is busy until it ends, and a query made by the progress report would wait for ever).
    """
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    prepared = _prepared(fields, rows)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            for batch in _batches(prepared, progress):
                cursor.executemany(statement, batch)
            return
        staging = quote(f"bulk_{model._meta.db_table}") if from_staging else table
        if from_staging:
            cursor.execute(f"CREATE TEMP TABLE {staging} AS SELECT {columns} FROM {table} WITH NO DATA")
        try:
            for batch in _batches(prepared, progress):
                with cursor.cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
                    for values in batch:
                        copy.write_row(values)
            if from_staging:
                cursor.execute(from_staging.format(staging=staging))
        finally:
            if from_staging:
                cursor.execute(f"DROP TABLE IF EXISTS {staging}")


def _insert_statement(model: type[models.Model], fields: Sequence[models.Field[Any, Any]]) -> str:
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"


def _fields(model: type[models.Model], names: Sequence[str]) -> list[models.Field[Any, Any]]:
    return [model._meta.get_field(name) for name in names]  # type: ignore[misc]


def insert(
    model: type[models.Model], names: Sequence[str], rows: Iterable[Row], *, progress: Progress | None = None
) -> None:
    """Insert rows given as values of the fields ``names`` (ids are assigned by the database, not read back)."""
    fields = _fields(model, names)
    _execute(model, fields, rows, statement=_insert_statement(model, fields), progress=progress)


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
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    unique = [f.column for f in _fields(model, unique_fields)]
    update = [f.column for f in _fields(model, update_fields)]
    suffix = " ON CONFLICT ({}) DO UPDATE SET {}".format(
        ", ".join(quote(c) for c in unique),
        ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in update),
    )
    _execute(
        model,
        fields,
        rows,
        statement=_insert_statement(model, fields) + suffix,
        from_staging=f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {{staging}}{suffix}",
    )


def update(model: type[models.Model], names: Sequence[str], rows: Iterable[Row]) -> None:
    """Set the fields ``names`` of existing rows, each row given as (primary key, *values of ``names``)."""
    fields = _fields(model, [*names, model._meta.pk.name])
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    table = quote(model._meta.db_table)
    *columns, key = (quote(f.column) for f in fields)
    _execute(
        model,
        fields,
        ([*row[1:], row[0]] for row in rows),  # the key last: the parameter of the statement's WHERE
        statement="UPDATE {} SET {} WHERE {} = %s".format(
            table, ", ".join(f"{c} = %s" for c in columns), key
        ),
        from_staging="UPDATE {t} SET {sets} FROM {{staging}} AS s WHERE {t}.{key} = s.{key}".format(
            t=table, sets=", ".join(f"{c} = s.{c}" for c in columns), key=key
        ),
    )
