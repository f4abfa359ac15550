"""``gaoxin servicedesk_scan``: find requests nearing or past their deadlines and alert the people concerned.

Run it from cron, e.g. every 15 minutes in office hours (the scan never alerts twice for the same deadline):

    */15 8-18 * * *  cd /opt/gaoxin && ./venv/bin/gaoxin servicedesk_scan --quiet

or let the background worker run it: ``--enqueue`` puts the ``scan_deadlines`` task on the django-tasks queue.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gaoxin.core.management.periodic import PeriodicCommand
from gaoxin.servicedesk.scan import ScanResult, run_scan
from gaoxin.servicedesk.tasks import scan_deadlines


class Command(PeriodicCommand):
    task = scan_deadlines
    help = "Alert requests nearing or past their deadlines: in the app, by email and to the group robots."

    def run(self, **options: Any) -> ScanResult:
        return run_scan()

    def queued(self) -> str:
        return _("The deadline scan was queued.")

    def failed(self, result: ScanResult) -> bool:
        return bool(result.robot_failures)

    def summary(self, result: ScanResult) -> str:
        return _(
            "Deadline scan: %(alerts)s new alerts (%(overdue)s overdue, %(nearing)s due soon), "
            "%(notifications)s notifications, %(emails)s emails, %(robots)s robot messages, "
            "%(failures)s robot failures; %(missing)s open requests without a deadline for want of a calendar year."
        ) % {
            "alerts": result.alerts,
            "overdue": result.overdue,
            "nearing": result.nearing,
            "notifications": result.notifications,
            "emails": result.emails,
            "robots": result.robot_messages,
            "failures": result.robot_failures,
            "missing": result.missing_calendar,
        }
