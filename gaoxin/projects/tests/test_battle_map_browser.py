"""In Chromium: the battle map draws the zone offline, a click on a project's point opens its card, and so does its
link in the list; the plan tab draws its timeline. No JavaScript errors on either page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gaoxin.projects import lights
from gaoxin.projects.models import Project
from gaoxin.projects.scheduling import MAX_90_DAYS
from gaoxin.projects.services import plans
from gaoxin.testing.browser import login
from gaoxin.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LATE_START = {"light": "red", "msgid": lights.START_LATE, "params": {"date": "2026-01-10", "months": 3}}


def test_clicking_a_point_opens_the_project_card(page, personas, make_project, office):
    red = make_project(name="红灯测试项目", longitude=Decimal("120.745"), latitude=Decimal("30.798"))
    Project.objects.filter(pk=red.pk).update(light="red", light_reasons=[LATE_START])
    other = make_project(name="绿灯测试项目", longitude=Decimal("120.712"), latitude=Decimal("30.812"))
    Project.objects.filter(pk=other.pk).update(light="green")
    plans.plan_apply_template(
        project=red, template_key=MAX_90_DAYS.key, target_on=dt.date(2026, 12, 31), by=office.officer
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    login(page, personas.leader.username, PASSWORD)
    page.goto("/projects/map/")
    page.wait_for_selector("#battle-map canvas")  # window.battleMap.chart is set in the same task
    card = page.locator("#project-card")
    assert card.is_hidden()
    x, y = page.evaluate(
        "id => { const p = window.battleMap.points.find(p => p.id === id);"
        " const xy = window.battleMap.chart.convertToPixel({geoIndex: 0}, p.value);"
        " const box = document.getElementById('battle-map').getBoundingClientRect();"
        " return [box.left + xy[0], box.top + xy[1]]; }",
        red.pk,
    )
    page.mouse.click(x, y)
    card.wait_for(state="visible")
    assert card.get_attribute("data-project-id") == str(red.pk)
    assert card.locator("#project-card-title").inner_text() == "红灯测试项目"
    assert "计划于2026年1月10日开工，已逾期3个月未开工" in card.inner_text()
    assert "50,000.00" in card.inner_text()  # the total investment, with separators
    page.click("#project-card [data-close]")
    assert card.is_hidden()
    page.click(f'#battle-map-list a[data-project-id="{other.pk}"]')
    card.wait_for(state="visible")
    assert card.get_attribute("data-project-id") == str(other.pk)
    assert page.url.endswith("/projects/map/")  # the card opened in place of following the link
    page.click("#project-card [data-field=url]")
    page.wait_for_url(lambda url: "/projects/map/" not in url)
    page.goto(f"/projects/{red.pk}/plan/")
    page.wait_for_selector("#plan-timeline[data-drawn] canvas")
    assert errors == []


def test_the_park_names_are_placed_clear_of_the_project_points(page, personas, make_project):
    """Projects heaped where the park names would go by default (each park's middle): every name moves to a spot
    where its text covers no point."""
    middles = {"光伏产业园": ("120.7019", "30.8021"), "汽车零部件产业园": ("120.7222", "30.7876")}
    middles |= {"智能装备产业园": ("120.7276", "30.8360"), "科创园": ("120.7766", "30.8244")}
    middles["综合片区"] = ("120.7482", "30.7709")
    for k, (longitude, latitude) in enumerate(middles.values()):
        for dx, dy in ((0, 0), (0.002, 0), (-0.002, 0), (0, 0.001)):
            make_project(
                name=f"测试项目{k}{dx}{dy}",
                longitude=Decimal(longitude) + Decimal(str(dx)),
                latitude=Decimal(latitude) + Decimal(str(dy)),
            )
    login(page, personas.leader.username, PASSWORD)
    page.goto("/projects/map/")
    page.wait_for_selector("#battle-map canvas")
    covered = page.evaluate(
        """() => {
          const chart = window.battleMap.chart, names = window.battleMap.names, covered = [];
          const pixel = value => chart.convertToPixel({geoIndex: 0}, value);
          for (const [name, spot] of Object.entries(names)) {
            const [x, y] = pixel(spot);
            for (const p of window.battleMap.points) {
              const [px, py] = pixel(p.value);
              if (Math.abs(px - x) < name.length * 6 + 5 && Math.abs(py - y) < 7 + 5) covered.push(name);
            }
          }
          return [Object.keys(names).sort(), covered];
        }"""
    )
    assert covered == [sorted(middles), []]
