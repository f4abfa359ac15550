"""Small files of each kind an attachment may be, and hostile ones, built in memory for tests."""

from __future__ import annotations

import io
import zipfile

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
GIF = b"GIF89a\x01\x00\x01\x00" + b"\x00" * 10
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode."
)
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 40
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
SHELL = b"#!/bin/sh\nrm -rf ~\n"
TEXT_UTF8 = "统一社会信用代码,企业名称\n91330100MA2B3C4D5E,示例科技有限公司\n".encode()
TEXT_GBK = "企业名称,实缴税金（万元）\n示例科技有限公司,120.5\n".encode("gbk")


def archive(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for name in names:
            zipped.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = archive("[Content_Types].xml", "_rels/.rels", "word/document.xml")
XLSX = archive("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml")
PPTX = archive("[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml")
OFD = archive("OFD.xml", "Doc_0/Document.xml")
ZIP = archive("说明.txt", "照片/现场.jpg")
