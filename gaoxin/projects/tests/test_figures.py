"""One definition of each project figure: the investment page, the project card, the monthly overview and the
monthly bulletin show the same 本年累计, 开工以来累计, completion and time progress for a project and month."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from gaoxin.projects import selectors
from gaoxin.projects.documents import bulletin, card
from gaoxin.projects.models import InvestmentPlan, MonthlyReport, StageTransition
from gaoxin.projects.selectors import documents, overview
from gaoxin.projects.services import progress

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 5, 20)


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(dt.datetime(2026, 5, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        yield  # the report month is April


def test_the_four_readers_agree(make_project: Any, personas: Any, client_for: Any) -> None:
    project = make_project(stage_code="under_construction", started_on=dt.date(2025, 11, 1))
    StageTransition.objects.create(
        project=project, to_stage=project.stage, on=dt.date(2025, 10, 1), kind="entry"
    )
    InvestmentPlan.objects.create(project=project, year=2026, amount=Decimal("12000"))
    for year, month, amount in (
        (2025, 12, "800"),
        (2026, 1, "1000"),
        (2026, 2, "1500"),
        (2026, 4, "500"),
        (2026, 5, "700"),
    ):
        MonthlyReport.objects.create(project=project, year=year, month=month, completed=Decimal(amount))
    progress.refresh_running_totals([project.pk])
    expected = (Decimal("3000"), Decimal("3800"), Decimal("0.25"), Decimal(4) / 12)  # May is not in April

    page = client_for("leader").get(reverse("projects:investment", args=[project.pk]), {"year": 2026})
    headline = page.context["headline"]
    assert (headline.ytd, headline.since_start, headline.completion, headline.time_progress) == expected

    shown = card.project_card(project, documents.card_reads(project, DAY), DAY).investment.figures
    assert (shown.ytd, shown.since_start, shown.completion, shown.time_progress) == expected

    (row,) = overview.monthly_overview(selectors.project_list(personas.leader), year=2026, month=4).rows
    assert (row.ytd, row.since_start, row.completion, row.time_progress) == expected

    content = bulletin.bulletin(documents.bulletin_month(2026, 4, DAY), DAY)
    (unit,) = content.units
    assert (content.ytd, unit.ytd, content.completion, content.time_progress) == (
        expected[0], expected[0], expected[2], expected[3],
    )  # fmt: skip
    assert "落后时序进度8.3个百分点" in page.content.decode()
    assert "落后时序进度8.3个百分点" in content.headline


def test_a_project_ahead_of_time_progress_reads_so_everywhere(
    make_project: Any, personas: Any, client_for: Any
) -> None:
    project = make_project(stage_code="under_construction", started_on=dt.date(2025, 11, 1))
    StageTransition.objects.create(
        project=project, to_stage=project.stage, on=dt.date(2025, 10, 1), kind="entry"
    )
    InvestmentPlan.objects.create(project=project, year=2026, amount=Decimal("1200"))
    MonthlyReport.objects.create(project=project, year=2026, month=2, completed=Decimal("600"))
    progress.refresh_running_totals([project.pk])  # 50 % done against a time progress of 33.3 %
    page = (
        client_for("leader")
        .get(reverse("projects:investment", args=[project.pk]), {"year": 2026})
        .content.decode()
    )
    listed = (
        client_for("leader").get(reverse("projects:overview"), {"year": 2026, "month": 4}).content.decode()
    )
    pdf = card.card_html(card.project_card(project, documents.card_reads(project, DAY), DAY))
    for text in (page, listed, pdf, bulletin.bulletin(documents.bulletin_month(2026, 4, DAY), DAY).headline):
        assert "超时序进度16.7个百分点" in text
        assert "落后时序进度-" not in text
