"""The change log mechanism: a logged model's saves, deletions and many-to-many changes are recorded with who and
why from ``changelog.acting`` or the web request; nothing changed, nothing logged; secrets only masked."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from gaoxin.core import changelog
from gaoxin.core.models import ChangeLogEntry
from gaoxin.core.request_context import RequestContextMiddleware
from gaoxin.enterprises.models import Chain, Enterprise, Park
from gaoxin.servicedesk.models import RobotWebhook

pytestmark = pytest.mark.django_db


def entries(obj: Any) -> list[tuple[str, dict[str, Any], str]]:
    return [(e.action, e.changes, e.note) for e in changelog.history(obj).order_by("pk")]


def test_create_update_delete_are_logged_with_who_and_why(personas) -> None:
    with changelog.acting(by=personas.officer_a, note="new"):
        park = Park.objects.create(code="a", name="甲园")
    with changelog.acting(by=personas.officer_a, note="tidy up"):
        park.name = "乙园"
        park.save()
        park.save()  # nothing changed: nothing logged
    pk = park.pk
    with changelog.acting(by=personas.administrator):
        park.delete()
    park.pk = pk
    assert entries(park) == [
        ("create", {"code": [None, "a"], "name": [None, "甲园"], "sort_order": [None, 0]}, "new"),
        ("update", {"name": ["甲园", "乙园"]}, "tidy up"),
        ("delete", {"code": ["a", None], "name": ["乙园", None], "sort_order": [0, None]}, ""),
    ]
    users = [e.user for e in changelog.history(park).order_by("pk")]
    assert users == [personas.officer_a, personas.officer_a, personas.administrator]


def test_an_update_is_compared_with_the_values_as_loaded_and_only_saved_fields_count() -> None:
    Park.objects.create(code="a", name="甲园")
    park = Park.objects.get()
    park.name, park.sort_order = "乙园", 5
    with changelog.acting(by=None):
        park.save(update_fields=["name"])
    assert entries(park) == [("update", {"name": ["甲园", "乙园"]}, "")]


def test_changes_of_one_object_in_one_block_are_one_entry() -> None:
    with changelog.acting(by=None):
        park = Park.objects.create(code="a", name="甲园")
        park.name = "乙园"
        park.save()
    assert entries(park) == [
        ("create", {"code": [None, "a"], "name": [None, "乙园"], "sort_order": [None, 0]}, "")
    ]


def test_an_inner_block_inherits_who_but_says_its_own_why(personas) -> None:
    with changelog.acting(by=personas.officer_a, note="outer"), changelog.acting(note="inner"):
        park = Park.objects.create(code="a", name="甲园")
    (entry,) = changelog.history(park)
    assert (entry.user, entry.note) == (personas.officer_a, "inner")


def test_secret_fields_are_logged_masked_and_saved_in_full(personas) -> None:
    with changelog.acting(by=None):
        robot = RobotWebhook.objects.create(
            department=personas.department_a, kind="dingtalk", url="https://oapi.example.cn/x", secret="SEC1"
        )
    with changelog.acting(by=None):
        robot.secret = "SEC2"
        robot.save()
    (created, updated) = [e.changes for e in changelog.history(robot).order_by("pk")]
    assert created["secret"] == [None, "******"]
    assert updated == {"secret": ["******", "******"]}
    assert "SEC" not in str(list(ChangeLogEntry.objects.values_list("changes", flat=True)))
    assert RobotWebhook.objects.get().secret == "SEC2"


def test_a_many_to_many_change_joins_the_entry_of_the_save_in_the_same_block(personas) -> None:
    enterprise = personas.own_enterprise
    pv = Chain.objects.create(code="pv", name="光伏")
    enterprise = Enterprise.objects.get(pk=enterprise.pk)
    with changelog.acting(by=personas.officer_a):
        enterprise.name = "新名称有限公司"
        enterprise.save()
        enterprise.chains.set([pv])
    assert entries(enterprise) == [
        ("update", {"name": ["自有光伏科技有限公司", "新名称有限公司"], "chains": [[], ["光伏"]]}, "")
    ]
    with changelog.acting(by=personas.officer_a):
        enterprise.chains.clear()
    assert entries(enterprise)[-1] == ("update", {"chains": [["光伏"], []]}, "")


def test_a_web_request_says_who_acts_when_no_block_does(personas) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        Park.objects.create(code="a", name="甲园")
        return HttpResponse()

    request = RequestFactory().post("/", HTTP_X_REQUEST_ID="req-1")
    request.user = personas.officer_b
    RequestContextMiddleware(view)(request)
    entry = ChangeLogEntry.objects.get()
    assert (entry.user, entry.request_id) == (personas.officer_b, "req-1")


def test_a_change_nobody_said_who_made_is_not_logged_but_signalled() -> None:
    seen: list[changelog.Change] = []

    def receiver(sender: type, change: changelog.Change, **kwargs: Any) -> None:
        seen.append(change)

    changelog.unattributed_change.connect(receiver)
    try:
        Park.objects.create(code="a", name="甲园")
    finally:
        changelog.unattributed_change.disconnect(receiver)
    assert not ChangeLogEntry.objects.exists()
    assert [(c.model, c.action) for c in seen] == [(Park, "create")]


def test_unsaved_changes_are_what_the_save_would_log() -> None:
    Park.objects.create(code="a", name="甲园")
    park = Park.objects.get()
    assert changelog.unsaved_changes(park) == {}
    park.name = "乙园"
    assert changelog.unsaved_changes(park) == {"name": ["甲园", "乙园"]}
    assert changelog.unsaved_changes(Park(code="b", name="丙园"))["code"] == [None, "b"]
