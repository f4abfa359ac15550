"""The projects part of the monthly bulletin (一月一通报): figures hand-computed from a small zone, the preview
page, the .xlsx and .docx read back, and who may see them."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from python_calamine import CalamineWorkbook

from gaoxin.accounts.models import Department
from gaoxin.core.reports.display import percent, wan
from gaoxin.projects.choices import IssueStatus, Light
from gaoxin.projects.documents import bulletin as bulletins
from gaoxin.projects.models import InvestmentPlan, MonthlyReport, ProjectIssue, Stage, StageTransition
from gaoxin.projects.selectors import documents
from gaoxin.projects.services import office as office_services
from gaoxin.projects.services import progress
from gaoxin.testing.spreadsheets import HOSTILE_TEXTS, assert_text_cells

TODAY = dt.date(2026, 4, 10)


def bulletin_of(year: int, month: int) -> bulletins.Bulletin:
    return bulletins.bulletin(documents.bulletin_month(year, month, TODAY), TODAY)


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(dt.datetime(2026, 4, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def plan(project: Any, amount: str, year: int = 2026) -> None:
    InvestmentPlan.objects.create(project=project, year=year, amount=Decimal(amount))


def report(project: Any, month: int, completed: str, year: int = 2026) -> None:
    MonthlyReport.objects.create(project=project, year=year, month=month, completed=Decimal(completed))


def issue(project: Any, deadline: dt.date, closed_on: dt.date | None = None, **fields: Any) -> None:
    ProjectIssue.objects.create(
        project=project,
        title=fields.pop("title", "问题"),
        raised_on=fields.pop("raised_on", dt.date(2026, 3, 1)),
        unit=project.responsible_unit,
        deadline=deadline,
        status=IssueStatus.CLOSED if closed_on else IssueStatus.OPEN,
        closed_on=closed_on,
        **fields,
    )


def enter(project: Any, on: dt.date, stage: str | None = None) -> None:
    """The project's entry in the library on ``on`` (in ``stage``, else its current stage)."""
    StageTransition.objects.create(
        project=project,
        to_stage=Stage.objects.get(code=stage) if stage else project.stage,
        on=on,
        kind="entry",
        evidence="入库",
    )


def move(project: Any, on: dt.date, stage: str) -> None:
    StageTransition.objects.create(
        project=project, to_stage=Stage.objects.get(code=stage), on=on, evidence="推进"
    )


@pytest.fixture
def zone(personas: Any, make_project: Any) -> dict[str, Any]:
    """Lights are judged for the month from the data (the stored lights say otherwise on purpose)."""
    b = personas.department_b
    p1 = make_project(name="红灯一号", planned_start_on=dt.date(2025, 11, 1), light=Light.GREEN)
    p2 = make_project(
        name="黄灯二号", stage_code="production", started_on=dt.date(2025, 5, 1),
        completed_on=dt.date(2026, 1, 20), production_on=dt.date(2026, 3, 5), light=Light.RED,
    )  # fmt: skip
    p3 = make_project(
        name="绿灯三号", stage_code="under_construction", responsible_unit=b, started_on=dt.date(2026, 3, 1),
        light=Light.RED,
    )  # fmt: skip
    p4 = make_project(name="已撤销", is_active=False, light=Light.RED)
    p5 = make_project(
        name="绿灯五号", stage_code="production", responsible_unit=b, completed_on=dt.date(2026, 2, 15),
        production_on=dt.date(2026, 4, 2), light=Light.RED,
    )  # fmt: skip
    p6 = make_project(name="四月入库", light=Light.RED)
    for project in (p1, p2, p4):
        enter(project, dt.date(2025, 3, 1))
    enter(p3, dt.date(2026, 1, 5), "land_granted")
    move(p3, dt.date(2026, 3, 1), "under_construction")
    enter(p5, dt.date(2026, 1, 5), "completed")
    move(p5, dt.date(2026, 4, 2), "production")  # in 竣工 at the end of March
    enter(p6, dt.date(2026, 4, 3))  # did not exist by the end of March
    plan(p1, "1000")
    plan(p2, "2000")
    plan(p3, "600")
    plan(p5, "500")
    plan(p4, "5000")
    plan(p6, "3000")
    plan(p2, "9999", year=2025)
    for month, amount in ((1, "100"), (2, "150"), (3, "50"), (4, "999")):
        report(p1, month, amount)
    report(p2, 1, "200")
    report(p2, 12, "700", year=2025)
    report(p3, 3, "200")
    report(p5, 2, "100")
    report(p4, 3, "3000")
    report(p6, 4, "50")
    progress.refresh_running_totals()
    issue(p1, dt.date(2026, 3, 10), title="环评滞后")  # open, overdue at the end of March
    issue(p1, dt.date(2026, 4, 5))  # open, not yet due at the end of March
    issue(p1, dt.date(2026, 3, 20), closed_on=dt.date(2026, 3, 15))  # closed in March
    issue(p3, dt.date(2026, 3, 25), closed_on=dt.date(2026, 4, 3), title="电力接入")  # open then, overdue
    issue(p3, dt.date(2026, 4, 30), raised_on=dt.date(2026, 4, 2))  # raised after March
    return {"p1": p1, "p2": p2, "p3": p3, "p5": p5, "p6": p6}


def test_headline_figures(zone: Any) -> None:
    content = bulletin_of(2026, 3)
    assert content.as_of == dt.date(2026, 3, 31)
    assert content.projects == 4  # 四月入库 entered the library in April
    assert content.total_investment == Decimal("200000")
    assert [(s.stage, s.projects) for s in content.stages] == [
        ("签约", 1),
        ("在建", 1),
        ("竣工", 1),
        ("投产", 1),
    ]
    assert (content.started, content.completed, content.producing) == (1, 2, 1)
    assert content.annual_plan == Decimal("4100")
    assert content.ytd == Decimal("800")  # 300 + 200 + 200 + 100
    assert percent(content.completion) == "19.5%"  # 800 / 4100
    assert percent(content.time_progress) == "25.0%"
    assert [(value, count) for value, _label, count in content.lights] == [
        ("red", 1), ("yellow", 1), ("green", 2), ("grey", 0),
    ]  # fmt: skip
    assert "截至3月底，全区共有重大项目4个，总投资200,000.00万元" in content.headline
    assert (
        "累计完成800.00万元，完成年度计划的19.5%，时序进度25.0%（落后时序进度5.5个百分点）"
        in content.headline
    )


def test_units_red_projects_and_overdue_problems(zone: Any) -> None:
    content = bulletin_of(2026, 3)
    lines = {line.unit: line for line in content.units}
    a, b = lines["经发局"], lines["企服中心"]
    assert (a.projects, a.annual_plan, a.ytd, a.red, a.yellow, a.open_issues, a.overdue_issues) == (
        2, Decimal("3000"), Decimal("500"), 1, 1, 2, 1,
    )  # fmt: skip
    assert percent(a.completion) == "16.7%"  # 500 / 3000
    assert (b.projects, b.annual_plan, b.ytd, b.red, b.yellow, b.open_issues, b.overdue_issues) == (
        2, Decimal("1100"), Decimal("300"), 0, 0, 1, 1,
    )  # fmt: skip
    assert [(p.name, p.ytd, p.reasons) for p in content.red_projects] == [
        (
            "红灯一号",
            Decimal("300"),
            ["计划于2025年11月1日开工，已逾期5个月未开工", "年度计划完成30.0%，时序进度25.0%"],
        ),
    ]
    assert [(i.title, i.days_overdue) for i in content.overdue_issues] == [("环评滞后", 21), ("电力接入", 6)]


def test_a_month_in_progress_reads_problems_as_of_today(zone: Any) -> None:
    content = bulletin_of(2026, 4)
    assert content.as_of == TODAY
    assert content.projects == 5
    assert content.ytd == Decimal("1849")  # March's 800, April's 999 and the new project's 50
    # 环评滞后 (due 10 March) is still open; 电力接入 was closed on 3 April; the one due 5 April is late now.
    assert {i.title for i in content.overdue_issues} == {"环评滞后", "问题"}


def test_the_month_must_exist(zone: Any) -> None:
    with pytest.raises(ValueError, match="month 13"):
        documents.bulletin_month(2026, 13, TODAY)


def test_number_formats() -> None:
    assert wan(Decimal("1234.565")) == "1,234.57"
    assert wan(None) == "—"
    assert percent(Decimal("0.12345")) == "12.3%"
    assert percent(None) == "—"


READERS = ["administrator", "leader", "officer_a", "officer_b"]


@pytest.mark.parametrize("who", READERS)
def test_staff_see_the_preview(client_for: Any, zone: Any, who: str) -> None:
    response = client_for(who).get(reverse("projects:bulletin"), {"year": 2026, "month": 3})
    assert response.status_code == 200
    content = response.content.decode()
    assert "2026年3月重大项目推进情况通报" in content
    assert "红灯一号" in content
    assert "19.5%" in content


def test_the_preview_writes_reason_dates_out_and_aligns_figures(client_for: Any, zone: Any) -> None:
    content = (
        client_for("leader").get(reverse("projects:bulletin"), {"year": 2026, "month": 3}).content.decode()
    )
    assert "计划于2025年11月1日开工" in content
    assert "2025-11-01" not in content
    assert '<td class="num">300.00</td>' in content  # 红灯一号's completed investment, a figure


def test_the_preview_defaults_to_last_month(client_for: Any, zone: Any) -> None:
    response = client_for("leader").get(reverse("projects:bulletin"))
    assert (response.context["year"], response.context["month"]) == (2026, 3)


@pytest.mark.parametrize("fmt", ["", "xlsx", "docx"])
def test_contact_forbidden_and_anonymous_sent_to_login(client_for: Any, personas: Any, fmt: str) -> None:
    url = reverse("projects:bulletin")
    assert client_for("contact").get(url, {"format": fmt}).status_code == 403
    response = client_for("anonymous").get(url, {"format": fmt})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_xlsx_holds_numbers(client_for: Any, zone: Any) -> None:
    response = client_for("officer_a").get(
        reverse("projects:bulletin"), {"year": 2026, "month": 3, "format": "xlsx"}
    )
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["概览", "分阶段项目情况", "按责任单位", "红灯项目", "逾期问题"]
    overview = {row[0]: row[1] for row in book.get_sheet_by_name("概览").to_python()[3:] if row[0]}
    assert overview["年度计划（万元）"] == 4100
    assert overview["本年累计完成（万元）"] == 800
    assert overview["年度计划完成率"] == pytest.approx(800 / 4100)
    assert overview["时序进度"] == pytest.approx(0.25)
    assert (overview["当年开工"], overview["当年竣工"], overview["当年投产"]) == (1, 2, 1)
    units = book.get_sheet_by_name("按责任单位").to_python()
    assert units[1][0] == "责任单位"
    assert {row[0]: row[1:] for row in units[2:]}["经发局"] == [
        2,
        3000,
        500,
        pytest.approx(500 / 3000),
        1,
        1,
        2,
        1,
    ]
    overdue = book.get_sheet_by_name("逾期问题").to_python()
    assert [row[1] for row in overdue[2:]] == ["环评滞后", "电力接入"]


def test_docx_is_a_word_document(client_for: Any, zone: Any, office: Any) -> None:
    office_services.office_settings_save(data={"issuing_body": "高新区重大项目推进办公室"}, by=office.officer)
    response = client_for("leader").get(
        reverse("projects:bulletin"), {"year": 2026, "month": 3, "format": "docx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "2026年3月重大项目推进情况通报"
    assert "数据截至2026年3月31日" in texts
    assert texts[-2:] == ["高新区重大项目推进办公室", "2026年4月10日"]  # the closing block: issuer and date
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer
    assert "NUMPAGES" in footer
    assert "第" in footer
    assert [len(table.rows) for table in document.tables] == [5, 3, 2, 3]  # header + rows each
    units = document.tables[1]
    assert [c.text for c in units.rows[2].cells] == [
        "经发局",
        "2",
        "3,000.00",
        "500.00",
        "16.7%",
        "1",
        "1",
        "2",
        "1",
    ]
    red = document.tables[2]
    assert [c.text for c in red.rows[1].cells][1] == "红灯一号"
    assert [c.text for c in red.rows[1].cells][-1].startswith("计划于2025年11月1日开工")


def test_xlsx_keeps_names_that_look_like_formulas_as_text(client_for: Any, zone: Any) -> None:
    zone["p1"].name, zone["p3"].name = HOSTILE_TEXTS[:2]
    for project in (zone["p1"], zone["p3"]):
        project.save(update_fields=["name"])
    Department.objects.filter(pk=zone["p3"].responsible_unit_id).update(name=HOSTILE_TEXTS[2], short_name="")
    response = client_for("officer_a").get(
        reverse("projects:bulletin"), {"year": 2026, "month": 3, "format": "xlsx"}
    )
    assert_text_cells(response.content, *HOSTILE_TEXTS)


@pytest.mark.parametrize(("asked", "told"), [({"year": "2026年"}, "年度："), ({"month": 0}, "月份：")])
def test_a_bad_month_is_refused_on_the_preview_and_in_the_export(
    client_for: Any, zone: Any, asked: dict[str, Any], told: str
) -> None:
    client = client_for("leader")
    page = client.get(reverse("projects:bulletin"), asked, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 400
    assert told in page.content.decode().split('id="filter-problems"')[1].split("</ul>")[0]
    assert (page.context["year"], page.context["month"]) == (2026, 3)  # last month, the default
    export = client.get(
        reverse("projects:bulletin"), {**asked, "format": "docx"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert export.status_code == 400
    assert told in export.content.decode()
