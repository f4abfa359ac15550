"""Planning a visit in Chromium: the officer picks the enterprise by typing part of its name and choosing it from
the suggestions (htmx and app.js under the strict Content-Security-Policy), or types the credit code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gaoxin.servicedesk.models import VisitPlan
from gaoxin.testing.browser import login
from gaoxin.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-portal-desk")


def test_an_officer_plans_a_visit_picking_the_enterprise_by_name(page, personas):
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    login(page, personas.officer_a.username, PASSWORD)
    page.goto("/service/visits/plans/")
    field = page.locator("input[name=enterprise]")
    field.press_sequentially("自有光伏", delay=50)
    suggestion = page.locator(".suggestions .suggestion", has_text="自有光伏科技有限公司")
    suggestion.wait_for()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "plan-suggestions.png"), full_page=True)
    suggestion.click()
    assert field.input_value() == personas.own_enterprise.credit_code
    assert page.locator(".suggestions .suggestion").count() == 0  # the list closes once picked
    page.fill("input[name=planned_on]", "2026-12-15")
    page.fill("[name=purpose]", "了解扩产用地需求")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    plan = VisitPlan.objects.get()
    assert (plan.enterprise, plan.planned_on) == (personas.own_enterprise, dt.date(2026, 12, 15))
    assert "自有光伏科技有限公司" in page.locator("#plan-table").inner_text()
    # a typed credit code still works
    page.fill("input[name=enterprise]", personas.other_enterprise.credit_code)
    page.fill("input[name=planned_on]", "2026-12-16")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    assert VisitPlan.objects.filter(enterprise=personas.other_enterprise).exists()
    assert problems == []  # no script error, no refused inline script or style
