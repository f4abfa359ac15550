"""The ``demo`` and ``createadmin`` management commands."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from gaoxin.accounts.choices import Role
from gaoxin.accounts.management.commands import createadmin
from gaoxin.accounts.models import User
from gaoxin.demo.loader import SIZES
from gaoxin.demo.management.commands import demo
from gaoxin.demo.zone import DEMO_PASSWORD, DEMO_USERS
from gaoxin.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db

STRONG = "Qiye-Fuwu-2026!"


@pytest.fixture(autouse=True)
def fast_and_local(settings: Any, tmp_path: Path) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(demo, "serve", lambda address, port, *, stdout: calls.append((address, port)))
    return calls


@pytest.fixture
def tiny_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's "small" demo at the tiny size, to keep the tests quick."""
    monkeypatch.setitem(SIZES, "small", SIZES["tiny"])


def run(name: str, *args: str, **options: Any) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command(name, *args, stdout=out, **options)
    return out.getvalue()


def test_demo_loads_prints_the_logins_and_serves(
    tiny_demo: None, served: list[tuple[str, int]], settings: Any
) -> None:
    output = run("demo", "--port", "8123")
    assert Enterprise.objects.count() == SIZES["tiny"]
    assert settings.DATA_DIR.is_dir()
    assert "http://127.0.0.1:8123/" in output
    for spec in DEMO_USERS:
        assert any(
            line.split()[:1] == [spec.username] and DEMO_PASSWORD in line for line in output.splitlines()
        )
    assert "Enterprises: 60" in output
    assert served == [("127.0.0.1", 8123)]


def test_demo_without_serving(tiny_demo: None, served: list[tuple[str, int]]) -> None:
    run("demo", "--no-serve")
    assert served == []


def test_demo_does_not_load_twice_unless_reset(tiny_demo: None, served: list[tuple[str, int]]) -> None:
    run("demo", "--no-serve")
    Enterprise.objects.filter(name__startswith="示例").update(contact_phone="000")
    output = run("demo", "--no-serve")
    assert "not loaded again" in output
    assert Enterprise.objects.filter(contact_phone="000").exists()
    run("demo", "--no-serve", "--reset")
    assert Enterprise.objects.count() == SIZES["tiny"]
    assert not Enterprise.objects.filter(contact_phone="000").exists()


def test_demo_reset_refused_is_a_clear_error(tiny_demo: None, served: list[tuple[str, int]]) -> None:
    run("demo", "--no-serve")
    User.objects.create(username="other", role=Role.ENTERPRISE_CONTACT, enterprise=Enterprise.objects.last())
    with pytest.raises(CommandError, match="cannot be wiped"):
        run("demo", "--no-serve", "--reset")


def test_demo_speaks_chinese_by_default(tiny_demo: None, served: list[tuple[str, int]]) -> None:
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "用户名" in out.getvalue()


def test_table_aligns_chinese_text() -> None:
    lines = demo.table([["用户名", "x"], ["admin", "y"]])
    assert lines == ["用户名  x", "admin   y"]


def test_createadmin_from_options() -> None:
    output = run("createadmin", "--username", "root", "--password", STRONG, "--no-input")
    user = User.objects.get(username="root")
    assert user.role == Role.ADMINISTRATOR
    assert user.is_administrator
    assert user.check_password(STRONG)
    assert "root" in output


def test_createadmin_reads_the_password_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAOXIN_ADMIN_PASSWORD", STRONG)
    run("createadmin", "--username", "root", "--no-input")
    assert User.objects.get(username="root").check_password(STRONG)


def test_createadmin_prompts_for_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GAOXIN_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr(createadmin.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "root")
    monkeypatch.setattr(createadmin.getpass, "getpass", lambda prompt: STRONG)
    run("createadmin")
    assert User.objects.get(username="root").check_password(STRONG)


def test_createadmin_refuses_passwords_that_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GAOXIN_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr(createadmin.sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter([STRONG, STRONG + "x"])
    monkeypatch.setattr(createadmin.getpass, "getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="differ"):
        run("createadmin", "--username", "root")
    assert not User.objects.exists()


def test_createadmin_refuses_an_existing_user() -> None:
    User.objects.create(username="root", role=Role.OFFICER)
    with pytest.raises(CommandError, match="exists already"):
        run("createadmin", "--username", "root", "--password", STRONG)
    assert User.objects.get(username="root").role == Role.OFFICER


def test_createadmin_refuses_a_weak_password() -> None:
    with pytest.raises(CommandError, match="not accepted"):
        run("createadmin", "--username", "root", "--password", "12345678")
    assert not User.objects.exists()


def test_createadmin_refuses_a_bad_username() -> None:
    with pytest.raises(CommandError, match="cannot be created"):
        run("createadmin", "--username", "root user!", "--password", STRONG)


def test_createadmin_without_input_needs_username_and_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GAOXIN_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="--username"):
        run("createadmin", "--no-input")
    with pytest.raises(CommandError, match="--password"):
        run("createadmin", "--username", "root", "--no-input")


def test_createadmin_errors_are_in_chinese() -> None:
    User.objects.create(username="root", role=Role.OFFICER)
    with translation.override("zh-hans"), pytest.raises(CommandError) as error:
        call_command("createadmin", "--username", "root", "--password", STRONG)
    assert "root" in str(error.value)
    assert "exists" not in str(error.value)
