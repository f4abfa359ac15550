"""Attachments users upload (service requests, stage evidence, objections, data-sheet disputes): one check of
name, size and content, and one way to send them back.

The check (``problem``) refuses a file whose extension is not one of ``file_kinds.ACCEPTED``, that is larger
than ``MAX_BYTES``, or whose content is not what its extension says (a program or web page renamed ``.pdf``);
each service raises the message in its own error type. ``response`` serves a stored attachment through
``downloads.download_response`` as a download with ``X-Content-Type-Options: nosniff``, never for display in the
browser.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, BinaryIO, cast

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _

from gaoxin.core import downloads, file_kinds

MAX_BYTES = 20 * 1024 * 1024


def kinds_accepted() -> str:
    return ", ".join(suffix.lstrip(".") for suffix in file_kinds.ACCEPTED)


def problem(upload: UploadedFile) -> str | None:
    """Why ``upload`` cannot be attached, in the user's language; None when it can."""
    name = PurePath(upload.name or "").name
    suffix = file_kinds.suffix_of(name)
    if suffix not in file_kinds.ACCEPTED:
        return _("“%(name)s” cannot be attached: only %(kinds)s files are accepted.") % {
            "name": name,
            "kinds": kinds_accepted(),
        }
    if (upload.size or 0) > MAX_BYTES:
        return _("“%(name)s” is larger than %(mb)s MB.") % {"name": name, "mb": MAX_BYTES // (1024 * 1024)}
    verdict = file_kinds.check(name, cast(BinaryIO, upload))  # an UploadedFile proxies its binary file
    if verdict.accepted:
        return None
    expected = _(file_kinds.LABELS[sorted(verdict.expected)[0]]) if len(verdict.expected) == 1 else suffix
    if verdict.found is None:
        return _("“%(name)s” is not a valid %(kind)s: its content is damaged or of another kind.") % {
            "name": name,
            "kind": expected,
        }
    return _("“%(name)s” is named as a %(kind)s but its content is %(found)s; it cannot be attached.") % {
        "name": name,
        "kind": expected,
        "found": _(file_kinds.LABELS[verdict.found]),
    }


def response(file: Any, name: str) -> FileResponse:
    """A stored attachment as a download (never shown inline), typed by the kind its content was checked as."""
    content_type = file_kinds.CONTENT_TYPES.get(file_kinds.suffix_of(name), downloads.OCTET_STREAM)
    served = downloads.download_response(file.open("rb"), name, content_type)
    served["X-Content-Type-Options"] = "nosniff"
    return served
