"""The zone's evaluation settings (publicity length, approvers, what notices say), changed by administrators."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from gaoxin.accounts.models import Department, User
from gaoxin.core import changelog
from gaoxin.evaluation.models import EvaluationSettings


@transaction.atomic
def settings_save(
    *, data: Mapping[str, Any], departments: Iterable[Department], by: User | None
) -> EvaluationSettings:
    """Save the settings; the approving departments are logged by name with the other fields."""
    settings = EvaluationSettings.current()
    with changelog.acting(by=by):
        changelog.save_as(settings, data, by=by)
        settings.approver_departments.set(list(departments))  # by name, in the same entry
    return settings
