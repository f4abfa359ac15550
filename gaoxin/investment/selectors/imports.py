"""Reads of the 招商台账 import: the import jobs a user may follow, and the stages and staff a ledger's rows name."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from gaoxin.accounts.models import User
from gaoxin.core import upload_imports
from gaoxin.core.models import Job
from gaoxin.investment.choices import LEDGER_IMPORT_JOB
from gaoxin.investment.models import LeadStage


def ledger_jobs(user: User) -> QuerySet[Job]:
    """The ledger imports ``user`` may follow, newest first."""
    return upload_imports.visible(user, [LEDGER_IMPORT_JOB])


def ledger_job_find(user: User, job_id: UUID) -> Job | None:
    return ledger_jobs(user).filter(pk=job_id).first()


def ledger_job(user: User, job_id: UUID) -> Job:
    found = ledger_job_find(user, job_id)
    if found is None:
        raise Http404
    return found


def named_stages() -> dict[str, LeadStage]:
    """The active stages by name and by code, as a ledger's 阶段 column may give either."""
    named: dict[str, LeadStage] = {}
    for stage in LeadStage.objects.filter(is_active=True):
        named[stage.name] = stage
        named[stage.code] = stage
    return named


def named_staff() -> dict[str, list[User]]:
    """The active officers by display name and by user name (a name two officers share lists both)."""
    named: dict[str, list[User]] = {}
    for user in User.objects.filter(is_active=True, role="officer").select_related("department"):
        for name in {user.display_name, user.username} - {""}:
            named.setdefault(name, []).append(user)
    return named
