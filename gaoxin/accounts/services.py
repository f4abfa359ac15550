from __future__ import annotations

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
    by: Any = None,
) -> User:
    user = User(
        username=username,
        role=role,
        display_name=display_name,
        department=department,
        enterprise=enterprise,
        is_superuser=role == Role.ADMINISTRATOR,
        is_staff=role == Role.ADMINISTRATOR,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    changelog.record_create(user, by=by)
    return user


@transaction.atomic
def department_create(
    *, code: str, name: str, short_name: str = "", capabilities: list[str], by: Any = None
) -> Department:
    department = Department(code=code, name=name, short_name=short_name, capabilities=capabilities)
    department.full_clean()
    department.save()
    changelog.record_create(department, by=by)
    return department
