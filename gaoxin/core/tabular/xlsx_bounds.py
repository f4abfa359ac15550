"""Measuring an .xlsx/.xlsm file against ``ReadLimits`` before a reader allocates anything for it.

The zip's directory gives the number of parts, their declared sizes and compression ratios; then every part is
unpacked here in bounded chunks (the declared size and checksum verified, so a part cannot unpack to more than
it declares) and the worksheets' XML is scanned for how far their cells reach: the last row and column of any
cell, whatever the sheet's ``<dimension>`` claims (a larger claim counts too). Nothing is kept in memory but a
chunk at a time.
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from operator import itemgetter

from gaoxin.core.messages import Message, gettext_noop
from gaoxin.core.tabular.errors import TabularError
from gaoxin.core.tabular.limits import (
    MB,
    UNREADABLE,
    Extent,
    ReadLimits,
    Tally,
    column_number,
    too_compressed,
    too_large,
    too_many_sheets,
)

MAX_PARTS = 10_000
RATIO_FLOOR = MB  # parts and files smaller than this are not judged by their ratio
CHUNK = MB
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
_LOCAL_HEADER = struct.Struct("<4s22xHH")

_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_TAG = re.compile(_PREFIX + rb"(row|c)(?=[\s/>])([^>]*)>")
_ANY_CELL = re.compile(_PREFIX + rb"c[\s/>]")
_FIRST_REF = re.compile(rb'<c r="([A-Z]{1,8})([0-9]{1,10})"')
_R = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{0,8})\$?([0-9]{0,10})["']""")
_DIMENSION = re.compile(_PREFIX + rb"""dimension\s[^>]*?ref\s*=\s*["']([^"']*)["']""")
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,8})\$?([0-9]{1,10})$")
_SHEET = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet(?=[\s/>])([^>]*)>")
_NAME = re.compile(rb"""\sname\s*=\s*["']([^"']*)["']""")
_RID = re.compile(rb"""\s(?:[\w.-]+:)?id\s*=\s*["']([^"']*)["']""")
_RELATIONSHIP = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship(?=[\s/>])([^>]*)>")
_ID = re.compile(rb"""\sId\s*=\s*["']([^"']*)["']""")
_TARGET = re.compile(rb"""\sTarget\s*=\s*["']([^"']*)["']""")
_CARRY_LIMIT = 64 * 1024  # a tag longer than this is not one a spreadsheet writes


def bounds_xlsx(data: bytes, limits: ReadLimits) -> None:
    """Raise TabularError when the workbook is damaged or would exceed ``limits``; return when it may be read."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise TabularError(UNREADABLE) from error
    if len(parts) > MAX_PARTS:
        raise TabularError(
            Message(
                gettext_noop(
                    "The file holds %(count)s parts; a workbook that can be read holds at most %(limit)s."
                ),
                {"count": f"{len(parts):,}", "limit": f"{MAX_PARTS:,}"},
            )
        )
    unpacked = sum(part.file_size for part in parts)
    packed = sum(part.compress_size for part in parts)
    if unpacked > limits.max_unpacked_bytes:
        raise too_large(limits)
    for part in parts:
        if part.file_size > RATIO_FLOOR and part.file_size > limits.max_ratio * max(part.compress_size, 1):
            raise too_compressed(part.file_size / max(part.compress_size, 1), limits)
    if unpacked > RATIO_FLOOR and unpacked > limits.max_ratio * max(packed, 1):
        raise too_compressed(unpacked / max(packed, 1), limits)
    names = {part.filename: part for part in parts}
    if "xl/workbook.xml" not in names:
        raise TabularError(UNREADABLE)  # not an Excel 2007+ workbook (.xlsb, .ods or some other zip)
    declared, sheet_names = _sheet_names(data, names)
    if declared > limits.max_sheets:
        raise too_many_sheets(declared, limits)
    tally = Tally(limits)
    for part in parts:
        extent = _scan(data, part)
        if extent is not None:
            tally.add(sheet_names.get(part.filename, posixpath.basename(part.filename)), extent)


def _sheet_names(data: bytes, names: dict[str, zipfile.ZipInfo]) -> tuple[int, dict[str, str]]:
    """How many sheets the workbook declares, and their names by the path of their part."""
    workbook = b"".join(_unpack(data, names["xl/workbook.xml"]))
    declared = [element for element in _SHEET.findall(workbook) if _NAME.search(element)]
    rels = names.get("xl/_rels/workbook.xml.rels")
    targets: dict[bytes, str] = {}
    for element in _RELATIONSHIP.findall(b"".join(_unpack(data, rels)) if rels else b""):
        id_, target = _ID.search(element), _TARGET.search(element)
        if id_ and target:
            path = html.unescape(target.group(1).decode("utf-8", "replace"))
            path = path.lstrip("/") if path.startswith("/") else posixpath.normpath(f"xl/{path}")
            targets[id_.group(1)] = path
    sheets = {}
    for element in declared:
        name, rid = _NAME.search(element), _RID.search(element)
        if name and rid and rid.group(1) in targets:
            sheets[targets[rid.group(1)]] = html.unescape(name.group(1).decode("utf-8", "replace"))
    return len(declared), sheets


def _unpack(data: bytes, part: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes, a chunk at a time; TabularError when it is encrypted, packed in a way a workbook is not,
    or unpacks to other than it declares."""
    if part.flag_bits & 0x1 or part.compress_type not in (_STORED, _DEFLATED):
        raise TabularError(UNREADABLE)
    header = data[part.header_offset : part.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise TabularError(UNREADABLE)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise TabularError(UNREADABLE)
    start = part.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    raw = memoryview(data)[start : start + part.compress_size]
    produced, crc = 0, 0
    for chunk in _inflate(raw) if part.compress_type == _DEFLATED else _slices(raw):
        produced += len(chunk)
        if produced > part.file_size:
            raise TabularError(UNREADABLE)  # more than declared: the declared sizes cannot be trusted
        crc = zlib.crc32(chunk, crc)
        yield chunk
    if produced != part.file_size or crc != part.CRC:
        raise TabularError(UNREADABLE)


def _slices(raw: memoryview) -> Iterator[bytes]:
    for offset in range(0, len(raw), CHUNK):
        yield bytes(raw[offset : offset + CHUNK])


def _inflate(raw: memoryview) -> Iterator[bytes]:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for offset in range(0, len(raw), CHUNK):
            chunk = inflater.decompress(raw[offset : offset + CHUNK], CHUNK)
            while True:
                if chunk:
                    yield chunk
                if not inflater.unconsumed_tail:
                    break
                chunk = inflater.decompress(inflater.unconsumed_tail, CHUNK)
        rest = inflater.flush()
    except zlib.error as error:
        raise TabularError(UNREADABLE) from error
    if rest:
        yield rest


def _scan(data: bytes, part: zipfile.ZipInfo) -> Extent | None:
    """How far the cells of the part reach, if it is a worksheet (it has ``<sheetData>``); else None.

    Where every cell names its place (``r="B7"``, as every writer does), the places are collected by regular
    expressions alone; a chunk with cells placed by their order is walked tag by tag.
    """
    extent = Extent()
    is_sheet = False
    place = [0, 0]  # the row and column of the last cell, for cells that follow it without a reference
    carry = b""
    for chunk in _unpack(data, part):
        text = carry + chunk
        cut = text.rfind(b"<")
        if cut < 0 or len(text) - cut > _CARRY_LIMIT:
            cut = len(text)
        if not is_sheet:  # the sheet's <dimension> comes before its <sheetData>
            declared = _DIMENSION.search(text, 0, cut)
            if declared:
                _declared(declared.group(1), extent)
            is_sheet = text.find(b"sheetData", 0, cut) >= 0
        if _unprefixed(text, cut):
            cells = text.count(b"<c ", 0, cut) + text.count(b"<c>", 0, cut) + text.count(b"<c/>", 0, cut)
            refs = _FIRST_REF.findall(text, 0, cut)
        else:
            cells, refs = len(_ANY_CELL.findall(text, 0, cut)), []
        if cells and len(refs) == cells:  # every cell names its place, as every writer does
            extent.rows = max(extent.rows, max(map(int, set(map(itemgetter(1), refs)))))
            letters = set(map(itemgetter(0), refs))
            extent.columns = max(extent.columns, max(map(column_number, map(bytes.decode, letters))))
            place[:] = [int(refs[-1][1]), column_number(refs[-1][0].decode())]
        elif cells:
            _walk(text, cut, extent, place)
        carry = text[cut:]
    return extent if is_sheet else None


def _unprefixed(text: bytes, cut: int) -> bool:
    """No cell tag with a namespace prefix (``<x:c>``) up to ``cut``: the fast literal patterns see them all."""
    return text.find(b":c", 0, cut) < 0 or all(text.find(tag, 0, cut) < 0 for tag in (b":c ", b":c>", b":c/"))


def _walk(text: bytes, cut: int, extent: Extent, place: list[int]) -> None:
    """Tag by tag: a cell without a reference takes the next column of its row."""
    row, column = place
    for match in _TAG.finditer(text, 0, cut):
        ref = _R.search(match.group(2))
        if match.group(1) == b"row":
            row = int(ref.group(2)) if ref and ref.group(2) else row + 1
            column = 0
            continue
        letters, digits = (ref.group(1), ref.group(2)) if ref else (b"", b"")
        column = column_number(letters.decode()) if letters else column + 1
        extent.rows = max(extent.rows, int(digits) if digits else max(row, 1))
        extent.columns = max(extent.columns, column)
    place[:] = [row, column]


def _declared(ref: bytes, extent: Extent) -> None:
    """Widen the extent to what the sheet's ``<dimension ref="A1:XFD1048576">`` claims."""
    last = ref.decode("ascii", "replace").split(":")[-1]
    match = _CELL_REF.match(last)
    if match:
        extent.columns = max(extent.columns, column_number(match.group(1)))
        extent.rows = max(extent.rows, int(match.group(2)))
