"""What an official and an enterprise can rely on: warnings on thin or mismatched data, disputes read and
answered with both sides told, notices fit to publish, the enterprise's own page, and small page defects."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation import notice, selectors, services
from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.models import EvaluationRun, EvaluationSettings, GradePolicy
from gaoxin.evaluation.services import ConfirmationRequired, scoring
from gaoxin.evaluation.tests.zone import SCHEME, YEAR, Zone, after_publicity
from gaoxin.servicedesk.models import Notification
from gaoxin.testing.factories import EnterpriseFactory, EnterpriseYearFactory

pytestmark = pytest.mark.django_db

GROUPED = (
    SCHEME.replace('version = "1"', 'version = "g"')
    .replace(
        '''[[groups]]
key = "all"''',
        '''[[groups]]
key = "land"
label = "有地企业"
when = [{ column = "land_mu", gt = 0 }]
indicators = { tax_per_mu = 60, revenue_per_mu = 40 }

[[groups]]
key = "all"''',
    )
    .replace(
        'key = "all"\nlabel = "全部企业"',
        'key = "rich"\nlabel = "高营收企业"\nwhen = [{ column = "revenue", gt = 100000 }]',
    )
)


# --- runs on thin or mismatched data -------------------------------------------------------------------------


def test_a_clean_year_starts_without_a_question(zone: Zone) -> None:
    run = zone.run()
    assert run.data_check["groups"] == [
        {"key": "all", "label": "全部企业", "firms": 3, "with_data": 3, "missing": {}}
    ]
    assert run.data_check["no_group"] == 0


def test_a_scheme_of_another_year_is_warned_before_scoring(zone: Zone) -> None:
    other = services.scheme_create(
        text=SCHEME.replace("year = 2025", "year = 2024").replace('"1"', '"24"'), by=None
    )
    with pytest.raises(ConfirmationRequired) as asked:
        services.run_start(year=YEAR, scheme=other, by=None)
    assert asked.value.items == ["The scheme is the method of 2024, but the run evaluates 2025."]
    assert not EvaluationRun.objects.exists()
    run = services.run_start(year=YEAR, scheme=other, by=None, confirm=True)
    assert run.data_check["scheme_year"] == 2024


def test_thin_coverage_and_firms_in_no_group_are_warned(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    scheme = services.scheme_create(text=GROUPED, by=None)
    lab = EnterpriseFactory(name="示例量子研究院")  # no land, little revenue: no group
    EnterpriseYearFactory(enterprise=lab, year=YEAR, land_mu=None, tax=Decimal(5), revenue=Decimal(50))
    for number in range(3):  # land but no tax: the group's coverage falls to 3 of 6
        firm = EnterpriseFactory(name=f"缺税企业{number}")
        EnterpriseYearFactory(enterprise=firm, year=YEAR, land_mu=Decimal(5), tax=None, revenue=Decimal(100))
    with pytest.raises(ConfirmationRequired) as asked:
        services.run_start(year=YEAR, scheme=scheme, by=None)
    said = asked.value.items
    assert "有地企业: only 3 of 6 enterprises (50.0%) have every figure the group's indicators need." in said
    # an empty group is worth a warning because its firms may sit, by a wrong figure, in another group
    empty = next(text for text in said if text.startswith("No enterprise falls into the group 高营收企业."))
    assert "ranked against the wrong peers" in empty
    assert any(text.startswith("1 enterprises fall into no group") and lab.name in text for text in said)
    run = services.run_start(year=YEAR, scheme=scheme, by=None, confirm=True)
    html = client_for("officer_a").get(f"/evaluation/runs/{run.pk}/").content.decode()
    assert 'id="data-warnings"' in html
    assert lab.name in html
    assert "50.0%" in html  # the coverage table


def test_the_start_form_asks_to_confirm_and_lists_the_warnings(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    other = services.scheme_create(
        text=SCHEME.replace("year = 2025", "year = 2024").replace('"1"', '"24"'), by=None
    )
    client = client_for("officer_a")
    response = client.post("/evaluation/runs/start/", {"year": YEAR, "scheme": other.pk, "note": ""})
    assert response.status_code == 200
    assert 'id="confirmation-items"' in response.content.decode()
    assert not EvaluationRun.objects.exists()
    response = client.post(
        "/evaluation/runs/start/", {"year": YEAR, "scheme": other.pk, "note": "", "confirm": "1"}
    )
    assert response.status_code == 302
    assert EvaluationRun.objects.count() == 1


def test_the_shipped_schemes_never_score_a_firm_without_land_on_per_mu_indicators(zone: Zone) -> None:
    schemes = {scheme.name: scheme for scheme in services.schemes_load_shipped(by=None)}
    for enterprise in (zone.f1, zone.f2, zone.f3):
        enterprise.scale = "above_scale"
        enterprise.save()
    lab = EnterpriseFactory(name="示例软件研发中心", scale="above_scale", industry_code="6513")
    EnterpriseYearFactory(
        enterprise=lab, year=YEAR, land_mu=None, tax=Decimal(80), revenue=Decimal(900),
        electricity_10k_kwh=Decimal(10), employees=40,
    )  # fmt: skip
    for name in ("zhejiang_above_scale", "whole_zone"):
        result, _data = scoring.evaluate(YEAR, schemes[name].parsed())
        row = result.frame.filter(result.frame["credit_code"] == lab.credit_code).to_dicts()[0]
        assert row.get("ind_tax_per_mu_score") is None, name
        if name == "whole_zone":
            assert (row["group"], row["status"]) == ("no_own_land", "scored")
        else:
            assert (row["status"], row["grade"]) == ("exempt", None)


# --- disputes of the data sheet ------------------------------------------------------------------------------


def test_a_dispute_is_told_to_the_officers_and_its_answer_to_the_enterprise(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    contact, officer = zone.personas.contact, zone.personas.officer_a
    dispute = services.confirmation_submit(
        enterprise=zone.f1, year=YEAR, status="objected", comment="实缴税金应为 320 万元",
        files=[SimpleUploadedFile("完税证明.pdf", b"%PDF-1.4")], by=contact,
    )  # fmt: skip
    told = Notification.objects.get(recipient=officer)
    assert zone.f1.name in told.text
    assert "320" in told.text
    assert told.url.endswith(f"/disputes/{dispute.pk}/")
    assert not Notification.objects.filter(recipient=zone.personas.officer_b).exists()
    for url in ("/evaluation/confirmations/", f"/evaluation/confirmations/?year={YEAR}&status=open",
                f"/enterprises/{zone.f1.pk}/", f"/evaluation/disputes/{dispute.pk}/"):  # fmt: skip
        html = client_for("leader").get(url).content.decode()
        assert "实缴税金应为 320 万元" in html, url
        assert "完税证明.pdf" in html, url
    assert '<tr><td>实缴税金（万元）</td><td class="num">300.00</td><td class="num">300.00</td></tr>' in html
    export = client_for("leader").get(f"/evaluation/confirmations/?year={YEAR}&export=xlsx").content
    rows = CalamineWorkbook.from_filelike(io.BytesIO(export)).get_sheet_by_index(0).to_python()
    row = next(row for row in rows if row[0] == zone.f1.name)
    assert "实缴税金应为 320 万元" in row
    assert "完税证明.pdf" in row
    services.confirmation_answer(
        confirmation=dispute, outcome="corrected", answer="已更正为 320 万元。", by=officer
    )
    answered = Notification.objects.get(recipient=contact)
    assert "Data corrected" in answered.text
    assert "已更正为 320 万元。" in client_for("contact").get(f"/evaluation/my/?year={YEAR}").content.decode()


def test_an_answer_is_given_once_to_an_objection_with_its_reason(zone: Zone) -> None:
    officer = zone.personas.officer_a
    confirmed = services.confirmation_submit(
        enterprise=zone.f2, year=YEAR, status="confirmed", comment="", by=None
    )
    with pytest.raises(Exception, match="has not objected"):
        services.confirmation_answer(confirmation=confirmed, outcome="upheld", answer="无误", by=officer)
    dispute = services.confirmation_submit(
        enterprise=zone.f1, year=YEAR, status="objected", comment="有误", by=None
    )
    with pytest.raises(Exception, match="Give the enterprise your answer"):
        services.confirmation_answer(confirmation=dispute, outcome="upheld", answer=" ", by=officer)
    with pytest.raises(Exception, match="corrected or is upheld"):
        services.confirmation_answer(confirmation=dispute, outcome="maybe", answer="无误", by=officer)
    services.confirmation_answer(confirmation=dispute, outcome="upheld", answer="无误", by=officer)
    with pytest.raises(Exception, match="answered already"):
        services.confirmation_answer(confirmation=dispute, outcome="upheld", answer="无误", by=officer)
    again = services.confirmation_submit(
        enterprise=zone.f1, year=YEAR, status="objected", comment="仍有误", by=None
    )
    assert again.is_open_dispute  # a new objection waits for a new answer


# --- notices -------------------------------------------------------------------------------------------------


def test_a_draft_notice_is_watermarked_and_names_no_window(zone: Zone) -> None:
    run = zone.run()
    content = notice.notice(run, selectors.notice_data(run))
    assert content.draft
    assert content.stage is notice.Stage.PUBLICITY
    assert not any(
        "—" in paragraph or ("from" in paragraph.lower() and "to" in paragraph)
        for paragraph in content.paragraphs[1:]
    )
    assert notice.filename(run, "pdf") == "亩均评价公示（草稿）-2025.pdf"


def test_a_publicity_notice_speaks_as_the_zone_configured(zone: Zone) -> None:
    settings = EvaluationSettings.current()
    settings.issuer, settings.signature = "示例高新区管委会经济发展局", "示例高新区管理委员会"
    settings.contact, settings.objection_channel = "刘晓燕 0571-88000000", "书面送交行政服务中心 305 室"
    settings.save()
    titled = services.scheme_create(
        text=SCHEME.replace('version = "1"', 'version = "t"\ntitle = "全区工业企业亩均效益综合评价"'), by=None
    )
    run = zone.publicize(services.run_start(year=YEAR, scheme=titled, by=None))
    content = notice.notice(run, selectors.notice_data(run))
    text = " ".join([content.title, *content.paragraphs])
    assert "全区工业企业亩均效益综合评价" in content.title
    assert "test-scheme" not in text
    assert "2026年3月2日" in text
    assert "2026年3月6日" in text
    assert "2026-03" not in text
    assert "书面送交行政服务中心 305 室" in text
    assert "刘晓燕 0571-88000000" in text
    assert (content.signature, content.date, content.draft) == ("示例高新区管理委员会", "2026年3月2日", False)
    assert notice.filename(run, "xlsx") == "亩均评价公示-2025.xlsx"
    with after_publicity(run):
        run = services.run_publish(run=services.run_approve(run=run, by=zone.personas.leader), by=None)
        content = notice.notice(run, selectors.notice_data(run))
    assert content.stage is notice.Stage.ANNOUNCEMENT
    assert not content.draft
    assert notice.filename(run, "pdf") == "亩均评价结果公布-2025.pdf"


# --- the enterprise's own page -------------------------------------------------------------------------------


def test_the_portal_shows_one_result_a_year_the_policies_and_figures_with_units(
    zone: Zone, client_for
) -> None:  # type: ignore[no-untyped-def]
    GradePolicy.objects.create(key="relief", label="城镇土地使用税减免", unit="%", values={"A": "100"})
    client = client_for("contact")
    run = zone.publicize(zone.run())
    html = client.get("/evaluation/my/").content.decode()
    assert html.count(f"<td>{YEAR}</td>") == 1
    assert "城镇土地使用税减免" not in html  # a result in publicity brings nothing yet
    with after_publicity(run):
        services.run_publish(run=services.run_approve(run=run, by=zone.personas.leader), by=None)
    html = client.get("/evaluation/my/").content.decode()
    assert html.count(f"<td>{YEAR}</td>") == 1
    assert "城镇土地使用税减免：100 %" in html  # F1 is A
    rows = data_sheet_rows(html)
    assert ("实缴税金（万元）", "300.00") in rows  # the unit once, in the label, as on the enterprise's page
    assert ("用地面积（亩）", "10.00") in rows


def data_sheet_rows(html: str) -> list[tuple[str, str]]:
    """(label, figure) of each row of the portal's data sheet (一企一单)."""
    sheet = html.split('id="data-sheet"')[1].split("</table>")[0]
    return re.findall(r'<tr><td>([^<]*)</td><td class="num">([^<]*)', sheet)


def test_the_data_sheet_says_each_unit_once(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    rows = data_sheet_rows(client_for("contact").get("/evaluation/my/").content.decode())
    assert len(rows) == len(YEAR_FIELDS)
    for label, value in rows:  # a figure is a number (or —), never a number with its unit again
        assert re.fullmatch(r"[\d,]+(\.\d+)?|—", value.strip()), (label, value)


# --- small things --------------------------------------------------------------------------------------------


def test_the_action_bar_stays_when_a_filter_matches_nothing(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    run = zone.run()
    html = client_for("officer_a").get(f"/evaluation/runs/{run.pk}/?q=没有这家企业").content.decode()
    assert "notice.xlsx" in html
    assert 'id="notice-pdf"' in html


def test_the_status_badge_is_swapped_with_the_polled_body(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    run = zone.run()
    EvaluationRun.objects.filter(pk=run.pk).update(status=RunStatus.PENDING)
    html = client_for("officer_a").get(f"/evaluation/runs/{run.pk}/").content.decode()
    assert 'hx-select-oob="#run-status,#run-actions"' in html
    assert "<script>" not in html.split('id="run-body"')[1]


def test_the_regrade_form_preselects_no_grade(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    run = zone.run()
    html = client_for("officer_a").get(f"/evaluation/runs/{run.pk}/results/{zone.f2.pk}/").content.decode()
    form = html.split('id="regrade-form"')[1]
    assert '<option value="" selected>' in form
    assert "C（当前）" in form or "C (current)" in form


def test_a_toml_error_is_reported_in_chinese(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for("officer_a").post("/evaluation/schemes/", {"text": "name = \nx = 1"}).content.decode()
    assert "第 1 行" in html
    assert "Invalid value" not in html
