"""Reads of accounts and departments for the administrator's pages, scoped by ``User.objects.for_user``."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from gaoxin.accounts.choices import Capability, Role
from gaoxin.accounts.models import Department, LoginThrottle, User


def user_list(user: User | AnonymousUser) -> QuerySet[User]:
    """The accounts the user sees, by user name, with their departments and enterprises
    (``filters.UserFilterSet`` filters them)."""
    return User.objects.for_user(user).select_related("department", "enterprise").order_by("username")


def user_get(user: User | AnonymousUser, pk: int) -> User:
    """One account the user sees; Http404 otherwise."""
    return get_object_or_404(User.objects.for_user(user), pk=pk)


def department_list() -> QuerySet[Department]:
    return Department.objects.all()


def departments_holding(capability: Capability) -> list[Department]:
    """The active departments that hold ``capability``, in the committee's order."""
    return [
        d
        for d in Department.objects.filter(is_active=True).order_by("sort_order", "code")
        if d.holds(capability)
    ]


def officers_holding(capability: Capability) -> list[User]:
    """The active officers of the active departments that hold ``capability``."""
    departments = [d.pk for d in departments_holding(capability)]
    return list(User.objects.filter(is_active=True, role=Role.OFFICER, department_id__in=departments))


def enterprise_contacts(enterprise_id: int) -> list[User]:
    """The active contacts of an enterprise."""
    return list(
        User.objects.filter(is_active=True, role=Role.ENTERPRISE_CONTACT, enterprise_id=enterprise_id)
    )


def department_get(pk: int) -> Department:
    """One department; Http404 when there is none."""
    return get_object_or_404(Department.objects, pk=pk)


def lock_get(pk: int) -> LoginThrottle:
    """One login lock (in force or not); Http404 when there is none."""
    return get_object_or_404(LoginThrottle.objects, pk=pk)
