""".xlsx files measured before a reader allocates anything: parts whose local header is missing or wrong,
relationships and sheets that do not match, parts larger than one unpacked chunk (the chunk's cells still count),
cells written with a namespace prefix, and a dimension that names no cell."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable

import pytest

from gaoxin.core.tabular import TabularError
from gaoxin.core.tabular.limits import DEFAULT_LIMITS, ReadLimits
from gaoxin.core.tabular.xlsx_bounds import CHUNK, bounds_xlsx
from gaoxin.testing.hostile_files import inline_cell, minimal_xlsx

UNREADABLE = "无法读取该文件"
ONE_ROW = ReadLimits(max_rows=1, max_ratio=1_000_000)
FIFTH_ROW = (
    b'<row r="1">' + inline_cell("A1", "a") + b'</row><row r="5">' + inline_cell("B5", "b") + b"</row>"
)


def refusal(data: bytes, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    with pytest.raises(TabularError) as caught:
        bounds_xlsx(data, limits)
    return str(caught.value)


def rewritten(
    data: bytes, change: Callable[[str, bytes], bytes], extra: dict[str, bytes] | None = None
) -> bytes:
    """The workbook with each part changed by ``change`` and the ``extra`` parts added, all deflated."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
        for name, body in (extra or {}).items():
            target.writestr(name, body)
    return buffer.getvalue()


def local_header_of(data: bytes, member: str) -> int:
    return zipfile.ZipFile(io.BytesIO(data)).getinfo(member).header_offset


def test_a_part_whose_local_header_is_not_one_is_unreadable() -> None:
    data = bytearray(minimal_xlsx({"S": FIFTH_ROW}))
    data[local_header_of(bytes(data), "xl/workbook.xml") + 2] = 0  # PK\x03\x04 → PK\x00\x04
    assert refusal(bytes(data)).startswith(UNREADABLE)


def test_a_part_whose_local_header_lies_past_the_end_is_unreadable() -> None:
    data = bytearray(minimal_xlsx({"S": FIFTH_ROW}))
    central = data.find(b"PK\x01\x02")
    while central >= 0:  # the central directory's entry of the workbook part points past the end
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == b"xl/workbook.xml":
            struct.pack_into("<I", data, central + 42, len(data) - 10)
        central = data.find(b"PK\x01\x02", central + 4)
    assert refusal(bytes(data)).startswith(UNREADABLE)


def test_sheets_whose_relationships_do_not_match_are_named_by_their_part() -> None:
    def unmatched(name: str, body: bytes) -> bytes:
        if name == "xl/_rels/workbook.xml.rels":  # the first relationship without a target
            return body.replace(b' Target="worksheets/sheet1.xml"', b"", 1)
        if name == "xl/workbook.xml":  # the second sheet names a relationship that does not exist
            return body.replace(b'r:id="rId2"', b'r:id="rId9"')
        return body

    data = rewritten(minimal_xlsx({"甲": FIFTH_ROW, "乙": FIFTH_ROW}), unmatched)
    assert "sheet1.xml" in refusal(data, ONE_ROW)


def test_an_empty_part_is_measured_as_nothing() -> None:
    data = rewritten(minimal_xlsx({"S": FIFTH_ROW}), lambda _name, body: body, {"docProps/custom.xml": b""})
    bounds_xlsx(data, ReadLimits(max_rows=5))
    assert "5" in refusal(data, ONE_ROW)


def test_a_sheet_larger_than_one_chunk_is_scanned_to_its_end() -> None:
    padding = b" " * (2 * CHUNK)  # unpacks to more than one chunk from a single chunk of input
    data = minimal_xlsx({"S": b'<row r="1">' + inline_cell("A1", "a") + b"</row>" + padding + FIFTH_ROW})
    assert "5" in refusal(data, ONE_ROW)


def test_output_the_inflater_holds_after_the_last_input_counts() -> None:
    # just over one chunk of blanks: the input is all read while the last bytes are still held by the inflater
    padding = b" " * (CHUNK + 100 - len(b'<row r="5">' + inline_cell("B5", "b") + b"</row>"))
    data = rewritten(
        minimal_xlsx({"S": FIFTH_ROW}), lambda _name, body: body, {"docProps/padding.xml": padding}
    )
    bounds_xlsx(data, ReadLimits(max_rows=5, max_ratio=1_000_000))


def test_cells_with_a_namespace_prefix_count() -> None:
    prefixed = b'<x:row r="1"><x:c r="A1"/></x:row><x:row r="7"><x:c r="C7"/></x:row>'
    assert "7" in refusal(minimal_xlsx({"S": prefixed}), ONE_ROW)


def test_a_dimension_that_names_no_cell_is_ignored() -> None:
    data = minimal_xlsx({"S": FIFTH_ROW}, dimension="A1:nowhere")
    bounds_xlsx(data, ReadLimits(max_rows=5))
