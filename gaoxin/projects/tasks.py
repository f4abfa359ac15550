"""Background work of the projects module (django-tasks): recomputing every traffic light."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from gaoxin.core.request_context import request_id_scope
from gaoxin.projects.services.progress import recompute_lights


@task()
def recompute_lights_task(on: str | None = None) -> int:
    """Every active project's light as of ``on`` (ISO date; today when None); returns how many changed."""
    with request_id_scope():
        return recompute_lights(on=dt.date.fromisoformat(on) if on else None)
