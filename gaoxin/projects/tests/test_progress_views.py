"""Monthly investment pages: who may open and post what, the investment tab, the overview and its export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from gaoxin.core.tabular import read_workbook
from gaoxin.projects import lights
from gaoxin.projects.forms.progress import AnnualPlanForm, ReportForm
from gaoxin.projects.models import InvestmentPlan, LightRule, MonthlyReport, Project, Stage
from gaoxin.projects.services import progress
from gaoxin.projects.tests.conftest import LOGIN, ExpectAccess, Office, Outcome
from gaoxin.testing.personas import Personas

D = Decimal
PERSONAS = ("administrator", "leader", "officer_a", "office", "officer_b", "contact", "anonymous")
REPORT_YEAR, REPORT_MONTH = lights.report_month(dt.date.today())


@pytest.fixture
def project(make_project: Callable[..., Project]) -> Project:
    p = make_project(started_on=dt.date(2020, 1, 1))
    InvestmentPlan.objects.create(project=p, year=REPORT_YEAR, amount=D(1200))
    MonthlyReport.objects.create(
        project=p, year=REPORT_YEAR, month=REPORT_MONTH, planned=D(100), completed=D(40)
    )
    progress.refresh_running_totals([p.pk])
    return p


EDITORS: dict[str, Outcome] = {"administrator": 200, "leader": 403, "officer_a": 200, "office": 200,
                                "officer_b": 403, "contact": 403, "anonymous": LOGIN}  # fmt: skip
REPORTERS: dict[str, Outcome] = {"administrator": 200, "leader": 403, "officer_a": 200, "office": 200,
                                  "officer_b": 200, "contact": 403, "anonymous": LOGIN}  # fmt: skip
CONFIGURERS: dict[str, Outcome] = {"administrator": 200, "leader": 403, "officer_a": 403, "office": 200,
                                    "officer_b": 403, "contact": 403, "anonymous": LOGIN}  # fmt: skip


@pytest.mark.parametrize("name", PERSONAS)
def test_posting_permissions(expect_access: ExpectAccess, project: Project, name: str) -> None:
    allowed = EDITORS[name] == 200
    url = reverse("projects:report", args=[project.pk])
    report = {"year": REPORT_YEAR, "month": REPORT_MONTH, "completed": "600", "physical_progress": "厂房封顶"}
    expect_access("post", url, {name: 302 if allowed else EDITORS[name]}, report)
    assert MonthlyReport.objects.get(project=project, month=REPORT_MONTH).completed == D(
        600 if allowed else 40
    )
    plan_url = reverse("projects:investment_plan", args=[project.pk])
    expect_access(
        "post", plan_url, {name: 302 if allowed else EDITORS[name]}, {"year": REPORT_YEAR, "amount": "2400"}
    )
    assert InvestmentPlan.objects.get(project=project).amount == D(2400 if allowed else 1200)
    configure = CONFIGURERS[name] == 200
    rule = {"yellow_gap": "5", "red_gap": "20", "start_late_red_months": "2"}
    expect_access("post", reverse("projects:settings"), {name: 302 if configure else CONFIGURERS[name]}, rule)
    assert LightRule.objects.exists() == configure
    confirm = reverse("projects:report_import_confirm")
    report_import = 302 if REPORTERS[name] == 200 else REPORTERS[name]
    expect_access("post", confirm, {name: report_import}, {"token": "nothing"})


def test_report_redirect_goes_to_the_login_for_anonymous(
    client_as: Callable[[str], Client], project: Project
) -> None:
    response = client_as("anonymous").post(reverse("projects:report", args=[project.pk]), {"completed": "1"})
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_investment_tab_in_chinese(client_as: Callable[[str], Client], project: Project) -> None:
    client = client_as("officer_a")
    response = client.post(
        reverse("projects:report", args=[project.pk]),
        {"year": REPORT_YEAR, "month": REPORT_MONTH, "completed": "40", "physical_progress": "基础施工"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 302
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'id="month-table"' in page
    assert 'id="report-form"' in page
    assert "时序进度" in page  # the light's reason
    assert "investment-chart" in page
    project.refresh_from_db()
    assert f'data-light="{project.light}"' in page
    # A reader without the right to edit sees no form.
    other = client_as("officer_b").get(reverse("projects:investment", args=[project.pk])).content.decode()
    assert 'id="report-form"' not in other


def test_a_future_month_is_refused_in_the_form(client_as: Callable[[str], Client], project: Project) -> None:
    response = client_as("officer_a").post(
        reverse("projects:report", args=[project.pk]),
        {"year": dt.date.today().year + 1, "month": 1, "completed": "5"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def _overview_projects(make_project: Callable[..., Project], personas: Personas, n: int) -> list[Project]:
    built = Stage.objects.get(code="under_construction")
    made = []
    for i in range(n):
        fields: dict[str, Any] = {"started_on": dt.date(2020, 1, 1)}
        if i % 2:
            fields["responsible_unit"] = personas.department_b
        if i % 3 == 0:
            fields["stage"] = built
        p = make_project(**fields)
        InvestmentPlan.objects.create(project=p, year=2025, amount=D(1000))
        for month in (1, 2, 3):
            MonthlyReport.objects.create(project=p, year=2025, month=month, completed=D(i * 10))
        MonthlyReport.objects.create(project=p, year=2024, month=12, completed=D(7))
        made.append(p)
    progress.refresh_running_totals()
    return made


@pytest.mark.parametrize("n", [3, 30])
@pytest.mark.parametrize(
    ("month", "queries"),
    [
        (3, 6),  # session, user, units, stages, projects with their month's reports, rule
        (5, 8),  # May not reported: their latest earlier reports, found then read
    ],
)
def test_overview_takes_a_fixed_number_of_queries(
    client_as: Callable[[str], Client],
    make_project: Callable[..., Project],
    personas: Personas,
    django_assert_num_queries: Any,
    n: int,
    month: int,
    queries: int,
) -> None:
    _overview_projects(make_project, personas, n)
    client = client_as("leader")
    with django_assert_num_queries(queries):
        response = client.get(reverse("projects:overview"), {"year": 2025, "month": month, "sort": "-gap"})
    assert response.status_code == 200
    assert len(response.context["overview"].rows) == n


def test_overview_figures_filters_and_sorting(
    client_as: Callable[[str], Client], make_project: Callable[..., Project], personas: Personas
) -> None:
    projects = _overview_projects(make_project, personas, 6)
    client = client_as("leader")
    response = client.get(reverse("projects:overview"), {"year": 2025, "month": 3, "sort": "-gap"})
    overview = response.context["overview"]
    # March 2025: time progress 25 %; project i completed 3 × 10i of a 1000 plan → completion 3i %.
    row = next(r for r in overview.rows if r.pk == projects[2].pk)
    assert (row.ytd, row.month_completed, row.since_start) == (D(60), D(20), D(67))
    assert row.gap == D(19)
    assert row.light == "yellow"
    assert [r.pk for r in overview.rows] == [p.pk for p in projects]  # biggest gap first: i = 0 did least
    # i = 0: 25 points behind → yellow; i = 1…4: 22…13 → yellow; i = 5: 10 → yellow (exactly at the threshold).
    assert overview.light_counts == {"grey": 0, "green": 0, "yellow": 6, "red": 0}
    assert overview.total.ytd == sum(D(30 * i) for i in range(6))
    units = {t.label: t.count for t in overview.by_unit}
    assert units == {personas.department_a.short_name: 3, personas.department_b.short_name: 3}
    only_b = client.get(
        reverse("projects:overview"), {"year": 2025, "month": 3, "unit": personas.department_b.pk}
    ).context["overview"]
    assert {r.pk for r in only_b.rows} == {p.pk for p in projects[1::2]}
    built = client.get(
        reverse("projects:overview"), {"year": 2025, "month": 3, "stage": "under_construction"}
    ).context["overview"]
    assert {r.pk for r in built.rows} == {projects[0].pk, projects[3].pk}  # i % 3 == 0
    assert [(t.label, t.count) for t in built.by_stage] == [(projects[0].stage.name, 2)]
    searched = client.get(reverse("projects:overview"), {"year": 2025, "month": 3, "q": projects[4].code})
    assert [r.pk for r in searched.context["overview"].rows] == [projects[4].pk]
    green = client.get(reverse("projects:overview"), {"year": 2025, "month": 3, "light": "green"})
    assert green.context["overview"].rows == []
    assert green.context["overview"].light_counts["yellow"] == 6  # counts ignore the light filter


def test_overview_of_a_month_not_reported_reads_the_latest_report_before_it(
    client_as: Callable[[str], Client], make_project: Callable[..., Project], personas: Personas
) -> None:
    (project,) = _overview_projects(make_project, personas, 2)[1:]  # 2024-12: 7; 2025-01…03: 10 each
    client = client_as("leader")

    def row_of(year: int, month: int) -> Any:
        overview = client.get(reverse("projects:overview"), {"year": year, "month": month}).context[
            "overview"
        ]
        return next(r for r in overview.rows if r.pk == project.pk)

    may = row_of(2025, 5)
    assert (may.month_completed, may.ytd, may.since_start) == (None, D(30), D(37))
    next_year = row_of(2026, 1)  # nothing reported in 2026: no YTD yet, the total since the start stays
    assert (next_year.month_completed, next_year.ytd, next_year.since_start) == (None, D(0), D(37))
    assert next_year.annual_plan is None
    before = row_of(2024, 11)  # before the first report
    assert (before.month_completed, before.ytd, before.since_start) == (None, D(0), D(0))
    december = row_of(2024, 12)
    assert (december.month_completed, december.ytd, december.since_start) == (D(7), D(7), D(7))


def test_export_holds_exactly_the_filtered_rows(
    client_as: Callable[[str], Client], make_project: Callable[..., Project], personas: Personas
) -> None:
    projects = _overview_projects(make_project, personas, 6)
    response = client_as("leader").get(
        reverse("projects:overview_export"),
        {"year": 2025, "month": 3, "unit": personas.department_a.pk, "sort": "-ytd"},
    )
    assert response.status_code == 200
    (sheet,) = read_workbook(response.content, "export.xlsx")
    header = next(i for i, row in enumerate(sheet.rows) if row and row[0] == "项目代码")
    codes = [row[0] for row in sheet.rows[header + 1 :] if row and row[0]]
    assert codes == [p.code for p in reversed(projects[0::2])]


def test_overview_in_chinese(client_as: Callable[[str], Client], project: Project) -> None:
    page = (
        client_as("leader").get(reverse("projects:overview"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    )
    assert "月度总览" in page
    assert "时序进度" in page
    assert project.code in page


def test_settings_page_saves_a_rule(client_as: Callable[[str], Client], office: Office) -> None:
    client = client_as("office")
    response = client.post(
        reverse("projects:settings"), {"yellow_gap": "40", "red_gap": "30", "start_late_red_months": "3"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    client.post(
        reverse("projects:settings"), {"yellow_gap": "5", "red_gap": "25", "start_late_red_months": "2"}
    )
    rule = LightRule.objects.get()
    assert (rule.yellow_gap, rule.red_gap, rule.start_late_red_months) == (D(5), D(25), 2)


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("projects:list", "50,000.00"),  # total investment
        ("projects:battle_map", "50,000.00"),
        ("projects:overview", "1,200.00"),  # annual plan
        ("projects:investment", "1,200.00"),
    ],
)
def test_amounts_show_thousands_separators(
    client_as: Callable[[str], Client], project: Project, page: str, shown: str
) -> None:
    url = reverse(page, args=[project.pk]) if page == "projects:investment" else reverse(page)
    params = {"year": REPORT_YEAR, "month": REPORT_MONTH} if page == "projects:overview" else {}
    content = client_as("leader").get(url, params, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert shown in content
    assert shown.replace(",", "") not in content


def test_overview_names_keep_their_width(client_as: Callable[[str], Client], project: Project) -> None:
    content = client_as("leader").get(reverse("projects:overview")).content.decode()
    row = content.split(f'data-code="{project.code}"')[1].split("</tr>")[0]
    assert '<td class="col-name">' in row  # app.css: a minimum width, not a character a line


def test_the_plan_form_shows_amounts_with_the_two_places_of_money_and_months_in_chinese() -> None:
    form = AnnualPlanForm(initial={"amount": Decimal("15808.6000"), "month_1": Decimal("1317.3825")})
    assert 'value="15808.60"' in str(form["amount"])
    assert 'value="1317.3825"' in str(form["month_1"])  # more places than money: kept, not rounded away
    with translation.override("zh-hans"):
        assert ">3月</option>" in str(ReportForm()["month"])


@pytest.mark.parametrize(
    ("asked", "told"),
    [
        ({"year": 2025, "month": 13}, "月份："),
        ({"year": "二〇二五", "month": 3}, "年度："),
        ({"year": 2025, "month": 3, "light": "blue"}, "亮灯："),
        ({"year": 2025, "month": 3, "sort": "owner"}, "排序："),
        ({"year": 2025, "month": 3, "unit": "经发局"}, "责任单位："),
    ],
)
def test_overview_refuses_a_bad_value_on_the_page_and_in_the_export(
    client_as: Callable[[str], Client], project: Project, asked: dict[str, Any], told: str
) -> None:
    client = client_as("leader")
    page = client.get(reverse("projects:overview"), asked, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 400
    problems = page.content.decode().split('id="filter-problems"')[1].split("</ul>")[0]
    assert told in problems
    assert page.context["overview"].rows  # the refused part stays at its default; the rest applies
    export = client.get(reverse("projects:overview_export"), asked, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert export.status_code == 400
    assert told in export.content.decode()
    assert "attachment" not in export.get("Content-Disposition", "")


def test_overview_refused_month_stays_at_the_report_month(
    client_as: Callable[[str], Client], project: Project
) -> None:
    overview = (
        client_as("leader").get(reverse("projects:overview"), {"year": 2024, "month": 0}).context["overview"]
    )
    assert (overview.year, overview.month) == (2024, REPORT_MONTH)


def test_overview_light_applies_to_the_page_and_the_export_alike(
    client_as: Callable[[str], Client], make_project: Callable[..., Project], personas: Personas
) -> None:
    _overview_projects(make_project, personas, 3)
    client = client_as("leader")
    for light, count in (("yellow", 3), ("green", 0)):
        asked = {"year": 2025, "month": 3, "light": light}
        assert len(client.get(reverse("projects:overview"), asked).context["overview"].rows) == count
        (sheet,) = read_workbook(
            client.get(reverse("projects:overview_export"), asked).content, "export.xlsx"
        )
        header = next(i for i, row in enumerate(sheet.rows) if row and row[0] == "项目代码")
        assert len([row for row in sheet.rows[header + 1 :] if row and row[0]]) == count


@pytest.mark.parametrize(
    ("page", "asked", "told"),
    [
        ("projects:investment", {"year": "二〇二五"}, "年度："),
        ("projects:investment_plan", {"year": 10000}, "年度："),
        ("projects:report", {"year": REPORT_YEAR, "month": 13}, "月份："),
    ],
)
def test_the_investment_pages_refuse_a_bad_month_and_show_the_report_month(
    client_as: Callable[[str], Client], project: Project, page: str, asked: dict[str, Any], told: str
) -> None:
    client = client_as("officer_a")
    refused = client.get(reverse(page, args=[project.pk]), asked, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert refused.status_code == 400
    assert told in refused.content.decode().split('id="filter-problems"')[1].split("</ul>")[0]
    shown = (
        refused.context["year"] if page == "projects:investment" else refused.context["form"].initial["year"]
    )
    assert shown == REPORT_YEAR
    if page == "projects:report":
        assert refused.context["form"].initial["month"] == REPORT_MONTH


def test_the_investment_pages_apply_an_asked_month(
    client_as: Callable[[str], Client], project: Project
) -> None:
    client = client_as("officer_a")
    assert (
        client.get(reverse("projects:investment", args=[project.pk]), {"year": 2024}).context["year"] == 2024
    )
    form = client.get(reverse("projects:report", args=[project.pk]), {"year": 2024, "month": 2}).context[
        "form"
    ]
    assert (form.initial["year"], form.initial["month"]) == (2024, 2)
    plan = client.get(reverse("projects:investment_plan", args=[project.pk]), {"year": 2024}).context["form"]
    assert plan.initial["year"] == 2024
