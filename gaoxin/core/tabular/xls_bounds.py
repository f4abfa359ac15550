"""Measuring an .xls file (BIFF5/8 in an OLE2 compound file) against ``ReadLimits`` before it is read.

The reader of .xls files builds every sheet's whole used range as soon as the file is opened, so a 6 KB file
with a cell at A1 and one at IV65536 on each of a few sheets takes gigabytes. Here the compound file's
"Workbook" stream is located (a few sector chains, no decompression) and its records walked the way the reader
does: each sheet from the offset its BOUNDSHEET record gives, up to its EOF, taking the row and column of every
cell record. A file whose structure does not hold together is refused as damaged.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator

from gaoxin.core.tabular.errors import TabularError
from gaoxin.core.tabular.limits import PASSWORD, UNREADABLE, Extent, ReadLimits, Tally, too_many_sheets

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LAST_SECTOR = 0xFFFFFFFA  # numbers from here on mark chain ends, free and special sectors
_HEADER = struct.Struct("<30xHH10xII4xIIIII")
_ENTRY = struct.Struct("<64sHB49xIQ")
_RECORD = struct.Struct("<HH")
_CELL = struct.Struct("<HH")

_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
# Records of one cell: FORMULA, the BIFF2–4 INTEGER/NUMBER/LABEL/BOOLERR, BLANK, NUMBER, LABEL, BOOLERR,
# LABELSST, RK, RSTRING; then the records of a run of cells in one row (MULRK, MULBLANK), last column at the end.
_CELL_RECORDS = frozenset({0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0201, 0x0203, 0x0204, 0x0205,
                           0x00FD, 0x027E, 0x00D6})  # fmt: skip
_RUN_RECORDS = frozenset({0x00BD, 0x00BE})


def bounds_xls(data: bytes, limits: ReadLimits) -> None:
    """Raise TabularError when the file is damaged, encrypted as a whole, or would exceed ``limits``."""
    streams = _streams(data)
    if "encryptioninfo" in streams:
        raise TabularError(PASSWORD)  # an encrypted .xlsx is a compound file holding the encrypted package
    workbook = streams.get("workbook") or streams.get("book")
    if workbook is None:
        raise TabularError(UNREADABLE)
    stream = workbook()
    sheets = list(_boundsheets(stream))
    if len(sheets) > limits.max_sheets:
        raise too_many_sheets(len(sheets), limits)
    tally = Tally(limits)
    for offset, name in sheets:
        tally.add(name, _sheet_extent(stream, offset))


class _CompoundFile:
    """Just enough of [MS-CFB] to read one stream: the FAT, the directory, the mini stream."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or data[:8] != SIGNATURE:
            raise TabularError(UNREADABLE)
        shift, mini_shift, fat_count, directory, cutoff, mini_fat, _count, difat, difat_count = (
            _HEADER.unpack_from(data)
        )
        if shift not in (9, 12) or mini_shift != 6:
            raise TabularError(UNREADABLE)
        self.data, self.shift, self.cutoff = data, shift, cutoff
        self.sector_count = len(data) // (1 << shift) - 1
        fat_sectors = list(_numbers(data[76:512]))
        for _step in range(min(difat_count, self.sector_count)):
            if difat >= _LAST_SECTOR:
                break
            numbers = _numbers(self.sector(difat))
            fat_sectors += numbers[:-1]
            difat = numbers[-1]
        fat_sectors = [sector for sector in fat_sectors if sector < _LAST_SECTOR][:fat_count]
        self.fat = _numbers(b"".join(self.sector(sector) for sector in fat_sectors))
        self.directory = self.read(directory)
        self.mini_fat = _numbers(self.read(mini_fat))
        self.root_start = (
            _ENTRY.unpack_from(self.directory)[3] if len(self.directory) >= 128 else _LAST_SECTOR
        )

    def sector(self, number: int) -> bytes:
        if number >= self.sector_count:
            raise TabularError(UNREADABLE)
        start = (number + 1) << self.shift
        return self.data[start : start + (1 << self.shift)]

    @staticmethod
    def chain(start: int, table: array[int]) -> Iterator[int]:
        """The sectors of a chain; a loop (longer than the table) or a dangling link is damage."""
        number = start
        for _step in range(len(table) + 1):
            if number >= _LAST_SECTOR:
                return
            if number >= len(table):
                raise TabularError(UNREADABLE)
            yield number
            number = table[number]
        raise TabularError(UNREADABLE)

    def read(self, start: int) -> bytes:
        return b"".join(self.sector(sector) for sector in self.chain(start, self.fat))

    def read_mini(self, start: int) -> bytes:
        mini_stream = self.read(self.root_start)
        return b"".join(mini_stream[n * 64 : n * 64 + 64] for n in self.chain(start, self.mini_fat))

    def entries(self) -> Iterator[tuple[str, int, int, int]]:
        """(name in lower case, type, first sector, size) of each directory entry."""
        for offset in range(0, len(self.directory) - 127, 128):
            raw_name, name_length, kind, start, size = _ENTRY.unpack_from(self.directory, offset)
            name = raw_name[: max(min(name_length, 64) - 2, 0)].decode("utf-16-le", "replace").lower()
            yield name, kind, start, size & 0xFFFFFFFF if self.shift == 9 else size


def _numbers(raw: bytes) -> array[int]:
    """The little-endian 32-bit numbers of ``raw`` (a trailing part of one ignored), on any machine."""
    return array("I", struct.unpack_from(f"<{len(raw) // 4}I", raw))


def _streams(data: bytes) -> dict[str, _StreamReader]:
    compound = _CompoundFile(data)
    return {
        name: _StreamReader(compound, start, size)
        for name, kind, start, size in compound.entries()
        if kind == 2  # a stream
    }


class _StreamReader:
    def __init__(self, compound: _CompoundFile, start: int, size: int) -> None:
        self.compound, self.start, self.size = compound, start, size

    def __call__(self) -> bytes:
        compound = self.compound
        small = self.size < compound.cutoff
        stream = compound.read_mini(self.start) if small else compound.read(self.start)
        if len(stream) < self.size:
            raise TabularError(UNREADABLE)
        return stream[: self.size]


def _records(stream: bytes, offset: int) -> Iterator[tuple[int, int, int]]:
    """(type, start of data, length) of each record from ``offset`` to the end of the stream."""
    end = len(stream)
    while offset + 4 <= end:
        kind, length = _RECORD.unpack_from(stream, offset)
        start = offset + 4
        if start + length > end:
            return
        yield kind, start, length
        offset = start + length


def _boundsheets(stream: bytes) -> Iterator[tuple[int, str]]:
    """(offset of its BOF, name) of each sheet the workbook globals list."""
    for kind, start, length in _records(stream, 0):
        if kind == _EOF:
            return
        if kind == _BOUNDSHEET and length >= 8:
            offset = struct.unpack_from("<I", stream, start)[0]
            count, flags = stream[start + 6], stream[start + 7]
            raw = stream[start + 8 : start + length]
            name = (
                raw[: count * 2].decode("utf-16-le", "replace")
                if flags & 1
                else raw[:count].decode("latin-1")
            )
            yield offset, name


def _sheet_extent(stream: bytes, offset: int) -> Extent:
    extent = Extent()
    depth = 0  # a chart inside the sheet has its own BOF … EOF
    for kind, start, length in _records(stream, offset):
        if kind == _BOF:
            depth += 1
            continue
        if kind in _CELL_RECORDS and length >= 4:
            row, column = _CELL.unpack_from(stream, start)
        elif kind in _RUN_RECORDS and length >= 6:
            row = _CELL.unpack_from(stream, start)[0]
            column = struct.unpack_from("<H", stream, start + length - 2)[0]
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                break
            continue
        else:
            continue
        extent.rows = max(extent.rows, row + 1)
        extent.columns = max(extent.columns, column + 1)
    return extent
