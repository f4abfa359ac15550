"""The central change log: one mechanism records every create, update and delete of a logged model.

A model is logged when it is a ``core.models.LoggedModel``; the receivers below (connected for each logged
model when the app is ready) record its saves, deletions and many-to-many changes. Who acted and why come from
the context: ``with changelog.acting(by=user, note=reason):`` in services, commands and tasks, and the web
request (``core.request_context``) otherwise. Writes that bypass the signals (``bulk_create``, ``bulk_update``,
``QuerySet.update``, ``core.bulk``) record through ``record`` (or ``sync_rows``), the mechanism's bulk entry.

A change records who, when, which fields changed from what to what, and the request id. Values are stored as
JSON-safe text so that Decimals, dates and foreign keys survive exactly. A save that changes nothing is not
logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import signals
from django.dispatch import Signal
from django.utils import timezone

from gaoxin.core import bulk, change_display
from gaoxin.core.models import ChangeAction, ChangeLogEntry, LoggedModel
from gaoxin.core.request_context import current_request_id, current_request_user, in_request

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
    """What the log records: editable fields; derived ones (``editable=False``) and timestamps are left out,
    unless the model says otherwise (``LoggedModel.change_log_include`` / ``change_log_exclude``)."""
    excluded = {"id", "created_at", "updated_at", *getattr(model, "change_log_exclude", ())}
    included = set(getattr(model, "change_log_include", ()))
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in excluded
        and (f.name in included or (f.editable and not getattr(f, "auto_now", False)))
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
    note: str = ""  # the acting note when empty
    label: str = ""  # how the object is named in the log

    @classmethod
    def of(cls, obj: models.Model, action: str, changes: dict[str, Any], note: str = "") -> Change:
        return cls(type(obj), obj.pk, action, changes, note, str(obj))

    @classmethod
    def created(cls, obj: models.Model, note: str = "") -> Change:
        """The creation of ``obj``: every tracked value it has (secrets masked)."""
        return cls.of(obj, ChangeAction.CREATE, _created(obj), note)

    @classmethod
    def deleted(cls, obj: models.Model, note: str = "") -> Change:
        """The deletion of ``obj``: every tracked value it had (secrets masked)."""
        return cls.of(obj, ChangeAction.DELETE, _deleted(obj), note)


_UNSET: Any = object()


@dataclass
class Acting:
    """Who acts and why, for every change made inside a ``with acting(...)`` block."""

    by: Any
    note: str
    # the objects logged in this block, so that a many-to-many change joins the entry of its object's save
    logged: set[tuple[type[models.Model], str]] = field(default_factory=set)


_acting: ContextVar[Acting | None] = ContextVar("gaoxin_acting", default=None)


@contextmanager
def acting(*, by: Any = _UNSET, note: Any = _UNSET) -> Iterator[Acting]:
    """Say who makes the changes of a block and why: ``with changelog.acting(by=user, note=reason):``. What is
    not given is inherited from the enclosing block or the web request (a note is not: an inner block that does
    not give one has none). ``by=None`` is the system itself (a scheduled task, a migration)."""
    outer = _acting.get()
    if by is _UNSET:
        by = outer.by if outer is not None else current_request_user()
    token = _acting.set(Acting(by, "" if note is _UNSET else str(note)))
    try:
        yield _acting.get()  # type: ignore[misc]
    finally:
        _acting.reset(token)


def _current() -> Acting | None:
    """Who acts and why: the innermost ``acting`` block, else the web request; None when nobody said."""
    scope = _acting.get()
    if scope is None and in_request():
        return Acting(current_request_user(), "")
    return scope


# Sent with ``change`` (a ``Change``) for a change of a logged model made where nobody said who acts (outside
# an ``acting`` block and a web request): it is not logged. Test data made by factories is; the test suite's
# guard (``gaoxin.testing.changelog_guard``) fails a test when code under test makes one.
unattributed_change = Signal()


def _log(sender: type[models.Model], change: Change) -> bool:
    """Write the entry of one change made through the model's signals; whether one was written. A further
    update of an object already logged in the same ``acting`` block joins that entry (a request's fields and its
    co-handling departments are one change)."""
    context = _current()
    if context is None:
        if change.changes or change.action != ChangeAction.UPDATE:
            unattributed_change.send(sender, change=change)
        return False
    key = (sender, str(change.pk))
    if change.action == ChangeAction.UPDATE and key in context.logged:
        return _merge(sender, change)
    if not _write([change], by=context.by, note=context.note):
        return False
    context.logged.add(key)
    return True


def _merge(model: type[models.Model], change: Change) -> bool:
    entry = (
        ChangeLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=str(change.pk)
        )
        .order_by("-pk")
        .first()
    )
    if entry is None or entry.action == ChangeAction.DELETE or not isinstance(change.changes, dict):
        return False
    (labels,) = _reference_labels([change])
    changes, names = dict(entry.changes), dict(entry.labels)
    for name, (_old, new) in change.changes.items():
        first = changes[name][0] if name in changes else change.changes[name][0]
        first_name = names[name][0] if name in names else labels.get(name, [None])[0]
        if first == new and entry.action == ChangeAction.UPDATE:
            changes.pop(name, None)
            names.pop(name, None)
        else:
            changes[name] = [first, new]
            if name in labels:
                names[name] = [first_name, labels[name][1]]
    entry.changes, entry.labels = changes, names
    entry.save(update_fields=["changes", "labels"])
    return True


def _user_fields(user: Any) -> tuple[int | None, str]:
    if user is None or getattr(user, "pk", None) is None:
        return None, ""
    return user.pk, user.get_username()


def record(changes: Iterable[Change], *, by: Any = _UNSET) -> int:
    """The bulk entry of the mechanism, for writes that bypass the model's signals (``bulk_create``,
    ``bulk_update``, ``core.bulk``): write the entries of a batch of changes in one statement, by the acting
    user unless ``by`` is given, with the acting note unless a change has its own. A change of an object already
    logged in the same ``acting`` block joins its entry. Returns how many entries were written (a change that
    changed nothing writes none)."""
    context = _current()
    if context is None:
        return _write(changes, by=None if by is _UNSET else by, note="")
    separate = [
        change
        for change in changes
        if not (
            change.action == ChangeAction.UPDATE
            and (change.model, str(change.pk)) in context.logged
            and _merge(change.model, change)
        )
    ]
    return _write(separate, by=context.by if by is _UNSET else by, note=context.note)


def _write(changes: Iterable[Change], *, by: Any, note: str) -> int:
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
             change.action, change.changes, names, str(change.note or note)[:200])
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


def unsaved_changes(obj: models.Model) -> dict[str, list[Any]]:
    """What saving ``obj`` now would log as changed: field → [stored, new] (everything when it is new)."""
    before = {} if obj._state.adding else _loaded_snapshot(obj)
    return diff(before, snapshot(obj))


def save_as(obj: M, data: Mapping[str, Any], *, by: Any) -> M:
    """Assign ``data``, validate and save, acting as ``by``: the common shape of a simple service (the save is
    logged by the mechanism like any other)."""
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    with acting(by=by):
        obj.save()
    return obj


def sync_rows(
    model: type[M],
    stored: Mapping[K, M],
    wanted: Mapping[K, Mapping[str, Any]],
    make: Callable[[K, Mapping[str, Any]], M],
    *,
    by: Any = _UNSET,
) -> int:
    """Make a derived set of rows (a year's checks, a period's ranking) what was just computed: rows ``wanted``
    but not ``stored`` are made with ``make(key, values)``, stored rows get the wanted values, stored rows not
    wanted go. One statement per kind (bypassing the signals); every create, change and deletion is logged
    through ``record``. Returns how many changed."""
    left = dict(stored)
    new_rows: list[M] = []
    changed: list[M] = []
    changes: list[Change] = []  # of the changed rows
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
    if changed:
        updated = [*fields, *(["updated_at"] if hasattr(changed[0], "updated_at") else [])]
        model._default_manager.bulk_update(changed, updated)
    written = record(changes, by=by)
    with acting(**({} if by is _UNSET else {"by": by})):
        written += len(left)  # deleted one by one: the mechanism logs each
        model._default_manager.filter(pk__in=[row.pk for row in left.values()]).delete()
    created = model._default_manager.bulk_create(new_rows)
    written += record(
        [
            Change.of(row, ChangeAction.CREATE, {k: [None, v] for k, v in snapshot(row).items()})
            for row in created
        ],
        by=by,
    )
    return written


MASK = "******"
EMPTY: tuple[Any, ...] = (None, "", [], {})


def _masked(model: type[models.Model], changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """What the log keeps of secret values: only whether they are set, never the value itself."""
    secrets = getattr(model, "change_log_secret_fields", ())
    return {
        name: [MASK if v else v for v in values] if name in secrets else values
        for name, values in changes.items()
    }


def _created(obj: models.Model) -> dict[str, list[Any]]:
    return _masked(type(obj), {k: [None, v] for k, v in snapshot(obj).items() if v not in EMPTY})


def _deleted(obj: models.Model) -> dict[str, list[Any]]:
    return _masked(type(obj), {k: [v, None] for k, v in snapshot(obj).items() if v not in EMPTY})


def _loaded_snapshot(obj: models.Model) -> Snapshot:
    """The tracked values the object had when loaded or last saved (read from the database if not kept)."""
    loaded: dict[str, Any] | None = getattr(obj, "_change_log_loaded", None)
    fields = tracked_fields(type(obj))
    if loaded is None or any(f.attname not in loaded for f in fields):
        return stored_snapshot(obj)
    return {f.name: json_value(loaded[f.attname]) for f in fields}


def _before_save(sender: type[models.Model], instance: models.Model, raw: bool, **kwargs: Any) -> None:
    if raw:
        return
    if not instance._state.adding:
        before: Snapshot | None = _loaded_snapshot(instance)
    else:  # new, unless it names the primary key of a stored row
        before = stored_snapshot(instance) if instance.pk is not None else None
    instance.__dict__["_change_log_before"] = before


def _after_save(
    sender: type[models.Model],
    instance: LoggedModel,
    created: bool,
    raw: bool,
    update_fields: frozenset[str] | None,
    **kwargs: Any,
) -> None:
    if raw:
        return
    before: Snapshot | None = instance.__dict__.pop("_change_log_before", None)
    if created or before is None:
        change = Change.created(instance)
    else:
        changed = diff(before, snapshot(instance))
        if update_fields is not None:
            changed = {k: v for k, v in changed.items() if k in update_fields}
        change = Change.of(instance, ChangeAction.UPDATE, _masked(sender, changed))
    _log(sender, change)
    instance.keep_loaded_values()


def _before_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """Recorded before the row goes (in the deletion's transaction), while what it names can still be read."""
    _log(sender, Change.deleted(instance))


def _related_names(instance: models.Model, name: str) -> list[str]:
    return sorted(str(obj) for obj in getattr(instance, name).all())


def _many_to_many_changed(
    sender: type[models.Model], instance: models.Model, action: str, reverse: bool, **kwargs: Any
) -> None:
    """A many-to-many field is logged by the names of the objects it holds (one entry with the object's save
    when both happen in the same ``acting`` block)."""
    if reverse or not isinstance(instance, LoggedModel):
        return
    name = next(f.name for f in type(instance)._meta.many_to_many if f.remote_field.through is sender)
    pending: dict[str, list[str]] = instance.__dict__.setdefault("_change_log_many", {})
    if action.startswith("pre_"):
        pending.setdefault(name, _related_names(instance, name))
        return
    before = pending.pop(name, [])
    after = _related_names(instance, name)
    if before == after:
        return
    _log(type(instance), Change.of(instance, ChangeAction.UPDATE, {name: [before, after]}))


def logged_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if issubclass(model, LoggedModel)]


def connect() -> None:
    """Connect the receivers for each logged model (only for them: a delete receiver on every model would turn
    off Django's fast deletion everywhere)."""
    for model in logged_models():
        signals.pre_save.connect(
            _before_save, sender=model, dispatch_uid=f"changelog-pre-{model._meta.label}"
        )
        signals.post_save.connect(
            _after_save, sender=model, dispatch_uid=f"changelog-post-{model._meta.label}"
        )
        signals.pre_delete.connect(
            _before_delete, sender=model, dispatch_uid=f"changelog-delete-{model._meta.label}"
        )
        for many in model._meta.many_to_many:
            signals.m2m_changed.connect(
                _many_to_many_changed,
                sender=many.remote_field.through,
                dispatch_uid=f"changelog-m2m-{model._meta.label}-{many.name}",
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
