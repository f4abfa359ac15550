"""``gaoxin investment_obligations``: check every obligation (履约) — agreements' clauses and standard-parcel
commitments — open the follow-ups of new breaches and remind the obligations due soon.

Run it from cron once a day (a breach is followed up once, an obligation reminded once):

    30 6 * * *  cd /opt/gaoxin && ./venv/bin/gaoxin investment_obligations

or ``--enqueue`` the ``check_obligations`` task for the background worker.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.core.request_context import request_id_scope
from gaoxin.investment.services.agreements import check_obligations
from gaoxin.investment.tasks import check_obligations as check_task


class Command(BaseCommand):
    help = "Check every obligation, follow up new breaches and remind the obligations due soon."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the check for the background worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            transaction.on_commit(check_task.enqueue)
            self.stdout.write(_("The obligations check was queued."))
            return
        with request_id_scope():
            run = check_obligations()
        self.stdout.write(
            _(
                "%(checked)s obligations checked: %(breached)s newly breached, %(due)s reminded, %(issues)s problems opened."
            )
            % {
                "checked": run.checked,
                "breached": len(run.newly_breached),
                "due": len(run.due_soon),
                "issues": run.follow_ups,
            }
        )
