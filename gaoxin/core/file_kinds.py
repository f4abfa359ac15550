"""What a file is, from its content (magic bytes), and whether that agrees with its name's extension.

Pure: no Django. Used for every attachment users upload (``gaoxin.core.attachments`` is the Django edge), so
that a program or a web page renamed ``.pdf`` or ``.txt`` is refused. No libmagic: the few kinds accepted are
recognised by their signatures; Office Open XML, OFD and ZIP by the names inside the archive (its central
directory only; nothing is decompressed); text as UTF-8 or GBK without NUL bytes and without markup.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from gaoxin.core.messages import gettext_noop

# kind → how a person calls it
LABELS = {
    "pdf": gettext_noop("PDF document"),
    "png": gettext_noop("PNG image"),
    "jpeg": gettext_noop("JPEG image"),
    "gif": gettext_noop("GIF image"),
    "webp": gettext_noop("WebP image"),
    "docx": gettext_noop("Word document"),
    "xlsx": gettext_noop("Excel workbook"),
    "pptx": gettext_noop("PowerPoint presentation"),
    "ole": gettext_noop("Office 97–2003 document"),
    "ofd": gettext_noop("OFD document"),
    "zip": gettext_noop("ZIP archive"),
    "text": gettext_noop("plain text"),
    "program": gettext_noop("a program"),
    "markup": gettext_noop("a web page or script (HTML, SVG, XML)"),
}

# extension → the kinds its content may be
ACCEPTED: dict[str, frozenset[str]] = {
    ".pdf": frozenset({"pdf"}),
    ".png": frozenset({"png"}),
    ".jpg": frozenset({"jpeg"}),
    ".jpeg": frozenset({"jpeg"}),
    ".gif": frozenset({"gif"}),
    ".webp": frozenset({"webp"}),
    ".docx": frozenset({"docx"}),
    ".xlsx": frozenset({"xlsx"}),
    ".pptx": frozenset({"pptx"}),
    ".doc": frozenset({"ole"}),
    ".xls": frozenset({"ole"}),
    ".ppt": frozenset({"ole"}),
    ".ofd": frozenset({"ofd"}),
    ".zip": frozenset({"zip", "docx", "xlsx", "pptx", "ofd"}),
    ".txt": frozenset({"text"}),
    ".csv": frozenset({"text"}),
}
# extension → the media type a download is sent as
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".ofd": "application/ofd",
    ".zip": "application/zip",
    ".txt": "text/plain",
    ".csv": "text/csv",
}
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"MZ", "program"),
    (b"\x7fELF", "program"),
    (b"\xca\xfe\xba\xbe", "program"),  # Mach-O universal, Java class
    (b"\xcf\xfa\xed\xfe", "program"),  # Mach-O 64-bit
    (b"#!", "program"),
)
HEAD_BYTES = 1024
MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)\b", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
OFFICE_PARTS = (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"))


@dataclass(frozen=True)
class Verdict:
    """``found`` is the kind the content is (None: none recognised); ``accepted`` whether the name allows it."""

    suffix: str
    found: str | None
    accepted: bool

    @property
    def expected(self) -> frozenset[str]:
        return ACCEPTED.get(self.suffix, frozenset())


def suffix_of(name: str) -> str:
    return PurePath(name).suffix.lower()


def identify(stream: BinaryIO) -> str | None:
    """The kind of a file's content, read from ``stream`` (seekable; left at its start)."""
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _archive_kind(stream)
    if head.lstrip(b"\t\n\r\x0c ").startswith(b"%PDF-"):
        return "pdf"
    if MARKUP.search(head):
        return "markup"
    return _text_kind(stream)


def _archive_kind(stream: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None
    finally:
        stream.seek(0)
    if "[Content_Types].xml" in names:
        for prefix, kind in OFFICE_PARTS:
            if any(name.startswith(prefix) for name in names):
                return kind
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _text_kind(stream: BinaryIO) -> str | None:
    content = stream.read()
    stream.seek(0)
    if not content or b"\x00" in content:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if CONTROL.search(text) else "text"
    return None


def check(name: str, stream: BinaryIO) -> Verdict:
    suffix = suffix_of(name)
    found = identify(stream) if suffix in ACCEPTED else None
    return Verdict(suffix, found, found is not None and found in ACCEPTED.get(suffix, frozenset()))
