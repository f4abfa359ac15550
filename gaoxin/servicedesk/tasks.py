"""Background work of the service desk (django-tasks): the periodic deadline scan, recomputing deadlines
after the working-day calendar changed, and delivering a visit's red flags by e-mail and to the group robots."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from gaoxin.core.request_context import request_id_scope
from gaoxin.servicedesk.scan import run_scan
from gaoxin.servicedesk.services import notify
from gaoxin.servicedesk.services.deadlines import recompute_open


@task()
def recompute_deadlines() -> int:
    with request_id_scope():
        return recompute_open()


@task()
def scan_deadlines() -> dict[str, Any]:
    with request_id_scope():
        return run_scan().as_dict()


@task()
def deliver_red_flags(visit_id: int, flags: list[str], by_id: int | None) -> dict[str, int]:
    with request_id_scope():
        emails, robot_messages, robot_failures = notify.deliver_red_flags(visit_id, flags, by_id=by_id)
    return {"emails": emails, "robot_messages": robot_messages, "robot_failures": robot_failures}


def calendar_changed(sender: Any, years: list[int], **kwargs: Any) -> None:
    """Receiver of ``calendar_services.arrangements_changed``: the open requests' deadlines follow the calendar."""
    recompute_deadlines.enqueue()
