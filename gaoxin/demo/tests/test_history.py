"""The demo's records have a history: one "created" entry each, by the demo's administrator, noted as demo data,
shown on the history pages of an enterprise, a request, a visit and a project."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.core.models import ChangeAction, ChangeLogEntry
from gaoxin.demo.history import DEMO_NOTE, LOADED
from gaoxin.demo.loader import load_demo
from gaoxin.enterprises.models import Enterprise
from gaoxin.projects.models import Project
from gaoxin.servicedesk.models import ServiceRequest, Visit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def tiny_demo(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo("tiny")


def test_every_loaded_object_has_exactly_one_created_entry() -> None:
    for model in LOADED:
        created = ChangeLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), action=ChangeAction.CREATE
        )
        ids = {str(pk) for pk in model._default_manager.values_list("pk", flat=True)}
        assert set(created.values_list("object_id", flat=True)) == ids, model
        assert not created.values("object_id").annotate(n=Count("id")).filter(n__gt=1).exists(), model


def test_the_demo_s_entries_name_their_object_and_author_and_say_they_are_demo_data() -> None:
    entries = ChangeLogEntry.objects.filter(note=DEMO_NOTE)
    assert entries.count() > 500
    assert set(entries.values_list("user__username", "user_name").distinct()) == {("admin", "admin")}
    assert not entries.filter(object_repr="").exists()
    enterprise = Enterprise.objects.last()
    assert entries.filter(object_id=str(enterprise.pk), object_repr=enterprise.name).exists()
    year = enterprise.years.first()
    assert entries.filter(object_id=str(year.pk), object_repr=f"{enterprise.name} {year.year}").exists()


def test_an_object_s_creation_comes_before_the_changes_the_demo_then_makes() -> None:
    """The demo's services change its projects after loading them (their lights): the created entry is first."""
    changed = ChangeLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Project), action=ChangeAction.UPDATE
    )
    assert changed.exists()
    for project in Project.objects.filter(
        pk__in=[int(pk) for pk in changed.values_list("object_id", flat=True)]
    ):
        first = changelog.history(project).order_by("time", "id").first()
        assert (first.action, first.note) == (ChangeAction.CREATE, DEMO_NOTE), project


def _history(html: str) -> str:
    """The text of the change history card."""
    card = html[html.index("变更记录") :]
    return re.sub(r"<[^>]+>", " ", card)


def test_the_history_pages_show_the_creation_readably() -> None:
    """An enterprise (with its years), a request, a visit and a project, each as the officer who works on it."""
    pages = {
        "jingfa": reverse("enterprises:detail", args=[Enterprise.objects.first().pk]),
        "fuwu": reverse("servicedesk:request_detail", args=[ServiceRequest.objects.first().public_id]),
        "xiangmu": reverse("projects:detail", args=[Project.objects.first().pk]),
    }
    visit = reverse("servicedesk:visit_detail", args=[Visit.objects.first().pk])
    for username, url in [*pages.items(), ("fuwu", visit)]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        response = client.get(url)
        assert response.status_code == 200, url
        history = _history(response.content.decode())
        assert "暂无变更记录" not in history, url
        for shown in ("系统管理员", "新增", DEMO_NOTE):  # who, what, and that it is demo data
            assert shown in history, url
