"""Workbooks whose zip parts are stored, packed another way, damaged or too many are measured or refused."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from gaoxin.core.tabular import TabularError, read_workbook
from gaoxin.core.tabular.tests.workbooks import xlsx
from gaoxin.core.tabular.xlsx_bounds import MAX_PARTS

ROWS = [["企业名称", "税收"], ["甲公司", 1], ["乙公司", 2]]
UNREADABLE = "无法读取该文件"


def repacked(compression: int, change: Callable[[str, bytes], bytes] = lambda _name, body: body) -> bytes:
    """The workbook of ROWS with every part packed by ``compression`` after ``change``."""
    source = zipfile.ZipFile(io.BytesIO(xlsx(ROWS)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
    return buffer.getvalue()


def test_stored_parts_are_read() -> None:
    [sheet] = read_workbook(repacked(zipfile.ZIP_STORED), "stored.xlsx")
    assert sheet.rows[2][0] == "乙公司"


def test_parts_packed_otherwise_than_a_workbook_are_refused() -> None:
    with pytest.raises(TabularError, match=UNREADABLE):
        read_workbook(repacked(zipfile.ZIP_BZIP2), "bzip2.xlsx")


def test_a_part_whose_content_does_not_match_its_checksum_is_refused() -> None:
    data = repacked(zipfile.ZIP_STORED)
    damaged = data.replace(b"<sheetData>", b"<sheetDatb>", 1)
    assert damaged != data
    with pytest.raises(TabularError, match=UNREADABLE):
        read_workbook(damaged, "crc.xlsx")


def test_a_damaged_deflate_stream_is_refused() -> None:
    data = bytearray(repacked(zipfile.ZIP_DEFLATED))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename.encode())
    data[start : start + 8] = b"\xff" * 8
    with pytest.raises(TabularError, match=UNREADABLE):
        read_workbook(bytes(data), "deflate.xlsx")


def test_a_file_of_too_many_parts_is_refused_by_their_count() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(MAX_PARTS + 1):
            archive.writestr(f"p{number}", b"")
    with pytest.raises(TabularError) as caught:
        read_workbook(buffer.getvalue(), "parts.xlsx")
    assert "10,001" in str(caught.value)


def test_parts_each_too_small_to_judge_are_judged_together() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(3):
            archive.writestr(f"xl/part{number}.xml", b"\0" * 900_000)  # each below the 1 MB floor
    with pytest.raises(TabularError) as caught:
        read_workbook(buffer.getvalue(), "bomb.xlsx")
    assert str(caught.value).startswith("文件压缩比为 ")
    assert str(caught.value).endswith("超过电子表格可能达到的 100 比 1，疑为压缩炸弹，不予读取。")


def test_a_part_without_markup_is_no_sheet_and_the_workbook_is_read() -> None:
    source = zipfile.ZipFile(io.BytesIO(xlsx(ROWS)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr("xl/notes.txt", "no markup at all")
    [sheet] = read_workbook(buffer.getvalue(), "notes.xlsx")
    assert sheet.rows[1][0] == "甲公司"
