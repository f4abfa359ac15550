"""Every file the platform hands out (xlsx, docx, pdf, csv, attachments) leaves through ``download_response``.

The Content-Disposition follows RFC 6266: ``filename*=UTF-8''…`` carries the real (usually Chinese) name, and
``filename="…"`` an ASCII fallback for the rare client that cannot read the former. Names are cleaned of path
separators, quotes and control characters first, so a stored attachment name cannot break the header.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from pathlib import PurePosixPath
from typing import BinaryIO, overload
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"
OCTET_STREAM = "application/octet-stream"
_TYPES = {".xlsx": XLSX, ".docx": DOCX, ".pdf": PDF, ".csv": CSV}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/]')
_NOT_PLAIN_ASCII = re.compile(r"[^A-Za-z0-9._()\- ]+")


@overload
def download_response(
    content: bytes, filename: str, content_type: str | None = None, *, inline: bool = False
) -> HttpResponse: ...


@overload
def download_response(
    content: BinaryIO, filename: str, content_type: str | None = None, *, inline: bool = False
) -> FileResponse: ...


def download_response(
    content: bytes | BinaryIO, filename: str, content_type: str | None = None, *, inline: bool = False
) -> HttpResponse | FileResponse:
    """``content`` (bytes, or an open binary file, which is streamed and closed) offered as ``filename``.

    The content type follows the name's suffix unless given; ``inline`` shows it in the browser (a PDF)
    instead of saving it.
    """
    name = clean_filename(filename)
    content_type = content_type or content_type_of(name)
    response: HttpResponse | FileResponse
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = FileResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name, inline=inline)
    return response


def content_disposition(filename: str, *, inline: bool = False) -> str:
    name = clean_filename(filename)
    fallback = ascii_fallback(name)
    header = f'{"inline" if inline else "attachment"}; filename="{fallback}"'
    if fallback != name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header


def clean_filename(filename: str) -> str:
    """The last part of ``filename`` with no control characters, quotes or slashes; "download" if nothing is left."""
    name = _UNSAFE.sub("_", filename.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return name or "download"


def ascii_fallback(filename: str) -> str:
    """An ASCII name for old clients: accents dropped, other letters left out ("企业名录-2026.xlsx" →
    "2026.xlsx"), "download" when no letter or digit of the stem is left."""
    path = PurePosixPath(filename)
    suffix = path.suffix if path.suffix.isascii() else ""
    stem = filename[: len(filename) - len(suffix)] if suffix else filename
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    plain = _NOT_PLAIN_ASCII.sub("_", plain)
    plain = re.sub(r"_+", "_", plain).strip("_-. ")
    if not any(char.isalnum() for char in plain):
        plain = "download"
    return plain + _NOT_PLAIN_ASCII.sub("", suffix)


def content_type_of(filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or OCTET_STREAM
