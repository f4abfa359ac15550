"""gaoxin export enterprises|years FILE [--year YEAR]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gaoxin.enterprises import exports, selectors


class Command(BaseCommand):
    help = "Export enterprises or yearly data to .xlsx in the shape the import reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=("enterprises", "years"))
        parser.add_argument("file")
        parser.add_argument("--year", type=int, help="Only this year (yearly data).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if path.suffix.lower() != ".xlsx":
            raise CommandError(_("The output file must end in .xlsx."))
        if not path.parent.exists():
            raise CommandError(_("Folder not found: %(path)s") % {"path": path.parent})
        if options["kind"] == "enterprises":
            content = exports.export_enterprises(selectors.registry_export())
        else:
            content = exports.export_years(selectors.year_export(options["year"]))
        path.write_bytes(content)
        self.stdout.write(_("Written: %(path)s") % {"path": path})
