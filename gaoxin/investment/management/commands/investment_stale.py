"""``gaoxin investment_stale``: tell the responsible officers of leads standing past their stage's expected time.

Run it from cron once a working day (a lead is told once per stay in a stage):

    30 8 * * 1-5  cd /opt/gaoxin && ./venv/bin/gaoxin investment_stale --quiet

or let the background worker run it: ``--enqueue`` puts the ``scan_stale_leads`` task on the django-tasks queue.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.core.request_context import request_id_scope
from gaoxin.investment.stale_scan import run_stale_scan
from gaoxin.investment.tasks import scan_stale_leads


class Command(BaseCommand):
    help = "Tell the responsible officers of stale leads: in the app, by email and to the group robots."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the scan for the background worker."
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing unless something failed.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            transaction.on_commit(scan_stale_leads.enqueue)
            if not options["quiet"]:
                self.stdout.write(_("The stale-lead scan was queued."))
            return
        with request_id_scope():
            result = run_stale_scan()
        if options["quiet"] and not result.robot_failures:
            return
        self.stdout.write(
            _(
                "Stale leads: %(stale)s stale, %(notices)s newly told (%(notifications)s notifications, "
                "%(emails)s emails, %(robots)s robot messages, %(failures)s robot failures)."
            )
            % {
                "stale": result.stale,
                "notices": result.notices,
                "notifications": result.notifications,
                "emails": result.emails,
                "robots": result.robot_messages,
                "failures": result.robot_failures,
            }
        )
