"""Background work of the investment module (django-tasks): the daily 履约 check of the obligations and the
periodic notice of stale leads."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from gaoxin.core.request_context import request_id_scope
from gaoxin.investment.services.agreements import check_obligations as run_check
from gaoxin.investment.stale_scan import run_stale_scan


@task()
def check_obligations() -> dict[str, int]:
    with request_id_scope():
        return run_check().by_status


@task()
def scan_stale_leads() -> dict[str, Any]:
    with request_id_scope():
        return run_stale_scan().as_dict()
