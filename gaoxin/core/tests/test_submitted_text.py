"""Unfit text in anything a request submits — control characters, a value longer than any field holds — is
refused before a view runs, naming the field: on the site's error page for a page, as JSON for the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gaoxin.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("bad", ["甲\x00公司", "甲\x1b公司", "甲\x7f公司"])
def test_a_form_field_with_a_control_character_is_refused(personas, client_for, bad):
    url = reverse("enterprises:edit", args=[personas.own_enterprise.pk])
    response = client_for("officer_a").post(
        url, {"name": bad, "credit_code": personas.own_enterprise.credit_code}
    )
    assert response.status_code == 400
    assert "name" in response.content.decode()
    assert "控制字符 U+00" in response.content.decode()
    assert Enterprise.objects.get(pk=personas.own_enterprise.pk).name == "自有光伏科技有限公司"


def test_a_refused_page_form_gets_the_sites_error_page_with_the_users_menu(personas, client_for):
    url = reverse("enterprises:edit", args=[personas.own_enterprise.pk])
    response = client_for("officer_a").post(
        url, {"name": "甲\x00公司", "credit_code": personas.own_enterprise.credit_code}
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert [t.name for t in response.templates][:2] == ["core/error.html", "base.html"]
    page = response.content.decode()
    assert "提交的数据被拒绝" in page
    assert "字段 name 含有控制字符 U+0000，请删除后重新提交。" in page
    assert personas.officer_a.username in page  # the menu of the logged-in user: authentication ran first


def test_a_control_character_deep_in_a_json_body_is_refused(personas, client_for):
    response = client_for("officer_a").patch(
        f"/api/v1/enterprises/{personas.own_enterprise.pk}/",
        {"former_names": ["旧名", "甲\u0000乙"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "former_names[1]" in response.json()["detail"]
    assert Enterprise.objects.get(pk=personas.own_enterprise.pk).former_names == []


def test_a_query_parameter_with_nul_is_refused(client_for):
    response = client_for("officer_a").get(reverse("enterprises:list"), {"q": "\x00"})
    assert response.status_code == 400
    assert "字段 q 含有控制字符 U+0000" in response.content.decode()


def test_an_anonymous_visitor_gets_the_error_page_too(client_for):
    response = client_for("anonymous").get(reverse("accounts:login"), {"next": "/\x07"})
    assert response.status_code == 400
    assert "core/error.html" in [t.name for t in response.templates]


def test_a_json_body_nested_too_deeply_is_refused_not_a_server_error(personas, client_for):
    body = '{"former_names": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = client_for("officer_a").patch(
        f"/api/v1/enterprises/{personas.own_enterprise.pk}/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "提交的数据嵌套层级过深。"


def test_tabs_and_line_breaks_pass(personas, client_for):
    response = client_for("officer_a").get(reverse("enterprises:list"), {"q": "甲\t乙\r\n"})
    assert response.status_code == 200


def test_a_value_longer_than_any_field_holds_is_refused_with_the_limit(personas, client_for, settings):
    settings.MAX_SUBMITTED_CHARACTERS = 1_000
    url = reverse("enterprises:edit", args=[personas.own_enterprise.pk])
    response = client_for("officer_a").post(
        url, {"name": "甲" * 1_001, "credit_code": personas.own_enterprise.credit_code}
    )
    assert response.status_code == 400
    assert "1,001" in response.content.decode()
    assert "1,000" in response.content.decode()
    assert Enterprise.objects.get(pk=personas.own_enterprise.pk).name == "自有光伏科技有限公司"
    api = client_for("officer_a").patch(
        f"/api/v1/enterprises/{personas.own_enterprise.pk}/",
        {"former_names": ["乙" * 1_001]},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert "former_names[0]" in api.json()["detail"]
