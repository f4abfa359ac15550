"""The zone's evaluation settings (publicity length, approvers, what notices say), changed by administrators."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from gaoxin.accounts.models import Department
from gaoxin.core import changelog
from gaoxin.evaluation.models import EvaluationSettings


@transaction.atomic
def settings_save(
    *, data: Mapping[str, Any], departments: Iterable[Department], by: Any
) -> EvaluationSettings:
    """Save the settings; the approving departments are logged by name with the other fields."""
    settings = EvaluationSettings.current()
    before = sorted(settings.approver_departments.values_list("name", flat=True))
    changelog.save_with_log(settings, data, by=by)
    chosen = list(departments)
    settings.approver_departments.set(chosen)
    after = sorted(department.name for department in chosen)
    if after != before:
        changelog.record(
            [changelog.Change.of(settings, "update", {"approver_departments": [before, after]})], by=by
        )
    return settings
