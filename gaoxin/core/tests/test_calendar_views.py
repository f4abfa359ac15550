"""The administrator's calendar pages: who may use them, entering a year, validation in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gaoxin.core import calendar_services
from gaoxin.core.calendar_forms import days_off_text, makeup_text, parse_days
from gaoxin.core.calendar_models import ArrangementSource, WorkdayArrangement

pytestmark = pytest.mark.django_db


NOTICE_2027 = """2027-01-01/2027-01-03 元旦
2027-02-06/2027-02-14 春节
2027-10-01/2027-10-07 国庆节"""
MAKEUP_2027 = """2027-02-20 春节
2027-09-26 国庆节
2027-10-09 国庆节"""


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("administrator", 200),
        ("leader", 403),
        ("officer_a", 403),
        ("officer_b", 403),
        ("contact", 403),
        ("anonymous", 302),
    ],
)
def test_only_the_administrator_enters_a_year(client_for, persona, status):
    """Opening the pages is stated in the permission tables (site's and core's); entering a year is not."""
    response = client_for(persona).post(
        reverse("core:calendar_year", args=[2027]), {"days_off": "2027-01-01 元旦"}
    )
    assert response.status_code == (302 if persona == "administrator" else status)


@time_machine.travel(dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
def test_the_list_warns_that_next_year_is_missing_in_november(client_for):
    html = client_for("administrator").get(reverse("core:calendar_list")).content.decode()
    assert 'id="calendar-missing-2027"' in html
    assert "2027 年工作日安排尚未录入。" in html


def test_entering_2027_from_the_notice(client_for, personas):
    url = reverse("core:calendar_year", args=[2027])
    page = client_for("administrator").get(url).content.decode()
    assert "未录入" in page
    response = client_for("administrator").post(
        url, {"note": "国办发明电〔2026〕某号", "days_off": NOTICE_2027, "makeup_workdays": MAKEUP_2027}
    )
    assert response.status_code == 302
    row = WorkdayArrangement.objects.get(year=2027)
    assert row.source == ArrangementSource.ADMINISTRATOR
    assert row.updated_by == personas.administrator
    # 1–3 January 2027 is Friday to Sunday: one weekday off; 6–14 February (Saturday to Sunday) holds 5
    # weekdays, 1–7 October (Friday to Thursday) 5.
    assert len(row.holidays) == 1 + 5 + 5
    assert row.holiday_names["2027-02-06"] == "春节"  # a Saturday inside the period keeps its name
    assert row.makeup_workdays == ["2027-02-20", "2027-09-26", "2027-10-09"]
    calendar = calendar_services.current_calendar()
    assert calendar.add_workdays(dt.date(2027, 9, 30), 1) == dt.date(2027, 10, 8)


def test_errors_are_named_by_line_in_chinese(client_for):
    response = client_for("administrator").post(
        reverse("core:calendar_year", args=[2027]),
        {"days_off": "2027-01-01 元旦\n2027-13-01 春节", "makeup_workdays": "2027-01-04 元旦"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "放假日期，第 2 行：“2027-13-01 春节”不是日期或日期区间；请写成 2025-10-01 或 2025-10-01/2025-10-08，后接节日名称。"
    ]
    response = client_for("administrator").post(
        reverse("core:calendar_year", args=[2027]),
        {"days_off": "2027-01-01 元旦", "makeup_workdays": "2027-01-04 元旦"},
    )
    assert response.context["form"].non_field_errors() == [
        "2027-01-04 是周一至周五的工作日，不能列为调休上班日。",
        "2027-01-04 填写了节日名称，但它是普通工作日。",
    ]
    assert not WorkdayArrangement.objects.filter(year=2027).exists()


def test_a_stored_year_shows_its_days_and_round_trips_through_the_form(client_for):
    row = WorkdayArrangement.objects.get(year=2026)
    arrangement = row.to_arrangement()
    parsed = parse_days(days_off_text(arrangement), makeup_text(arrangement))
    assert parsed.errors == []
    assert parsed.holidays == arrangement.holidays
    assert parsed.makeup_workdays == arrangement.makeup_workdays
    assert parsed.names == dict(arrangement.holiday_names)
    html = client_for("administrator").get(reverse("core:calendar_year", args=[2026])).content.decode()
    assert "2026-02-15/2026-02-23 春节" in html
    # 261 weekdays, 19 of them off (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5), 6 make-up days
    assert "2026 年共 248 个工作日。" in html


def test_seeding_a_year_the_package_knows(client_for):
    WorkdayArrangement.objects.filter(year=2024).delete()
    response = client_for("administrator").post(reverse("core:calendar_seed", args=[2024]))
    assert response.status_code == 302
    assert WorkdayArrangement.objects.get(year=2024).source == ArrangementSource.CHINESECALENDAR
    response = client_for("administrator").post(reverse("core:calendar_seed", args=[2030]), follow=True)
    assert "2030 年的工作日安排尚未录入" in response.content.decode()


def test_the_pages_say_where_an_arrangement_comes_from_without_naming_a_software_package(client_for):
    """A year stored from the built-in data, a year the built-in data proposes and the list of such years read as
    the State Council's arrangement, never as the Python package that carries it."""
    WorkdayArrangement.objects.filter(year=2024).delete()
    WorkdayArrangement.objects.filter(year=2025).delete()
    admin = client_for("administrator")
    admin.post(reverse("core:calendar_seed", args=[2024]))
    pages = {
        "list": admin.get(reverse("core:calendar_list")).content.decode(),
        "stored": admin.get(reverse("core:calendar_year", args=[2024])).content.decode(),
        "proposed": admin.get(reverse("core:calendar_year", args=[2025])).content.decode(),
    }
    for name, html in pages.items():
        assert "chinesecalendar" not in html, name
        assert "软件包" not in html, name
    assert "国务院办公厅节假日安排（内置数据）" in pages["list"]
    assert "国务院办公厅节假日安排（内置数据）" in pages["stored"]
    assert "已内置国务院办公厅节假日安排的年份" in pages["list"]
    assert "表单中为内置的国务院办公厅节假日安排" in pages["proposed"]
