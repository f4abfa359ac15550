"""Stage transitions: dated with the day they happened (bounded by the previous move, not by the day the project
was recorded), in the order of the configured pipeline — skipping or moving back only with a reason, logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gaoxin.core.models import ChangeLogEntry
from gaoxin.projects.models import Stage
from gaoxin.projects.services import projects as services

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _created(personas, office) -> object:
    from gaoxin.projects import seeds

    seeds.ensure_defaults()
    return services.project_create(
        data={
            "code": "XM-TR-1",
            "name": "迁入项目",
            "stage": Stage.objects.get(code="signed"),
            "responsible_unit": personas.department_a,
        },
        by=office.officer,
    )


def test_a_stage_reached_before_the_project_was_recorded_can_be_dated_so(personas, office) -> None:
    project = _created(personas, office)  # recorded today, in 签约
    registered = Stage.objects.get(code="registered")
    moved = services.transition(
        project=project,
        to_stage=registered,
        on=TODAY - dt.timedelta(days=90),
        evidence="营业执照",
        by=personas.officer_a,
    )
    assert moved.on == TODAY - dt.timedelta(days=90)
    assert moved.kind == "forward"
    project.refresh_from_db()
    assert project.stage_since == TODAY - dt.timedelta(days=90)


def test_a_stage_cannot_be_dated_before_the_previous_one(personas, office) -> None:
    project = _created(personas, office)
    services.transition(
        project=project,
        to_stage=Stage.objects.get(code="registered"),
        on=TODAY - dt.timedelta(days=30),
        evidence="营业执照",
        by=personas.officer_a,
    )
    with pytest.raises(ValidationError) as refused:
        services.transition(
            project=project,
            to_stage=Stage.objects.get(code="land_granted"),
            on=TODAY - dt.timedelta(days=31),
            evidence="土地出让合同",
            by=personas.officer_a,
        )
    message = refused.value.message_dict["on"][0]
    previous = TODAY - dt.timedelta(days=30)
    assert "注册" in message
    assert f"{previous.year}年{previous.month}月{previous.day}日" in message
    moved = services.transition(
        project=project,
        to_stage=Stage.objects.get(code="land_granted"),
        on=TODAY - dt.timedelta(days=30),  # the same day as the previous move is fine
        evidence="土地出让合同",
        by=personas.officer_a,
    )
    assert moved.kind == "forward"


@pytest.mark.parametrize(
    ("start", "target", "kind"),
    [("signed", "land_granted", "skip"), ("land_granted", "signed", "back")],
)
def test_skipping_or_moving_back_needs_a_reason_and_is_logged_as_such(
    make_project, personas, start, target, kind
) -> None:
    project = make_project(stage_code=start)
    with pytest.raises(ValidationError) as refused:
        services.transition(
            project=project,
            to_stage=Stage.objects.get(code=target),
            on=TODAY,
            evidence="会议纪要",
            by=personas.officer_a,
        )
    assert "reason" in refused.value.message_dict
    assert project.transitions.count() == 0
    moved = services.transition(
        project=project,
        to_stage=Stage.objects.get(code=target),
        on=TODAY,
        evidence="会议纪要",
        reason="专班会议决定",
        by=personas.officer_a,
    )
    assert (moved.kind, moved.reason) == (kind, "专班会议决定")
    entry = ChangeLogEntry.objects.get(object_id=str(project.pk), action="update")
    assert "专班会议决定" in entry.note
    assert str(moved.get_kind_display()) in entry.note


def test_the_next_stage_needs_no_reason(make_project, personas) -> None:
    project = make_project(stage_code="signed")
    moved = services.transition(
        project=project,
        to_stage=Stage.objects.get(code="registered"),
        on=TODAY,
        evidence="营业执照",
        by=personas.officer_a,
    )
    assert (moved.kind, moved.reason) == ("forward", "")


def test_a_retired_stage_in_between_is_not_skipped(make_project, personas) -> None:
    Stage.objects.filter(code="registered").update(is_active=False)
    project = make_project(stage_code="signed")
    moved = services.transition(
        project=project,
        to_stage=Stage.objects.get(code="land_granted"),
        on=TODAY,
        evidence="土地出让合同",
        by=personas.officer_a,
    )
    assert moved.kind == "forward"
