"""gaoxin import enterprises|years FILE [--dry-run] [--valid-only] [--source SOURCE]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gaoxin.core.request_context import request_id_scope
from gaoxin.enterprises.choices import DataSource
from gaoxin.enterprises.imports.pipeline import KINDS, run_import


class Command(BaseCommand):
    help = "Import enterprises or yearly data from .xlsx, .xls or .csv (UTF-8 or GBK)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check the file; write nothing.")
        parser.add_argument(
            "--valid-only", action="store_true", help="Import the valid rows, report the others."
        )
        parser.add_argument("--source", choices=DataSource.values, default=DataSource.OTHER)
        parser.add_argument("--max-errors", type=int, default=200, help="How many problems to print.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        with request_id_scope():
            report = run_import(
                kind=options["kind"],
                data=path.read_bytes(),
                filename=path.name,
                by=None,
                valid_only=options["valid_only"],
                dry_run=options["dry_run"],
                source=options["source"],
            )
        if report.fatal:
            raise CommandError("\n".join(report.fatal))
        for note in report.notes:
            self.stdout.write(note)
        for error in report.errors[: options["max_errors"]]:
            self.stderr.write(str(error))
        if len(report.errors) > options["max_errors"]:
            self.stderr.write(
                _("… and %(n)d more problems.") % {"n": len(report.errors) - options["max_errors"]}
            )
        summary = _("%(total)d data rows, %(valid)d valid, %(errors)d problems.") % {
            "total": report.total_rows,
            "valid": report.valid_rows,
            "errors": len(report.errors),
        }
        self.stdout.write(summary)
        if report.written:
            self.stdout.write(
                _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % report.counts
            )
        elif options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
        if report.errors and not options["valid_only"]:
            raise CommandError(
                _("Nothing was imported because the file has problems. Fix them, or use --valid-only.")
            )
