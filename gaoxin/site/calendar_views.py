"""The administrator's pages for the working-day calendar: the stored years, and one year to enter or correct."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.permissions import acting_user, require_administrator
from gaoxin.core import calendar_services, changelog, selectors
from gaoxin.core.calendar_forms import (
    ArrangementForm,
    days_off_text,
    holiday_periods,
    makeup_text,
)
from gaoxin.core.message_text import translated
from gaoxin.core.workcalendar import (
    InvalidArrangementError,
    MissingYearError,
    YearArrangement,
    arrangement_from_chinesecalendar,
    chinesecalendar_years,
)

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year_or_404(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


@require_administrator
def calendar_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    stored_rows = selectors.arrangements()
    rows = [
        {"row": row, "days_off": len(row.holidays), "makeup": len(row.makeup_workdays)} for row in stored_rows
    ]
    stored = {row.year for row in stored_rows}
    return render(
        request,
        "core/calendar_list.html",
        {
            "section": "calendar",
            "rows": rows,
            "missing": calendar_services.years_to_enter(today),
            "next_year": max(stored, default=today.year - 1) + 1,
            "seedable": [y for y in chinesecalendar_years() if y not in stored],
        },
    )


def _month_grids(arrangement: YearArrangement) -> list[dict[str, Any]]:
    grids = []
    for month in range(1, 13):
        weeks = []
        for week in month_calendar.Calendar().monthdatescalendar(arrangement.year, month):
            cells: list[dict[str, Any] | None] = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                if day in arrangement.makeup_workdays:
                    kind = "makeup"
                elif not arrangement.is_workday(day):
                    kind = (
                        "holiday"
                        if day in arrangement.holiday_names or day in arrangement.holidays
                        else "weekend"
                    )
                else:
                    kind = "workday"
                cells.append({"day": day, "kind": kind, "name": arrangement.holiday_names.get(day, "")})
            weeks.append(cells)
        grids.append({"month": month, "weeks": weeks})
    return grids


@require_administrator
def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    year = _year_or_404(year)
    row = selectors.arrangement_of(year)
    proposal: YearArrangement | None = None
    if row is not None:
        try:
            proposal = row.to_arrangement()
        except InvalidArrangementError:
            proposal = None
    elif year in chinesecalendar_years():
        proposal = arrangement_from_chinesecalendar(year)
    initial = {
        "note": row.note if row else "",
        "estimated": row.estimated if row else False,
        "days_off": days_off_text(proposal) if proposal else "",
        "makeup_workdays": makeup_text(proposal) if proposal else "",
    }
    form = ArrangementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        parsed = form.cleaned_data["parsed"]
        try:
            calendar_services.arrangement_save(
                year=year,
                holidays=parsed.holidays,
                makeup_workdays=parsed.makeup_workdays,
                holiday_names=parsed.names,
                note=form.cleaned_data["note"],
                estimated=form.cleaned_data["estimated"],
                by=acting_user(request),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The working-day arrangement for %(year)s was saved.") % {"year": year}
            )
            return redirect("core:calendar_year", year)
    return render(
        request,
        "core/calendar_year.html",
        {
            "section": "calendar",
            "year": year,
            "row": row,
            "form": form,
            "periods": holiday_periods(proposal) if proposal else [],
            "grids": _month_grids(proposal) if proposal else [],
            "workdays": sum(
                proposal.is_workday(dt.date(year, 1, 1) + dt.timedelta(days=k))
                for k in range((dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days)
            )
            if proposal
            else None,
            "from_package": row is None and proposal is not None,
            "history": changelog.history(row)[:30] if row else [],
            "weekdays": [_("Mo"), _("Tu"), _("We"), _("Th"), _("Fr"), _("Sa"), _("Su")],
        },
    )


@require_POST
@require_administrator
def calendar_seed(request: HttpRequest, year: int) -> HttpResponse:
    """Store a year exactly as the ``chinesecalendar`` package has it."""
    try:
        calendar_services.arrangement_seed(year=_year_or_404(year), by=acting_user(request))
    except MissingYearError as error:
        messages.error(request, translated(error.message))
    else:
        messages.success(request, _("The working-day arrangement for %(year)s was saved.") % {"year": year})
    return redirect("core:calendar_list")


@require_POST
@require_administrator
def calendar_confirm(request: HttpRequest, year: int) -> HttpResponse:
    """The State Council notice confirms the estimated days: the year becomes official as it is."""
    try:
        calendar_services.arrangement_confirm(year=_year_or_404(year), by=acting_user(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "The arrangement for %(year)s is now official; plans computed on the estimate are being recomputed."
            )
            % {"year": year},
        )
    return redirect("core:calendar_year", year)
