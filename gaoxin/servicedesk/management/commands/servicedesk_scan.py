"""``gaoxin servicedesk_scan``: find requests nearing or past their deadlines and alert the people concerned.

Run it from cron, e.g. every 15 minutes in office hours (the scan never alerts twice for the same deadline):

    */15 8-18 * * *  cd /opt/gaoxin && ./venv/bin/gaoxin servicedesk_scan --quiet

or let the background worker run it: ``--enqueue`` puts the ``scan_deadlines`` task on the django-tasks queue.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.core.request_context import request_id_scope
from gaoxin.servicedesk.scan import run_scan
from gaoxin.servicedesk.tasks import scan_deadlines


class Command(BaseCommand):
    help = "Alert requests nearing or past their deadlines: in the app, by email and to the group robots."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the scan for the background worker."
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing unless something failed.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            transaction.on_commit(scan_deadlines.enqueue)
            if not options["quiet"]:
                self.stdout.write(_("The deadline scan was queued."))
            return
        with request_id_scope():
            result = run_scan()
        if options["quiet"] and not result.robot_failures:
            return
        self.stdout.write(
            _(
                "Deadline scan: %(alerts)s new alerts (%(overdue)s overdue, %(nearing)s due soon), "
                "%(notifications)s notifications, %(emails)s emails, %(robots)s robot messages, "
                "%(failures)s robot failures; %(missing)s open requests without a deadline for want of a calendar year."
            )
            % {
                "alerts": result.alerts,
                "overdue": result.overdue,
                "nearing": result.nearing,
                "notifications": result.notifications,
                "emails": result.emails,
                "robots": result.robot_messages,
                "failures": result.robot_failures,
                "missing": result.missing_calendar,
            }
        )
