"""Issue 10 §3 in Chromium: a script stored in any name that a chart tooltip or the battle map's card shows stays
text. The tooltips are HTML, so each name must be escaped; an unescaped one would insert an <img> whose onerror
the Content-Security-Policy blocks — both the element and the script are checked for."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gaoxin.projects.models import PlanStep, Stage
from gaoxin.projects.scheduling import MAX_90_DAYS
from gaoxin.projects.services import plans
from gaoxin.testing.browser import login
from gaoxin.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAYLOAD = "<img src=x onerror=__xss=1>"  # short enough for a stage's name (40 characters)


def hostile(label: str) -> str:
    return f"{PAYLOAD}{label}"


def assert_nothing_ran(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"]').count() == 0


def show_tip(page, selector: str, series: int, index: int) -> str:  # type: ignore[no-untyped-def]
    """Shows the tooltip of one data item of the chart in ``selector`` and returns the chart's text."""
    page.wait_for_selector(f"{selector}[data-drawn] canvas")
    page.evaluate(
        "([selector, series, index]) => window.echarts.getInstanceByDom(document.querySelector(selector))"
        ".dispatchAction({type: 'showTip', seriesIndex: series, dataIndex: index})",
        [selector, series, index],
    )
    page.locator(selector, has_text="<img").wait_for()
    return page.locator(selector).inner_text()


def test_names_in_tooltips_and_the_project_card_stay_text(page, personas, make_project, office) -> None:  # type: ignore[no-untyped-def]
    unit = personas.department_a
    unit.name, unit.short_name = hostile("单位"), ""
    unit.save()
    owner = personas.own_enterprise
    owner.name = hostile("业主")
    owner.save()
    Stage.objects.filter(code="signed").update(name=hostile("阶段"))
    project = make_project(
        name=hostile("项目"), code="XM-XSS", longitude=Decimal("120.745"), latitude=Decimal("30.798")
    )
    plans.plan_apply_template(
        project=project, template_key=MAX_90_DAYS.key, target_on=dt.date(2026, 12, 31), by=office.officer
    )
    for step in PlanStep.objects.filter(project=project):
        PlanStep.objects.filter(pk=step.pk).update(name=hostile(f"步骤{step.pk}"))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(page, personas.leader.username, PASSWORD)

    page.goto("/projects/map/")
    page.wait_for_selector("#battle-map canvas")  # window.battleMap.chart is set in the same task
    x, y = page.evaluate(
        "id => { const p = window.battleMap.points.find(p => p.id === id);"
        " const xy = window.battleMap.chart.convertToPixel({geoIndex: 0}, p.value);"
        " const box = document.getElementById('battle-map').getBoundingClientRect();"
        " return [box.left + xy[0], box.top + xy[1]]; }",
        project.pk,
    )
    page.mouse.move(x, y)
    page.locator("#battle-map", has_text="<img").wait_for()
    tip = page.locator("#battle-map").inner_text()
    assert hostile("项目") in tip
    assert f"{hostile('阶段')} · {hostile('单位')}" in tip
    page.mouse.click(x, y)
    card = page.locator("#project-card")
    card.wait_for(state="visible")
    for text in (hostile("项目"), hostile("阶段"), hostile("单位"), hostile("业主")):
        assert text in card.inner_text()
    assert_nothing_ran(page)

    page.goto(f"/projects/{project.pk}/plan/")
    page.wait_for_selector("#plan-timeline[data-drawn] canvas")
    names = {step.name for step in PlanStep.objects.filter(project=project)}
    lengths = page.evaluate(
        "() => window.echarts.getInstanceByDom(document.getElementById('plan-timeline'))"
        ".getOption().series.map(s => s.data.length)"
    )
    shown = 0
    for series, length in enumerate(lengths):
        if length:
            text = show_tip(page, "#plan-timeline", series, 0)
            assert any(name in text for name in names)
            shown += 1
    assert shown >= 2  # the step bars and the milestones
    assert_nothing_ran(page)

    page.goto("/projects/batches/")
    page.wait_for_selector("[data-chart=batch-chart][data-drawn] canvas")
    signed = page.evaluate(
        "name => window.echarts.getInstanceByDom(document.querySelector('[data-chart=batch-chart]'))"
        ".getOption().xAxis[0].data.indexOf(name)",
        hostile("阶段"),
    )
    assert hostile("阶段") in show_tip(page, "[data-chart=batch-chart]", 0, signed)
    assert_nothing_ran(page)
    assert errors == []
