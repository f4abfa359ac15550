"""The central change log: services call these functions; views never write audit rows.

A change records who, when, which fields changed from what to what, and the request id. Values are stored as
JSON-safe text so that Decimals, dates and foreign keys survive exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from gaoxin.core import bulk, change_display
from gaoxin.core.models import ChangeAction, ChangeLogEntry
from gaoxin.core.request_context import current_request_id

Snapshot = dict[str, Any]
M = TypeVar("M", bound=models.Model)
K = TypeVar("K")


def json_value(value: Any) -> Any:
    """A JSON-safe form of a field value that keeps its exact meaning."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return str(value)


def tracked_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """What the log records: editable fields; derived ones (``editable=False``) and timestamps are left out."""
    excluded = {"id", "created_at", "updated_at"}
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in excluded and f.editable and not getattr(f, "auto_now", False)
    ]


def snapshot(obj: models.Model) -> Snapshot:
    """The tracked field values of an object, keyed by field name (foreign keys by id)."""
    return {f.name: json_value(getattr(obj, f.attname)) for f in tracked_fields(type(obj))}


def stored_snapshot(obj: models.Model) -> Snapshot:
    """The object as it is in the database (forms may already have changed the instance in memory)."""
    if obj.pk is None:
        return {}
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return snapshot(stored) if stored is not None else {}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


@dataclass(frozen=True)
class Change:
    """One change of one object, named by its model and primary key (no instance needed for bulk writes)."""

    model: type[models.Model]
    pk: Any
    action: str
    changes: (
        dict[str, Any] | bulk.EncodedJSON
    )  # field → [before, after]; bulk writers may encode it themselves
    note: str = ""
    label: str = ""  # how the object is named in the log

    @classmethod
    def of(cls, obj: models.Model, action: str, changes: dict[str, Any], note: str = "") -> Change:
        return cls(type(obj), obj.pk, action, changes, note, str(obj))


def _user_fields(user: Any) -> tuple[int | None, str]:
    if user is None or getattr(user, "pk", None) is None:
        return None, ""
    return user.pk, user.get_username()


def record(changes: Iterable[Change], *, by: Any) -> int:
    """Write change log entries for a batch of changes in one statement; returns how many were written."""
    now = timezone.now()
    request_id = current_request_id()
    user_id, user_name = _user_fields(by)
    content_types: dict[type[models.Model], int] = {}
    kept = [c for c in changes if c.changes or c.action != ChangeAction.UPDATE]
    labels = _reference_labels(kept)
    rows = []
    for change, names in zip(kept, labels, strict=True):
        model = change.model
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model).pk
        rows.append(
            (now, user_id, user_name, request_id, content_types[model], str(change.pk), change.label[:200],
             change.action, change.changes, names, change.note[:200])
        )  # fmt: skip
    bulk.insert(ChangeLogEntry, LOG_COLUMNS, rows)
    return len(rows)


LOG_COLUMNS = (
    "time", "user", "user_name", "request_id", "content_type", "object_id", "object_repr", "action", "changes",
    "labels", "note",
)  # fmt: skip


def _foreign_keys(model: type[models.Model]) -> dict[str, models.Field[Any, Any]]:
    return {
        f.name: f
        for f in model._meta.concrete_fields
        if (f.many_to_one or f.one_to_one) and f.related_model is not None
    }


def _reference_labels(changes: Sequence[Change]) -> list[dict[str, Any]]:
    """For each change, the names of the objects its changed foreign keys point at (field → [old, new]), read
    now in one query per referenced model, so that the log can name them even once they are deleted; and the
    names its changed JSON fields declare in data (field → {code: label}, ``change_display.Terms``)."""
    wanted: dict[Any, set[Any]] = {}
    plans: list[dict[str, tuple[Any, list[Any]]]] = []
    for change in changes:
        plan: dict[str, tuple[Any, list[Any]]] = {}
        if isinstance(change.changes, dict):
            keys = _foreign_keys(change.model)
            for name, values in change.changes.items():
                field = keys.get(name)
                if field is None or not isinstance(values, list | tuple):
                    continue
                ids = [v for v in values if v not in (None, "")]
                wanted.setdefault(field.related_model, set()).update(ids)
                plan[name] = (field.related_model, list(values))
        plans.append(plan)
    names = {
        related: {str(pk): str(obj) for pk, obj in related._default_manager.in_bulk(list(ids)).items()}
        for related, ids in wanted.items()
        if ids
    }
    terms = change_display.terms_to_store([(c.model, c.pk, c.changes) for c in changes])
    return [
        {
            name: [None if v in (None, "") else names[related].get(str(v)) for v in values]
            for name, (related, values) in plan.items()
        }
        | stored
        for plan, stored in zip(plans, terms, strict=True)
    ]


def save_with_log(
    obj: M,
    data: Mapping[str, Any],
    *,
    by: Any,
    secret_fields: Collection[str] = (),
    before_save: Callable[[M, dict[str, list[Any]]], None] | None = None,
) -> M:
    """Assign ``data``, validate, save, and record the create or update: the common shape of a simple service.

    ``before_save(obj, changes)`` runs after validation with the changes about to be saved (field → [stored,
    new]; everything when creating), e.g. to bump a version. The values of ``secret_fields`` are logged masked.
    """
    creating = obj.pk is None
    before = stored_snapshot(obj)
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    if before_save is not None:
        before_save(obj, diff(before, snapshot(obj)))
    obj.save()
    if creating:
        record_create(obj, by=by, secret_fields=secret_fields)
    else:
        record_update(obj, before, by=by, secret_fields=secret_fields)
    return obj


def sync_rows(
    model: type[M],
    stored: Mapping[K, M],
    wanted: Mapping[K, Mapping[str, Any]],
    make: Callable[[K, Mapping[str, Any]], M],
    *,
    by: Any,
) -> int:
    """Make a derived set of rows (a year's checks, a period's ranking) what was just computed: rows ``wanted``
    but not ``stored`` are made with ``make(key, values)``, stored rows get the wanted values, stored rows not
    wanted go. One statement per kind; every create, change and deletion is logged. Returns how many changed."""
    left = dict(stored)
    new_rows: list[M] = []
    changed: list[M] = []
    changes: list[Change] = []
    fields: set[str] = set()
    now = timezone.now()
    for key, values in wanted.items():
        row = left.pop(key, None)
        if row is None:
            new_rows.append(make(key, values))
            continue
        before = snapshot(row)
        for name, value in values.items():
            setattr(row, name, value)
        difference = diff(before, snapshot(row))
        if difference:
            fields.update(values)
            if hasattr(row, "updated_at"):
                row.updated_at = now
            changed.append(row)
            changes.append(Change.of(row, ChangeAction.UPDATE, difference))
    for row in left.values():
        changes.append(
            Change.of(
                row, ChangeAction.DELETE, {k: [v, None] for k, v in snapshot(row).items() if v is not None}
            )
        )
    model._default_manager.filter(pk__in=[row.pk for row in left.values()]).delete()
    if changed:
        updated = [*fields, *(["updated_at"] if hasattr(changed[0], "updated_at") else [])]
        model._default_manager.bulk_update(changed, updated)
    for row in model._default_manager.bulk_create(new_rows):
        changes.append(Change.of(row, ChangeAction.CREATE, {k: [None, v] for k, v in snapshot(row).items()}))
    record(changes, by=by)
    return len(changes)


MASK = "******"


def _logged(name: str, value: Any, secret_fields: Collection[str]) -> Any:
    """What the log keeps of a value: of a secret only whether it is set, never the value itself."""
    if name not in secret_fields:
        return value
    return MASK if value else ""


def record_create(obj: models.Model, *, by: Any, note: str = "", secret_fields: Collection[str] = ()) -> None:
    record(
        [
            Change.of(
                obj,
                ChangeAction.CREATE,
                {
                    k: [None, _logged(k, v, secret_fields)]
                    for k, v in snapshot(obj).items()
                    if v not in (None, "")
                },
                note,
            )
        ],
        by=by,
    )


def record_update(
    obj: models.Model, before: Snapshot, *, by: Any, note: str = "", secret_fields: Collection[str] = ()
) -> dict[str, list[Any]]:
    """Log what changed since ``before`` (secrets masked) and return the changes."""
    changed = diff(before, snapshot(obj))
    if changed:
        logged = {
            k: [_logged(k, old, secret_fields), _logged(k, new, secret_fields)]
            for k, (old, new) in changed.items()
        }
        record([Change.of(obj, ChangeAction.UPDATE, logged, note)], by=by)
    return changed


def record_delete(obj: models.Model, *, by: Any, note: str = "") -> None:
    record(
        [
            Change.of(
                obj,
                ChangeAction.DELETE,
                {k: [v, None] for k, v in snapshot(obj).items() if v not in (None, "")},
                note,
            )
        ],
        by=by,
    )


def history(obj: models.Model) -> models.QuerySet[ChangeLogEntry]:
    return ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).select_related("user", "content_type")


def history_for_many(objs: Sequence[models.Model]) -> models.QuerySet[ChangeLogEntry]:
    """History of several related objects (e.g. an enterprise and its yearly rows) in one query."""
    by_type: dict[int, list[str]] = {}
    for obj in objs:
        by_type.setdefault(ContentType.objects.get_for_model(type(obj)).pk, []).append(str(obj.pk))
    query = models.Q(pk__in=[])
    for ct_id, ids in by_type.items():
        query |= models.Q(content_type_id=ct_id, object_id__in=ids)
    return ChangeLogEntry.objects.filter(query).select_related("user", "content_type")
