"""The test suite's guard of the change log: a test fails when the code under test creates, updates or deletes a
logged model (``core.models.LoggedModel``) and no change-log entry records it.

Two ways a write escapes the log, both watched during every test (root ``conftest.py``):

- a save or delete through the model's signals where nobody said who acts (no ``changelog.acting`` block, no web
  request): the mechanism then writes no entry and sends ``changelog.unattributed_change``;
- a write past the signals (``QuerySet.update``, ``bulk_update``, ``bulk_create``, ``core.bulk``; not the
  ``SET_NULL`` of a deletion) of fields the log tracks: per model, the rows so written must be matched by the changes given to ``changelog.record`` (the
  mechanism's bulk entry, which ``sync_rows`` uses too) in the same test.

Writes made by the tests themselves — factories, fixtures, the test bodies, the demo's fabricated data — are test
data, not changes, and are allowed: the guard looks at the innermost project frame that made the write.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
from django.db import models

from gaoxin.core import bulk, changelog
from gaoxin.core.models import ChangeAction, LoggedModel

PROJECT = Path(__file__).resolve().parents[2]
# frames passed over when looking for who made a write: the writing machinery itself
MACHINERY = {
    str(Path(changelog.__file__).resolve()),
    str(Path(bulk.__file__).resolve()),
    str(Path(__file__).resolve()),
}
TEST_DATA_DIRS = ("gaoxin/testing/", "gaoxin/demo/")


def _model_module(path: str) -> bool:
    """A model's own methods (a ``save`` that fills a field) write for whoever called them."""
    return (
        "/site-packages/" in path or path.endswith(("/models.py", "/logged_model.py")) or "/models/" in path
    )


def written_by_test_code() -> bool:
    """Whether the innermost project frame on the stack (below the writing machinery and the models' own
    methods) is test code, or the demo is on the stack (it makes its zone with the services too)."""
    frame = sys._getframe(1)
    innermost: str | None = None
    while frame is not None:
        path = frame.f_code.co_filename
        if path.startswith(str(PROJECT)) and path not in MACHINERY:
            relative = Path(path).relative_to(PROJECT).as_posix()
            if relative.startswith(TEST_DATA_DIRS):
                return True
            if innermost is None and not _model_module(path):
                innermost = relative
        frame = frame.f_back  # type: ignore[assignment]
    if innermost is None:
        return True  # no project code on the stack (Django's own housekeeping)
    return "/tests/" in f"/{innermost}" or innermost.endswith("conftest.py")


def _in_deletion() -> bool:
    """Whether Django's deletion is running: a field it sets to NULL (``on_delete=SET_NULL``) is part of a
    deletion the log records."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.endswith("django/db/models/deletion.py"):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _tracked(model: type[models.Model], names: Iterable[str]) -> bool:
    tracked = {f.name for f in changelog.tracked_fields(model)} | {
        f.attname for f in changelog.tracked_fields(model)
    }
    return bool(tracked & set(names))


def _logged(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, LoggedModel)


class ChangeLogGuard:
    """Collects the writes of logged models that no entry records; ``problems()`` names them."""

    def __init__(self, is_test_code: Callable[[], bool] = written_by_test_code) -> None:
        self.is_test_code = is_test_code
        self.unattributed: list[str] = []
        self.past_signals: Counter[type[models.Model]] = Counter()
        self.recorded: Counter[type[models.Model]] = Counter()

    # what the guard hears
    def on_unattributed(self, sender: type[models.Model], change: changelog.Change, **kwargs: Any) -> None:
        if not self.is_test_code():
            self.unattributed.append(
                f"{change.action} of {sender._meta.label} {change.label!r} with nobody acting "
                "(no changelog.acting block, no web request)"
            )

    def on_write_past_signals(self, model: type[models.Model], rows: int, names: Iterable[str]) -> None:
        if rows and _logged(model) and _tracked(model, names) and not self.is_test_code():
            self.past_signals[model] += rows

    def on_record(self, changes: Sequence[changelog.Change]) -> None:
        for change in changes:
            if change.changes or change.action != ChangeAction.UPDATE:
                self.recorded[change.model] += 1

    def problems(self) -> list[str]:
        missing = [
            f"{rows} row(s) of {model._meta.label} written past the signals (update, bulk_update, bulk_create, "
            f"core.bulk) but {self.recorded[model]} change(s) given to changelog.record"
            for model, rows in self.past_signals.items()
            if rows > self.recorded[model]
        ]
        return [*self.unattributed, *missing]

    # how it listens
    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        guard = self
        changelog.unattributed_change.connect(
            self.on_unattributed, dispatch_uid=f"changelog-guard-{id(self)}"
        )
        queryset = models.QuerySet

        update, bulk_create = queryset.update, queryset.bulk_create

        def guarded_update(qs: models.QuerySet[Any], **kwargs: Any) -> int:  # bulk_update runs through it
            rows = update(qs, **kwargs)
            if not _in_deletion():
                guard.on_write_past_signals(qs.model, rows, kwargs)
            return rows

        def guarded_bulk_create(
            qs: models.QuerySet[Any], objs: Iterable[Any], *args: Any, **kw: Any
        ) -> list[Any]:
            created = bulk_create(qs, objs, *args, **kw)
            guard.on_write_past_signals(
                qs.model, len(created), [f.name for f in qs.model._meta.concrete_fields]
            )
            return created

        monkeypatch.setattr(queryset, "update", guarded_update)
        monkeypatch.setattr(queryset, "bulk_create", guarded_bulk_create)

        def bulk_writer(original: Callable[..., None]) -> Callable[..., None]:
            def write(
                model: type[models.Model], names: Sequence[str], rows: Iterable[Any], **kw: Any
            ) -> None:
                rows = list(rows)
                original(model, names, rows, **kw)
                guard.on_write_past_signals(model, len(rows), names)

            return write

        for name in ("insert", "update", "upsert"):
            monkeypatch.setattr(bulk, name, bulk_writer(getattr(bulk, name)))

        record = changelog.record

        def guarded_record(changes: Iterable[changelog.Change], **kw: Any) -> int:
            changes = list(changes)
            guard.on_record(changes)
            return record(changes, **kw)

        monkeypatch.setattr(changelog, "record", guarded_record)

    def uninstall(self) -> None:
        changelog.unattributed_change.disconnect(dispatch_uid=f"changelog-guard-{id(self)}")
