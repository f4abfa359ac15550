"""The change log formatter: names kept for deleted objects, labels for codes, 是/否, local times."""

from __future__ import annotations

import datetime as dt

import pytest
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
    from gaoxin.projects.models import Commitment

    assert change_display.value_text(EnterpriseYear, "year", 2026) == "2026"  # PLAUSIBLE_YEAR
    assert change_display.value_text(DataConfirmation, "year", 2026) == "2026"  # named year
    assert change_display.value_text(Commitment, "full_production_year", 2028) == "2028"
    assert change_display.value_text(EnterpriseYear, "employees", 2675) == "2,675"


def test_keys_of_json_objects_read_by_their_labels_and_numbers_with_two_decimals():
    from gaoxin.evaluation.models import DataConfirmation
    from gaoxin.projects.models import AdmissionReview, UnitRanking

    shown = change_display.value_text(DataConfirmation, "values", {"tax": "18234.2395", "revenue": 400000})
    assert shown == "实缴税金（万元）：18,234.24；营业收入（万元）：400,000"
    shown = change_display.value_text(
        AdmissionReview, "values", {"investment_intensity": "264.7", "environment": True}
    )
    assert shown == "固定资产投资强度：264.7；符合环保要求：是"
    components = {"start_rate": {"value": "0.5", "done": "1.00", "due": "2.00"}}
    shown = change_display.value_text(UnitRanking, "components", components)
    assert shown == "开工率（完成率：0.5，已完成：1，应完成：2）"
