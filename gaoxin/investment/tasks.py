"""Background work of the investment module (django-tasks): the daily 履约 check of the obligations."""

from __future__ import annotations

from django_tasks import task

from gaoxin.core.request_context import request_id_scope
from gaoxin.investment.services.agreements import check_obligations as run_check


@task()
def check_obligations() -> dict[str, int]:
    with request_id_scope():
        return run_check().by_status
