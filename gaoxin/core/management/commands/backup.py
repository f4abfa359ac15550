"""``gaoxin backup FILE``: the embedded SQLite database and the uploaded files in one .tar.gz, consistent while
the server runs (see ``gaoxin.core.backups``). PostgreSQL: use pg_dump (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gaoxin.core import backups


class Command(BaseCommand):
    help = "Back up the SQLite database and the uploaded files to FILE (.tar.gz); safe while the server runs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = backups.backup(options["file"])
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Backed up the database and %(files)d files to %(path)s (%(mb).1f MB).")
            % {"files": done["files"], "path": options["file"], "mb": done["bytes"] / 1024 / 1024}
        )
