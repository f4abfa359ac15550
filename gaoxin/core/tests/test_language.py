import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

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


def test_form_labels_end_with_the_full_width_colon_in_chinese_only():
    class Note(forms.Form):
        comment = forms.CharField(label="说明")

    with translation.override("zh-hans"):
        assert Note()["comment"].label_tag().endswith("说明：</label>")
    with translation.override("en"):
        assert Note()["comment"].label_tag().endswith("说明:</label>")
