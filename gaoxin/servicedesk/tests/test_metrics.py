"""The metrics, hand-counted on five requests of March 2025 (no holidays that month), the dashboard, its
drill-down and its Excel export."""

from __future__ import annotations

import io

import pytest
import time_machine
from python_calamine import CalamineWorkbook

from gaoxin.servicedesk import exports, metrics, selectors, services
from gaoxin.servicedesk.choices import Outcome
from gaoxin.servicedesk.models import ServiceRequest
from gaoxin.servicedesk.tests.conftest import at
from gaoxin.testing.spreadsheets import HOSTILE_TEXTS, assert_text_cells

pytestmark = pytest.mark.django_db

NOW = at(2025, 3, 20, 10, 0)


@pytest.fixture
def march(desk, personas):
    p = personas
    r = {}
    with time_machine.travel(at(2025, 3, 3, 9, 0), tick=False) as clock:  # Monday 3 March
        for name in ("on_time", "late", "open", "direct", "reopened"):
            r[name] = desk.submit(title=name)
        clock.move_to(at(2025, 3, 3, 10, 0))
        for name in ("on_time", "late", "open", "reopened"):
            services.request_accept(request=r[name], by=p.officer_b)
            services.request_dispatch(request=r[name], department=p.department_a, by=p.officer_b)
        # sign by the end of 4 March; resolve by the end of 17 March (4–7, 10–14, 17)
        clock.move_to(at(2025, 3, 4, 9, 0))
        for name in ("on_time", "open", "reopened"):
            services.request_sign(request=r[name], by=p.officer_a)
        clock.move_to(at(2025, 3, 4, 10, 0))
        services.request_accept(request=r["direct"], by=p.officer_b)
        services.request_close_directly(request=r["direct"], note="当场答复", by=p.officer_b)
        clock.move_to(at(2025, 3, 5, 9, 0))
        services.request_sign(request=r["late"], by=p.officer_a)
        clock.move_to(at(2025, 3, 6, 9, 0))
        services.request_reply(request=r["reopened"], reply="a", outcome=Outcome.RESOLVED, by=p.officer_a)
        services.request_review(request=r["reopened"], approve=True, note="", by=p.officer_b)
        clock.move_to(at(2025, 3, 7, 9, 0))
        services.request_rate(request=r["reopened"], rating="dissatisfied", comment="", by=p.contact)
        services.request_reopen(request=r["reopened"], reason="未解决", by=p.officer_b)
        clock.move_to(at(2025, 3, 10, 9, 0))
        services.request_reply(request=r["on_time"], reply="b", outcome=Outcome.RESOLVED, by=p.officer_a)
        clock.move_to(at(2025, 3, 11, 9, 0))
        services.request_review(request=r["on_time"], approve=True, note="", by=p.officer_b)
        clock.move_to(at(2025, 3, 12, 9, 0))
        services.request_callback(request=r["on_time"], note="满意", rating="satisfied", by=p.officer_b)
        services.request_close(request=r["on_time"], note="", by=p.officer_b)
        clock.move_to(at(2025, 3, 18, 9, 0))
        services.request_reply(request=r["late"], reply="c", outcome=Outcome.EXPLAINED, by=p.officer_a)
        services.request_review(request=r["late"], approve=True, note="", by=p.officer_b)
        clock.move_to(at(2025, 3, 19, 9, 0))
        services.request_callback(
            request=r["late"], note="基本满意", rating="basically_satisfied", by=p.officer_b
        )
        services.request_close(request=r["late"], note="", by=p.officer_b)
    return r


def test_the_rates_counted_by_hand(march):
    total = selectors.metrics_summary(ServiceRequest.objects.all(), NOW)
    assert total.received == 5
    assert (total.signed_on_time, total.signed) == (3, 4)  # "late" signed on 5 March
    assert (total.replied_on_time, total.replied) == (1, 2)  # "late" replied on 18 March
    assert (total.satisfied, total.rated) == (2, 2)  # basically satisfied counts by default
    assert (total.resolved, total.handled) == (1, 2)  # "late" was explained, not resolved
    # handling time: 7 working days (4–7, 10–12 March), 12 (4–7, 10–14, 17–19), 1 (4 March)
    assert total.avg_workdays == pytest.approx((7 + 12 + 1) / 3)
    assert (total.open, total.overdue) == (2, 1)  # "open" is past its deadlines; "reopened" runs to 21 March


def test_whether_basically_satisfied_counts_is_a_setting(march, settings):
    settings.GAOXIN_SERVICEDESK_BASIC_SATISFIED_COUNTS = False
    total = selectors.metrics_summary(ServiceRequest.objects.all(), NOW)
    assert (total.satisfied, total.rated) == (1, 2)
    assert total.satisfaction_rate == 0.5


def test_grouped_by_department_category_and_month(march, personas):
    by_department = {
        row.key: row for row in selectors.metrics_grouped(ServiceRequest.objects.all(), "department", NOW)
    }
    assert set(by_department) == {personas.department_a.code, ""}
    assert by_department[personas.department_a.code].received == 4
    assert by_department[""].received == 1  # answered by the centre without dispatch
    [month] = selectors.metrics_grouped(ServiceRequest.objects.all(), "month", NOW)
    assert (month.key, month.received, month.signed_on_time) == ("2025-03", 5, 3)
    [category] = selectors.metrics_grouped(ServiceRequest.objects.all(), "category", NOW)
    assert (category.key, category.label) == ("electricity", "要素保障—用电")


def test_backlog_by_working_days(march):
    backlog = metrics.backlog(selectors.open_received(ServiceRequest.objects.all()), NOW)
    # both open requests were received on 3 March: 13 working days by 20 March
    assert [b["count"] for b in backlog.buckets] == [0, 0, 0, 2, 0]
    assert backlog.unknown == 0


def test_dashboard_drill_down_and_export(client_for, march, django_assert_max_num_queries):
    client = client_for("leader")
    with time_machine.travel(NOW, tick=False):
        with django_assert_max_num_queries(14):
            page = client.get("/service/metrics/", {"year": "2025"})
        html = page.content.decode()
        assert 'id="sign-rate">75.0%<' in html
        assert 'id="on-time-rate">50.0%<' in html
        assert 'id="satisfaction-rate">100.0%<' in html
        assert 'id="resolution-rate">50.0%<' in html
        late = client.get("/service/", {"year": "2025", "flag": "sign_late"}).content.decode()
        assert march["late"].number in late
        assert march["on_time"].number not in late
        resolve_late = client.get("/service/", {"year": "2025", "flag": "resolve_late"}).content.decode()
        assert {name for name, r in march.items() if r.number in resolve_late} == {"late", "open"}
        export = client.get("/service/metrics/", {"year": "2025", "export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    book = CalamineWorkbook.from_filelike(io.BytesIO(export.content))
    rows = book.get_sheet_by_name("按部门").to_python()
    header = rows[2]
    assert header[:4] == ["部门", "受理数", "签收数", "按时签收率"]
    total = rows[-1]
    assert total[0] == "全部诉求"
    assert total[1:4] == [5, 4, 0.75]


def test_the_dashboard_gives_units_and_counts_whole_requests(client_for, march):
    with time_machine.travel(NOW, tick=False):
        page = client_for("leader").get("/service/metrics/", {"year": "2025"})
    average = page.context["total"].avg_workdays
    assert average is not None
    assert f'id="average-workdays">{average:.1f} 个工作日<' in page.content.decode()
    for chart in ("backlog_chart", "department_chart"):  # numbers of requests: no 0.5 件 on the axis
        assert page.context[chart]["yAxis"]["minInterval"] == 1
    assert "minInterval" not in page.context["trend_chart"]["yAxis"]  # rates in %


def test_a_department_officer_sees_the_metrics_of_their_requests_only(client_for, march):
    leader = client_for("leader").get("/service/metrics/", {"year": "2025"}).context
    officer = client_for("officer_a").get("/service/metrics/", {"year": "2025"}).context
    assert leader["total"].received == 5
    assert officer["total"].received == 4  # the request the centre answered itself was never his department's
    assert [row.key for row in officer["departments"]] == ["jingfa"]


def test_the_export_keeps_labels_that_look_like_formulas_as_text():
    rows = [metrics.MetricRow(key=text, label=text, received=1) for text in HOSTILE_TEXTS]
    content = exports.metrics_xlsx(
        total=metrics.MetricRow(key=None, label="", received=3),
        sheets=[("按部门", "部门", rows)],
        backlog=metrics.Backlog(),
        title=HOSTILE_TEXTS[0],
    )
    assert_text_cells(content, *HOSTILE_TEXTS)


@pytest.mark.parametrize("year", ["二〇二五", "20251", "2025.5"])
def test_a_refused_year_is_told_and_exports_no_file(client_for, march, year):
    client = client_for("leader")
    with time_machine.travel(NOW, tick=False):
        page = client.get("/service/metrics/", {"year": year}, HTTP_ACCEPT_LANGUAGE="zh-hans")
        export = client.get(
            "/service/metrics/", {"year": year, "export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert page.status_code == 400
    assert "受理年度：" in page.content.decode().split('id="filter-problems"')[1]
    assert page.context["year"] == 2025  # this year's requests, not every year's
    assert page.context["total"].received == 5
    assert export.status_code == 400
    assert "受理年度：" in export.content.decode()


def test_the_department_applies_to_the_dashboard_and_its_export_alike(client_for, march, personas):
    client = client_for("leader")
    asked = {"year": "2025", "department": personas.department_b.code}
    with time_machine.travel(NOW, tick=False):
        page = client.get("/service/metrics/", asked)
        export = client.get("/service/metrics/", {**asked, "export": "xlsx"})
    assert page.context["total"].received == 0  # every request of March went to department A or none
    total = (
        CalamineWorkbook.from_filelike(io.BytesIO(export.content)).get_sheet_by_name("按部门").to_python()[-1]
    )
    assert total[:2] == ["全部诉求", 0]
