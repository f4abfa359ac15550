"""Background jobs with progress: created by a service, run by the worker, polled by the page."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet

from gaoxin.core.models import Job, JobStatus


def create(*, kind: str, user: Any, total: int = 0) -> Job:
    return Job.objects.create(
        id=uuid.uuid4(), kind=kind, user=user if getattr(user, "pk", None) else None, total=total
    )


def report(job_id: uuid.UUID | str, *, done: int, total: int | None = None, message: str = "") -> None:
    """Progress from inside the worker; one UPDATE, cheap enough to call every few thousand rows."""
    fields: dict[str, Any] = {"done": done, "status": JobStatus.RUNNING}
    if total is not None:
        fields["total"] = total
    if message:
        fields["message"] = message
    Job.objects.filter(pk=job_id).update(**fields)


def finish(job_id: uuid.UUID | str, *, result: dict[str, Any], message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(status=JobStatus.DONE, result=result, message=message)


def fail(job_id: uuid.UUID | str, *, message: str, result: dict[str, Any] | None = None) -> None:
    Job.objects.filter(pk=job_id).update(status=JobStatus.FAILED, message=message, result=result or {})


def for_user(user: Any) -> QuerySet[Job]:
    """Jobs a user may follow: their own; administrators see all."""
    if getattr(user, "is_administrator", False):
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
