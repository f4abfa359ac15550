from __future__ import annotations

from decimal import Decimal

import pytest

from gaoxin.core.message_text import translated
from gaoxin.core.tabular import RawSheet, TableSpec, TabularError, locate_header, read_workbook, select_sheet
from gaoxin.core.tabular.headers import column_letter
from gaoxin.core.tabular.labels import label_key, split_suffix
from gaoxin.core.tabular.tests.specs import ENTERPRISES, YEARS
from gaoxin.core.tabular.tests.workbooks import Cell, csv_bytes, xls, xlsx


def bound(sheet: RawSheet, spec: TableSpec = YEARS) -> dict[str, tuple[int, str, Decimal | None]]:
    layout = locate_header(sheet, spec)
    return {b.column.key: (b.index, b.header, b.scale) for b in layout.columns}


def notes(sheet: RawSheet, spec: TableSpec = YEARS) -> list[str]:
    return [translated(note) for note in locate_header(sheet, spec).notes]


def header_error(sheet: RawSheet, spec: TableSpec = YEARS) -> str:
    with pytest.raises(TabularError) as caught:
        locate_header(sheet, spec)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("实缴税金\n（万元）", "实缴税金(万元)"),
        (" 实缴 税金 (万元) ", "实缴税金(万元)"),
        ("实缴税金【万元】", "实缴税金(万元)"),
        ("*统一社会信用代码", "统一社会信用代码"),
        ("统一社会信用代码（必填）", "统一社会信用代码"),
        ("＊企业名称(选填)", "企业名称"),
        ("R&D经费支出", "r&d经费支出"),
    ],
)
def test_label_key_tolerates_the_ways_headers_are_typed(text: str, key: str) -> None:
    assert label_key(text) == key


@pytest.mark.parametrize(
    ("key", "parts"),
    [
        ("税收(元)", ("税收", "元")),
        ("营业收入/亿元", ("营业收入", "亿元")),
        ("税收", None),
        ("(万元)", None),
        ("a/", None),
    ],
)
def test_split_suffix(key: str, parts: tuple[str, str] | None) -> None:
    assert split_suffix(key) == parts


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letter(index: int, letter: str) -> None:
    assert column_letter(index) == letter


def test_single_row_header_below_a_title_with_units_and_aliases() -> None:
    sheet = RawSheet(
        "年度数据",
        [
            ["2024年企业数据表", "", "", ""],
            ["", "", "", ""],
            ["信用代码", "年度", "税收(元)", "营业收入/亿元"],
            ["91330100MA27UFAB2X", 2024.0, 10000.0, 1.5],
        ],
    )
    layout = locate_header(sheet, YEARS)
    assert (layout.first_row, layout.last_row) == (2, 2)
    assert bound(sheet) == {
        "credit_code": (0, "信用代码", None),
        "year": (1, "年度", None),
        "tax": (2, "税收(元)", Decimal("0.0001")),
        "revenue": (3, "营业收入/亿元", Decimal("10000")),
    }
    assert notes(sheet) == ["列“实缴税金”：数值已由元换算为万元。", "列“营业收入”：数值已由亿元换算为万元。"]


def test_two_row_header_with_merged_group_title_and_vertical_labels() -> None:
    rows: list[list[Cell]] = [
        ["2024年企业数据表", None, None, None, None],
        ["统一社会信用代码", "年度", "2024年度", None, "用电量（千瓦时）"],
        [None, None, "税收(万元)", "营业收入(万元)", None],
        ["91330100MA27UFAB2X", 2024, 12.5, 100, 1000],
    ]
    merges = [(0, 0, 0, 4), (1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 1, 3), (1, 4, 2, 4)]
    for data, name in ((xlsx(rows, merges=merges), "a.xlsx"), (xls(rows, merges=merges), "a.xls")):
        [sheet] = read_workbook(data, name)
        layout = locate_header(sheet, YEARS)
        assert (layout.first_row, layout.last_row) == (1, 2), name
        assert {key: index for key, (index, _, _) in bound(sheet).items()} == {
            "credit_code": 0,
            "year": 1,
            "tax": 2,
            "revenue": 3,
            "electricity_10k_kwh": 4,
        }
        assert bound(sheet)["electricity_10k_kwh"][2] == Decimal("0.0001")


def test_two_row_header_without_merge_information_is_forward_filled() -> None:
    rows = [
        ["统一社会信用代码", "年度", "2024年度（元）", "", "备注"],
        ["", "", "税收", "营业收入", ""],
        ["91330100MA27UFAB2X", "2024", "125000", "1000000", "无"],
    ]
    [sheet] = read_workbook(csv_bytes(rows, "gbk"), "years.csv")
    assert bound(sheet) == {
        "credit_code": (0, "统一社会信用代码", None),
        "year": (1, "年度", None),
        "tax": (2, "税收", Decimal("0.0001")),  # the group title states the unit for both columns
        "revenue": (3, "营业收入", Decimal("0.0001")),
    }
    assert notes(sheet)[-1] == "工作表“years”：第 E 列“备注”不是可识别的列，已忽略。"


def test_units_in_a_row_of_their_own_below_the_labels() -> None:
    sheet = RawSheet(
        "s", [["统一社会信用代码", "年度", "实缴税金", "用地面积"], ["", "", "元", "（平方米）"], ["x", 2024]]
    )
    layout = locate_header(sheet, YEARS)
    assert (layout.first_row, layout.last_row) == (0, 1)
    assert bound(sheet)["tax"][2] == Decimal("0.0001")
    assert bound(sheet)["land_mu"][2] == Decimal("0.0015")


def test_sheet_unit_note_applies_to_columns_without_their_own_unit() -> None:
    sheet = RawSheet(
        "s",
        [
            ["2024年度企业数据（单位：元、平方米）"],
            ["统一社会信用代码", "年度", "税收", "营业收入(万元)", "用地面积"],
            ["x", 2024],
        ],
    )
    assert bound(sheet)["tax"][2] == Decimal("0.0001")
    assert bound(sheet)["revenue"][2] is None  # its own header says 万元
    assert bound(sheet)["land_mu"][2] == Decimal("0.0015")
    assert "列“实缴税金”：按表中“2024年度企业数据（单位：元、平方米）”的说明，单位为元。" in notes(sheet)


def test_sheet_unit_note_naming_two_units_of_one_family_is_not_applied() -> None:
    sheet = RawSheet(
        "s", [["单位：万元、元、人"], ["统一社会信用代码", "年度", "税收", "用地面积"], ["x", 2024]]
    )
    assert bound(sheet)["tax"][2] is None
    assert notes(sheet) == [
        "列“实缴税金”：表头未注明单位，按万元处理。",
        "列“用地面积”：表头未注明单位，按亩处理。",
    ]


def test_missing_unit_is_assumed_canonical_and_noted() -> None:
    sheet = RawSheet("s", [["统一社会信用代码", "年度", "实缴税金"], ["x", 2024, 1]])
    assert bound(sheet)["tax"][2] is None
    assert notes(sheet) == ["列“实缴税金”：表头未注明单位，按万元处理。"]


def test_percent_header_scales_plain_numbers() -> None:
    sheet = RawSheet("s", [["统一社会信用代码", "年度", "研发投入强度(%)"], ["x", 2024, 3.02]])
    assert bound(sheet)["rd_intensity"][2] == Decimal("0.01")
    assert notes(sheet) == []


def test_reordered_columns_and_unknown_columns() -> None:
    sheet = RawSheet("名录", [["序号", "企业名称", "备注", "统一社会信用代码"], [1, "甲", "", "x"]])
    assert {key: index for key, (index, _, _) in bound(sheet, ENTERPRISES).items()} == {
        "name": 1,
        "credit_code": 3,
    }
    assert notes(sheet, ENTERPRISES) == [
        "工作表“名录”：第 A 列“序号”不是可识别的列，已忽略。",
        "工作表“名录”：第 C 列“备注”不是可识别的列，已忽略。",
    ]


def test_missing_required_columns_are_all_named() -> None:
    sheet = RawSheet("名录", [["序号", "联系电话", "规模"], [1, "", ""]])
    assert header_error(sheet, ENTERPRISES) == (
        "工作表“名录”：缺少必填列“统一社会信用代码”。；工作表“名录”：缺少必填列“企业名称”。"
    )


def test_a_column_named_twice_is_an_error() -> None:
    sheet = RawSheet("s", [["统一社会信用代码", "年度", "实缴税金", "税收"], ["x", 2024, 1, 2]])
    assert header_error(sheet) == "工作表“s”：列“实缴税金”出现了多次（第 C、D 列）。"


def test_unknown_unit_names_the_column() -> None:
    sheet = RawSheet("s", [["统一社会信用代码", "年度", "实缴税金（美元）", "用电量(度)"], ["x", 2024, 1, 2]])
    assert header_error(sheet) == (
        "工作表“s”第 C 列“实缴税金（美元）”：无法识别单位“美元”，可用单位：元、千元、万元、亿元。"
    )


def test_no_header_in_the_first_rows() -> None:
    sheet = RawSheet("s", [["说明"], *[[""]] * 10, ["统一社会信用代码", "年度"]])
    assert header_error(sheet) == (
        "工作表“s”：前 10 行中找不到表头，没有任何预期的列名（统一社会信用代码、年度）。"
    )
    assert locate_header(sheet, YEARS, search_rows=12).first_row == 11


def test_select_sheet_skips_an_instructions_sheet() -> None:
    instructions = RawSheet("填写说明", [["列名", "是否必填"], ["统一社会信用代码", "是"], ["年度", "是"]])
    data = RawSheet("数据", [["统一社会信用代码", "年度", "税收"]])
    assert select_sheet([instructions, data], YEARS) is data
    with pytest.raises(TabularError, match="找不到表头"):
        select_sheet([RawSheet("空", [])], YEARS)
