"""Commits in tests as in production (a pytest plugin of the root conftest).

A test with the database runs inside the atomic blocks of Django's ``TestCase``, which never commit, so a
``transaction.on_commit`` callback — how every background task is queued — would never run. Here the test's own
blocks are invisible, as if the test ran in autocommit like a request: a callback registered outside any other
block runs at once, one registered in a service's block runs when that outermost block exits without error, and
one registered in a block that rolls back is dropped (by Django itself). Tests whose database is really committed
(``transaction=True``, the browser's live server) keep Django's own behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django_tasks.signals import task_enqueued


def _at_test_level(connection: BaseDatabaseWrapper) -> bool:
    """Whether only the test's own atomic blocks are open: production would be in autocommit here."""
    blocks = connection.atomic_blocks
    return bool(blocks) and all(getattr(block, "_from_testcase", False) for block in blocks)


def _run_pending(connection: BaseDatabaseWrapper) -> None:
    while connection.run_on_commit:
        func = connection.run_on_commit.pop(0)[1]
        func()


@pytest.fixture(autouse=True)
def commits_as_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    original_exit = transaction.Atomic.__exit__
    original_on_commit = BaseDatabaseWrapper.on_commit

    def exit_block(self: transaction.Atomic, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        original_exit(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        if exc_type is None and not getattr(self, "_from_testcase", False) and _at_test_level(connection):
            _run_pending(connection)

    def on_commit(self: BaseDatabaseWrapper, func: Callable[[], Any], robust: bool = False) -> None:
        original_on_commit(self, func, robust)
        if _at_test_level(self):
            _run_pending(self)

    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_block)
    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit)


@pytest.fixture
def queued_tasks() -> Iterator[list[str]]:
    """The names of the background tasks queued during the test, in order."""
    names: list[str] = []

    def record(sender: Any, task_result: Any, **kwargs: Any) -> None:
        names.append(task_result.task.name)

    task_enqueued.connect(record)
    try:
        yield names
    finally:
        task_enqueued.disconnect(record)
