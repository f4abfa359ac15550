from __future__ import annotations

import pytest
from django.urls import reverse

from gaoxin.accounts.models import Department, User
from gaoxin.core import changelog
from gaoxin.enterprises.credit_code import make_code

pytestmark = pytest.mark.django_db


def test_login_page_is_chinese_and_logs_in(client, personas):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "登录" in page
    response = client.post(
        reverse("accounts:login"), {"username": "p_leader", "password": "persona-pass-2026"}
    )
    assert response.status_code == 302
    wrong = client.post(reverse("accounts:login"), {"username": "p_leader", "password": "nope"})
    assert "用户名或密码错误" in wrong.content.decode()


def test_create_contact_needs_enterprise_and_logs_the_password_masked(client_for, personas):
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
    code = personas.own_enterprise.credit_code
    response = client.post(reverse("accounts:user_create"), {**data, "enterprise": f" {code.lower()} "})
    assert response.status_code == 302
    user = User.objects.get(username="newcontact")
    assert user.enterprise == personas.own_enterprise
    assert user.check_password("Str0ng-pass-2026")
    (entry,) = changelog.history(user)
    assert entry.changes["password"] == [None, "******"]  # that it was set, never the hash
    assert entry.user == personas.administrator


def wrong_check_character(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


@pytest.mark.parametrize("kind", ["unknown", "checksum", "garbage"])
def test_contact_enterprise_code_must_name_a_registered_enterprise(client_for, personas, kind):
    code = {
        "unknown": make_code(serial=777_777),
        "checksum": wrong_check_character(personas.own_enterprise.credit_code),
        "garbage": "12345",
    }[kind]
    data = {
        "username": "newcontact",
        "role": "enterprise_contact",
        "password": "Str0ng-pass-2026",
        "is_active": "on",
        "enterprise": code,
    }
    response = client_for("administrator").post(reverse("accounts:user_create"), data)
    assert response.status_code == 200
    (message,) = response.context["form"].errors["enterprise"]
    assert "统一社会信用代码" in message
    if kind == "unknown":
        assert code in message
    assert not User.objects.filter(username="newcontact").exists()


def test_editing_a_contact_shows_and_changes_the_enterprise_by_code(client_for, personas):
    client = client_for("administrator")
    contact = personas.contact
    url = reverse("accounts:user_edit", args=[contact.pk])
    own, other = personas.own_enterprise, personas.other_enterprise
    response = client.get(url)
    page = response.content.decode()
    assert f'<input type="text" name="enterprise" value="{own.credit_code}"' in page
    help_text = str(response.context["form"].fields["enterprise"].help_text)
    assert own.name in help_text
    assert f'<div class="help" id="id_enterprise_helptext">{help_text}</div>' in page
    data = {
        "username": contact.username,
        "display_name": contact.display_name,
        "role": "enterprise_contact",
        "password": "",
        "is_active": "on",
        "enterprise": other.credit_code,
    }
    assert client.post(url, data).status_code == 302
    contact.refresh_from_db()
    assert contact.enterprise == other
    entry = changelog.history(contact).get()
    assert entry.changes["enterprise"] == [own.pk, other.pk]


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


def test_creating_a_department_saves_every_field_of_the_form_and_logs_it(client_for, personas):
    data = {
        "code": "zhaoshang",
        "name": "投资促进局",
        "short_name": "投促局",
        "capabilities": ["projects"],
        "sort_order": 7,
    }
    response = client_for("administrator").post(reverse("accounts:department_create"), data)
    assert response.status_code == 302
    department = Department.objects.get(code="zhaoshang")
    assert (department.name, department.capabilities, department.sort_order) == (
        "投资促进局",
        ["projects"],
        7,
    )
    assert department.is_active is False  # the box was left unticked
    entry = changelog.history(department).get()
    assert entry.action == "create"
    assert entry.changes["sort_order"] == [None, 7]
