from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import Department, User
from gaoxin.core import changelog


def api_token_for(user: User) -> str | None:
    token = Token.objects.filter(user=user).first()
    return token.key if token else None


@transaction.atomic
def api_token_regenerate(*, user: User) -> str:
    Token.objects.filter(user=user).delete()
    return str(Token.objects.create(user=user).key)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
    department: Department | None = None,
    enterprise: Any = None,
    phone: str = "",
    email: str = "",
    is_active: bool = True,
    by: User | None = None,
) -> User:
    user = User(
        username=username,
        role=role,
        display_name=display_name,
        department=department,
        enterprise=enterprise,
        phone=phone,
        email=email,
        is_active=is_active,
        is_superuser=role == Role.ADMINISTRATOR,
        is_staff=role == Role.ADMINISTRATOR,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    with changelog.acting(by=by):
        user.save()
    return user


@transaction.atomic
def department_create(*, data: Mapping[str, Any], by: User | None = None) -> Department:
    """A new department with every field of the department form (code, names, responsibilities, order …)."""
    return changelog.save_as(Department(), data, by=by)


@transaction.atomic
def user_update(
    *, user: User, data: dict[str, Any], password: str = "", by: User | None
) -> dict[str, list[Any]]:
    """Change the account; returns what changed (a new password as masked values)."""
    for name, value in data.items():
        setattr(user, name, value)
    user.is_superuser = user.is_staff = user.role == Role.ADMINISTRATOR
    if password:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    changed = changelog.unsaved_changes(user)
    with changelog.acting(by=by):
        user.save()
    if "password" in changed:
        changed["password"] = [changelog.MASK, changelog.MASK]
    return changed


@transaction.atomic
def department_update(*, department: Department, data: Mapping[str, Any], by: User | None) -> Department:
    return changelog.save_as(department, data, by=by)
