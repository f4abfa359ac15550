"""Background jobs with progress: created by a service, run by the worker, polled by the page.

A running job holds a lease: every progress report renews its heartbeat, and a job whose heartbeat is older than
``settings.JOB_LEASE_MINUTES`` has lost its worker (killed, out of memory, machine restarted). ``expire_stale``
marks such jobs failed with a message saying so — and jobs queued for as long with nothing left in the worker's
queue, whose task the lost worker took with it — so that no page waits for ever; the worker takes the next task
from its queue regardless. The sweep runs when the server starts, with ``gaoxin purge_uploads`` and whenever a
page polls a job.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.core.models import Job, JobStatus

if TYPE_CHECKING:  # the user model is the accounts app's, above this layer: named for the types only
    from django.contrib.auth.models import AnonymousUser

    from gaoxin.accounts.models import User

DEFAULT_LEASE_MINUTES = 10
_ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def create(*, kind: str, user: User | None, total: int = 0) -> Job:
    """A new job started by ``user`` (None: the system)."""
    return Job.objects.create(id=uuid.uuid4(), kind=kind, user=user, total=total)


def report(job_id: uuid.UUID | str, *, done: int, total: int | None = None, message: str = "") -> None:
    """Progress from inside the worker, which renews the job's lease; one UPDATE, cheap enough to call every
    few thousand rows. A job already given up (failed) is not brought back."""
    now = timezone.now()
    fields: dict[str, Any] = {
        "done": done,
        "status": JobStatus.RUNNING,
        "heartbeat_at": now,
        "updated_at": now,
    }
    if total is not None:
        fields["total"] = total
    if message:
        fields["message"] = message
    Job.objects.filter(pk=job_id, status__in=_ACTIVE).update(**fields)


def finish(job_id: uuid.UUID | str, *, result: dict[str, Any], message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.DONE, result=result, message=message, updated_at=timezone.now()
    )


def fail(job_id: uuid.UUID | str, *, message: str, result: dict[str, Any] | None = None) -> None:
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, message=message, result=result or {}, updated_at=timezone.now()
    )


def lease() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "JOB_LEASE_MINUTES", DEFAULT_LEASE_MINUTES))


def expire_stale(*, now: dt.datetime | None = None) -> int:
    """Mark failed the running jobs whose worker is gone (no heartbeat within the lease), and the queued ones
    older than the lease when the worker's queue holds nothing ready (their task was lost with a worker).
    ``result["stopped"]`` tells the import pages that the job may be started again. Returns how many."""
    cutoff = (now or timezone.now()) - lease()
    stale = Q(status=JobStatus.RUNNING) & (
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, updated_at__lt=cutoff)
    )
    if not _tasks_waiting():
        stale |= Q(status=JobStatus.QUEUED, updated_at__lt=cutoff)
    message = _(
        "The background worker stopped while doing this (no sign of life for %(minutes)d minutes); the job was "
        "given up and can be started again."
    ) % {"minutes": int(lease().total_seconds() // 60)}
    expired = 0
    for job in Job.objects.filter(stale).only("pk", "status", "result", "updated_at"):
        unchanged = Job.objects.filter(pk=job.pk, status=job.status, updated_at=job.updated_at)
        expired += unchanged.update(
            status=JobStatus.FAILED,
            message=message,
            result={**job.result, "stopped": True},
            updated_at=timezone.now(),
        )
    return expired


def _tasks_waiting() -> bool:
    """Whether the database worker's queue holds a task ready to run (the worker is behind, not gone)."""
    from django_tasks_db.models import DBTaskResult  # the worker's own table; absent from no deployment

    return DBTaskResult.objects.ready().exists()


def for_user(user: User | AnonymousUser) -> QuerySet[Job]:
    """Jobs a user may follow: their own; administrators see all; an anonymous user none."""
    if not user.is_authenticated:
        return Job.objects.none()
    if user.is_administrator:
        return Job.objects.all()
    return Job.objects.filter(user_id=user.pk)


def as_dict(job: Job) -> dict[str, Any]:
    return {
        "id": str(job.id),
        "kind": job.kind,
        "status": job.status,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "result": job.result,
    }
