"""The one shape of a periodic job's command (deadline scans, lights, stale leads, obligation checks): run from cron,
or ``--enqueue`` to put its task on the background worker's queue once the transaction commits; ``--quiet`` prints
nothing unless something failed."""

from __future__ import annotations

from abc import ABC, abstractmethod
from functools import partial
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from gaoxin.core.request_context import request_id_scope


class PeriodicCommand(BaseCommand, ABC):
    """Subclasses give ``task`` (the background task doing the same work), ``run`` (the work, returning its
    result), ``summary`` (what to print of it) and ``queued`` (what to print once queued); ``task_args`` the task's
    arguments from the options, ``failed`` when ``--quiet`` still prints."""

    task: Any

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the work for the background worker."
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing unless something failed.")

    @abstractmethod
    def run(self, **options: Any) -> Any: ...

    @abstractmethod
    def summary(self, result: Any) -> str: ...

    @abstractmethod
    def queued(self) -> str: ...

    def task_args(self, **options: Any) -> tuple[Any, ...]:
        return ()

    def failed(self, result: Any) -> bool:
        return False

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            transaction.on_commit(partial(self.task.enqueue, *self.task_args(**options)))
            if not options["quiet"]:
                self.stdout.write(self.queued())
            return
        with request_id_scope():
            result = self.run(**options)
        if not options["quiet"] or self.failed(result):
            self.stdout.write(self.summary(result))
