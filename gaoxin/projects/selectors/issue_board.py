"""Reads of problems (问题会商): scoped to what the user may see, overdue flagged, the zone-wide list's filters
and per-unit counts, and which problems go on the weekly meeting's list.

A problem is overdue while it is open past its deadline. "As of a day" reads (the meeting list, the bulletin)
take a problem as open on that day when it was raised by then and not closed by then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q, QuerySet

from gaoxin.accounts.models import Department
from gaoxin.projects import permissions
from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.models import ProjectIssue

DEFAULT_MEETING_INTERVAL = dt.timedelta(days=7)


def issues_for(user: Any) -> QuerySet[ProjectIssue]:
    """Committee staff see every problem; anyone else none."""
    if not permissions.may_read(user):
        return ProjectIssue.objects.none()
    return ProjectIssue.objects.all()


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


def project_issues(user: Any, project: Any, today: dt.date) -> QuerySet[ProjectIssue]:
    """A project's problems: open ones first by deadline, then the closed ones, newest closure first."""
    return (
        with_overdue(issues_for(user).filter(project=project), today)
        .select_related("unit", "raised_by", "closed_by")
        .order_by("status", "deadline", "-closed_on", "id")
    )


@dataclass(frozen=True)
class IssueFilters:
    q: str = ""
    unit: str = ""
    status: str = ""
    overdue: bool = False
    meeting_on: dt.date | None = None
    sort: str = "deadline"

    SORTS = (
        "deadline",
        "raised_on",
        "project__name",
        "unit__sort_order",
        "status",
        "meeting_on",
        "closed_on",
    )

    @classmethod
    def from_query(cls, params: Any) -> IssueFilters:
        sort = (params.get("sort") or "").strip()
        if sort.removeprefix("-") not in cls.SORTS:
            sort = "deadline"
        status = (params.get("status") or "").strip()
        return cls(
            q=(params.get("q") or "").strip(),
            unit=(params.get("unit") or "").strip(),
            status=status if status in IssueStatus.values else "",
            overdue=(params.get("overdue") or "") in ("1", "on", "true"),
            meeting_on=parse_date(params.get("meeting_on")),
            sort=sort,
        )

    def apply(self, issues: QuerySet[ProjectIssue], today: dt.date) -> QuerySet[ProjectIssue]:
        if self.q:
            issues = issues.filter(
                Q(project__name__icontains=self.q)
                | Q(project__code__icontains=self.q)
                | Q(title__icontains=self.q)
            )
        if self.unit.isdigit():
            issues = issues.filter(unit_id=int(self.unit))
        if self.status:
            issues = issues.filter(status=self.status)
        if self.overdue:
            issues = issues.filter(overdue_q(today))
        if self.meeting_on is not None:
            issues = issues.filter(meeting_on=self.meeting_on)
        return issues.order_by(self.sort, "id")


def parse_date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text or "").strip())
    except ValueError:
        return None


def issue_list(user: Any, filters: IssueFilters, today: dt.date) -> QuerySet[ProjectIssue]:
    return filters.apply(with_overdue(issues_for(user), today), today).select_related(
        "project", "project__responsible_unit", "unit"
    )


@dataclass(frozen=True)
class UnitCounts:
    unit: Department
    open: int
    overdue: int
    closed_this_month: int


def unit_counts(user: Any, today: dt.date) -> list[UnitCounts]:
    """Per assigned unit: problems open, overdue, and closed this month (to today)."""
    month_start = today.replace(day=1)
    rows = (
        issues_for(user)
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


def meeting_issues(user: Any, window: MeetingWindow) -> QuerySet[ProjectIssue]:
    """The problems of the meeting's list, by assigned unit, project and deadline."""
    closed_in_window = Q(closed_on__gt=window.since, closed_on__lte=window.meeting_on)
    return (
        issues_for(user)
        .filter(open_on_q(window.meeting_on) | closed_in_window)
        .select_related("project", "unit")
        .order_by("unit__sort_order", "unit__code", "project__code", "deadline", "id")
    )
