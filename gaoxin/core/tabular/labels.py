"""Normalising header text so that "实缴税金\n（万元）", "* 实缴税金 (万元)" and "实缴税金【万元】" compare equal."""

from __future__ import annotations

import unicodedata

_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")", "＊": "*"})
# Parenthesised notes that mark a column as required or optional, not a unit.
_MARKERS = frozenset({"必填", "选填", "非必填", "可选", "必填项", "选填项"})


def label_key(text: str) -> str:
    """Comparable form of a header: NFKC, no whitespace, lower case, brackets unified, markers removed.

    A leading or trailing "*" (required marker) and "(必填)"-style notes are dropped.
    """
    key = "".join(unicodedata.normalize("NFKC", text).translate(_BRACKETS).split()).lower()
    key = key.strip("*:")
    while key.endswith(")"):
        start = key.rfind("(")
        if start < 0 or key[start + 1 : -1] not in _MARKERS:
            break
        key = key[:start].rstrip("*")
    return key


def split_suffix(key: str) -> tuple[str, str] | None:
    """Split a normalised header into (label, unit text): "税收(元)" and "营业收入/亿元" both work."""
    if key.endswith(")"):
        start = key.rfind("(")
        if start > 0:
            return key[:start], key[start + 1 : -1]
    elif "/" in key:
        start = key.rfind("/")
        if 0 < start < len(key) - 1:
            return key[:start], key[start + 1 :]
    return None
