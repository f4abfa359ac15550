"""Issue 5's loop in a real Chromium: the responsible unit's officer opens the battle map, clicks a red project,
files its monthly report from the card, and sees the project's light turn green."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gaoxin.projects import lights
from gaoxin.projects.models import InvestmentPlan, MonthlyReport, Project
from gaoxin.projects.services import progress
from gaoxin.testing.browser import login
from gaoxin.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filing_the_monthly_report_of_a_red_project_turns_it_green(page, personas, make_project):
    year, month = lights.report_month(timezone.localdate())
    behind = make_project(
        name="滞后的电池材料项目",
        stage_code="under_construction",
        longitude=Decimal("120.745"),
        latitude=Decimal("30.798"),
        planned_start_on=dt.date(year - 1, 3, 1),
    )
    Project.objects.filter(pk=behind.pk).update(started_on=dt.date(year - 1, 3, 10))
    make_project(name="其他项目", longitude=Decimal("120.712"), latitude=Decimal("30.812"))
    InvestmentPlan.objects.create(project=behind, year=year, amount=Decimal("1200"))
    MonthlyReport.objects.bulk_create(
        MonthlyReport(project=behind, year=year, month=m, planned=Decimal(100), completed=Decimal(10))
        for m in range(1, month)
    )
    progress.recompute_lights(by=None)
    behind.refresh_from_db()
    assert behind.light == "red"  # 10 a month against 100: far behind time progress

    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(page, personas.officer_a.username, PASSWORD)
    page.goto("/projects/map/")
    page.wait_for_selector("#battle-map canvas")  # window.battleMap.chart is set in the same task
    x, y = page.evaluate(
        "id => { const p = window.battleMap.points.find(p => p.id === id);"
        " const xy = window.battleMap.chart.convertToPixel({geoIndex: 0}, p.value);"
        " const box = document.getElementById('battle-map').getBoundingClientRect();"
        " return [box.left + xy[0], box.top + xy[1]]; }",
        behind.pk,
    )
    page.mouse.click(x, y)
    card = page.locator("#project-card")
    card.wait_for(state="visible")
    assert card.get_attribute("data-light") == "red"
    assert card.locator("#project-card-title").inner_text() == "滞后的电池材料项目"

    page.click("#project-card [data-field=report_url]")
    page.wait_for_url(f"**/projects/{behind.pk}/report/**")
    # this month's completion brings the year to the plan: 10 × (month − 1) + this ≥ 1200 × month ÷ 12
    page.fill("input[name=completed]", str(100 * month))
    page.fill("textarea[name=physical_progress]", "主体结构封顶，设备进场")
    page.click("#report-form button[type=submit]")
    page.wait_for_url(f"**/projects/{behind.pk}/investment/**")
    assert page.locator(".page-head [data-light]").get_attribute("data-light") == "green"
    behind.refresh_from_db()
    assert behind.light == "green"
    assert behind.physical_progress == "主体结构封顶，设备进场"
    assert errors == []
