from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import Department, User
from gaoxin.core import changelog


def api_token_for(user: Any) -> str | None:
    token = Token.objects.filter(user=user).first()
    return token.key if token else None


@transaction.atomic
def api_token_regenerate(*, user: Any) -> str:
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
    by: Any = None,
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
    user.save()
    changelog.record([changelog.Change.of(user, "create", _public_fields(user))], by=by)
    return user


def _public_fields(user: User) -> dict[str, list[Any]]:
    return {
        k: [None, v]
        for k, v in changelog.snapshot(user).items()
        if k != "password" and v not in (None, "", False)
    }


@transaction.atomic
def department_create(*, data: Mapping[str, Any], by: Any = None) -> Department:
    """A new department with every field of the department form (code, names, responsibilities, order …)."""
    return changelog.save_with_log(Department(), data, by=by)


@transaction.atomic
def user_update(*, user: User, data: dict[str, Any], password: str = "", by: Any) -> dict[str, list[Any]]:
    before = changelog.stored_snapshot(user)
    for name, value in data.items():
        setattr(user, name, value)
    user.is_superuser = user.is_staff = user.role == Role.ADMINISTRATOR
    if password:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    changed = changelog.diff(before, changelog.snapshot(user))
    changed.pop("password", None)
    if password:
        changed["password"] = ["***", "***"]
    if changed:
        changelog.record([changelog.Change.of(user, "update", changed)], by=by)
    return changed


@transaction.atomic
def department_update(*, department: Department, data: Mapping[str, Any], by: Any) -> Department:
    return changelog.save_with_log(department, data, by=by)
