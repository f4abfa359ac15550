"""The project card: its content (profile, this year's investment, milestones, open problems, commitments) and the
PDF, which only committee staff get."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.documents import card
from gaoxin.projects.models import InvestmentPlan, MonthlyReport, Obligation, PlanStep, Project, ProjectIssue
from gaoxin.projects.selectors import documents
from gaoxin.projects.services import office as office_services
from gaoxin.projects.services import progress

TODAY = dt.date(2026, 5, 20)


def card_of(project: Project) -> card.ProjectCard:
    return card.project_card(project, documents.card_reads(project, TODAY), TODAY)


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(dt.datetime(2026, 5, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def project(make_project: Any, personas: Any) -> Any:
    project = make_project(
        name="年产10GW光伏组件项目",
        stage_code="under_construction",
        lead_official="王副主任",
        land_mu=Decimal("120.5"),
        planned_start_on=dt.date(2026, 1, 15),
        started_on=dt.date(2026, 2, 1),
    )
    InvestmentPlan.objects.create(project=project, year=2026, amount=Decimal("12000"))
    for year, month, amount in ((2025, 12, "800"), (2026, 1, "1000"), (2026, 2, "1500"), (2026, 4, "500")):
        MonthlyReport.objects.create(project=project, year=year, month=month, completed=Decimal(amount))
    progress.refresh_running_totals([project.pk])
    PlanStep.objects.create(
        project=project, key="permit", name="施工许可", sort_order=1, duration=20,
        latest_start=dt.date(2026, 1, 1), latest_finish=dt.date(2026, 1, 31), actual_finish=dt.date(2026, 1, 28),
    )  # fmt: skip
    PlanStep.objects.create(
        project=project, key="roof", name="主体封顶", sort_order=2, duration=90,
        latest_start=dt.date(2026, 2, 1), latest_finish=dt.date(2026, 5, 1),
    )  # fmt: skip
    PlanStep.objects.create(
        project=project, key="done", name="竣工验收", sort_order=3, duration=30,
        latest_start=dt.date(2026, 8, 1), latest_finish=dt.date(2026, 8, 31),
    )  # fmt: skip
    for title, deadline, status in (
        ("电力接入滞后", dt.date(2026, 5, 1), IssueStatus.OPEN),
        ("设备进口报关", dt.date(2026, 6, 30), IssueStatus.OPEN),
        ("已解决的问题", dt.date(2026, 3, 1), IssueStatus.CLOSED),
    ):
        ProjectIssue.objects.create(
            project=project, title=title, raised_on=dt.date(2026, 2, 1), unit=personas.department_b,
            deadline=deadline, status=status,
        )  # fmt: skip
    for measure, threshold in (("investment_intensity", "350"), ("tax_per_mu", "30")):
        Obligation.objects.create(
            project=project, standard_parcel=True, measure=measure, threshold=Decimal(threshold)
        )
    Obligation.objects.create(
        project=project, measure="tax", threshold=Decimal(1), first_year=2026
    )  # a clause
    return project


def test_card_content(project: Any) -> None:
    content = card_of(project)
    profile = dict(content.profile)
    assert "王副主任" in profile.values()
    assert "经济发展局" in profile.values()
    assert "120.50" in profile.values()
    assert "2026年2月1日" in profile.values()
    money = content.investment
    assert (money.year, money.month) == (2026, 4)  # the report month: the last complete month
    assert (money.figures.annual_plan, money.figures.ytd, money.figures.since_start) == (
        Decimal("12000"), Decimal("3000"), Decimal("3800"),
    )  # fmt: skip
    assert money.shown == {
        "annual_plan": "12,000.00",
        "ytd": "3,000.00",
        "since_start": "3,800.00",
        "completion": "25.0%",  # 3000 / 12000
        "time_progress": "33.3%",  # through April: 4 / 12
        "against_time_progress": "落后时序进度8.3个百分点",
    }
    assert [(s.name, s.late) for s in content.steps] == [
        ("施工许可", False),
        ("主体封顶", True),
        ("竣工验收", False),
    ]
    assert [(i.title, i.overdue) for i in content.issues] == [("电力接入滞后", True), ("设备进口报关", False)]
    assert len(content.commitments) == 1
    assert content.commitments[0].values == [
        ("投资强度（万元/亩）", "350（未到考核期）"),
        ("亩均税收（万元/亩）", "30（未到考核期）"),
    ]


def test_a_project_without_plan_or_reports(make_project: Any) -> None:
    content = card_of(make_project())
    assert content.investment.shown == {
        "annual_plan": "—",
        "ytd": "0.00",
        "since_start": "0.00",
        "completion": "—",
        "time_progress": "33.3%",  # time progress is the month's, plan or not
        "against_time_progress": "—",
    }
    assert content.steps == content.issues == content.commitments == []


def pdf_text(html: str) -> str:
    """The text WeasyPrint lays out on the pages of ``html``."""
    from weasyprint import HTML

    def walk(box: Any) -> Any:
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    return "".join(text for page in HTML(string=html).render().pages for text in walk(page._page_box))


def test_the_pdf_lays_out_the_card(project: Any, office: Any) -> None:
    office_services.office_settings_save(data={"issuing_body": "高新区重大项目推进办公室"}, by=office.officer)
    content = card_of(project)
    assert card.card_pdf(content).startswith(b"%PDF")
    text = pdf_text(card.card_html(content))
    for expected in ("年产10GW光伏组件项目", "王副主任", "电力接入滞后", "主体封顶", "12,000.00", "33.3%"):
        assert expected in text
    # issuing body, the date written out, page numbers
    assert "高新区重大项目推进办公室" in text
    assert "2026年5月20日" in text
    assert "2026-02-01" not in text
    assert "2026年2月1日" in text
    assert "第 1 页，共 2 页" in text
    assert "第 2 页，共 2 页" in text
    assert "已解决的问题" not in text


@pytest.mark.parametrize("who", ["administrator", "leader", "officer_a", "officer_b"])
def test_staff_get_the_pdf(client_for: Any, project: Any, who: str) -> None:
    response = client_for(who).get(reverse("projects:card_pdf", args=[project.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_contact_forbidden_anonymous_sent_to_login_unknown_404(client_for: Any, project: Any) -> None:
    url = reverse("projects:card_pdf", args=[project.pk])
    assert client_for("contact").get(url).status_code == 403
    response = client_for("anonymous").get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client_for("leader").get(reverse("projects:card_pdf", args=[999])).status_code == 404
