"""Chinese spreadsheet headers onto engine columns, and the result back out as xlsx."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
import pytest
from python_calamine import CalamineWorkbook

from gaoxin.evaluation.engine import InputError, evaluate, load_scheme
from gaoxin.evaluation.engine.columns import map_columns
from gaoxin.evaluation.engine.xlsx import headers, write_result_xlsx

SCHEME = load_scheme("gaoxin/evaluation/schemes/zhejiang_above_scale.toml")


def test_chinese_headers_units_and_values() -> None:
    sheet = pl.DataFrame(
        {
            "统一社会信用代码": [" 91330100mA2b3c4d5e ", "913301007"],
            "企业名称": ["甲公司", "乙公司"],
            "实缴税金（元）": ["1,200,000", "30000"],
            "工业增加值\n(亿元)": [1.5, 0.2],
            "用地面积【亩】": [30, 4],
            "企业规模": ["规上", "规模以下"],
            "高新技术企业": ["是", "否"],
            "安全事故": ["否", ""],
            "成立日期": ["2020-01-01", None],
            "备注": ["x", "y"],
        }
    )
    mapped = map_columns(sheet, SCHEME, {"安全事故": "safety_accident"})
    assert mapped.columns == [
        "credit_code", "name", "tax", "value_added", "land_mu", "scale", "high_tech", "safety_accident",
        "registration_date", "备注",
    ]  # fmt: skip
    assert mapped.row(0) == (
        "91330100MA2B3C4D5E",
        "甲公司",
        120.0,
        15000.0,
        30.0,
        "above_scale",
        True,
        False,
        dt.date(2020, 1, 1),
        "x",
    )
    assert mapped.row(1)[2:8] == (3.0, 2000.0, 4.0, "below_scale", False, None)


def test_glossary_names_pass_through_and_numbers_stay_numbers() -> None:
    mapped = map_columns(
        pl.DataFrame(
            {"credit_code": ["A"], "tax": [1.5], "high_tech": [1], "registration_date": [dt.date(2020, 1, 1)]}
        ),
        SCHEME,
    )
    assert mapped.row(0) == ("A", 1.5, True, dt.date(2020, 1, 1))


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        ({"税收": ["1"], "实缴税金": ["2"]}, "Columns 税收 and 实缴税金 both give tax."),
        ({"税收（亩）": ["1"]}, "Column 税收（亩） states a unit that does not fit it."),
        ({"营业收入": ["1", "lots"]}, "Column 营业收入: rows 3 are not numbers."),
        ({"高新技术企业": ["maybe"]}, "Column 高新技术企业: rows 2 are neither 是 nor 否."),
        ({"企业规模": ["大型"]}, "Column 企业规模: rows 2 are neither 规上 nor 规下."),
        ({"成立日期": ["去年"]}, "Column 成立日期: rows 2 are not dates."),
    ],
)
def test_unreadable_sheets_are_refused(sheet: dict[str, list[str]], message: str) -> None:
    with pytest.raises(InputError) as caught:
        map_columns(pl.DataFrame(sheet), SCHEME)
    assert message in [item.text() for item in caught.value.messages]


def test_without_a_scheme_only_glossary_columns_are_known() -> None:
    assert map_columns(pl.DataFrame({"高新技术企业": ["是"], "用电量": [3]})).columns == [
        "高新技术企业",
        "electricity_10k_kwh",
    ]


def test_the_result_as_xlsx_with_chinese_headers() -> None:
    frame = pl.DataFrame(
        {
            "credit_code": ["A", "B"],
            "name": ["甲公司", "乙公司"],
            "scale": ["above_scale", "above_scale"],
            "tax": [20.0, 10.0],
            "land_mu": [1.0, 1.0],
            "value_added": [100.0, 50.0],
            "energy_tce": [25.0, 25.0],
            "emissions_t": [None, 2.0],
            "employees": [5.0, 5.0],
            "main_revenue": [2000.0, 2000.0],
            "rd_expense": [100.0, 50.0],
            "high_tech": [False, False],
            "safety_accident": [False, True],
            "environmental_violation": [False, False],
            "serious_dishonesty": [False, False],
            "utility": [False, False],
        }
    )
    result = evaluate(frame, SCHEME)
    names = headers(result)
    assert names[:6] == [
        "统一社会信用代码",
        "企业名称",
        "评价状态",
        "评价组",
        "排名分区",
        "亩均税收（万元/亩）",
    ]
    assert names[6:8] == ["亩均税收基准值", "亩均税收得分"]
    assert "加减分：高新技术企业加 3 分" in names
    buffer = io.BytesIO()
    write_result_xlsx(result, buffer, translate=lambda text: {"Scored": "已评价"}.get(text, text))
    book = CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue()))
    assert book.sheet_names == ["评价结果", "基准值", "评价方案"]
    rows = book.get_sheet_by_name("评价结果").to_python()
    assert rows[0] == names
    first = dict(zip(names, rows[1], strict=True))
    # 2 firms: A covers round(0.4) = 0 places, B round(1.6) = 2
    assert (first["统一社会信用代码"], first["评价状态"], first["评价组"], first["分类"]) == (
        "A",
        "已评价",
        "规上工业企业",
        "B",
    )
    assert first["说明"] == "Data for 单位排放增加值 is missing: given the group's average score."
    second = dict(zip(names, rows[2], strict=True))
    assert (second["按得分分类"], second["分类"]) == ("B", "C")
    assert second["说明"] == "Grade capped by a veto: 发生较大及以上安全生产事故，不得评为 A、B 类."
    benchmarks = book.get_sheet_by_name("基准值").to_python()
    assert benchmarks[1][:5] == ["above_scale", "亩均税收", "", "ratio_of_sums", 15.0]
    assert book.get_sheet_by_name("评价方案").to_python()[0] == ["方案", "zhejiang_above_scale"]


def test_problem_rows_are_counted_from_the_first_data_row_of_the_sheet() -> None:
    sheet = pl.DataFrame({"统一社会信用代码": ["A", "B", "C"], "实缴税金": ["1", "x", "y"]})
    with pytest.raises(InputError) as raised:
        map_columns(sheet, first_row=5)  # a title and a blank row above the header (row 4)
    assert raised.value.messages[0].params["rows"] == "6, 7"
