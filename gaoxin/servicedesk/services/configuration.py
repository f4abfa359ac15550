"""The centre's and the administrator's configuration: categories, time-limit policies, group robots."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.servicedesk import permissions
from gaoxin.servicedesk.models import Category, RobotWebhook, SlaPolicy

M = TypeVar("M", bound=models.Model)


MASK = "******"


def _save(obj: M, data: Mapping[str, Any], *, by: User, secret_fields: tuple[str, ...] = ()) -> M:
    """Validate, save and log; the values of ``secret_fields`` never reach the change log."""
    creating = obj.pk is None
    before = changelog.stored_snapshot(obj)
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    changed = changelog.diff(before, changelog.snapshot(obj))
    if not creating and isinstance(obj, SlaPolicy) and changed:
        obj.version += 1  # requests record the limits they were given; a new version applies to new ones
    obj.save()
    for name in secret_fields:
        if name in changed:
            changed[name] = [MASK if changed[name][0] else "", MASK if changed[name][1] else ""]
    if creating:
        changed = {k: [None, v[1]] for k, v in changed.items() if v[1] not in (None, "")}
    if changed or creating:
        changelog.record([changelog.Change.of(obj, "create" if creating else "update", changed)], by=by)
    return obj


@transaction.atomic
def category_save(*, category: Category | None = None, data: Mapping[str, Any], by: User) -> Category:
    if not permissions.is_centre(by):
        raise PermissionDenied
    return _save(category or Category(), data, by=by)


@transaction.atomic
def policy_save(*, policy: SlaPolicy | None = None, data: Mapping[str, Any], by: User) -> SlaPolicy:
    if not permissions.is_centre(by):
        raise PermissionDenied
    return _save(policy or SlaPolicy(), data, by=by)


@transaction.atomic
def robot_save(*, robot: RobotWebhook | None = None, data: Mapping[str, Any], by: User) -> RobotWebhook:
    if not by.is_administrator:
        raise PermissionDenied
    return _save(robot or RobotWebhook(), data, by=by, secret_fields=("secret",))
