from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from io import BytesIO

from hypothesis import given, settings
from hypothesis import strategies as st

from gaoxin.core.tabular import (
    Boolean,
    Code,
    Column,
    Date,
    Integer,
    Number,
    Percent,
    TableSpec,
    Text,
    Year,
    parse_sheet,
    parse_workbook,
    read_workbook,
    template_xlsx,
    write_xlsx,
)
from gaoxin.core.tabular.tests.specs import CODE_A, CODE_B, SCALE, check_credit_code
from gaoxin.core.tabular.writing import display_width, excel_sheet_name

SPEC = TableSpec(
    [
        Column("credit_code", "统一社会信用代码", ("信用代码",), Code(18, check_credit_code), required=True),
        Column("name", "企业名称", (), Text(max_length=100), required=True, example="示例科技有限公司"),
        Column(
            "industry_code",
            "行业代码",
            (),
            Code(max_length=4),
            help_text="GB/T 4754-2017 小类",
            example="3825",
        ),
        Column("scale", "规模", (), SCALE),
        Column("registered_on", "注册日期", (), Date(), example=dt.date(2015, 3, 1)),
        Column("leased", "是否租赁", (), Boolean()),
        Column("year", "年度", (), Year()),
        Column(
            "tax", "实缴税金", ("评价税收", "税收"), Number(min_value=0), unit="万元", example=Decimal("12.5")
        ),
        Column("employees", "年平均职工人数", (), Integer(min_value=0)),
        Column("rd_intensity", "研发投入强度", (), Percent(0, 1), example=Decimal("0.0302")),
        Column("land_mu", "用地面积", (), Number(min_value=0, places=4), unit="亩"),
    ]
)

ROWS: list[dict[str, object]] = [
    {
        "credit_code": CODE_A,
        "name": "甲科技有限公司",
        "industry_code": "0511",
        "scale": "above_scale",
        "registered_on": dt.date(2015, 3, 1),
        "leased": False,
        "year": 2024,
        "tax": Decimal("1234.5678"),
        "employees": 120,
        "rd_intensity": Decimal("0.0302"),
        "land_mu": Decimal("30.0005"),
    },
    {
        "credit_code": CODE_B,
        "name": "乙公司",
        "industry_code": None,
        "scale": None,
        "registered_on": None,
        "leased": True,
        "year": 2024,
        "tax": Decimal("0"),
        "employees": None,
        "rd_intensity": None,
        "land_mu": None,
    },
]


def xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return archive.read(name).decode()


def test_written_rows_parse_back_to_the_same_values() -> None:
    data = write_xlsx(
        SPEC, ROWS, "企业年度数据", title="2024年企业数据表", note="数据来源：税务、统计\n截至 2024-12-31"
    )
    result = parse_workbook(data, "export.xlsx", SPEC)
    assert result.errors == []
    assert result.header_rows == (3, 3)
    assert [row.values for row in result.rows] == ROWS
    assert [row.row_number for row in result.rows] == [4, 5]


def test_headers_carry_units_and_cells_their_excel_types() -> None:
    [sheet] = read_workbook(write_xlsx(SPEC, ROWS[:1], "数据"), "export.xlsx")
    assert sheet.rows[0] == [
        "统一社会信用代码",
        "企业名称",
        "行业代码",
        "规模",
        "注册日期",
        "是否租赁",
        "年度",
        "实缴税金（万元）",
        "年平均职工人数",
        "研发投入强度",
        "用地面积（亩）",
    ]
    assert sheet.rows[1] == [
        CODE_A,
        "甲科技有限公司",
        "0511",  # a text cell: the leading zero survives
        "规上",
        dt.date(2015, 3, 1),
        "否",
        2024.0,
        1234.5678,
        120.0,
        0.0302,
        30.0005,
    ]


def column_number_formats(data: bytes) -> dict[int, str]:
    """1-based column → the number format code of its default style, read from the xlsx XML."""
    styles = xml(data, "xl/styles.xml")
    codes = {"0": "General", "1": "0", "49": "@"} | dict(
        re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles)
    )
    cell_formats = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    assert cell_formats is not None
    style_formats = re.findall(r'<xf numFmtId="(\d+)"', cell_formats.group(1))
    columns = re.findall(
        r'<col min="(\d+)" max="\d+"[^>]*style="(\d+)"', xml(data, "xl/worksheets/sheet1.xml")
    )
    return {int(first): codes[style_formats[int(style)]].replace("&quot;", '"') for first, style in columns}


def test_columns_are_formatted_so_typing_in_excel_keeps_codes_as_text() -> None:
    data = write_xlsx(SPEC, [], "数据")
    assert column_number_formats(data) == {
        1: "@",
        2: "@",
        3: "@",
        4: "@",
        5: "yyyy-mm-dd",
        6: "@",
        7: "0",
        8: "#,##0.00##",
        9: "#,##0",
        10: "0.00%",
        11: "#,##0.0000",
    }
    assert '<pane ySplit="1"' in xml(data, "xl/worksheets/sheet1.xml")  # header frozen


def test_template_has_a_formatted_data_sheet_and_instructions() -> None:
    data = template_xlsx(SPEC, title="企业年度数据填报")
    sheets = read_workbook(data, "template.xlsx")
    assert [sheet.name for sheet in sheets] == ["数据", "填写说明"]
    result = parse_workbook(data, "template.xlsx", SPEC)
    assert (result.sheet, result.rows, result.errors, result.header_rows) == ("数据", [], [], (2, 2))
    instructions = sheets[1].rows
    assert str(instructions[0][0]).startswith("请在工作表“数据”的表头下方逐行填写。红色列名为必填列。")
    assert instructions[1] == ["列名", "是否必填", "单位", "填写要求", "示例", "说明"]
    by_header = {row[0]: row[1:] for row in instructions[2:]}
    assert by_header["统一社会信用代码"] == ["是", "", "编码，按文本填写", "", "表头也可写作：信用代码"]
    assert by_header["实缴税金（万元）"] == [
        "否",
        "万元",
        "数字，不小于 0",
        12.5,
        "表头也可注明元、千元、亿元，数值自动换算为万元。\n表头也可写作：评价税收、税收",
    ]
    assert by_header["行业代码"] == ["否", "", "编码，按文本填写", "3825", "GB/T 4754-2017 小类"]
    assert by_header["规模"][2] == "可选：规上、规下"
    assert by_header["注册日期"][3] == dt.date(2015, 3, 1)
    assert by_header["研发投入强度"][2:4] == ["百分比，如 3.02% 或 0.0302", 0.0302]
    sheet_xml = xml(data, "xl/worksheets/sheet1.xml")
    assert '<formula1>"规上,规下"</formula1>' in sheet_xml
    assert '<formula1>"是,否"</formula1>' in sheet_xml


def test_excel_sheet_names_are_made_valid() -> None:
    assert excel_sheet_name("2024/企业[名录]") == "2024_企业_名录_"
    assert excel_sheet_name("年" * 40) == "年" * 31
    assert excel_sheet_name("") == "Sheet1"


def test_display_width_counts_chinese_twice() -> None:
    assert display_width("实缴税金（万元）") == 16
    assert display_width("R&D") == 3


printable = st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=30).map(str.strip)
amounts = st.decimals(min_value=0, max_value=10**10, places=4, allow_nan=False, allow_infinity=False)
row_strategy = st.fixed_dictionaries(
    {
        "credit_code": st.sampled_from([CODE_A, CODE_B]),
        "name": printable.filter(bool),
        "industry_code": st.none() | st.from_regex(r"[0-9]{4}", fullmatch=True),
        "scale": st.none() | st.sampled_from(["above_scale", "below_scale"]),
        "registered_on": st.none() | st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)),
        "leased": st.none() | st.booleans(),
        "year": st.none() | st.integers(1990, 2100),
        "tax": st.none() | amounts,
        "employees": st.none() | st.integers(0, 10**9),
        "rd_intensity": st.none() | st.decimals(min_value=0, max_value=1, places=4),
        "land_mu": st.none() | amounts,
    }
)


@settings(max_examples=25, deadline=None)
@given(st.lists(row_strategy, min_size=1, max_size=5))
def test_round_trip_property(rows: list[dict[str, object]]) -> None:
    [sheet] = read_workbook(write_xlsx(SPEC, rows, "数据"), "x.xlsx")
    result = parse_sheet(sheet, SPEC)
    assert result.errors == []
    assert [row.values for row in result.rows] == rows


def test_single_column_sheet_with_a_title() -> None:
    spec = TableSpec([Column("name", "企业名称", required=True)])
    data = write_xlsx(spec, [{"name": "甲公司"}, {"name": "乙公司"}], "名单", title="重点企业名单")
    result = parse_workbook(data, "x.xlsx", spec)
    assert result.header_rows == (2, 2)
    assert [row.values for row in result.rows] == [{"name": "甲公司"}, {"name": "乙公司"}]


def test_values_of_other_types_in_a_text_column_are_written_as_excel_shows_them() -> None:
    spec = TableSpec([Column("name", "企业名称"), Column("note", "备注")])
    data = write_xlsx(spec, [{"name": 42, "note": True}, {"name": dt.time(8, 30), "note": "x"}], "s")
    result = parse_workbook(data, "x.xlsx", spec)
    assert [row.values for row in result.rows] == [
        {"name": "42", "note": "TRUE"},
        {"name": "08:30:00", "note": "x"},
    ]


def test_a_first_data_row_holding_a_unit_symbol_is_data_not_a_unit_row() -> None:
    # found by test_round_trip_property: the firm named "%" was taken for the percent sign of a unit row
    row = dict.fromkeys(column.key for column in SPEC.columns) | {"credit_code": CODE_A, "name": "%"}
    [sheet] = read_workbook(write_xlsx(SPEC, [row], "数据"), "x.xlsx")
    assert [parsed.values for parsed in parse_sheet(sheet, SPEC).rows] == [row]
