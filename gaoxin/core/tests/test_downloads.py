"""Downloads: one helper, an RFC 6266 Content-Disposition that carries Chinese names and an ASCII fallback."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest

import gaoxin
from gaoxin.core.downloads import XLSX, content_disposition, download_response


def test_a_chinese_name_has_an_ascii_fallback_and_the_utf8_name() -> None:
    response = download_response(b"PK", "企业名录-2026-12-07.xlsx")
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        "attachment; filename=\"2026-12-07.xlsx\"; filename*=UTF-8''"
        "%E4%BC%81%E4%B8%9A%E5%90%8D%E5%BD%95-2026-12-07.xlsx"
    )
    assert response.content == b"PK"


def test_a_name_with_no_ascii_letter_falls_back_to_download() -> None:
    header = content_disposition("评价附加数据导入模板.xlsx")
    assert (
        header
        == f"attachment; filename=\"download.xlsx\"; filename*=UTF-8''{quote('评价附加数据导入模板.xlsx')}"
    )


def test_an_ascii_name_needs_no_extended_parameter() -> None:
    assert content_disposition("P-001 card.pdf", inline=True) == 'inline; filename="P-001 card.pdf"'


@pytest.mark.parametrize(
    ("stored", "fallback"),
    [
        ('a"b\r\nSet-Cookie: x=1.pdf', "a_b_Set-Cookie_ x_1.pdf"),
        ("uploads/2026/../../etc/passwd", "passwd"),
        ("C:\\Users\\报告.docx", "download.docx"),
        ("Résumé;.txt", "Resume.txt"),
        ("...", "download"),
    ],
)
def test_stored_names_cannot_break_the_header(stored: str, fallback: str) -> None:
    header = content_disposition(stored)
    assert re.fullmatch(
        r'attachment; filename="[A-Za-z0-9._() -]+"(; filename\*=UTF-8\'\'[A-Za-z0-9%._~-]+)?', header
    )
    assert header.split('"')[1] == fallback
    assert "\r" not in header
    assert "\n" not in header


def test_a_file_is_streamed_with_its_type_from_the_name() -> None:
    response = download_response(io.BytesIO(b"%PDF-1.7"), "公示.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue() == b"%PDF-1.7"
    assert response["Content-Disposition"].startswith('attachment; filename="download.pdf"; filename*=')


def test_no_response_builds_its_own_content_disposition() -> None:
    package = Path(gaoxin.__file__).parent
    elsewhere = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "downloads.py"
        and re.search(r"Content-Disposition|FileResponse\(|as_attachment", path.read_text(encoding="utf-8"))
    ]
    assert elsewhere == []
