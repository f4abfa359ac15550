"""Pinyin initials of company names, so users can search ``jxgf`` for 嘉兴光伏….

Chinese characters become the first letter of their pinyin; polyphonic characters are read through
pypinyin's phrase dictionary (重庆 → cq, 长安 → ca, 银行 → yh), which also means a rare reading it does not
know falls back to the most common one (单县 gives d, not s). Latin letters and digits are kept whole and
lower-cased (ABC科技 → abckj); full-width forms count as their half-width equivalents; everything else
(spaces, brackets, ·, -) is dropped.
"""

import unicodedata

from pypinyin import Style, lazy_pinyin


def initials(name: str) -> str:
    """Search key of ``name``: e.g. 嘉兴光伏科技有限公司 → ``jxgfkjyxgs``."""
    pieces = lazy_pinyin(unicodedata.normalize("NFKC", name), style=Style.FIRST_LETTER)
    return "".join(c for piece in pieces for c in piece.lower() if c.isascii() and c.isalnum())
