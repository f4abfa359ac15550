from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
import xlsxwriter
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from gaoxin.core.tabular import TabularError, read_workbook
from gaoxin.core.tabular.reading import decode_csv
from gaoxin.core.tabular.tests.workbooks import Cell, csv_bytes, xls, xlsx, xlsx_sheets

ROWS: list[list[Cell]] = [
    ["统一社会信用代码", "企业名称", "联系电话", "实缴税金", "注册日期"],
    ["91330100MA27UFAB2X", "甲科技有限公司", 13800000000, 12.5, dt.date(2024, 1, 5)],
    ["0571", "乙公司", "0571-88886666", None, None],
]


def test_xlsx_keeps_raw_values_and_excel_positions() -> None:
    sheets = read_workbook(
        xlsx([[None], [None, "2024年企业数据表"], *[[None, *row] for row in ROWS]]), "a.xlsx"
    )
    assert [sheet.name for sheet in sheets] == ["企业名录"]
    rows = sheets[0].rows
    assert rows[0] == [""] * 6  # rows and columns keep their Excel positions: B2 is rows[1][1]
    assert rows[1][1] == "2024年企业数据表"
    assert rows[3][1:] == ["91330100MA27UFAB2X", "甲科技有限公司", 13800000000.0, 12.5, dt.date(2024, 1, 5)]
    assert rows[4][1:] == ["0571", "乙公司", "0571-88886666", "", ""]


def test_xlsx_reports_merged_ranges_and_every_sheet() -> None:
    data = xlsx_sheets(
        {
            "填写说明": ([["说明"]], ()),
            "数据": (
                [["统一社会信用代码", "2024年度", None], [None, "税收", "营业收入"]],
                [(0, 0, 1, 0), (0, 1, 0, 2)],
            ),
        }
    )
    sheets = read_workbook(data, "data.XLSX")
    assert [sheet.name for sheet in sheets] == ["填写说明", "数据"]
    assert sorted(sheets[1].merged) == [((0, 0), (1, 0)), ((0, 1), (0, 2))]


def test_xls_written_by_xlwt() -> None:
    data = xls([["统一社会信用代码", "联系电话"], [None, None], ["0571", 13800000000]], merges=[(0, 0, 1, 0)])
    [sheet] = read_workbook(data, "old.xls")
    assert sheet.rows[0][0] == "统一社会信用代码"
    assert sheet.rows[2] == ["0571", 13800000000.0]
    assert list(sheet.merged) == [((0, 0), (1, 0))]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_chinese_encodings(encoding: str) -> None:
    rows = [["统一社会信用代码", "企业名称"], ["91330100MA27UFAB2X", "甲科技（杭州）有限公司"], ["0571", ""]]
    [sheet] = read_workbook(csv_bytes(rows, encoding), "企业名录.csv")
    assert sheet.name == "企业名录"
    assert sheet.rows == rows


def test_csv_with_characters_outside_gbk_is_read_as_gb18030() -> None:
    data = "企业名称\n𠮷野家餐饮有限公司\n".encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        "𠮷".encode("gbk")
    assert decode_csv(data) == "企业名称\n𠮷野家餐饮有限公司\n"


def test_delimiter_is_judged_below_a_title_line() -> None:
    rows = [["2024年企业名录"], ["企业名称", "税收"], ["甲,乙公司", "1,234"]]
    [sheet] = read_workbook(csv_bytes(rows, "utf-8", "\t"), "x.csv")
    assert sheet.rows == rows
    [single] = read_workbook("企业名称\n甲公司\n".encode(), "x.csv")
    assert single.rows == [["企业名称"], ["甲公司"]]


def test_chart_sheets_are_left_out() -> None:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    worksheet = workbook.add_worksheet("数据")
    worksheet.write_column(0, 0, ["税收", 1, 2])
    chart = workbook.add_chart({"type": "column"})
    chart.add_series({"values": "=数据!$A$2:$A$3"})
    workbook.add_chartsheet("图表").set_chart(chart)
    workbook.close()
    assert [sheet.name for sheet in read_workbook(buffer.getvalue(), "c.xlsx")] == ["数据"]


def test_tab_separated_text_saved_as_csv() -> None:
    [sheet] = read_workbook(csv_bytes([["企业名称", "税收"], ["甲,乙公司", "1,234"]], "utf-8", "\t"), "x.csv")
    assert sheet.rows == [["企业名称", "税收"], ["甲,乙公司", "1,234"]]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"%PDF-1.4", "报表.pdf", "不支持的文件类型“.pdf”：请上传 .xlsx、.xls 或 .csv 文件。"),
        (b"a,b", "README", "不支持的文件类型“README”：请上传 .xlsx、.xls 或 .csv 文件。"),
        (b"", "empty.xlsx", "文件为空。"),
        (b"this is not a workbook", "fake.xlsx", "无法读取该文件：文件可能已损坏，或不是有效的 Excel 文件。"),
        (
            b"\xd0\xcf\x11\xe0 truncated",
            "old.xls",
            "无法读取该文件：文件可能已损坏，或不是有效的 Excel 文件。",
        ),
        (
            "企业名称\n甲公司\n".encode("utf-16"),
            "utf16.csv",
            "无法识别 CSV 文件的编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8 编码后重新上传。",
        ),
    ],
)
def test_unusable_files_raise_a_clear_message(data: bytes, filename: str, message: str) -> None:
    with pytest.raises(TabularError) as caught:
        read_workbook(data, filename)
    assert str(caught.value) == message


def test_truncated_xlsx_is_reported_not_raised_as_a_traceback() -> None:
    data = xlsx(ROWS)
    with pytest.raises(TabularError, match="无法读取该文件"):
        read_workbook(data[: len(data) // 2], "cut.xlsx")


def test_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "你好")
    with pytest.raises(TabularError, match="无法读取该文件"):
        read_workbook(buffer.getvalue(), "archive.xlsx")


def test_unclosed_quote_swallowing_the_file_names_the_line() -> None:
    data = ("企业名称,税收\n" + '"甲公司,1\n' + "乙公司,2\n" * 40_000).encode()
    with pytest.raises(TabularError) as caught:
        read_workbook(data, "broken.csv")
    assert str(caught.value).startswith("CSV 文件第 ")
    assert str(caught.value).endswith(" 行格式错误。")


def test_password_protected_workbook(monkeypatch: pytest.MonkeyPatch) -> None:
    def encrypted(_: object) -> None:
        raise PasswordError("Workbook is password protected")

    monkeypatch.setattr(CalamineWorkbook, "from_filelike", encrypted)
    with pytest.raises(TabularError) as caught:
        read_workbook(xlsx(ROWS), "secret.xlsx")
    assert str(caught.value) == "文件设有密码，请取消密码后重新上传。"


def test_a_workbook_of_chart_sheets_only_has_no_worksheet() -> None:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "={1,2,3}"})
    book.add_chartsheet().set_chart(chart)
    book.close()
    with pytest.raises(TabularError) as caught:
        read_workbook(buffer.getvalue(), "charts.xlsx")
    assert str(caught.value) == "工作簿中没有工作表。"


def test_a_workbook_the_reader_cannot_read_is_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    def damaged(_: object) -> None:
        raise CalamineError("damaged")

    monkeypatch.setattr(CalamineWorkbook, "from_filelike", damaged)
    with pytest.raises(TabularError, match="无法读取该文件"):
        read_workbook(xlsx(ROWS), "damaged.xlsx")
