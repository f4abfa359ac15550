"""What the settings, plan and request pages show: labels and units, not codes and bare numbers; every row
reachable; dates on one line."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gaoxin.servicedesk.models import EnterpriseOfficer, VisitPlan
from gaoxin.testing.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def _table(html: str, table_id: str) -> str:
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S)
    assert match, table_id
    return match.group(0)


def _other_years(html: str) -> str:
    match = re.search(r'id="plan-other-years">.*?</p>', html, re.S)
    assert match
    return match.group(0)


def test_settings_show_category_labels_with_headers_and_limits_with_units(client_for, desk):
    html = client_for("officer_b").get(reverse("servicedesk:settings")).content.decode()
    categories = _table(html, "category-table")
    assert '<thead><tr><th scope="col">类别</th><th scope="col">启用</th></tr></thead>' in categories
    assert "政策咨询" in categories
    assert "policy" not in categories  # the code is an identifier, not for readers
    assert "<td>是</td>" in categories
    policies = _table(html, "policy-table")
    assert '<td class="num">3 个工作日</td>' in policies  # the default interim reply
    assert not re.search(r'<td class="num">\d+</td>', policies)


def test_every_responsible_officer_can_be_reached(client_for, personas):
    for _ in range(23):
        EnterpriseOfficer.objects.create(enterprise=EnterpriseFactory(), officer=personas.officer_b)
    client = client_for("officer_b")
    first = _table(client.get(reverse("servicedesk:settings")).content.decode(), "officer-table")
    second_page = client.get(reverse("servicedesk:settings"), {"page": "2"}).content.decode()
    second = _table(second_page, "officer-table")
    assert first.count("<tr>") - 1 == 20  # the header row
    assert second.count("<tr>") - 1 == 3
    assert 'class="pagination"' in second_page


def test_the_plans_say_their_year_and_lead_to_the_other_years(client_for, personas):
    this_year = timezone.localdate().year
    for year in (this_year, this_year - 1):
        VisitPlan.objects.create(
            officer=personas.officer_b,
            enterprise=personas.own_enterprise,
            planned_on=dt.date(year, 6, 10),
            purpose="了解扩产",
        )
    client = client_for("officer_b")
    html = client.get(reverse("servicedesk:plan_list")).content.decode()
    assert f"<h1>{this_year} 年走访计划</h1>" in html
    assert f'name="year" value="{this_year}"' in html
    assert f"year={this_year - 1}" in _other_years(html)
    assert ">添加走访计划</button>" in html
    last_year = client.get(reverse("servicedesk:plan_list"), {"year": str(this_year - 1)}).content.decode()
    assert f"<h1>{this_year - 1} 年走访计划</h1>" in last_year
    assert f"year={this_year}" in _other_years(last_year)


def test_the_timeline_keeps_each_time_on_one_line(client_for, desk):
    request = desk.dispatched()
    html = (
        client_for("officer_b").get(reverse("servicedesk:request_detail", args=[request.public_id])).content
    )
    timeline = _table(html.decode(), "timeline")
    times = re.findall(r"<td[^>]*>\d{4}-\d{2}-\d{2} \d{2}:\d{2}</td>", timeline)
    assert len(times) == 3
    assert all('class="nowrap"' in cell for cell in times)
