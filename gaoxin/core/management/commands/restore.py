"""``gaoxin restore FILE``: replace the SQLite database and the uploaded files with a ``gaoxin backup``.
Refused while ``gaoxin serve`` runs on the same data directory; stop the server and any worker first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gaoxin.core import backups


class Command(BaseCommand):
    help = "Restore the SQLite database and the uploaded files from a backup (stop the server first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = backups.restore(options["file"])
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored the database and %(files)d files from %(path)s; run gaoxin migrate if it is older.")
            % {"files": done["files"], "path": options["file"]}
        )
