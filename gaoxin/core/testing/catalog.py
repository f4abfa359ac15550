"""Translations written by a module (its ``MESSAGES_zh.po``) but not merged into the catalog yet, for tests.

A module's Chinese messages are merged into ``gaoxin/locale`` by the lead; until then, tests that check what a
Chinese user reads install them with ``pending_translations`` (entries the catalog has already are left alone).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import trans_real

from gaoxin.core.i18n_check import parse_po


@contextmanager
def pending_translations(*po_files: Path, language: str = "zh-hans") -> Iterator[None]:
    catalog = trans_real.translation(language)._catalog  # type: ignore[attr-defined]
    added = []
    for path in po_files:
        for entry in parse_po(path.read_text(encoding="utf-8")):
            key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
            if entry.msgid and entry.msgid_plural is None and key not in catalog and entry.msgstrs[0]:
                catalog[key] = entry.msgstrs[0]
                added.append(key)
    try:
        yield
    finally:
        top = catalog._catalogs[0]
        for key in added:
            top.pop(key, None)
