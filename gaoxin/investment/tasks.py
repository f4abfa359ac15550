"""Background work of the investment module (django-tasks): the periodic notice of stale leads."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from gaoxin.core.request_context import request_id_scope
from gaoxin.investment.stale_scan import run_stale_scan


@task()
def scan_stale_leads() -> dict[str, Any]:
    with request_id_scope():
        return run_stale_scan().as_dict()
