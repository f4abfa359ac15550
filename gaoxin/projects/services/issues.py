"""Problems of a project (问题会商): logged, assigned to a unit with a deadline, worked on, discussed at the weekly
meeting, closed (销号) with a resolution, reopened when the resolution did not hold — each step checked, validated
and in the change log.

The project office and the project's responsible unit log, edit, assign, close and reopen problems
(``permissions.may_edit``); the unit a problem is assigned to adds progress (``permissions.may_handle_issue``).
Progress notes are appended to ``progress_note``, one dated line each, newest last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import Department, User
from gaoxin.core import changelog
from gaoxin.projects import permissions
from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.models import Project, ProjectIssue

EDITABLE_FIELDS = ("title", "description", "raised_on", "meeting_on")
NEW_ISSUE_FIELDS = (*EDITABLE_FIELDS, "unit", "deadline")


def _locked(issue: ProjectIssue) -> ProjectIssue:
    return ProjectIssue.objects.select_for_update().select_related("project").get(pk=issue.pk)


def _copy_into(target: ProjectIssue, source: ProjectIssue) -> None:
    for field in ProjectIssue._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _required_text(value: Any, field: str, message: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValidationError({field: message}, code="required")
    return text


def _check_dates(issue: ProjectIssue, today: dt.date) -> None:
    errors: dict[str, str] = {}
    if issue.raised_on and issue.raised_on > today:
        errors["raised_on"] = _("A problem cannot be raised in the future.")
    if issue.raised_on and issue.deadline and issue.deadline < issue.raised_on:
        errors["deadline"] = _("The deadline cannot be before the day the problem was raised.")
    if issue.raised_on and issue.meeting_on and issue.meeting_on < issue.raised_on:
        errors["meeting_on"] = _("The meeting cannot be before the day the problem was raised.")
    if errors:
        raise ValidationError(errors)


def _require_open(issue: ProjectIssue) -> None:
    if issue.status != IssueStatus.OPEN:
        raise ValidationError(_("This problem is closed; reopen it first."), code="closed")


def progress_line(on: dt.date, by: User, note: str) -> str:
    """One progress entry as stored: "2026-03-05 经发局 张三：text" (on one line)."""
    unit = (by.department.short_name or by.department.name) if by.department else ""
    who = " ".join(part for part in (unit, str(by)) if part)
    return f"{on.isoformat()} {who}：{' '.join(note.split())}"


def latest_progress(issue: ProjectIssue) -> str:
    """The newest progress entry (the last line), or "" when there is none."""
    lines = [line for line in issue.progress_note.splitlines() if line.strip()]
    return lines[-1] if lines else ""


@transaction.atomic
def issue_create(
    *, project: Project, data: Mapping[str, Any], by: User, today: dt.date | None = None
) -> ProjectIssue:
    """Log a problem of ``project``: ``data`` holds title, description, raised_on, unit, deadline and
    optionally meeting_on."""
    if not permissions.may_edit(by, project):
        raise PermissionDenied
    unknown = set(data) - set(NEW_ISSUE_FIELDS)
    if unknown:
        raise ValueError(f"unknown problem fields: {sorted(unknown)}")
    today = today or timezone.localdate()
    issue = ProjectIssue(project=project, raised_by=by, status=IssueStatus.OPEN, **data)
    if issue.raised_on is None:
        issue.raised_on = today
    issue.title = _required_text(issue.title, "title", _("Please describe the problem."))
    _check_dates(issue, today)
    issue.full_clean()
    with changelog.acting(by=by):
        issue.save()
    return issue


@transaction.atomic
def issue_update(
    *, issue: ProjectIssue, data: Mapping[str, Any], by: User, today: dt.date | None = None
) -> dict[str, list[Any]]:
    """Edit a problem's title, details, day raised and meeting date; returns the changed fields."""
    locked = _locked(issue)
    if not permissions.may_edit(by, locked.project):
        raise PermissionDenied
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    for name, value in data.items():
        setattr(locked, name, value)
    locked.title = _required_text(locked.title, "title", _("Please describe the problem."))
    _check_dates(locked, today or timezone.localdate())
    locked.full_clean()
    changed = changelog.unsaved_changes(locked)
    with changelog.acting(by=by):
        locked.save()
    _copy_into(issue, locked)
    return changed


@transaction.atomic
def issue_assign(
    *, issue: ProjectIssue, unit: Department, deadline: dt.date, by: User, note: str = ""
) -> ProjectIssue:
    """Assign (or reassign) an open problem to ``unit`` with a new ``deadline``."""
    locked = _locked(issue)
    if not permissions.may_edit(by, locked.project):
        raise PermissionDenied
    _require_open(locked)
    if deadline is None:
        raise ValidationError({"deadline": _("Please give a deadline.")}, code="required")
    if not unit.is_active:
        raise ValidationError({"unit": _("This unit is no longer active.")}, code="inactive")
    locked.unit = unit
    locked.deadline = deadline
    _check_dates(locked, timezone.localdate())
    locked.full_clean()
    with changelog.acting(by=by, note=" ".join(note.split())):
        locked.save()
    _copy_into(issue, locked)
    return locked


@transaction.atomic
def issue_add_progress(
    *, issue: ProjectIssue, note: str, by: User, on: dt.date | None = None
) -> ProjectIssue:
    """The assigned unit (or the project office, or the responsible unit) reports progress on an open problem."""
    locked = _locked(issue)
    if not permissions.may_handle_issue(by, locked):
        raise PermissionDenied
    _require_open(locked)
    text = _required_text(note, "note", _("Please describe the progress."))
    line = progress_line(on or timezone.localdate(), by, text)
    locked.progress_note = (
        f"{locked.progress_note.rstrip()}\n{line}" if locked.progress_note.strip() else line
    )
    with changelog.acting(by=by):
        locked.save(update_fields=["progress_note", "updated_at"])
    _copy_into(issue, locked)
    return locked


@transaction.atomic
def issue_close(
    *, issue: ProjectIssue, resolution: str, by: User, closed_on: dt.date | None = None
) -> ProjectIssue:
    """Close (销号) an open problem with how it was resolved and when (not in the future, not before it was
    raised)."""
    locked = _locked(issue)
    if not permissions.may_edit(by, locked.project):
        raise PermissionDenied
    _require_open(locked)
    text = _required_text(resolution, "resolution", _("Please state how the problem was resolved."))
    today = timezone.localdate()
    closed_on = closed_on or today
    if closed_on > today:
        raise ValidationError({"closed_on": _("A problem cannot be closed in the future.")})
    if closed_on < locked.raised_on:
        raise ValidationError({"closed_on": _("A problem cannot be closed before the day it was raised.")})
    locked.status = IssueStatus.CLOSED
    locked.resolution = text
    locked.closed_on = closed_on
    locked.closed_by = by
    with changelog.acting(by=by, note=_("Closed out")):
        locked.save()
    _copy_into(issue, locked)
    return locked


@transaction.atomic
def issue_reopen(*, issue: ProjectIssue, reason: str, by: User, on: dt.date | None = None) -> ProjectIssue:
    """Reopen a closed problem whose resolution did not hold; the reason goes into the progress notes and the
    log, the former resolution stays in the log."""
    locked = _locked(issue)
    if not permissions.may_edit(by, locked.project):
        raise PermissionDenied
    if locked.status != IssueStatus.CLOSED:
        raise ValidationError(_("This problem is open already."), code="open")
    text = _required_text(reason, "reason", _("Please give the reason for reopening."))
    locked.status = IssueStatus.OPEN
    locked.resolution = ""
    locked.closed_on = None
    locked.closed_by = None
    line = progress_line(on or timezone.localdate(), by, _("Reopened: %(reason)s") % {"reason": text})
    locked.progress_note = (
        f"{locked.progress_note.rstrip()}\n{line}" if locked.progress_note.strip() else line
    )
    with changelog.acting(by=by, note=_("Reopened the problem")):
        locked.save()
    _copy_into(issue, locked)
    return locked
