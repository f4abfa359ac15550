"""``gaoxin purge_uploads``: delete the import uploads nobody confirmed within two days, and mark their jobs expired;
first give up the jobs whose worker is gone (``core.jobs.expire_stale``), keeping their uploads for a retry.

An upload is kept (``MEDIA_ROOT/imports/``) from its check until the user confirms it; the ones never confirmed
would stay for ever. Safe to run at any time and as often as wanted; daily from cron, e.g. at 02:00:

    0 2 * * *  cd /opt/gaoxin && ./venv/bin/gaoxin purge_uploads --quiet
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from gaoxin.core import jobs, upload_imports


class Command(BaseCommand):
    help = "Delete the import uploads not confirmed within two days (their jobs are marked expired)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        given_up = jobs.expire_stale()
        purged = upload_imports.purge()
        if not options["quiet"]:
            self.stdout.write(_("Jobs whose worker is gone, marked failed: %(count)d.") % {"count": given_up})
            self.stdout.write(
                _(
                    "Uploads deleted: %(expired)d not confirmed within %(days)d days, %(leftovers)d no longer "
                    "needed."
                )
                % {
                    "expired": purged.expired,
                    "days": upload_imports.KEEP_UNCONFIRMED.days,
                    "leftovers": purged.leftovers,
                }
            )
