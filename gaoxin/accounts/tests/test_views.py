from __future__ import annotations

import pytest
from django.urls import reverse

from gaoxin.accounts.models import Department, User
from gaoxin.core import changelog
from gaoxin.core.testing.personas import NAMES

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "accounts:user_list",
    "accounts:user_create",
    "accounts:department_list",
    "accounts:department_create",
]


@pytest.mark.parametrize("url_name", ADMIN_PAGES)
@pytest.mark.parametrize("persona", NAMES)
def test_only_administrators_manage_users_and_departments(client_for, url_name, persona):
    expected = {"administrator": 200, "anonymous": 302}.get(persona, 403)
    assert client_for(persona).get(reverse(url_name)).status_code == expected


def test_login_page_is_chinese_and_logs_in(client, personas):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "登录" in page
    response = client.post(
        reverse("accounts:login"), {"username": "p_leader", "password": "persona-pass-2026"}
    )
    assert response.status_code == 302
    wrong = client.post(reverse("accounts:login"), {"username": "p_leader", "password": "nope"})
    assert "用户名或密码错误" in wrong.content.decode()


def test_create_contact_needs_enterprise_and_logs_without_password(client_for, personas):
    client = client_for("administrator")
    data = {
        "username": "newcontact",
        "display_name": "新联络员",
        "role": "enterprise_contact",
        "password": "Str0ng-pass-2026",
        "is_active": "on",
    }
    response = client.post(reverse("accounts:user_create"), data)
    assert response.status_code == 200
    assert "enterprise" in response.context["form"].errors
    response = client.post(
        reverse("accounts:user_create"), {**data, "enterprise": personas.own_enterprise.pk}
    )
    assert response.status_code == 302
    user = User.objects.get(username="newcontact")
    assert user.check_password("Str0ng-pass-2026")
    (entry,) = changelog.history(user)
    assert "password" not in entry.changes
    assert entry.user == personas.administrator


def test_weak_password_is_refused(client_for, personas):
    data = {"username": "weak", "role": "leader", "password": "123", "is_active": "on"}
    response = client_for("administrator").post(reverse("accounts:user_create"), data)
    assert "password" in response.context["form"].errors


def test_department_capabilities_edit_is_logged(client_for, personas):
    department = personas.department_b
    data = {
        "code": department.code,
        "name": department.name,
        "short_name": "",
        "capabilities": ["servicedesk", "projects"],
        "is_active": "on",
        "sort_order": 0,
    }
    assert (
        client_for("administrator")
        .post(reverse("accounts:department_edit", args=[department.pk]), data)
        .status_code
        == 302
    )
    department = Department.objects.get(pk=department.pk)
    assert department.capabilities == ["servicedesk", "projects"]
    entry = changelog.history(department).get()
    assert entry.changes["capabilities"] == [["servicedesk"], ["servicedesk", "projects"]]


def test_profile_issues_an_api_token_that_authenticates(client_for, personas):
    client = client_for("leader")
    client.post(reverse("accounts:regenerate_token"))
    token = client.get(reverse("accounts:profile")).context["token"]
    assert token
    from django.test import Client

    api = Client(headers={"Authorization": f"Token {token}"})
    assert api.get("/api/v1/enterprises/").status_code == 200
    assert Client(headers={"Authorization": "Token wrong"}).get("/api/v1/enterprises/").status_code in (
        401,
        403,
    )
