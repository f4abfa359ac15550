"""Codes in the projects' change log read by the names they had when the change was made."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gaoxin.core import change_display, changelog
from gaoxin.projects.models import AdmissionReview, AdmissionScorecard, PlanStep, UnitRanking
from gaoxin.projects.services import plans

pytestmark = pytest.mark.django_db


def _rows(entry):  # type: ignore[no-untyped-def]
    return {row.label: (row.old, row.new) for row in change_display.shown(entry).changes}


def test_predecessors_read_by_step_names_even_once_the_step_is_renamed_and_gone(make_project, office):
    project = make_project()
    by = office.officer
    plans.plan_set_target(project=project, target_on=dt.date(2025, 10, 11), by=by)
    filing = plans.plan_step_add(project=project, name="备案", duration=5, unit="working", by=by)
    works = plans.plan_step_add(
        project=project, name="施工", duration=2, after=[{"step": filing.key, "lag": 0}], by=by
    )
    plans.plan_step_update(step=filing, data={"name": "项目备案"}, by=by)
    plans.plan_step_delete(step=filing, by=by)

    history = list(changelog.history(works).order_by("id"))
    added = next(e for e in history if e.action == "create")
    assert _rows(added)["前置步骤"] == ("", "备案（间隔天数：0）")  # its name when the step was added
    last = next(e for e in reversed(history) if "predecessors" in e.changes)
    assert _rows(last)["前置步骤"] == ("项目备案（间隔天数：0）", "—")  # gone: named as it was then
    assert not PlanStep.objects.filter(pk=filing.pk).exists()


def test_a_reviews_values_read_by_its_own_scorecards_labels_and_units(make_project, personas):
    scorecard = AdmissionScorecard.objects.create(
        name="试行评分表",
        pass_score=Decimal(60),
        criteria=[{"key": "jobs", "label": "新增就业", "unit": "人", "kind": "number", "direction": "higher",
                   "threshold": "50", "points": "100", "veto": False}],
    )  # fmt: skip
    review = AdmissionReview.objects.create(
        project=make_project(), scorecard=scorecard, values={"jobs": "120"}
    )
    changelog.record([changelog.Change.created(review)], by=personas.administrator)
    scorecard.criteria = [{**scorecard.criteria[0], "label": "带动就业"}]
    scorecard.save()
    entry = changelog.history(review).get()
    assert _rows(entry)["取值"] == ("", "新增就业：120 人")
    shown = change_display.value_text(AdmissionScorecard, "criteria", scorecard.criteria)
    assert (
        shown
        == "带动就业（单位：人，类型：数值（对照门槛值），方向：越高越好，门槛值：50，分值：100，一票否决：否）"
    )


def test_a_units_rates_read_as_percentages():
    shown = change_display.value_text(
        UnitRanking, "components", {"start_rate": {"value": "0.19", "done": "1"}}
    )
    assert shown == "开工率（完成率：19.00%，已完成：1）"
