"""Attachments are recognised by content: each accepted kind under its own extensions, nothing under another."""

from __future__ import annotations

import io
import zipfile

import pytest

from gaoxin.core import file_kinds
from gaoxin.testing import sample_files as f

GOOD = [
    ("证明.pdf", f.PDF),
    ("现场.png", f.PNG),
    ("现场.jpg", f.JPEG),
    ("现场.JPEG", f.JPEG),
    ("动图.gif", f.GIF),
    ("照片.webp", f.WEBP),
    ("说明.docx", f.DOCX),
    ("报表.xlsx", f.XLSX),
    ("汇报.pptx", f.PPTX),
    ("旧说明.doc", f.OLE),
    ("旧报表.xls", f.OLE),
    ("电子发票.ofd", f.OFD),
    ("材料.zip", f.ZIP),
    ("材料.zip", f.DOCX),  # an Office file is a ZIP archive too
    ("名单.csv", f.TEXT_UTF8),
    ("名单.csv", f.TEXT_GBK),
    ("说明.txt", "\ufeff说明：附件为完税证明。\r\n".encode()),
]

BAD = [
    ("证明.pdf", f.EXE, "program"),
    ("说明.txt", f.EXE, "program"),
    ("说明.docx", f.EXE, "program"),
    ("报表.xlsx", f.ELF, "program"),
    ("说明.txt", f.SHELL, "program"),
    ("说明.txt", f.HTML, "markup"),
    ("名单.csv", b"  \n<html><body>x</body></html>", "markup"),
    ("现场.png", f.SVG, "markup"),
    ("现场.jpg", f.PNG, "png"),
    ("报表.xlsx", f.DOCX, "docx"),
    ("说明.docx", f.ZIP, "zip"),
    ("旧报表.xls", f.XLSX, "xlsx"),
    ("证明.pdf", f.TEXT_UTF8, "text"),
    ("说明.txt", b"abc\x00def", None),  # NUL: not text
    ("说明.txt", b"\x1b[31mred", None),  # control characters: not text
    ("说明.txt", b"\x80\xff\xfe\x81", None),  # neither UTF-8 nor GBK
    ("说明.docx", b"PK\x03\x04 broken archive", None),
]


@pytest.mark.parametrize(("name", "content"), GOOD)
def test_each_kind_is_accepted_under_its_extension(name, content):
    stream = io.BytesIO(content)
    assert file_kinds.check(name, stream).accepted
    assert stream.tell() == 0  # left where it was, for storing


@pytest.mark.parametrize(("name", "content", "found"), BAD)
def test_content_that_is_not_what_the_extension_says_is_refused(name, content, found):
    verdict = file_kinds.check(name, io.BytesIO(content))
    assert not verdict.accepted
    assert verdict.found == found


@pytest.mark.parametrize("name", ["页面.html", "图.svg", "安装.exe", "脚本.js", "无扩展名", "证明.pdf.exe"])
def test_other_extensions_are_refused_before_reading(name):
    verdict = file_kinds.check(name, io.BytesIO(f.PDF))
    assert not verdict.accepted
    assert verdict.found is None


def test_every_accepted_extension_has_a_download_type():
    assert set(file_kinds.CONTENT_TYPES) == set(file_kinds.ACCEPTED)


def test_a_verdict_says_what_the_extension_expects():
    assert file_kinds.check("方案.docx", io.BytesIO(f.PDF)).expected == frozenset({"docx"})
    assert file_kinds.check("安装.exe", io.BytesIO(f.PDF)).expected == frozenset()


def test_an_office_package_without_a_known_part_is_no_office_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("visio/document.xml", "<x/>")
    assert file_kinds.check("图.docx", buffer).found == "zip"  # a plain archive, not a document
