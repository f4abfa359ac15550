"""``gaoxin calendar``: ask the stored working-day calendar.

gaoxin calendar due RECEIVED N [--hours]   the due date of a limit of N working days (or hours) from RECEIVED
                                           (YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time), e.g.
                                           ``gaoxin calendar due 2025-09-26 5`` prints 2025-10-10
gaoxin calendar show YEAR                  that year's holidays and make-up workdays
gaoxin calendar seed [YEAR …]              store years from the chinesecalendar package (all it knows that
                                           are missing when no year is given)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gaoxin.core import calendar_services
from gaoxin.core.calendar_forms import holiday_periods
from gaoxin.core.calendar_models import WorkdayArrangement
from gaoxin.core.message_text import translated
from gaoxin.core.workcalendar import MissingYearError, chinesecalendar_years


def parse_received(text: str) -> dt.datetime:
    try:
        if "T" in text or " " in text:
            return dt.datetime.fromisoformat(text.replace(" ", "T"))
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
    except ValueError as error:
        raise CommandError(
            _("“%(text)s” is not a date or time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM.") % {"text": text}
        ) from error


class Command(BaseCommand):
    help = "Due dates, holidays and make-up workdays of the stored working-day calendar."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        due = commands.add_parser("due", help="Print the due date of a limit of N working days.")
        due.add_argument("received", help="YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time)")
        due.add_argument("n", type=int)
        due.add_argument("--hours", action="store_true", help="N is in office hours, not working days.")
        show = commands.add_parser("show", help="Print a year's holidays and make-up workdays.")
        show.add_argument("year", type=int)
        seed = commands.add_parser("seed", help="Store years from the built-in State Council arrangements.")
        seed.add_argument("years", type=int, nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"handle_{options['command']}")(**options)
        except MissingYearError as error:
            raise CommandError(translated(error.message)) from error

    def handle_due(self, *, received: str, n: int, hours: bool, **_options: Any) -> None:
        moment = parse_received(received)
        calendar = calendar_services.current_calendar()
        if hours:
            if n < 0:
                raise CommandError(_("N must not be negative."))
            self.stdout.write(calendar.add_work_hours(moment, n).strftime("%Y-%m-%d %H:%M"))
            return
        if n < 1:
            raise CommandError(_("N must be at least 1."))
        self.stdout.write(calendar.due_date(moment, n).isoformat())

    def handle_show(self, *, year: int, **_options: Any) -> None:
        row = WorkdayArrangement.objects.filter(year=year).first()
        if row is None:
            raise MissingYearError(year)
        arrangement = row.to_arrangement()
        self.stdout.write(
            _("%(year)s: %(source)s%(note)s")
            % {"year": year, "source": row.get_source_display(), "note": f" · {row.note}" if row.note else ""}
        )
        for period in holiday_periods(arrangement):
            span = period["first"].isoformat()
            if period["last"] != period["first"]:
                span += f" – {period['last'].isoformat()}"
            makeup = ", ".join(d.isoformat() for d in period["makeup"])
            line = f"{period['name'] or '—'}  {span}  " + _("%(n)s days off") % {"n": period["days"]}
            if makeup:
                line += "  " + _("make-up workdays: %(days)s") % {"days": makeup}
            self.stdout.write(line)
        unnamed = sorted(d for d in arrangement.makeup_workdays if d not in arrangement.holiday_names)
        if unnamed:
            self.stdout.write(
                _("make-up workdays: %(days)s") % {"days": ", ".join(d.isoformat() for d in unnamed)}
            )

    def handle_seed(self, *, years: list[int], **_options: Any) -> None:
        stored = set(calendar_services.stored_years())
        for year in years or [y for y in chinesecalendar_years() if y not in stored]:
            calendar_services.arrangement_seed(year=year, by=None)
            self.stdout.write(
                _("Stored %(year)s from the built-in State Council arrangement.") % {"year": year}
            )
