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


@transaction.atomic
def category_save(*, category: Category | None = None, data: Mapping[str, Any], by: User) -> Category:
    if not permissions.is_centre(by):
        raise PermissionDenied
    return changelog.save_as(category or Category(), data, by=by)


@transaction.atomic
def policy_save(*, policy: SlaPolicy | None = None, data: Mapping[str, Any], by: User) -> SlaPolicy:
    if not permissions.is_centre(by):
        raise PermissionDenied
    policy = policy or SlaPolicy()
    for name, value in data.items():
        setattr(policy, name, value)
    policy.full_clean()
    if policy.pk is not None and changelog.unsaved_changes(policy):
        policy.version += 1  # requests keep the limits they were given: a changed policy applies to new ones
    with changelog.acting(by=by):
        policy.save()
    return policy


@transaction.atomic
def robot_save(*, robot: RobotWebhook | None = None, data: Mapping[str, Any], by: User) -> RobotWebhook:
    if not by.is_administrator:
        raise PermissionDenied
    return changelog.save_as(robot or RobotWebhook(), data, by=by)


@transaction.atomic
def department_head_save(
    *, head: DepartmentHead | None = None, data: Mapping[str, Any], by: User
) -> DepartmentHead:
    """A department's head may act on every request its officers signed: the administrator names them."""
    if not by.is_administrator:
        raise PermissionDenied
    return changelog.save_as(head or DepartmentHead(), data, by=by)


@transaction.atomic
def enterprise_officer_save(
    *, assignment: EnterpriseOfficer | None = None, data: Mapping[str, Any], by: User
) -> EnterpriseOfficer:
    if not permissions.is_centre(by):
        raise PermissionDenied
    return changelog.save_as(assignment or EnterpriseOfficer(), data, by=by)
