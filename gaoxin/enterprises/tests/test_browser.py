"""The foundation's whole loop in a real Chromium: search, open, import with errors, fix, import, see the history."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.enterprises.tests import files
from gaoxin.testing.browser import login
from gaoxin.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def years_file(tax: object, code: str) -> bytes:
    return files.xlsx(
        [
            ["统一社会信用代码", "企业名称", "年度", "实缴税金(万元)", "用地面积(亩)"],
            [code, "自有光伏科技有限公司", 2025, tax, 30],
        ],
        sheet="年度数据",
    )


def test_search_open_import_with_errors_fix_and_see_history(page, personas, tmp_path):
    own = personas.own_enterprise
    login(page, personas.officer_a.username, PASSWORD)

    page.goto("/enterprises/")
    page.fill("input[name=q]", "zygf")  # pinyin initials of 自有光伏
    page.click("form[role=search] button[type=submit]")
    rows = page.locator("#enterprise-table tbody tr")
    assert rows.count() == 1
    rows.first.locator("a").click()
    page.wait_for_url(f"**/enterprises/{own.pk}/")
    assert page.locator("h1").inner_text() == own.name

    bad = tmp_path / "年度数据-有错.xlsx"
    bad.write_bytes(years_file("约100", own.credit_code))
    page.goto("/enterprises/imports/")
    page.select_option("select[name=kind]", "years")
    page.select_option("select[name=source]", "tax")  # 经济发展局 names no source of its own
    page.set_input_files("input[name=file]", str(bad))
    page.click("#import-form button[type=submit]")
    errors = page.locator("#import-errors tbody tr")
    errors.first.wait_for()
    assert errors.count() == 1
    cells = errors.first.locator("td").all_inner_texts()
    assert cells[0] == "2"
    assert cells[1] == "实缴税金"
    assert cells[2] == "约100"
    assert not EnterpriseYear.objects.filter(enterprise=own).exists()

    good = tmp_path / "年度数据.xlsx"
    good.write_bytes(years_file(321.5, own.credit_code))
    page.goto("/enterprises/imports/")
    page.select_option("select[name=kind]", "years")
    page.select_option("select[name=source]", "tax")  # 经济发展局 names no source of its own
    page.set_input_files("input[name=file]", str(good))
    page.click("#import-form button[type=submit]")
    page.locator("#confirm-import").click()
    page.locator("#import-done").wait_for()
    assert EnterpriseYear.objects.get(enterprise=own, year=2025).tax == Decimal("321.5")

    page.goto(f"/enterprises/{own.pk}/")
    history = page.locator(".changelog").inner_text()
    assert "321.5" in history
    assert personas.officer_a.display_name in history
