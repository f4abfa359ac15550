"""``gaoxin project_lights``: recompute every active project's traffic light as of today.

Lights change with the date alone — a planned start that passes turns a project yellow, three months later red,
and each new month raises the time progress — so run it daily from cron, e.g. at 01:30:

    30 1 * * *  cd /opt/gaoxin && ./venv/bin/gaoxin project_lights --quiet

``--enqueue`` puts the work on the background worker's queue instead; ``--on YYYY-MM-DD`` judges as of that day.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.core.request_context import request_id_scope
from gaoxin.projects.services.progress import recompute_lights, recompute_lights_task


class Command(BaseCommand):
    help = (
        "Recompute the traffic light of every active project (investment against time progress, late starts)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="Judge as of this date (YYYY-MM-DD); default today.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the work for the background worker."
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        on_text: str | None = options["on"]
        try:
            on = dt.date.fromisoformat(on_text) if on_text else None
        except ValueError as problem:
            raise CommandError(_("--on must be a date such as 2026-03-31.")) from problem
        if options["enqueue"]:
            transaction.on_commit(partial(recompute_lights_task.enqueue, on.isoformat() if on else None))
            if not options["quiet"]:
                self.stdout.write(_("The recomputation of the lights was queued."))
            return
        with request_id_scope():
            changed = recompute_lights(on=on)
        if not options["quiet"]:
            self.stdout.write(_("Traffic lights recomputed: %(n)s changed.") % {"n": changed})
