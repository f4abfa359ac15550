"""The change log formatter: names kept for deleted objects, labels for codes, 是/否, local times."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.utils import timezone

from gaoxin.accounts.models import Department, User
from gaoxin.core import change_display, changelog
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.servicedesk.models import RobotWebhook

pytestmark = pytest.mark.django_db


def test_a_foreign_key_is_named_as_it_was_named_even_after_the_object_is_deleted(personas):
    department = Department.objects.create(code="linshi", name="临时工作专班")
    with changelog.acting(by=personas.administrator):
        robot = RobotWebhook.objects.create(
            department=department, kind="wecom", url="https://qyapi.example.cn/x"
        )
    entry = changelog.history(robot).get()
    department.delete()  # the robot goes with it
    rows = {row.label: row.new for row in change_display.shown(entry).changes}
    assert rows["部门"] == "临时工作专班"
    assert rows["类型"] == "企业微信群机器人"
    assert rows["启用"] == "是"


def test_codes_in_json_fields_read_by_their_labels():
    assert change_display.value_text(Department, "capabilities", ["registry"]) == "企业名录与年度数据"
    shown = change_display.value_text(EnterpriseYear, "sources", {"tax": "tax"})
    assert shown == "实缴税金（万元）：税务局"


def test_values_read_as_a_person_reads_them():
    moment = dt.datetime(2026, 3, 1, 1, 30, tzinfo=dt.UTC)
    assert change_display.value_text(User, "last_login", moment.isoformat()) == "2026-03-01 09:30"
    assert change_display.value_text(User, "is_active", False) == "否"
    assert change_display.value_text(User, "department", 987654) == "部门（已删除）"
    assert change_display.scalar(1234567.5) == "1,234,567.5"
    assert change_display.value_text(None, "anything", None) == "—"
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"


def test_a_year_is_written_as_a_year_and_other_integers_with_separators():
    from gaoxin.evaluation.models import DataConfirmation
    from gaoxin.projects.models import Obligation

    assert change_display.value_text(EnterpriseYear, "year", 2026) == "2026"  # PLAUSIBLE_YEAR
    assert change_display.value_text(DataConfirmation, "year", 2026) == "2026"  # named year
    assert change_display.value_text(Obligation, "first_year", 2028) == "2028"
    assert change_display.value_text(EnterpriseYear, "employees", 2675) == "2,675"


def test_keys_of_json_objects_read_by_their_labels_and_numbers_with_two_decimals():
    from gaoxin.evaluation.models import DataConfirmation
    from gaoxin.projects.models import AdmissionReview

    shown = change_display.value_text(DataConfirmation, "values", {"tax": "18234.2395", "revenue": 400000})
    assert shown == "实缴税金（万元）：18,234.24；营业收入（万元）：400,000"
    terms = {
        "investment_intensity": ["固定资产投资强度", "万元/亩"],
        "environment": "符合环保要求",
    }  # as stored
    shown = change_display.value_text(
        AdmissionReview, "values", {"investment_intensity": "264.7", "environment": True}, terms=terms
    )
    assert shown == "固定资产投资强度：264.7 万元/亩；符合环保要求：是"


def test_ratios_read_as_percentages_wherever_they_are_declared():
    from gaoxin.evaluation.models import EvaluationResult, EvaluationRun
    from gaoxin.projects.models import UnitRanking

    components = {"start_rate": {"value": "0.19", "done": "1.00", "due": "2.00"}}
    shown = change_display.value_text(UnitRanking, "components", components)
    assert shown == "开工率（完成率：19.00%，已完成：1，应完成：2）"
    terms = {"rd_intensity": ["研发投入强度", change_display.RATIO], "above_scale": "规上工业企业"}
    figures = {"rd_intensity": {"value": 0.0345, "benchmark": 0.0215, "score": 16.05, "percentile": 40.0}}
    shown = change_display.value_text(EvaluationResult, "indicators", figures, terms=terms)
    assert shown == "研发投入强度（指标值：3.45%，基准值：2.15%，得分：16.05，组内百分位：40%）"
    benchmark = {"group": "above_scale", "indicator": "rd_intensity", "benchmark": 0.0215, "valid": True}
    shown = change_display.value_text(EvaluationRun, "benchmarks", [benchmark], terms=terms)
    assert shown == "研发投入强度（评价组：规上工业企业，基准值：2.15%，可用：是）"


def test_every_ratio_a_model_declares_reads_as_a_percentage():
    """The class of the defect: a part declared a ratio shows as a percentage in objects and in lists."""
    declared = [
        (model, name, part)
        for model in apps.get_models()
        for name, codes in getattr(model, "change_log_codes", {}).items()
        for part, unit in codes.units.items()
        if unit == change_display.RATIO
    ]
    assert declared  # the ranking's rates at least
    for model, name, part in declared:
        for value in ({"x": {part: "0.19"}}, [{part: "0.19"}]):
            shown = change_display.value_text(model, name, value)
            assert "19.00%" in shown, (model, name, shown)
            assert "0.19" not in shown, (model, name, shown)


def test_corrections_read_before_and_after_and_minus_zero_as_zero():
    from gaoxin.evaluation.models import Objection

    shown = change_display.value_text(
        Objection, "corrections", {"tax": ["12.5", "15"], "land_mu": [None, "3"]}
    )
    assert shown == "实缴税金（万元）：12.5 → 15；用地面积（亩）：— → 3"
    assert change_display.scalar(-0.0) == "0"


def test_notes_with_a_code_before_words_and_an_engines_figures_read_as_pages_show_them():
    from gaoxin.evaluation.models import EvaluationResult, EvaluationRun

    assert change_display.note_text("regrade: 核实后调整") == "调档：核实后调整"
    assert change_display.note_text("answered") == "答复企业"
    assert change_display.note_text("面积以不动产登记为准") == "面积以不动产登记为准"
    assert change_display.value_text(EvaluationResult, "base_score", 127.863164094027) == "127.86"
    terms = {"above_scale": "规上工业企业"}  # a group of the run's scheme, as stored
    assert change_display.value_text(EvaluationResult, "group", "above_scale", terms=terms) == "规上工业企业"
    terms = {"whole_zone": "全区工业企业亩均效益综合评价"}
    shown = change_display.value_text(EvaluationRun, "scheme_name", "whole_zone", terms=terms)
    assert shown == "全区工业企业亩均效益综合评价"
