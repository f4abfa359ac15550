"""Reads of accounts and departments for the administrator's pages, scoped by ``User.objects.for_user``."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from gaoxin.accounts.models import Department, LoginThrottle, User


def user_list(user: User | AnonymousUser) -> QuerySet[User]:
    """The accounts the user sees, by user name, with their departments and enterprises
    (``filters.UserFilterSet`` filters them)."""
    return User.objects.for_user(user).select_related("department", "enterprise").order_by("username")


def user_get(user: User | AnonymousUser, pk: int) -> User:
    """One account the user sees; Http404 otherwise."""
    found = User.objects.for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def department_list() -> QuerySet[Department]:
    return Department.objects.all()


def department_get(pk: int) -> Department:
    """One department; Http404 when there is none."""
    department = Department.objects.filter(pk=pk).first()
    if department is None:
        raise Http404
    return department


def lock_get(pk: int) -> LoginThrottle:
    """One login lock (in force or not); Http404 when there is none."""
    lock = LoginThrottle.objects.filter(pk=pk).first()
    if lock is None:
        raise Http404
    return lock
