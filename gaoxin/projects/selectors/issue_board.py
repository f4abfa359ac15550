"""Reads of problems (问题会商): scoped to what the user may see, overdue flagged, the zone-wide list's filters
and per-unit counts, and which problems go on the weekly meeting's list.

A problem is overdue while it is open past its deadline. "As of a day" reads (the meeting list, the bulletin)
take a problem as open on that day when it was raised by then and not closed by then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from gaoxin.accounts.models import Department, User
from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.models import Project, ProjectIssue

DEFAULT_MEETING_INTERVAL = dt.timedelta(days=7)


def overdue_q(today: dt.date) -> Q:
    return Q(status=IssueStatus.OPEN, deadline__lt=today)


def open_on_q(day: dt.date) -> Q:
    """Open on ``day``: raised by then, not closed by then."""
    return Q(raised_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def overdue_on_q(day: dt.date) -> Q:
    return open_on_q(day) & Q(deadline__lt=day)


def with_overdue(issues: QuerySet[ProjectIssue], today: dt.date) -> QuerySet[ProjectIssue]:
    """Each problem annotated ``is_overdue``."""
    return issues.annotate(is_overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField()))


def project_issues(user: User, project: Project, today: dt.date) -> QuerySet[ProjectIssue]:
    """A project's problems: open ones first by deadline, then the closed ones, newest closure first."""
    return (
        with_overdue(ProjectIssue.objects.for_user(user).filter(project=project), today)
        .select_related("unit", "raised_by", "closed_by")
        .order_by("status", "deadline", "-closed_on", "id")
    )


def project_issue_rows(project: Project) -> QuerySet[ProjectIssue]:
    """A project's problems with their assigned unit (the API's list)."""
    return project.issues.select_related("unit")


def issue_list(user: User, today: dt.date) -> QuerySet[ProjectIssue]:
    """The zone's problems ``user`` may see, each flagged ``is_overdue`` (what ``filters.IssueFilterSet``
    filters on), with what the list shows."""
    return with_overdue(ProjectIssue.objects.for_user(user), today).select_related(
        "project", "project__responsible_unit", "unit"
    )


def issue(user: User, pk: int) -> ProjectIssue:
    """One problem with its project and unit; Http404 when out of scope."""
    return get_object_or_404(ProjectIssue.objects.for_user(user).select_related("project", "unit"), pk=pk)


def issue_units() -> QuerySet[Department]:
    """The units problems were assigned to (the list's filter)."""
    return Department.objects.filter(project_issues__isnull=False).distinct().order_by("sort_order", "code")


@dataclass(frozen=True)
class UnitCounts:
    unit: Department
    open: int
    overdue: int
    closed_this_month: int


def unit_counts(user: User, today: dt.date) -> list[UnitCounts]:
    """Per assigned unit: problems open, overdue, and closed this month (to today)."""
    month_start = today.replace(day=1)
    rows = (
        ProjectIssue.objects.for_user(user)
        .values("unit_id")
        .annotate(
            open=Count("id", filter=Q(status=IssueStatus.OPEN)),
            overdue=Count("id", filter=overdue_q(today)),
            closed_this_month=Count(
                "id",
                filter=Q(status=IssueStatus.CLOSED, closed_on__gte=month_start, closed_on__lte=today),
            ),
        )
        .order_by()
    )
    counts = {row["unit_id"]: row for row in rows}
    units = Department.objects.filter(pk__in=counts).order_by("sort_order", "code")
    return [
        UnitCounts(
            unit=unit,
            open=counts[unit.pk]["open"],
            overdue=counts[unit.pk]["overdue"],
            closed_this_month=counts[unit.pk]["closed_this_month"],
        )
        for unit in units
        if counts[unit.pk]["open"] or counts[unit.pk]["closed_this_month"]
    ]


@dataclass(frozen=True)
class MeetingWindow:
    """The weekly meeting (会商) on ``meeting_on``: its list holds the problems open that day and those closed
    after ``since`` up to that day."""

    meeting_on: dt.date
    since: dt.date


def last_meeting_before(day: dt.date) -> dt.date | None:
    """The latest meeting date recorded on a problem before ``day``."""
    found: dt.date | None = ProjectIssue.objects.filter(meeting_on__lt=day).aggregate(last=Max("meeting_on"))[
        "last"
    ]
    return found


def meeting_window(meeting_on: dt.date, since: dt.date | None = None) -> MeetingWindow:
    """``since`` defaults to the last meeting before, or a week before when none is recorded."""
    if since is None or since > meeting_on:
        since = last_meeting_before(meeting_on) or meeting_on - DEFAULT_MEETING_INTERVAL
    return MeetingWindow(meeting_on=meeting_on, since=since)


def meeting_issues(user: User, window: MeetingWindow) -> QuerySet[ProjectIssue]:
    """The problems of the meeting's list, by assigned unit, project and deadline."""
    closed_in_window = Q(closed_on__gt=window.since, closed_on__lte=window.meeting_on)
    return (
        ProjectIssue.objects.for_user(user)
        .filter(open_on_q(window.meeting_on) | closed_in_window)
        .select_related("project", "unit")
        .order_by("unit__sort_order", "unit__code", "project__code", "deadline", "id")
    )
