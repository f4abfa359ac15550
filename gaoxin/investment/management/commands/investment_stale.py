"""``gaoxin investment_stale``: tell the responsible officers of leads standing past their stage's expected time.

Run it from cron once a working day (a lead is told once per stay in a stage):

    30 8 * * 1-5  cd /opt/gaoxin && ./venv/bin/gaoxin investment_stale --quiet

or let the background worker run it: ``--enqueue`` puts the ``scan_stale_leads`` task on the django-tasks queue.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gaoxin.core.management.periodic import PeriodicCommand
from gaoxin.investment.stale_scan import StaleScanResult, run_stale_scan
from gaoxin.investment.tasks import scan_stale_leads


class Command(PeriodicCommand):
    task = scan_stale_leads
    help = "Tell the responsible officers of stale leads: in the app, by email and to the group robots."

    def run(self, **options: Any) -> StaleScanResult:
        return run_stale_scan()

    def queued(self) -> str:
        return _("The stale-lead scan was queued.")

    def failed(self, result: StaleScanResult) -> bool:
        return bool(result.robot_failures)

    def summary(self, result: StaleScanResult) -> str:
        return _(
            "Stale leads: %(stale)s stale, %(notices)s newly told (%(notifications)s notifications, "
            "%(emails)s emails, %(robots)s robot messages, %(failures)s robot failures)."
        ) % {
            "stale": result.stale,
            "notices": result.notices,
            "notifications": result.notifications,
            "emails": result.emails,
            "robots": result.robot_messages,
            "failures": result.robot_failures,
        }
