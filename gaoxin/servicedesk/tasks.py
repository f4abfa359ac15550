"""Background work of the service desk (django-tasks): the periodic deadline scan and recomputing deadlines
after the working-day calendar changed. (Delivering a visit's red flags is queued by the visit service and
declared beside it.)"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from gaoxin.core.request_context import request_id_scope
from gaoxin.servicedesk.scan import run_scan
from gaoxin.servicedesk.services.deadlines import recompute_open


@task()
def recompute_deadlines() -> int:
    with request_id_scope():
        return recompute_open()


@task()
def scan_deadlines() -> dict[str, Any]:
    with request_id_scope():
        return run_scan().as_dict()


def calendar_changed(sender: Any, years: list[int], **kwargs: Any) -> None:
    """Receiver of ``calendar_services.arrangements_changed``: the open requests' deadlines follow the calendar."""
    transaction.on_commit(recompute_deadlines.enqueue)
