"""Pinyin of company names: initials, so users can search ``jxgf`` for 嘉兴光伏…, and a sort key, so lists
order names as Chinese readers expect (安 before 北 before 长), not by code point.

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


SORT_KEY_LENGTH = 600


def sort_key(name: str) -> str:
    """Key that orders names by their toneless pinyin, syllable by syllable: 安徽 ``an hui`` < 昂立 ``ang li`` <
    北京 ``bei jing``. Latin letters and digits are kept, lower-cased; other characters are dropped."""
    pieces = lazy_pinyin(unicodedata.normalize("NFKC", name), style=Style.NORMAL)
    words = ("".join(c for c in piece.lower() if c.isascii() and c.isalnum()) for piece in pieces)
    return " ".join(word for word in words if word)[:SORT_KEY_LENGTH]
