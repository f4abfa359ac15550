"""The centre's and the administrator's configuration: categories, time-limit policies, group robots,
department heads and the enterprises' responsible officers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.servicedesk import permissions
from gaoxin.servicedesk.models import Category, DepartmentHead, EnterpriseOfficer, RobotWebhook, SlaPolicy


def _bump_version(policy: SlaPolicy, changes: dict[str, list[Any]]) -> None:
    """Requests record the limits they were given; a changed policy is a new version, applied to new ones."""
    if policy.pk is not None and changes:
        policy.version += 1


@transaction.atomic
def category_save(*, category: Category | None = None, data: Mapping[str, Any], by: User) -> Category:
    if not permissions.is_centre(by):
        raise PermissionDenied
    return changelog.save_with_log(category or Category(), data, by=by)


@transaction.atomic
def policy_save(*, policy: SlaPolicy | None = None, data: Mapping[str, Any], by: User) -> SlaPolicy:
    if not permissions.is_centre(by):
        raise PermissionDenied
    return changelog.save_with_log(policy or SlaPolicy(), data, by=by, before_save=_bump_version)


@transaction.atomic
def robot_save(*, robot: RobotWebhook | None = None, data: Mapping[str, Any], by: User) -> RobotWebhook:
    if not by.is_administrator:
        raise PermissionDenied
    return changelog.save_with_log(robot or RobotWebhook(), data, by=by, secret_fields=("secret",))


@transaction.atomic
def department_head_save(
    *, head: DepartmentHead | None = None, data: Mapping[str, Any], by: User
) -> DepartmentHead:
    """A department's head may act on every request its officers signed: the administrator names them."""
    if not by.is_administrator:
        raise PermissionDenied
    return changelog.save_with_log(head or DepartmentHead(), data, by=by)


@transaction.atomic
def enterprise_officer_save(
    *, assignment: EnterpriseOfficer | None = None, data: Mapping[str, Any], by: User
) -> EnterpriseOfficer:
    if not permissions.is_centre(by):
        raise PermissionDenied
    return changelog.save_with_log(assignment or EnterpriseOfficer(), data, by=by)
