"""Login throttling: failed logins lock an account or a client address for a while; the administrator lifts."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gaoxin.accounts.models import LoginThrottle
from gaoxin.core.models import ChangeLogEntry
from gaoxin.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db

HOME = "10.1.1.1"
ELSEWHERE = "10.2.2.2"


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    settings.LOGIN_FAILURES_PER_ADDRESS = 5
    settings.LOGIN_FAILURE_WINDOW = dt.timedelta(minutes=15)
    settings.LOGIN_LOCKOUT = dt.timedelta(minutes=10)


def log_in(username: str, password: str, address: str = HOME) -> tuple[bool, str]:
    """Post the login form from ``address``; whether it logged in, and the page's text."""
    response = Client().post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return response.status_code == 302, response.content.decode()


def fail(username: str, times: int, address: str = HOME) -> str:
    page = ""
    for _ in range(times):
        logged_in, page = log_in(username, "wrong-password", address)
        assert not logged_in
    return page


def test_failures_below_the_limit_lock_nothing(personas):
    fail("p_leader", 2)
    assert log_in("p_leader", PASSWORD)[0]


def test_the_limit_locks_the_account_and_says_for_how_long(personas):
    page = fail("p_leader", 3)
    assert "账号 p_leader 因登录失败次数过多已被暂时锁定" in page
    assert "10 分钟" in page


def test_the_right_password_is_refused_while_the_account_is_locked_from_any_address(personas):
    fail("p_leader", 3)
    logged_in, page = log_in("p_leader", PASSWORD, ELSEWHERE)
    assert not logged_in
    assert "暂时锁定" in page


def test_other_accounts_are_not_locked_with_it(personas):
    fail("p_leader", 3)
    assert log_in("p_officer_a", PASSWORD)[0]


def test_an_address_trying_many_accounts_is_locked_other_addresses_are_not(personas):
    for name in ("a1", "a2", "a3", "a4", "a5"):
        fail(name, 1)
    logged_in, page = log_in("p_officer_a", PASSWORD, HOME)
    assert not logged_in
    assert f"来自您的地址 {HOME} 的登录因失败次数过多已被暂时锁定" in page
    assert log_in("p_officer_a", PASSWORD, ELSEWHERE)[0]


def test_a_successful_login_clears_the_account_count(personas):
    fail("p_leader", 2)
    assert log_in("p_leader", PASSWORD)[0]
    fail("p_leader", 2)
    assert log_in("p_leader", PASSWORD)[0]


def test_the_lock_expires(personas):
    fail("p_leader", 3)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11)):
        assert log_in("p_leader", PASSWORD)[0]


def test_failures_outside_the_window_do_not_add_up(personas):
    fail("p_leader", 2)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        fail("p_leader", 2)
        assert log_in("p_leader", PASSWORD)[0]


def test_the_proxy_header_names_the_client_when_configured(personas, settings):
    settings.LOGIN_CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    for name in ("a1", "a2", "a3", "a4", "a5"):
        Client().post(
            reverse("accounts:login"),
            {"username": name, "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP=ELSEWHERE,
        )
    assert LoginThrottle.objects.get(scope="address").key == ELSEWHERE
    assert log_in("p_officer_a", PASSWORD, "127.0.0.1")[0]


def test_the_administrator_sees_the_lock_and_lifts_it_and_the_log_shows_both(personas, client_for):
    fail("p_leader", 3)
    admin = client_for("administrator")
    assert "p_leader" in admin.get(reverse("accounts:lockout_list")).content.decode()
    assert "解除锁定" in admin.get(reverse("accounts:user_edit", args=[personas.leader.pk])).content.decode()
    lock = LoginThrottle.objects.get(scope="account", key="p_leader")
    response = admin.post(reverse("accounts:lockout_lift", args=[lock.pk]))
    assert response.status_code == 302
    assert log_in("p_leader", PASSWORD)[0]
    entries = ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LoginThrottle), object_id=str(lock.pk)
    ).order_by("time", "pk")
    assert [(entry.user, entry.changes["locked_until"][1] is None) for entry in entries] == [
        (None, False),
        (personas.administrator, True),
    ]
