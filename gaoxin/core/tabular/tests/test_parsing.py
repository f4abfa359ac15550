from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal

import pytest

from gaoxin.core.message_text import translated
from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.tabular import (
    ParsedRow,
    ParseResult,
    RawSheet,
    TableSpec,
    TabularError,
    each_row,
    parse_sheet,
    parse_workbook,
    read_workbook,
    unique,
)
from gaoxin.core.tabular.tests.specs import CODE_A, CODE_B, CODE_C, ENTERPRISES, YEARS
from gaoxin.core.tabular.tests.workbooks import Cell, csv_bytes, xls, xlsx, xlsx_sheets

BAD_CHECK = CODE_A[:17] + ("0" if CODE_A[17] != "0" else "1")


def messages(result: ParseResult) -> list[str]:
    return [str(error) for error in result.errors]


def test_enterprise_sheet_with_title_number_typed_phone_and_credit_errors() -> None:
    rows: list[list[Cell]] = [
        ["2024年企业名录", None, None, None, None, None],
        ["统一社会信用代码", "企业名称", "联系电话", "规模", "成立日期", "是否租赁"],
        [CODE_A, "甲科技有限公司", 13800000000, "规上", dt.date(2015, 3, 1), "否"],
        [CODE_B.lower(), "乙实业有限公司", "0571-88886666", "规下", "2016/5/20", "是"],
        [BAD_CHECK, "丙公司", None, None, None, None],
        [None, None, None, None, None, None],
        [None, "丁公司", 13900000000, "中型", "2020-13-01", "也许"],
    ]
    result = parse_workbook(xlsx(rows), "名录.xlsx", ENTERPRISES)
    assert result.sheet == "企业名录"
    assert result.header_rows == (2, 2)
    assert [(row.row_number, row.values) for row in result.rows] == [
        (
            3,
            {
                "credit_code": CODE_A,
                "name": "甲科技有限公司",
                "phone": "13800000000",
                "scale": "above_scale",
                "registered_on": dt.date(2015, 3, 1),
                "leased": False,
            },
        ),
        (
            4,
            {
                "credit_code": CODE_B,
                "name": "乙实业有限公司",
                "phone": "0571-88886666",
                "scale": "below_scale",
                "registered_on": dt.date(2016, 5, 20),
                "leased": True,
            },
        ),
    ]
    assert messages(result) == [
        "工作表“企业名录”第 5 行“统一社会信用代码”：校验位错误",
        "工作表“企业名录”第 7 行“规模”：“中型”不是可选值（可选：规上、规下）",
        "工作表“企业名录”第 7 行“注册日期”：“2020-13-01”不是有效的日期（如 2024-01-05）",
        "工作表“企业名录”第 7 行“是否租赁”：“也许”应填写“是”或“否”",
        "工作表“企业名录”第 7 行“统一社会信用代码”：不能为空",
    ]
    error = result.errors[0]
    assert (error.sheet, error.row, error.column_label, error.message, error.value) == (
        "企业名录",
        5,
        "统一社会信用代码",
        "校验位错误",
        BAD_CHECK,
    )
    assert result.invalid_row_numbers == {5, 7}
    assert not result.is_valid


def test_two_row_merged_header_with_units_in_an_xls_file() -> None:
    rows: list[list[Cell]] = [
        ["统一社会信用代码", "年度", "2024年度", None, "用地面积（平方米）", "研发投入强度(%)"],
        [None, None, "实缴税金（元）", "营业收入(亿元)", None, None],
        [CODE_A, 2024, 1234567.0, 1.25, 6667.0, 3.02],
        [CODE_B, "2024年", "12,345", "0.5", "20000", "0"],
    ]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 1, 4), (0, 5, 1, 5)]
    result = parse_workbook(xls(rows, merges=merges), "years.xls", YEARS)
    assert result.errors == []
    assert result.header_rows == (1, 2)
    assert [row.values for row in result.rows] == [
        {
            "credit_code": CODE_A,
            "year": 2024,
            "tax": Decimal("123.4567"),
            "revenue": Decimal("12500"),
            "land_mu": Decimal("10.0005"),
            "rd_intensity": Decimal("0.0302"),
        },
        {
            "credit_code": CODE_B,
            "year": 2024,
            "tax": Decimal("1.2345"),
            "revenue": Decimal("5000"),
            "land_mu": Decimal("30"),
            "rd_intensity": Decimal("0"),
        },
    ]
    assert result.columns == ("credit_code", "year", "tax", "revenue", "land_mu", "rd_intensity")


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_rows_with_reordered_and_extra_columns(encoding: str) -> None:
    rows = [
        ["序号", "年度", "备注", "信用代码", "税收（万元）", "年平均职工人数"],
        ["1", "2024", "", CODE_A, "12.5", "120"],
        ["2", "2024", "新开业", CODE_B, "-", ""],
        ["3"],  # a pre-numbered empty row, shorter than the others: skipped
        ["4", "2024", "", "", "1"],
    ]
    result = parse_workbook(csv_bytes(rows, encoding), "years.csv", YEARS)
    assert [row.values for row in result.rows] == [
        {"credit_code": CODE_A, "year": 2024, "tax": Decimal("12.5"), "employees": 120},
        {"credit_code": CODE_B, "year": 2024, "tax": None, "employees": None},
    ]
    assert messages(result) == ["工作表“years”第 5 行“统一社会信用代码”：不能为空"]
    assert result.notes == [
        "工作表“years”：第 A 列“序号”不是可识别的列，已忽略。",
        "工作表“years”：第 C 列“备注”不是可识别的列，已忽略。",
    ]


def test_columns_absent_from_the_sheet_are_absent_from_the_values() -> None:
    sheet = RawSheet("s", [["统一社会信用代码", "年度", "实缴税金(万元)"], [CODE_A, 2024.0, ""]])
    [row] = parse_sheet(sheet, YEARS).rows
    assert row.values == {"credit_code": CODE_A, "year": 2024, "tax": None}  # no "revenue" key at all


def test_negative_and_text_values_in_number_columns() -> None:
    sheet = RawSheet(
        "年度数据",
        [
            ["统一社会信用代码", "年度", "实缴税金（万元）", "年平均职工人数", "研发投入强度"],
            [CODE_A, 2024.0, -5.0, 10.5, "120%"],
            [CODE_B, 2024.0, "约100", "十", 0.02],
        ],
    )
    result = parse_sheet(sheet, YEARS)
    assert messages(result) == [
        "工作表“年度数据”第 2 行“实缴税金”：不能小于 0",
        "工作表“年度数据”第 2 行“年平均职工人数”：“10.5”不是整数",
        "工作表“年度数据”第 2 行“研发投入强度”：不能大于 100%",
        "工作表“年度数据”第 3 行“实缴税金”：“约100”不是有效的数字",
        "工作表“年度数据”第 3 行“年平均职工人数”：“十”不是有效的数字",
    ]
    assert result.rows == []


def test_duplicate_keys_name_the_first_row() -> None:
    sheet = RawSheet(
        "年度数据",
        [
            ["统一社会信用代码", "年度", "实缴税金(万元)"],
            [CODE_A, 2024.0, 1.0],
            [CODE_B, 2024.0, 2.0],
            [CODE_A.lower(), 2024.0, 3.0],  # the same code once cleaned
            [CODE_A, 2023.0, 4.0],
            [CODE_B, "2024年", "x"],  # fails conversion: not compared
            [CODE_B, 2024.0, 5.0],
        ],
    )
    result = parse_sheet(sheet, YEARS, validators=[unique("credit_code", "year")])
    assert [row.row_number for row in result.rows] == [2, 3, 5]
    assert messages(result) == [
        "工作表“年度数据”第 4 行“统一社会信用代码、年度”：与第 2 行重复",
        "工作表“年度数据”第 6 行“实缴税金”：“x”不是有效的数字",
        "工作表“年度数据”第 7 行“统一社会信用代码、年度”：与第 3 行重复",
    ]
    assert result.errors[0].value == f"{CODE_A} / 2024"


def test_unique_skips_rows_missing_a_key_and_needs_a_key() -> None:
    rows = [
        ParsedRow(2, {"credit_code": CODE_A, "tax": None}),
        ParsedRow(3, {"credit_code": CODE_A, "tax": None}),
    ]
    assert list(unique("credit_code", "tax")(rows)) == []
    with pytest.raises(ValueError, match="at least one column key"):
        unique()


def test_validators_finding_nothing_keep_every_row() -> None:
    sheet = RawSheet("s", [["统一社会信用代码", "年度"], [CODE_A, 2024.0], [CODE_B, 2024.0]])
    result = parse_sheet(sheet, YEARS, validators=[unique("credit_code")])
    assert ([row.row_number for row in result.rows], result.errors) == ([2, 3], [])


def test_spec_validators_and_row_checks_run_together() -> None:
    def main_revenue_within_revenue(
        values: Mapping[str, object],
    ) -> Iterator[tuple[tuple[str, ...], Message]]:
        revenue, main = values.get("revenue"), values.get("main_revenue")
        if isinstance(revenue, Decimal) and isinstance(main, Decimal) and main > revenue:
            yield ("main_revenue", "revenue"), Message(gettext_noop("must not be empty"))

    spec = TableSpec(YEARS.columns, validators=[unique("credit_code")])
    sheet = RawSheet(
        "s",
        [
            ["统一社会信用代码", "年度", "营业收入", "主营业务收入"],
            [CODE_A, 2024.0, 100.0, 120.0],
            [CODE_A, 2024.0, 100.0, 80.0],
            [CODE_C, 2024.0, 100.0, 80.0],
        ],
    )
    result = parse_sheet(sheet, spec, validators=[each_row(main_revenue_within_revenue)])
    assert messages(result) == [
        "工作表“s”第 2 行“主营业务收入、营业收入”：不能为空",
        "工作表“s”第 3 行“统一社会信用代码”：与第 2 行重复",
    ]
    assert [row.row_number for row in result.rows] == [4]


def test_whole_row_issue_has_no_column() -> None:
    def reject_all(values: Mapping[str, object]) -> Iterator[tuple[tuple[str, ...], Message]]:
        yield (), Message(gettext_noop("must not be empty"))

    sheet = RawSheet("s", [["统一社会信用代码", "年度"], [CODE_A, 2024.0]])
    result = parse_sheet(sheet, YEARS, validators=[each_row(reject_all)])
    assert messages(result) == ["工作表“s”第 2 行：不能为空"]
    assert result.errors[0].column_label is None


def test_blank_rows_and_header_only_sheets() -> None:
    sheet = RawSheet("s", [["统一社会信用代码", "年度"], ["", ""], [" ", "-"], []])
    result = parse_sheet(sheet, YEARS)
    assert (result.rows, result.errors) == ([], [])
    assert parse_sheet(RawSheet("s", [["统一社会信用代码", "年度"]]), YEARS).rows == []


def test_parse_workbook_picks_the_data_sheet_or_the_named_one() -> None:
    data = xlsx_sheets(
        {
            "填写说明": ([["列名", "说明"], ["统一社会信用代码", "18 位"]], ()),
            "2024": ([["统一社会信用代码", "年度"], [CODE_A, 2024]], ()),
            "2023": ([["统一社会信用代码", "年度"], [CODE_B, 2023]], ()),
        }
    )
    assert parse_workbook(data, "y.xlsx", YEARS).rows[0].values["credit_code"] == CODE_A
    assert parse_workbook(data, "y.xlsx", YEARS, sheet_name="2023").rows[0].values["credit_code"] == CODE_B
    with pytest.raises(TabularError) as caught:
        parse_workbook(data, "y.xlsx", YEARS, sheet_name="2022")
    assert str(caught.value) == "文件中没有名为“2022”的工作表。"


def test_header_problems_raise_with_every_problem() -> None:
    sheet = RawSheet("s", [["企业名称", "税收（美元）"], ["甲", 1.0]])
    with pytest.raises(TabularError) as caught:
        parse_sheet(sheet, YEARS)
    assert [translated(message) for message in caught.value.messages] == [
        "工作表“s”：缺少必填列“统一社会信用代码”。",
        "工作表“s”：缺少必填列“年度”。",
        "工作表“s”第 B 列“税收（美元）”：无法识别单位“美元”，可用单位：元、千元、万元、亿元。",
    ]


def test_same_rows_in_xlsx_xls_and_csv_parse_alike() -> None:
    rows: list[list[Cell]] = [
        ["统一社会信用代码", "年度", "实缴税金(元)", "用电量(千瓦时)"],
        [CODE_A, 2024, 123456, 98765.5],
    ]
    parsed = [
        [row.values for row in parse_sheet(read_workbook(data, name)[0], YEARS).rows]
        for data, name in ((xlsx(rows), "a.xlsx"), (xls(rows), "a.xls"), (csv_bytes(rows, "gbk"), "a.csv"))
    ]
    expected = {
        "credit_code": CODE_A,
        "year": 2024,
        "tax": Decimal("12.3456"),
        "electricity_10k_kwh": Decimal("9.87655"),
    }
    assert parsed == [[expected]] * 3
