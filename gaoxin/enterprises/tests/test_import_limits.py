"""Values the registry cannot hold or should not believe are refused at the check step, named by row and column,
on SQLite and PostgreSQL alike: a clean dry run never meets a database error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gaoxin.core.models import last_plausible_year
from gaoxin.enterprises.credit_code import make_code
from gaoxin.enterprises.imports.pipeline import run_import
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.enterprises.tests import files

pytestmark = pytest.mark.django_db

CODE = make_code(serial=301)
HEADER = ["统一社会信用代码", "企业名称", "年度", "实缴税金（万元）", "年平均职工人数"]


@pytest.fixture
def registered(personas):
    report = run_import(
        kind="enterprises",
        data=files.xlsx([["统一社会信用代码", "企业名称"], [CODE, "甲光伏有限公司"]]),
        filename="a.xlsx",
        by=None,
    )
    assert report.written


def _years(*rows: list[object]) -> bytes:
    return files.xlsx([HEADER, *rows])


@pytest.mark.parametrize(
    ("cell", "column", "words"),
    [
        ([2025, 1e15, 1], "实缴税金", "1,000,000,000"),  # fits no firm's tax in 万元
        ([2025, 1e20, 1], "实缴税金", "1,000,000,000"),  # beyond the column's 18 digits too
        ([2025, 1e30, 1], "实缴税金", "1,000,000,000"),  # crashed the check (Decimal quantize)
        ([2025, "1e300", 1], "实缴税金", "1,000,000,000"),
        ([2025, 2e9, 1], "实缴税金", "1,000,000,000"),
        ([2025, 1, 1e12], "年平均职工人数", "1,000,000"),  # beyond the integer column
        ([2025, 1, -3], "年平均职工人数", "0"),
        ([1800, 1, 1], "年度", "2000"),
        ([last_plausible_year() + 1, 1, 1], "年度", str(last_plausible_year())),
    ],
)
def test_a_value_out_of_bounds_is_refused_with_row_and_column(registered, personas, cell, column, words):
    report = run_import(
        kind="years", data=_years([CODE, "甲光伏有限公司", *cell]), filename="y.xlsx", by=personas.officer_a
    )
    assert not report.written
    (error,) = report.errors
    assert (error.row, error.column_label) == (2, column)
    assert words in str(error)
    assert "第 2 行" in str(error)
    assert not EnterpriseYear.objects.exists()


def test_a_dry_run_that_passes_writes_without_a_database_error(registered, personas):
    biggest = [CODE, "甲光伏有限公司", 2025, 999_999_999.9999, 1_000_000]
    assert run_import(kind="years", data=_years(biggest), filename="y.xlsx", by=None, dry_run=True).ok
    report = run_import(kind="years", data=_years(biggest), filename="y.xlsx", by=personas.officer_a)
    assert report.written
    assert EnterpriseYear.objects.get().employees == 1_000_000


@pytest.mark.parametrize(
    ("column", "value"),
    [("地址", "杭州\x00路"), ("地址", "杭州\x07路"), ("法定代表人", "张\x1b三"), ("联系电话", "0573\x0088")],
)
def test_text_with_control_characters_is_refused(personas, column, value):
    data = files.csv([["统一社会信用代码", "企业名称", column], [CODE, "甲公司", value]], encoding="utf-8")
    report = run_import(kind="enterprises", data=data, filename="e.csv", by=None)
    assert not report.written
    assert any(e.column_label == column and "U+00" in str(e) for e in report.errors), report.errors
    assert not Enterprise.objects.filter(credit_code=CODE).exists()


def test_line_breaks_in_single_line_text_become_spaces(personas):
    data = files.xlsx([["统一社会信用代码", "企业名称", "地址"], [CODE, "甲公司", "杭州市\n文一路 1 号"]])
    assert run_import(kind="enterprises", data=data, filename="e.xlsx", by=None).written
    assert Enterprise.objects.get(credit_code=CODE).address == "杭州市 文一路 1 号"


def test_a_registration_date_before_1949_is_refused(personas):
    data = files.xlsx([["统一社会信用代码", "企业名称", "成立日期"], [CODE, "甲公司", "1900-01-01"]])
    report = run_import(kind="enterprises", data=data, filename="e.xlsx", by=None)
    (error,) = report.errors
    assert error.column_label == "成立日期"
    assert "1949-10-01" in str(error)


def test_the_year_form_and_api_refuse_an_implausible_amount(personas, client_for):
    enterprise = personas.own_enterprise
    url = reverse("enterprises:year_create", args=[enterprise.pk])
    response = client_for("officer_a").post(url, {"year": 2025, "tax": "2000000000", "source": "other"})
    assert response.status_code == 200
    assert "1000000000" in response.content.decode().replace(",", "")
    api = client_for("officer_a").post(
        "/api/v1/years/",
        {"credit_code": enterprise.credit_code, "year": 2025, "tax": "2000000000"},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert "tax" in api.json()
    assert not EnterpriseYear.objects.exists()


def test_the_import_reads_with_the_settings_limits(settings) -> None:
    settings.IMPORT_MAX_ROWS = 2
    data = files.xlsx([["统一社会信用代码", "企业名称"], [CODE, "甲"], [CODE, "乙"]])
    report = run_import(kind="enterprises", data=data, filename="a.xlsx", by=None, dry_run=True)
    assert any("每个工作表最多 2 行" in problem for problem in report.fatal)
