"""The pages: query budgets that do not grow with the number of firms, exports, the notice, forms."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from python_calamine import CalamineWorkbook

from gaoxin.evaluation import services
from gaoxin.evaluation.models import DataConfirmation, GradePolicy, Scheme
from gaoxin.evaluation.tests.zone import SCHEME, YEAR, Zone
from gaoxin.testing.factories import EnterpriseFactory, EnterpriseYearFactory
from gaoxin.testing.spreadsheets import HOSTILE_TEXTS, assert_text_cells

pytestmark = pytest.mark.django_db

RANKING_BUDGET = 13  # a draft: + settings, open disputes (count and list), the calendar's fingerprint
EXPLANATION_BUDGET = 14


def queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(count: int) -> None:
    for number in range(count):
        enterprise = EnterpriseFactory(name=f"扩容企业{number:03d}")
        EnterpriseYearFactory(
            enterprise=enterprise, year=YEAR, land_mu=Decimal(5 + number), tax=Decimal(50 + number)
        )


def test_the_ranking_and_explanation_pages_keep_to_their_query_budgets(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("officer_a")
    small = zone.run()
    client.get(f"/evaluation/runs/{small.pk}/results/{zone.f2.pk}/")  # warm the content-type cache
    client.get(f"/evaluation/runs/{small.pk}/")  # and the settings row and the working-day calendar
    ranking_small = queries(client, f"/evaluation/runs/{small.pk}/")
    explanation_small = queries(client, f"/evaluation/runs/{small.pk}/results/{zone.f2.pk}/")
    grow(40)
    large = zone.run()
    ranking_large = queries(client, f"/evaluation/runs/{large.pk}/?sort=-total")
    explanation_large = queries(client, f"/evaluation/runs/{large.pk}/results/{zone.f2.pk}/")
    assert ranking_small == ranking_large <= RANKING_BUDGET
    assert explanation_small == explanation_large <= EXPLANATION_BUDGET


def test_the_ranking_filters_sorts_and_exports(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    run = zone.run()
    client = client_for("leader")
    html = client.get(f"/evaluation/runs/{run.pk}/?grade=C").content.decode()
    assert zone.f2.name in html
    assert zone.f1.name not in html
    html = client.get(f"/evaluation/runs/{run.pk}/?sort=total").content.decode()  # best first
    assert html.index(zone.f1.name) < html.index(zone.f2.name) < html.index(zone.f3.name)
    response = client.get(f"/evaluation/runs/{run.pk}/?export=xlsx&industry=38")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    names = [row[2] for row in rows[3:]]
    assert names == [zone.f1.name, zone.f3.name]  # 大类 38 only, best first within the group
    assert rows[3][-4:-2] == ["A", "A"]  # grade by score, grade


def test_the_notice_as_xlsx_and_as_pdf(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    run = zone.publicize(zone.run())
    client = client_for("officer_a")
    content = client.get(f"/evaluation/runs/{run.pk}/notice.xlsx").content
    cells = [cell for row in CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
             for cell in row if cell != ""]  # fmt: skip
    assert zone.f1.name in cells
    assert zone.f1.credit_code in cells
    assert any("2026年3月6日" in str(cell) for cell in cells)  # the window's end, in Chinese
    response = client.post(f"/evaluation/runs/{run.pk}/notice/")
    assert response.status_code == 302
    job_page = client.get(response["Location"]).content.decode()
    assert "notice-download" in job_page
    pdf = client.get(response["Location"].rstrip("/") + ".pdf")
    body = pdf.content
    assert pdf["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")
    assert client_for("leader").get(response["Location"]).status_code == 404  # another user's job


def test_a_broken_scheme_is_refused_with_its_toml_path(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    broken = SCHEME.replace('version = "1"', 'version = "9"').replace("tax_per_mu = 60", "tax_per_mu = 50")
    html = client_for("officer_a").post("/evaluation/schemes/", {"text": broken}).content.decode()
    assert "groups[0].indicators" in html
    assert not Scheme.objects.filter(version="9").exists()
    fixed = broken.replace("tax_per_mu = 50", "tax_per_mu = 60")
    response = client_for("officer_a").post("/evaluation/schemes/", {"text": fixed})
    assert response.status_code == 302
    assert Scheme.objects.filter(name="test-scheme", version="9").exists()


def test_a_policy_is_configured_per_grade(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    data = {"key": "relief", "label": "土地使用税减免", "unit": "%", "grade_A": "100", "grade_B": "80",
            "is_active": "on", "sort_order": "1"}  # fmt: skip
    assert client_for("officer_a").post("/evaluation/policies/new/", data).status_code == 302
    policy = GradePolicy.objects.get(key="relief")
    assert policy.values == {"A": "100", "B": "80"}
    assert policy.value_for("C") is None
    bad = {**data, "key": "surcharge", "escalation_grade": "D"}
    html = client_for("officer_a").post("/evaluation/policies/new/", bad).content.decode()
    assert "errorlist" in html
    assert not GradePolicy.objects.filter(key="surcharge").exists()


def test_a_contact_confirms_on_their_page(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("contact").post(
        f"/evaluation/my/{YEAR}/confirm/", {"status": "confirmed", "comment": ""}
    )
    assert response.status_code == 302
    assert DataConfirmation.objects.get().enterprise == zone.f1
    html = (
        client_for("officer_a")
        .get(f"/evaluation/confirmations/?year={YEAR}&status=confirmed")
        .content.decode()
    )
    assert zone.f1.name in html
    assert zone.f2.name not in html


def test_starting_a_run_from_the_page(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("officer_a").post(
        "/evaluation/runs/start/", {"year": YEAR, "scheme": zone.scheme.pk}
    )
    assert response.status_code == 302
    html = client_for("officer_a").get(response["Location"]).content.decode()
    assert "ranking-table" in html
    assert zone.f1.name in html


def test_formula_like_names_stay_text_in_the_ranking_and_notice(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    for enterprise, name in zip((zone.f1, zone.f2, zone.f3), HOSTILE_TEXTS, strict=True):
        enterprise.name = name
        enterprise.save(update_fields=["name"])
    run = zone.run()
    today = timezone.localdate()
    services.run_publicity(run=run, starts_on=today, ends_on=today + dt.timedelta(days=4), by=None)
    client = client_for("officer_a")
    assert_text_cells(client.get(f"/evaluation/runs/{run.pk}/?export=xlsx").content, *HOSTILE_TEXTS)
    assert_text_cells(client.get(f"/evaluation/runs/{run.pk}/notice.xlsx").content, *HOSTILE_TEXTS)


def test_runs_are_named_by_year_scheme_and_scoring_day_never_by_id(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    services.inputs_save(enterprise=zone.f1, year=YEAR, values={"safety_accident": True}, by=None)
    run = zone.run()
    scored = timezone.localtime(run.scored_at).date()
    name = f"{YEAR}年度 · test-scheme 1 · {scored.year}年{scored.month}月{scored.day}日计分"
    with translation.override("zh-hans"):
        assert str(run) == run.display_name == name
    client = client_for("officer_a")
    compare = client.get("/evaluation/compare/").content.decode()
    assert f">{name} · 草稿</option>" in compare
    pages = ["/evaluation/", f"/evaluation/runs/{run.pk}/", f"/evaluation/runs/{run.pk}/aggregates/"]
    pages += [f"/evaluation/runs/{run.pk}/policies/", f"/evaluation/runs/{run.pk}/objections/"]
    pages += [f"/evaluation/schemes/{zone.scheme.pk}/"]
    for url in pages:
        html = client.get(url).content.decode()
        assert name in html, url
        assert f"#{run.pk}<" not in html, url
        assert f"#{run.pk} " not in html, url


def test_the_ranking_names_industries_statuses_and_explains_a_capped_grade(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    services.inputs_save(enterprise=zone.f1, year=YEAR, values={"safety_accident": True}, by=None)
    run = zone.run()
    html = client_for("officer_a").get(f"/evaluation/runs/{run.pk}/").content.decode()
    assert "3825 光伏设备及元器件制造" in html  # the class's name beside its code, as in the registry
    assert "（调整前 A）" in html  # F1 earned A; the safety veto caps it at C
    assert "因触发方案的一票否决条款" in html
    table = html[html.index('id="ranking-table"') :]
    assert table.count("<td>已计分</td>") == 3
