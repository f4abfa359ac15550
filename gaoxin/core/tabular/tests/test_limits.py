"""What a file may make the reader do is measured from the file before it is read, against ReadLimits."""

from __future__ import annotations

import pytest

from gaoxin.core.tabular import TabularError, read_workbook
from gaoxin.core.tabular.limits import (
    DEFAULT_LIMITS,
    Extent,
    ReadLimits,
    Tally,
    column_letters,
    column_number,
)
from gaoxin.core.tabular.tests.workbooks import csv_bytes, xls, xlsx
from gaoxin.testing import hostile_files as hostile

SMALL = ReadLimits(max_rows=3, max_columns=2, max_cells=6, max_sheets=2)


def refusal(data: bytes, filename: str, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    with pytest.raises(TabularError) as caught:
        read_workbook(data, filename, limits)
    return str(caught.value)


def test_a_sparse_sheet_reaching_xfd1048576_is_refused_stating_the_limits() -> None:
    data = hostile.sparse_xlsx()
    assert len(data) < 8_000
    assert refusal(data, "sparse.xlsx") == (
        "工作表“Sheet1”的范围达到第 1,048,576 行、第 XFD 列；每个工作表最多 200,000 行、200 列。"
        "请删除表格以外的内容（包括设置了格式的空行、空列），或将文件拆分后再上传。"
    )


def test_the_cells_count_whatever_the_dimension_claims() -> None:
    assert "第 1,048,576 行、第 XFD 列" in refusal(hostile.lying_dimension_xlsx(), "lie.xlsx")
    one_cell = {"S": b'<row r="1">' + hostile.inline_cell("A1", "a") + b"</row>"}
    assert read_workbook(hostile.minimal_xlsx(one_cell, dimension="A1"), "one.xlsx")[0].rows == [["a"]]
    claims_more = hostile.minimal_xlsx(one_cell, dimension="A1:ZZ900000")
    assert "第 900,000 行、第 ZZ 列" in refusal(claims_more, "claims.xlsx")


def test_cells_without_references_are_placed_by_their_order() -> None:
    assert "第 1 行、第 GS 列" in refusal(hostile.no_reference_xlsx(201), "wide.xlsx")
    [sheet] = read_workbook(hostile.no_reference_xlsx(200), "wide.xlsx")
    assert len(sheet.rows[0]) == 200


def test_sheets_cells_and_rows_within_small_limits() -> None:
    three_by_two = [["a", "b"], ["c", "d"], ["e", "f"]]
    for data, name in (
        (xlsx(three_by_two), "ok.xlsx"),
        (xls(three_by_two), "ok.xls"),
        (csv_bytes(three_by_two, "utf-8"), "ok.csv"),
    ):
        [sheet] = read_workbook(data, name, SMALL)
        assert len(sheet.rows) == 3
        assert "第 4 行" in refusal(
            {"ok.xlsx": xlsx, "ok.xls": xls}.get(name, lambda rows: csv_bytes(rows, "utf-8"))(
                [*three_by_two, ["g", "h"]]
            ),
            name,
            SMALL,
        )
    assert refusal(hostile.many_sheets_xlsx(3), "three.xlsx", SMALL) == (
        "工作簿有 3 个工作表；一个文件最多读取 2 个工作表。"
    )
    assert "合计 8 个单元格" in refusal(
        hostile.minimal_xlsx(
            {
                "A": b'<row r="2">' + hostile.inline_cell("B2", "x") + b"</row>",
                "B": b'<row r="2">' + hostile.inline_cell("B2", "x") + b"</row>",
            }
        ),
        "two.xlsx",
        ReadLimits(max_rows=3, max_columns=2, max_cells=6),
    )


def test_sparse_xls_is_refused_before_it_is_opened() -> None:
    assert "第 65,536 行、第 IV 列" in refusal(hostile.sparse_xls(3), "sparse.xls")
    assert refusal(hostile.sparse_xls(3), "sparse.xls", ReadLimits(max_sheets=2)) == (
        "工作簿有 3 个工作表；一个文件最多读取 2 个工作表。"
    )


def test_compression_bombs_and_lying_sizes() -> None:
    assert refusal(hostile.ratio_bomb_xlsx(), "bomb.xlsx").startswith("文件压缩比为 ")
    assert refusal(hostile.declared_size_xlsx(300 << 20), "big.xlsx") == (
        "文件解压后超过 200 MB；最多读取 200 MB。请将文件拆分后再上传。"
    )
    assert refusal(hostile.declared_size_xlsx(100), "less.xlsx").startswith("无法读取该文件")
    assert refusal(b"a,b\n" * 100, "big.csv", ReadLimits(max_unpacked_bytes=0)).startswith(
        "文件解压后超过 0 MB"
    )


@pytest.mark.parametrize("name", ["truncated.xlsx", "renamed.xlsx", "renamed_pdf.xls"])
def test_damaged_and_renamed_files(name: str) -> None:
    [found] = [f for f in hostile.catalogue([["a", "b"], ["c", "d"]]) if f.filename == name]
    assert refusal(found.data, name).startswith("无法读取该文件")


def test_a_wide_csv_line_is_refused_once_it_passes_the_limit() -> None:
    assert "第 1 行、第 EQXD 列" in refusal(b",".join([b"x"] * 100_000), "wide.csv")


def test_column_letters_round_trip() -> None:
    for number, letters in ((1, "A"), (26, "Z"), (27, "AA"), (200, "GR"), (16_384, "XFD")):
        assert column_letters(number) == letters
        assert column_number(letters) == number


def test_too_many_sheets_are_refused_as_they_are_counted() -> None:
    tally = Tally(ReadLimits(max_sheets=1))
    tally.add("一", Extent(1, 1))
    with pytest.raises(TabularError) as caught:
        tally.add("二", Extent(1, 1))
    assert str(caught.value) == "工作簿有 2 个工作表；一个文件最多读取 1 个工作表。"
