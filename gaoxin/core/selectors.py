"""Reads of the framework layer: the change log, background jobs and the working-day calendar."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gaoxin.core import jobs
from gaoxin.core.calendar_models import WorkdayArrangement
from gaoxin.core.models import ChangeLogEntry, Job

if TYPE_CHECKING:  # the user model is the accounts app's, above this layer: named for the types only
    from django.contrib.auth.models import AnonymousUser

    from gaoxin.accounts.models import User


def changelog_entries() -> QuerySet[ChangeLogEntry]:
    """The whole change log with its object types and users (``filters.ChangeLogFilterSet`` searches it)."""
    return ChangeLogEntry.objects.select_related("content_type", "user")


def job_get(user: User | AnonymousUser, job_id: UUID) -> Job:
    """One background job the user may follow (``jobs.for_user``); Http404 otherwise."""
    return get_object_or_404(jobs.for_user(user), pk=job_id)


def arrangements() -> list[WorkdayArrangement]:
    """The stored years of the working-day calendar, newest first."""
    return list(WorkdayArrangement.objects.order_by("-year"))


def arrangement_of(year: int) -> WorkdayArrangement | None:
    return WorkdayArrangement.objects.filter(year=year).first()
