"""``gaoxin project_lights``: recompute every active project's traffic light as of today.

Lights change with the date alone — a planned start that passes turns a project yellow, three months later red,
and each new month raises the time progress — so run it daily from cron, e.g. at 01:30:

    30 1 * * *  cd /opt/gaoxin && ./venv/bin/gaoxin project_lights --quiet

``--enqueue`` puts the work on the background worker's queue instead; ``--on YYYY-MM-DD`` judges as of that day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from gaoxin.core.management.periodic import PeriodicCommand
from gaoxin.projects.services.progress import recompute_lights, recompute_lights_task


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError as problem:
        raise CommandError(_("--on must be a date such as 2026-03-31.")) from problem


class Command(PeriodicCommand):
    task = recompute_lights_task
    help = (
        "Recompute the traffic light of every active project (investment against time progress, late starts)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="Judge as of this date (YYYY-MM-DD); default today.")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        _day(options["on"])  # a wrong date is refused before anything is queued or run
        super().handle(*args, **options)

    def run(self, **options: Any) -> int:
        return recompute_lights(on=_day(options["on"]))

    def task_args(self, **options: Any) -> tuple[Any, ...]:
        on = _day(options["on"])
        return (on.isoformat() if on else None,)

    def queued(self) -> str:
        return _("The recomputation of the lights was queued.")

    def summary(self, result: int) -> str:
        return _("Traffic lights recomputed: %(n)s changed.") % {"n": result}
