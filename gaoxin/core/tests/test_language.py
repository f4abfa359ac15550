import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_chinese_whatever_the_browser_asks(client):
    page = client.get(reverse("accounts:login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert page["Content-Language"] == "zh-hans"
    assert "登录" in page.content.decode()


def test_english_when_the_user_chooses_it(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("accounts:login"))
    assert page["Content-Language"] == "en"
    assert "Log in" in page.content.decode()
