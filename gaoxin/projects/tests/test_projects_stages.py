"""The project office configures the stages; nobody else may."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gaoxin.core.models import ChangeLogEntry
from gaoxin.projects.models import Stage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "status"),
    [("administrator", 200), ("leader", 403), ("officer_a", 403), ("officer_b", 403), ("contact", 403)],
)
@pytest.mark.parametrize("name", ["projects:stages", "projects:stage_create"])
def test_only_the_project_office_configures_stages(client_for, persona, status, name) -> None:
    assert client_for(persona).get(reverse(name)).status_code == status


def test_anonymous_is_sent_to_log_in(client) -> None:
    assert "/accounts/login/" in client.get(reverse("projects:stages"))["Location"]


def test_the_office_renames_a_stage_and_adds_one(office, client) -> None:
    client.force_login(office.officer)
    reserve = Stage.objects.get(code="reserve")
    data = {"code": "reserve", "name": "谋划", "sort_order": 10, "milestone": "", "is_active": "on"}
    assert client.post(reverse("projects:stage_edit", args=[reserve.pk]), data).status_code == 302
    reserve.refresh_from_db()
    assert reserve.name == "谋划"
    new = {"code": "trial", "name": "试生产", "sort_order": 85, "milestone": "", "is_active": "on"}
    client.post(reverse("projects:stage_create"), new)
    assert Stage.objects.get(code="trial").name == "试生产"
    rows = [s.code for s in client.get(reverse("projects:stages")).context["stages"]]
    assert rows.index("reserve") == 0
    assert rows.index("trial") == rows.index("completed") + 1  # 竣工 80, 试生产 85, 投产 90
    assert ChangeLogEntry.objects.filter(action="create", object_repr="试生产").exists()


def test_a_stage_with_projects_cannot_be_retired_nor_a_milestone_doubled(
    office, client, make_project
) -> None:
    client.force_login(office.officer)
    make_project()  # in 签约
    signed = Stage.objects.get(code="signed")
    data = {"code": "signed", "name": "签约", "sort_order": signed.sort_order, "milestone": ""}
    response = client.post(reverse("projects:stage_edit", args=[signed.pk]), data)
    assert response.status_code == 200
    assert "is_active" in response.context["form"].errors
    data = {**data, "is_active": "on", "milestone": "start"}  # 开工 already counts as the start
    response = client.post(reverse("projects:stage_edit", args=[signed.pk]), data)
    assert "milestone" in response.context["form"].errors
    signed.refresh_from_db()
    assert signed.is_active
    assert signed.milestone == ""
