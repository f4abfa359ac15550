"""``gaoxin investment_obligations``: check every obligation (履约) — agreements' clauses and standard-parcel
commitments — open the follow-ups of new breaches and remind the obligations due soon.

Run it from cron once a day (a breach is followed up once, an obligation reminded once):

    30 6 * * *  cd /opt/gaoxin && ./venv/bin/gaoxin investment_obligations

or ``--enqueue`` the ``check_obligations`` task for the background worker.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gaoxin.core.management.periodic import PeriodicCommand
from gaoxin.investment.services.agreements import check_obligations
from gaoxin.investment.tasks import check_obligations as check_task
from gaoxin.projects.services.commitments import ObligationRun


class Command(PeriodicCommand):
    task = check_task
    help = "Check every obligation, follow up new breaches and remind the obligations due soon."

    def run(self, **options: Any) -> ObligationRun:
        return check_obligations()

    def queued(self) -> str:
        return _("The obligations check was queued.")

    def summary(self, result: ObligationRun) -> str:
        return _(
            "%(checked)s obligations checked: %(breached)s newly breached, %(due)s reminded, %(issues)s problems opened."
        ) % {
            "checked": result.checked,
            "breached": len(result.newly_breached),
            "due": len(result.due_soon),
            "issues": result.follow_ups,
        }
