"""The evaluation's loop in a real Chromium on the demo zone: run 2025, read a firm's explanation, put the
list into publicity, the enterprise objects with evidence, the officer accepts and corrects its data, the
list is approved and published, and the notice is downloaded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gaoxin.demo.loader import load_demo
from gaoxin.demo.zone import DEMO_PASSWORD
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.evaluation.choices import ObjectionStatus, RunStatus
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, Objection
from gaoxin.testing.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2025


def logout(page) -> None:  # type: ignore[no-untyped-def]
    page.click("form[action$='/logout/'] button")
    page.wait_for_url("**/accounts/login/**")


def test_run_explain_object_accept_publish_and_download_the_notice(page, tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo("tiny")
    login(page, "jingfa", DEMO_PASSWORD)

    run = start_run(page)
    assert run.status == RunStatus.DRAFT

    flagship = EvaluationResult.objects.select_related("enterprise").get(
        run=run, enterprise__contacts__username="qiye"
    )
    page.fill("#ranking-filters input[name=q]", flagship.enterprise.name)
    page.click("#ranking-filters button[type=submit]")
    page.locator("#ranking-table a", has_text=flagship.enterprise.name).click()
    page.locator("#indicator-table").wait_for()
    assert "亩均税收" in page.locator("#indicator-table").inner_text()
    assert page.locator("#what-it-would-take").is_visible()

    page.goto(f"/evaluation/runs/{run.pk}/")
    page.click("#publicity-form button[type=submit]")
    page.locator("#publicity-window, #confirmation-items").first.wait_for()
    if page.locator("#confirmation-items").count():  # enterprises dispute their data sheets
        page.click("#confirm-step")
    page.locator("#publicity-window").wait_for()
    logout(page)

    login(page, "qiye", DEMO_PASSWORD)
    page.goto("/evaluation/my/")
    page.locator("#my-results a").first.click()
    evidence = tmp_path / "完税证明.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    page.fill("#objection-form textarea[name=text]", "2025年实缴税金少计100万元，附完税证明。")
    page.set_input_files("#objection-form input[name=attachments]", str(evidence))
    page.click("#objection-form button[type=submit]")
    page.locator("#objection-status").wait_for()
    objection = Objection.objects.get()
    assert objection.attachments.get().name == "完税证明.pdf"
    logout(page)

    login(page, "jingfa", DEMO_PASSWORD)
    page.goto(f"/evaluation/runs/{run.pk}/objections/")
    page.locator("#objection-table a").first.click()
    before = EnterpriseYear.objects.get(enterprise=flagship.enterprise, year=YEAR).tax
    assert before is not None
    page.fill("#accept-form input[name=tax]", str(before + 100))
    page.fill("#accept-form textarea[name=decision]", "核实完税证明，予以更正。")
    page.click("#accept-objection")
    page.locator("#ranking-table").wait_for()
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.ACCEPTED
    assert EnterpriseYear.objects.get(enterprise=flagship.enterprise, year=YEAR).tax == before + Decimal(100)
    rescored = EvaluationResult.objects.get(run=run, enterprise=flagship.enterprise)
    assert rescored.inputs["tax"] == pytest.approx(float(before + 100))

    # the publicity window passes
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    EvaluationRun.objects.filter(pk=run.pk).update(publicity_starts_on=yesterday, publicity_ends_on=yesterday)
    page.goto(f"/evaluation/runs/{run.pk}/")
    assert page.locator("#approve-run").count() == 0  # the bureau started the publicity: it does not approve
    logout(page)
    login(page, "leader", DEMO_PASSWORD)
    page.goto(f"/evaluation/runs/{run.pk}/")
    page.click("#approve-run")
    page.locator("#approved-by").wait_for()
    logout(page)
    login(page, "jingfa", DEMO_PASSWORD)
    page.goto(f"/evaluation/runs/{run.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("#publish-run")
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    assert run.approved_by is not None
    assert run.approved_by.username == "leader"

    with page.expect_download() as xlsx:
        page.click("a[href$='notice.xlsx']")
    assert xlsx.value.path().read_bytes()[:2] == b"PK"
    assert xlsx.value.suggested_filename == f"亩均评价结果公布-{YEAR}.xlsx"
    page.click("#notice-pdf")
    with page.expect_download() as pdf:
        page.click("#notice-download")
    assert pdf.value.path().read_bytes()[:4] == b"%PDF"


def start_run(page) -> EvaluationRun:  # type: ignore[no-untyped-def]
    """Start the 2025 run with the shipped whole-zone scheme, confirming the data warnings if asked."""
    page.goto("/evaluation/")
    page.select_option("#run-start-form select[name=year]", str(YEAR))
    page.select_option("#run-start-form select[name=scheme]", label="全区工业企业亩均效益综合评价 2025.3")
    page.click("#run-start-form button[type=submit]")
    page.locator("#ranking-table, #confirmation-items").first.wait_for()
    if page.locator("#confirmation-items").count():
        page.click("#confirm-step")
    page.locator("#ranking-table").wait_for()
    return EvaluationRun.objects.get(year=YEAR)


def test_publicity_waits_for_the_window_the_decisions_and_a_second_person(page, tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    """公示 with an objection and an open dispute of the data sheet: approval waits for the window, for every
    decision, and for a person other than the one who started the publicity."""
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo("tiny")
    login(page, "qiye", DEMO_PASSWORD)
    page.goto(f"/evaluation/my/?year={YEAR}")
    page.check("#confirmation-form input[name=status][value=objected]")
    page.fill("#confirmation-form textarea[name=comment]", "2025年用电量应为 120 万千瓦时。")
    page.click("#confirmation-form button[type=submit]")
    page.locator("#dispute-answer").wait_for()
    logout(page)

    login(page, "jingfa", DEMO_PASSWORD)
    run = start_run(page)
    page.click("#publicity-form button[type=submit]")
    items = page.locator("#confirmation-items")
    items.wait_for()
    assert "示例" in items.inner_text()  # the disputing enterprise is named
    page.click("#confirm-step")
    page.locator("#publicity-window").wait_for()
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLICITY
    logout(page)

    login(page, "qiye", DEMO_PASSWORD)
    page.goto("/evaluation/my/")
    page.locator("#my-results a").first.click()
    page.fill("#objection-form textarea[name=text]", "排名有误，请复核。")
    page.click("#objection-form button[type=submit]")
    page.locator("#objection-status").wait_for()
    logout(page)

    login(page, "leader", DEMO_PASSWORD)
    page.goto(f"/evaluation/runs/{run.pk}/")
    problems = page.locator("#approval-problems").inner_text()
    assert "公示期" in problems
    assert "申诉" in problems
    assert "异议" in problems
    assert page.locator("#approve-run").count() == 0
    logout(page)

    login(page, "jingfa", DEMO_PASSWORD)  # decides the objection and answers the dispute
    page.goto(f"/evaluation/runs/{run.pk}/objections/")
    page.locator("#objection-table a").first.click()
    page.fill("#reject-form textarea[name=decision]", "经核实，数据无误。")
    page.click("#reject-form button[type=submit]")
    page.goto(f"/evaluation/confirmations/?year={YEAR}&status=open")
    assert "用电量应为 120 万千瓦时" in page.locator("#confirmation-table").inner_text()
    tops = page.locator("#confirmation-counts > .card").evaluate_all(
        "cards => cards.map(card => Math.round(card.getBoundingClientRect().top))"
    )
    assert len(tops) == 5
    assert len(set(tops)) == 1  # the five counts share one row
    page.locator("#confirmation-table .dispute-text a").first.click()
    page.check("#dispute-answer-form input[name=outcome][value=upheld]")
    page.fill("#dispute-answer-form textarea[name=answer]", "经与供电公司核对，数据无误。")
    page.click("#dispute-answer-form button[type=submit]")
    page.locator("#dispute-answer dl").wait_for()
    logout(page)

    login(page, "leader", DEMO_PASSWORD)
    page.goto(f"/evaluation/runs/{run.pk}/")
    problems = page.locator("#approval-problems").inner_text()
    assert "公示期" in problems
    assert "申诉" not in problems
    assert "异议" not in problems
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    EvaluationRun.objects.filter(pk=run.pk).update(publicity_ends_on=yesterday)  # the window has passed
    page.goto(f"/evaluation/runs/{run.pk}/")
    page.click("#approve-run")
    page.locator("#approved-by").wait_for()
    run.refresh_from_db()
    assert (run.status, run.approved_by.username, run.publicity_started_by.username) == (
        RunStatus.APPROVED,
        "leader",
        "jingfa",
    )
