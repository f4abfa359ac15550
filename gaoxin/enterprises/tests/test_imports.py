from __future__ import annotations

from decimal import Decimal

import pytest

from gaoxin.core import changelog
from gaoxin.core.models import ChangeLogEntry
from gaoxin.enterprises.credit_code import make_code
from gaoxin.enterprises.imports.pipeline import run_import
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.enterprises.tests import files

pytestmark = pytest.mark.django_db

CODE_A, CODE_B, CODE_C = make_code(serial=101), make_code(serial=102), make_code(serial=103)
BAD_CODE = CODE_C[:-1] + ("1" if CODE_C[-1] != "1" else "2")
HEADER = ["统一社会信用代码", "企业名称", "行业代码", "规模", "联系电话", "产业链"]


def enterprise_file(*rows: list[object]) -> bytes:
    return files.xlsx([HEADER, *rows], sheet="企业名录")


def test_enterprise_import_creates_and_keeps_codes_and_phones_as_text(personas):
    data = enterprise_file(
        [CODE_A, "甲光伏有限公司", "3825", "规上", 13800000000, "光伏、数字经济"],
        [CODE_B, "乙汽配有限公司", 3670, "规下", "0573-88880000", None],
    )
    report = run_import(kind="enterprises", data=data, filename="名录.xlsx", by=personas.officer_a)
    assert report.ok
    assert report.written
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0}
    a = Enterprise.objects.get(credit_code=CODE_A)
    assert a.contact_phone == "13800000000"
    assert a.scale == "above_scale"
    assert sorted(a.chains.values_list("name", flat=True)) == ["光伏", "数字经济"]
    b = Enterprise.objects.get(credit_code=CODE_B)
    assert b.contact_phone == "0573-88880000"
    assert b.industry_code == "3670"


def test_errors_name_sheet_row_and_column_and_nothing_is_written(personas):
    data = enterprise_file(
        [CODE_A, "甲光伏有限公司", "3825", "规上", None, None],
        [BAD_CODE, "坏代码有限公司", "3825", "规上", None, None],
        [CODE_A, "重复有限公司", "9999", "大型", None, None],
    )
    report = run_import(kind="enterprises", data=data, filename="名录.xlsx", by=personas.officer_a)
    assert not report.written
    assert not Enterprise.objects.filter(credit_code=CODE_A).exists()
    messages = [str(e) for e in report.errors]
    assert any("第 3 行" in m and "统一社会信用代码" in m and "企业名录" in m for m in messages), messages
    assert any("第 4 行" in m and "行业代码" in m for m in messages), messages
    assert any("第 4 行" in m and "规模" in m for m in messages), messages
    assert {e.row for e in report.errors} == {3, 4}


def test_valid_only_imports_the_valid_rows_and_reports_the_rest(personas):
    data = enterprise_file(
        [CODE_A, "甲光伏有限公司", "3825", "规上", None, None],
        [BAD_CODE, "坏代码有限公司", "3825", "规上", None, None],
    )
    report = run_import(
        kind="enterprises", data=data, filename="名录.xlsx", by=personas.officer_a, valid_only=True
    )
    assert report.written
    assert report.counts["created"] == 1
    assert [e.row for e in report.errors] == [3]
    assert Enterprise.objects.filter(credit_code=CODE_A).exists()


def test_dry_run_writes_nothing(personas):
    data = enterprise_file([CODE_A, "甲光伏有限公司", "3825", "规上", None, None])
    report = run_import(kind="enterprises", data=data, filename="名录.xlsx", by=None, dry_run=True)
    assert report.ok
    assert not report.written
    assert not Enterprise.objects.filter(credit_code=CODE_A).exists()


def years_rows(tax_yuan: float) -> list[list[object]]:
    return [
        ["2025年企业年度数据", None, None, None, None, None],
        [None, None, None, "2025年度", None, None],
        ["统一社会信用代码", "企业名称", "年度", "税收(元)", "用地面积(平方米)", "年平均职工人数"],
        [CODE_A, "甲光伏有限公司", 2025, tax_yuan, 6666.67, 120],
    ]


def _registered(personas):
    run_import(
        kind="enterprises",
        data=enterprise_file([CODE_A, "甲光伏有限公司", "3825", "规上", None, None]),
        filename="a.xlsx",
        by=None,
    )


def test_years_import_converts_units_and_is_idempotent(personas):
    _registered(personas)
    data = files.xlsx(years_rows(1_234_500.0))
    first = run_import(kind="years", data=data, filename="年度.xlsx", by=personas.officer_a, source="tax")
    assert first.ok, first.as_dict()
    assert first.counts == {"created": 1, "updated": 0, "unchanged": 0}
    row = EnterpriseYear.objects.get(enterprise__credit_code=CODE_A, year=2025)
    assert row.tax == Decimal("123.45")  # 1,234,500 元 = 123.45 万元
    assert row.land_mu == Decimal("10.0000")  # 6666.67 m² ≈ 10 亩, rounded to 4 places
    assert row.sources == {"tax": "tax", "land_mu": "tax", "employees": "tax"}
    created = changelog.history(row).get()
    assert created.action == "create"
    assert created.changes == {"tax": [None, "123.45"], "employees": [None, 120], "land_mu": [None, "10"]}
    assert created.object_repr == "甲光伏有限公司 2025"
    entries = ChangeLogEntry.objects.count()
    second = run_import(kind="years", data=data, filename="年度.xlsx", by=personas.officer_a, source="tax")
    assert second.counts == {"created": 0, "updated": 0, "unchanged": 1}
    assert ChangeLogEntry.objects.count() == entries


def test_changed_value_updates_and_shows_in_the_change_log(personas):
    _registered(personas)
    run_import(
        kind="years", data=files.xlsx(years_rows(1_000_000.0)), filename="a.xlsx", by=personas.officer_a
    )
    report = run_import(
        kind="years", data=files.xlsx(years_rows(1_500_000.0)), filename="b.xlsx", by=personas.officer_a
    )
    assert report.counts == {"created": 0, "updated": 1, "unchanged": 0}
    row = EnterpriseYear.objects.get(enterprise__credit_code=CODE_A, year=2025)
    update = changelog.history(row).get(action="update")
    assert update.changes == {"tax": ["100", "150"]}
    assert update.user == personas.officer_a


def test_years_for_unknown_enterprise_are_errors(personas):
    report = run_import(kind="years", data=files.xlsx(years_rows(1.0)), filename="a.xlsx", by=None)
    assert not report.written
    (error,) = report.errors
    assert (error.row, error.column_label, error.value) == (4, "统一社会信用代码", CODE_A)


@pytest.mark.parametrize("maker", ["xls", "csv-gbk", "csv-utf8"])
def test_xls_and_csv_in_gbk_or_utf8(personas, maker):
    rows = [HEADER, [CODE_A, "甲光伏有限公司", "3825", "规上", "0573-1234567", "光伏"]]
    data = {
        "xls": lambda: files.xls(rows),
        "csv-gbk": lambda: files.csv(rows, encoding="gbk"),
        "csv-utf8": lambda: files.csv(rows, encoding="utf-8-sig"),
    }[maker]()
    name = "名录.xls" if maker == "xls" else "名录.csv"
    report = run_import(kind="enterprises", data=data, filename=name, by=None)
    assert report.ok, report.as_dict()
    assert Enterprise.objects.get(credit_code=CODE_A).name == "甲光伏有限公司"


def test_unreadable_file_is_a_clear_message(personas):
    report = run_import(kind="enterprises", data=b"not a spreadsheet", filename="x.xlsx", by=None)
    assert report.fatal
    assert not report.written
