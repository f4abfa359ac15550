""".xls files measured before they are opened: compound files put together here sector by sector, so that each
way a file can be damaged (a bad header, a chain that loops or dangles, a stream shorter than it says, records
cut short) is refused as unreadable, and the sheets' records are walked as the reader walks them."""

from __future__ import annotations

import struct

import pytest

from gaoxin.core.tabular import TabularError
from gaoxin.core.tabular.limits import DEFAULT_LIMITS, ReadLimits
from gaoxin.core.tabular.xls_bounds import SIGNATURE, bounds_xls

END, FREE, FAT_SECTOR, DIFAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFC
UNREADABLE = "无法读取该文件"
BOF, EOF, BOUNDSHEET, NUMBER = 0x0809, 0x000A, 0x0085, 0x0203
ONE_ROW = ReadLimits(max_rows=1)


def record(kind: int, payload: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def cell(row: int, column: int) -> bytes:
    return record(NUMBER, struct.pack("<HHHd", row, column, 0, 1.0))


def workbook_stream(*sheets: bytes, globals_end: bytes = record(EOF)) -> bytes:
    """Globals (a BOUNDSHEET per sheet, pointing at its BOF) then the sheets' records as given."""
    heads = [record(BOUNDSHEET, b"\0" * 8 + f"S{n}".encode()) for n in range(len(sheets))]
    offset = len(record(BOF, b"\0" * 16)) + sum(map(len, heads)) + len(globals_end)
    patched = []
    for n, head in enumerate(heads):
        start = bytearray(head)
        struct.pack_into("<I", start, 4, offset)
        start[4 + 6], start[4 + 7] = 2, 0  # the name: 2 characters, 8-bit
        patched.append(bytes(start))
        offset += len(sheets[n])
    return record(BOF, b"\0" * 16) + b"".join(patched) + globals_end + b"".join(sheets)


def sheet(*records: bytes, end: bool = True) -> bytes:
    return record(BOF, b"\0" * 16) + b"".join(records) + (record(EOF) if end else b"")


def compound(streams: dict[str, bytes], *, cutoff: int = 4096, sizes: dict[str, int] | None = None) -> bytes:
    """A compound file (512-byte sectors): sector 0 the FAT, then the directory, the mini FAT, the mini stream
    (the root's chain) holding the streams under ``cutoff``, then the larger streams. ``sizes`` overrides what
    the directory says of a stream's size."""
    sectors: list[bytes] = []
    fat: list[int] = []

    def chain(data: bytes) -> int:
        if not data:
            return END
        first = len(sectors)
        count = -(-len(data) // 512)
        for n in range(count):
            sectors.append(data[n * 512 : n * 512 + 512].ljust(512, b"\0"))
            fat.append(first + n + 1 if n < count - 1 else END)
        return first

    sectors.append(b"")  # the FAT, filled in at the end
    fat.append(FAT_SECTOR)
    names = list(streams)
    small = {name: data for name, data in streams.items() if len(data) < cutoff}
    mini_stream, mini_fat, starts = b"", [], {}
    for name, data in small.items():
        starts[name] = len(mini_stream) // 64
        count = -(-len(data) // 64)
        mini_fat += [starts[name] + n + 1 if n < count - 1 else END for n in range(count)]
        mini_stream += data.ljust(count * 64, b"\0")
    directory_start = len(sectors)
    directory_size = 128 * (len(names) + 1)
    chain(b"\0" * directory_size)  # placeholder, rewritten below
    mini_fat_start = chain(struct.pack(f"<{len(mini_fat)}I", *mini_fat))
    root_start = chain(mini_stream)
    for name, data in streams.items():
        if name not in small:
            starts[name] = chain(data)

    def entry(name: str, kind: int, start: int, size: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le")
        return struct.pack("<64sHB49xIQ", raw, len(raw), kind, start, size)

    sizes = sizes or {}
    directory = entry("Root Entry", 5, root_start, len(mini_stream)) + b"".join(
        entry(name, 2, starts[name], sizes.get(name, len(streams[name]))) for name in names
    )
    for n in range(-(-len(directory) // 512)):
        sectors[directory_start + n] = directory[n * 512 : n * 512 + 512].ljust(512, b"\0")
    sectors[0] = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    header = bytearray(SIGNATURE + b"\0" * 504)
    struct.pack_into("<HH", header, 30, 9, 6)
    struct.pack_into("<II", header, 44, 1, directory_start)
    struct.pack_into("<IIIII", header, 56, cutoff, mini_fat_start, 1, END, 0)
    struct.pack_into("<109I", header, 76, 0, *[FREE] * 108)
    return bytes(header) + b"".join(sectors)


def refusal(data: bytes, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    with pytest.raises(TabularError) as caught:
        bounds_xls(data, limits)
    return str(caught.value)


def patched(data: bytes, offset: int, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into("<I", out, offset, value)
    return bytes(out)


def test_a_well_formed_file_is_measured_in_its_small_and_large_streams() -> None:
    far = workbook_stream(sheet(cell(0, 0), cell(5, 1)))
    for cutoff in (4096, 0):  # the workbook in the mini stream, then in sectors of its own
        data = compound({"Workbook": far}, cutoff=cutoff)
        bounds_xls(data, ReadLimits(max_rows=6))
        assert "6" in refusal(data, ReadLimits(max_rows=5))


def test_an_encrypted_workbook_asks_for_no_password_it_is_refused() -> None:
    data = compound({"EncryptionInfo": b"\0" * 100, "EncryptedPackage": b"\0" * 100})
    assert "密码" in refusal(data)


def test_a_compound_file_without_a_workbook_stream_is_unreadable() -> None:
    assert refusal(compound({"WordDocument": b"\0" * 100})).startswith(UNREADABLE)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:400],  # shorter than a header
        lambda data: b"\0" * 8 + data[8:],  # not the signature
        lambda data: data[:30] + struct.pack("<H", 10) + data[32:],  # a sector size no file has
        lambda data: patched(data, 48, 100),  # the directory in a sector past the end of the file
        lambda data: patched(data, 48, 5000),  # the directory beyond the FAT
        lambda data: patched(data, 512 + 4, 1),  # the directory's chain loops on itself
    ],
    ids=["short", "signature", "sector-size", "past-the-end", "dangling", "loop"],
)
def test_a_damaged_compound_file_is_unreadable(damage) -> None:  # type: ignore[no-untyped-def]
    data = compound({"Workbook": workbook_stream(sheet(cell(0, 0)))}, cutoff=0)
    assert refusal(damage(data)).startswith(UNREADABLE)


def test_a_stream_shorter_than_the_directory_says_is_unreadable() -> None:
    stream = workbook_stream(sheet(cell(0, 0)))
    assert refusal(compound({"Workbook": stream}, sizes={"Workbook": 10_000})).startswith(UNREADABLE)


def test_fat_sectors_listed_in_a_difat_chain_are_followed() -> None:
    data = bytearray(compound({"Workbook": workbook_stream(sheet(cell(0, 0), cell(3, 0)))}, cutoff=0))
    # the FAT's sector moves from the header's list to a DIFAT sector appended to the file
    count = len(data) // 512 - 1
    difat = struct.pack("<128I", 0, *[FREE] * 126, END)
    fat_offset = 512
    struct.pack_into("<I", data, fat_offset + 4 * count, DIFAT_SECTOR)
    struct.pack_into("<II", data, 68, count, 2)  # a DIFAT chain said to be 2 sectors long, ending after 1
    struct.pack_into("<I", data, 76, FREE)
    moved = bytes(data) + difat
    assert "4" in refusal(moved, ONE_ROW)


def test_the_records_of_a_sheet_are_walked_like_the_reader() -> None:
    chart = (
        record(BOF, b"\0" * 16) + cell(7, 0) + record(EOF)
    )  # a chart inside the sheet: its EOF is not the sheet's
    dimensions = record(
        0x0200, struct.pack("<IIHHH", 0, 60_000, 0, 200, 0)
    )  # what the sheet claims: not counted
    after_chart = workbook_stream(sheet(cell(0, 0), dimensions, chart, cell(9, 0)))
    assert "10" in refusal(compound({"Workbook": after_chart}), ONE_ROW)
    unended = workbook_stream(
        sheet(cell(0, 0), cell(4, 0), end=False)
    )  # the last sheet runs to the stream's end
    assert "5" in refusal(compound({"Workbook": unended}), ONE_ROW)
    run = record(
        0x00BE, struct.pack("<HHHHH", 0, 1, 0, 0, 30)
    )  # MULBLANK: B1 to AE1, the last column at its end
    assert "AE" in refusal(
        compound({"Workbook": workbook_stream(sheet(cell(0, 0), run))}), ReadLimits(max_columns=5)
    )
    cut_short = workbook_stream(sheet(cell(0, 0), cell(4, 0), end=False))[:-3]  # a record cut by the end
    bounds_xls(compound({"Workbook": cut_short}), ONE_ROW)


def test_the_sheets_are_counted_before_any_is_walked() -> None:
    stream = workbook_stream(sheet(cell(0, 0)), sheet(cell(0, 0)), sheet(cell(0, 0)))
    assert refusal(compound({"Workbook": stream}), ReadLimits(max_sheets=2)) == (
        "工作簿有 3 个工作表；一个文件最多读取 2 个工作表。"
    )


def test_globals_without_their_end_still_list_the_sheets() -> None:
    stream = workbook_stream(sheet(cell(0, 0), cell(2, 0), end=False), globals_end=b"")  # no EOF anywhere
    assert "3" in refusal(compound({"Workbook": stream}), ONE_ROW)
