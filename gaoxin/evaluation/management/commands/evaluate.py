"""``gaoxin evaluate --scheme FILE --data FILE --out FILE.xlsx``: run the engine offline on a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gaoxin.evaluation.offline import OfflineError, evaluate_files


class Command(BaseCommand):
    help = (
        "Score a spreadsheet (.xlsx, .xls or .csv, Chinese or glossary column names) with a scheme file and "
        "write the results to an .xlsx workbook. Needs no database."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scheme", required=True, type=Path, help="The scheme (.toml).")
        parser.add_argument("--data", required=True, type=Path, help="The data (.xlsx, .xls or .csv).")
        parser.add_argument("--out", required=True, type=Path, help="Where to write the results (.xlsx).")
        parser.add_argument("--year", type=int, help="The evaluation year (default: the scheme's).")
        parser.add_argument("--sheet", help="The sheet to read (default: the first).")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.suffix.lower() != ".xlsx":
            raise CommandError(_("The output file must end in .xlsx."))
        try:
            outcome = evaluate_files(
                Path(options["scheme"]),
                Path(options["data"]),
                out,
                year=options["year"],
                sheet=options["sheet"],
            )
        except OfflineError as error:
            raise CommandError("\n".join(error.problems)) from error
        if outcome.absent:
            self.stdout.write(
                _("Not in the data, taken as empty: %(columns)s.") % {"columns": "、".join(outcome.absent)}
            )
        result = outcome.result
        graded = result.frame.filter(pl.col("grade").is_not_null()).group_by("grade").len().sort("grade")
        counts = "，".join(f"{grade} {count}" for grade, count in graded.iter_rows())
        self.stdout.write(
            _("Scored %(count)d enterprises (%(grades)s); results written to %(path)s.")
            % {"count": result.frame.height, "grades": counts or "—", "path": out}
        )
