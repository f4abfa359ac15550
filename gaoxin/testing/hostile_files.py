"""Hostile and careless spreadsheet files, built in code for the tests of every upload and import.

Each builder returns the bytes of one file; ``catalogue(rows)`` gives them all by name with the filename to
upload them under. ``rows`` is a table whose first row is a header the import at hand recognises, so that the
files that are readable (formulas, extreme numbers, NUL, odd encodings) reach the checks past the reader.
Nothing here is large: the bombs are a few kilobytes that claim or unpack to a lot.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

import xlsxwriter
import xlwt

Rows = Sequence[Sequence[object]]

EXTREME_NUMBERS = ("1e15", "1e20", "1e308", "-1e308", "1e400", "inf", "-inf", "nan", "NaN", "-0", "1e-320")


@dataclass(frozen=True)
class HostileFile:
    filename: str
    data: bytes
    must_refuse: bool  # refused by the reader whatever the import; else the checks may refuse it or accept it


def xlsx(rows: Rows, *, sheet: str = "Sheet1", formulas: bool = False) -> bytes:
    """A plain workbook; with ``formulas`` a text cell starting with ``=`` is written as a formula."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": formulas, "nan_inf_to_errors": True}
    )
    worksheet = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                worksheet.write(r, c, value)
    book.close()
    return out.getvalue()


def sparse_xlsx(rows: Rows = (("A",),)) -> bytes:
    """``rows`` and one more cell at XFD1048576: two kilobytes whose used range is 17 billion cells."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    worksheet = book.add_worksheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                worksheet.write(r, c, value)
    worksheet.write(1_048_575, 16_383, "x")
    book.close()
    return out.getvalue()


def minimal_xlsx(sheets: dict[str, bytes], *, dimension: str = "") -> bytes:
    """A workbook put together by hand from each sheet's ``<sheetData>`` content (no styles, no shared strings),
    so that the sheet XML can be anything; ``dimension`` is what each sheet claims as its used range."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            'main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        entries = "".join(
            f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>' for n, name in enumerate(sheets, start=1)
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships"><sheets>{entries}</sheets></workbook>',
        )
        relationships = "".join(
            f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(sheets) + 1)
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships">{relationships}</Relationships>',
        )
        for n, content in enumerate(sheets.values(), start=1):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", _worksheet(content, dimension))
    return out.getvalue()


def _worksheet(sheet_data: bytes, dimension: str = "") -> bytes:
    declared = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main">' + declared + b"<sheetData>" + sheet_data + b"</sheetData></worksheet>"
    )


def inline_cell(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def lying_dimension_xlsx() -> bytes:
    """A sheet that declares A1:A1 and has a cell at XFD1048576 all the same."""
    far = b'<row r="1048576">' + inline_cell("XFD1048576", "x") + b"</row>"
    return minimal_xlsx(
        {"Sheet1": b'<row r="1">' + inline_cell("A1", "a") + b"</row>" + far}, dimension="A1:A1"
    )


def no_reference_xlsx(columns: int) -> bytes:
    """One row of ``columns`` cells without ``r`` attributes: their places come from their order."""
    return minimal_xlsx(
        {"Sheet1": b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * columns + b"</row>"}
    )


def many_sheets_xlsx(count: int) -> bytes:
    return minimal_xlsx({f"S{n}": b'<row r="1">' + inline_cell("A1", "a") + b"</row>" for n in range(count)})


def ratio_bomb_xlsx(megabytes: int = 8) -> bytes:
    """A sheet padded with megabytes of blanks that pack to a few kilobytes (ratio about 1,000 to 1)."""
    padding = b" " * (megabytes << 20)
    return minimal_xlsx({"Sheet1": b'<row r="1">' + inline_cell("A1", "a") + b"</row>" + padding})


def declared_size_xlsx(size: int) -> bytes:
    """A small workbook whose zip directory claims its sheet unpacks to ``size`` bytes."""
    return _patch_sizes(xlsx([["a"]]), "xl/worksheets/sheet1.xml", size)


def _patch_sizes(data: bytes, member: str, size: int) -> bytes:
    """The zip with ``member``'s uncompressed size replaced in its local header and in the central directory."""
    patched = bytearray(data)
    name = member.encode()
    local = patched.find(b"PK\x03\x04")
    while local >= 0:
        name_length = struct.unpack_from("<H", patched, local + 26)[0]
        if patched[local + 30 : local + 30 + name_length] == name:
            struct.pack_into("<I", patched, local + 22, size)
        local = patched.find(b"PK\x03\x04", local + 4)
    central = patched.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", patched, central + 28)[0]
        if patched[central + 46 : central + 46 + name_length] == name:
            struct.pack_into("<I", patched, central + 24, size)
        central = patched.find(b"PK\x01\x02", central + 4)
    return bytes(patched)


def sparse_xls(sheets: int = 1) -> bytes:
    """Cells at A1 and IV65536 on each sheet: six kilobytes that open as 16.7 million cells per sheet."""
    book = xlwt.Workbook(encoding="utf-8")
    for n in range(sheets):
        worksheet = book.add_sheet(f"S{n}")
        worksheet.write(0, 0, "a")
        worksheet.write(65535, 255, "b")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls(rows: Rows) -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    worksheet = book.add_sheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                worksheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv(rows: Rows, *, encoding: str = "utf-8") -> bytes:
    text = "\r\n".join(",".join("" if v is None else str(v) for v in row) for row in rows) + "\r\n"
    return text.encode(encoding, errors="replace")


def catalogue(rows: Rows) -> list[HostileFile]:
    """Every hostile file, the readable ones built around ``rows`` (a header and at least one data row)."""
    header, first = list(rows[0]), list(rows[1])
    extreme = [header, *([*first[:-1], value] for value in EXTREME_NUMBERS)]
    formulas = [header, [*("=1+1" if n else value for n, value in enumerate(first))]]
    with_nul = [header, [f"{value}\x00" if isinstance(value, str) else value for value in first]]
    return [
        HostileFile("sparse.xlsx", sparse_xlsx(rows), True),
        HostileFile("lying_dimension.xlsx", lying_dimension_xlsx(), True),
        HostileFile("wide_without_references.xlsx", no_reference_xlsx(5_000), True),
        HostileFile("many_sheets.xlsx", many_sheets_xlsx(2_000), True),
        HostileFile("ratio_bomb.xlsx", ratio_bomb_xlsx(), True),
        HostileFile("claims_300mb.xlsx", declared_size_xlsx(300 << 20), True),
        HostileFile("claims_less.xlsx", declared_size_xlsx(100), True),
        HostileFile("truncated.xlsx", xlsx(rows)[:700], True),
        HostileFile("sparse.xls", sparse_xls(), True),
        HostileFile("renamed.xlsx", b"MZ\x90\x00" + bytes(range(256)) * 8, True),
        HostileFile("renamed_pdf.xls", b"%PDF-1.4\n" + bytes(500), True),
        HostileFile("empty.csv", b"", True),
        HostileFile("utf16.csv", csv(rows, encoding="utf-16"), True),
        HostileFile("wide_line.csv", b",".join([b"x"] * 100_000) + b"\r\n", True),
        HostileFile("huge_field.csv", csv(rows) + b'"' + b"x" * 300_000 + b'"\r\n', True),
        HostileFile("junk_gbk.csv", csv(rows, encoding="gbk") + bytes(range(128, 256)) + b"\r\n", True),
        HostileFile("nul.csv", csv(with_nul), False),
        HostileFile("nul.xlsx", xlsx(with_nul), False),
        HostileFile("formulas.csv", csv(formulas), False),
        HostileFile("formulas.xlsx", xlsx(formulas, formulas=True), False),
        HostileFile("extreme_numbers.csv", csv(extreme), False),
        HostileFile(
            "extreme_numbers.xlsx", xlsx([header, *([*first[:-1], float(v)] for v in EXTREME_NUMBERS)]), False
        ),
        HostileFile(
            "extreme_numbers.xls",
            xls([header, *([*first[:-1], float(v)] for v in EXTREME_NUMBERS[:4])]),
            False,
        ),
    ]
