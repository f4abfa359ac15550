"""Who may open and post what in the accounts: logging in and out, one's own profile and API token, and the
administrator's users, departments and login locks. 302 = sent to log in (or on, after logging in or out);
403 = refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gaoxin.accounts.models import LoginThrottle
from gaoxin.testing.permission_tables import Call, observe, post
from gaoxin.testing.personas import NAMES, Personas

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(NAMES, 200)
LOGGED_IN = {**EVERYONE, "anonymous": 302}
ADMINISTRATOR = {**dict.fromkeys(NAMES, 403), "administrator": 200, "anonymous": 302}

# URL name → persona → expected status (the completeness test of site/tests reads it); the requests: ``calls``
PERMISSIONS = {
    "accounts:login": EVERYONE,
    "accounts:logout": dict.fromkeys(NAMES, 302),
    "accounts:profile": LOGGED_IN,
    "accounts:regenerate_token": dict.fromkeys(NAMES, 302),  # back to the profile, or to log in
    "accounts:user_list": ADMINISTRATOR,
    "accounts:user_create": ADMINISTRATOR,
    "accounts:user_edit": ADMINISTRATOR,
    "accounts:lockout_list": ADMINISTRATOR,
    "accounts:lockout_lift": {**ADMINISTRATOR, "administrator": 302},
    "accounts:department_list": ADMINISTRATOR,
    "accounts:department_create": ADMINISTRATOR,
    "accounts:department_edit": ADMINISTRATOR,
}


def calls(personas: Personas, lock: LoginThrottle) -> dict[str, Call]:
    return {
        "accounts:login": Call(reverse("accounts:login")),
        "accounts:logout": post(reverse("accounts:logout")),
        "accounts:profile": Call(reverse("accounts:profile")),
        "accounts:regenerate_token": post(reverse("accounts:regenerate_token")),
        "accounts:user_list": Call(reverse("accounts:user_list")),
        "accounts:user_create": Call(reverse("accounts:user_create")),
        "accounts:user_edit": Call(reverse("accounts:user_edit", args=[personas.officer_a.pk])),
        "accounts:lockout_list": Call(reverse("accounts:lockout_list")),
        "accounts:lockout_lift": post(reverse("accounts:lockout_lift", args=[lock.pk])),
        "accounts:department_list": Call(reverse("accounts:department_list")),
        "accounts:department_create": Call(reverse("accounts:department_create")),
        "accounts:department_edit": Call(
            reverse("accounts:department_edit", args=[personas.department_a.pk])
        ),
    }


def test_permission_table(client_for, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    lock = LoginThrottle.objects.create(
        scope="account", key="p_leader", failures=5, window_started_at=now, last_failure_at=now,
        locked_until=now + dt.timedelta(minutes=10),
    )  # fmt: skip
    assert observe(client_for, calls(personas, lock)) == PERMISSIONS
    lock.refresh_from_db()  # lifted in the administrator's cell only, which was rolled back
    assert lock.locked_until is not None
