"""GB/T 4754-2017 industrial classification (国民经济行业分类): lookups over the shipped code table.

Four levels: section (门类, a letter A-T), division (大类, 2 digits), group (中类, 3 digits) and class
(小类, 4 digits). A group that is not subdivided has exactly one class, its code followed by "0" and
with the same name (e.g. 019 / 0190 其他农业). Enterprises store the 4-digit class code.

The table and where it comes from are described in ``data/README.md``.
"""

import csv
import enum
import functools
from dataclasses import dataclass
from importlib import resources

_DATA_FILE = "gbt4754_2017.csv"
MANUFACTURING_SECTION = "C"


class IndustryLevel(enum.StrEnum):
    SECTION = "section"
    DIVISION = "division"
    GROUP = "group"
    CLASS = "class"


_LEVEL_BY_DIGITS = {2: IndustryLevel.DIVISION, 3: IndustryLevel.GROUP, 4: IndustryLevel.CLASS}


@dataclass(frozen=True, slots=True)
class IndustryCode:
    code: str
    name: str
    level: IndustryLevel
    section: str
    division: str | None  # None for a section

    @property
    def label(self) -> str:
        """How the code is shown in lists and dropdowns: ``3825 光伏设备及元器件制造``."""
        return f"{self.code} {self.name}"


@functools.cache
def _table() -> dict[str, IndustryCode]:
    """Code -> entry, in the order of the standard: each section is followed by everything below it."""
    text = (
        resources.files("gaoxin.enterprises")
        .joinpath("data")
        .joinpath(_DATA_FILE)
        .read_text(encoding="utf-8")
    )
    table: dict[str, IndustryCode] = {}
    section = ""
    for row in csv.DictReader(text.splitlines()):
        code, level = row["code"], IndustryLevel(row["level"])
        if level is IndustryLevel.SECTION:
            section = code
        table[code] = IndustryCode(
            code=code,
            name=row["name"],
            level=level,
            section=section,
            division=None if level is IndustryLevel.SECTION else code[:2],
        )
    return table


def all_codes() -> tuple[IndustryCode, ...]:
    """Every entry of the table, in the order of the standard."""
    return tuple(_table().values())


def lookup(code: str) -> IndustryCode | None:
    return _table().get(code)


def name(code: str) -> str | None:
    entry = lookup(code)
    return entry.name if entry else None


def is_valid_class(code: str) -> bool:
    """True for a 4-digit class (小类) code of the table, the level enterprises are classified at."""
    entry = lookup(code)
    return entry is not None and entry.level is IndustryLevel.CLASS


def section_of(code: str) -> str | None:
    entry = lookup(code)
    return entry.section if entry else None


def is_manufacturing(code: str) -> bool:
    """True for section C (制造业, divisions 13-43) and any code below it."""
    return section_of(code) == MANUFACTURING_SECTION


def normalize_code(raw: str) -> str:
    """Canonical form of an imported code: whitespace removed, upper-case, and a correct section letter
    prefix dropped (``C3825`` -> ``3825``, as many registers write it). A wrong prefix is kept, so the
    result fails lookup instead of being silently corrected.
    """
    code = "".join(raw.split()).upper()
    if len(code) > 2 and code[0].isalpha() and code[1:].isdigit() and section_of(code[1:]) == code[0]:
        return code[1:]
    return code


def _parent_code(entry: IndustryCode) -> str | None:
    if entry.level is IndustryLevel.SECTION:
        return None
    if entry.level is IndustryLevel.DIVISION:
        return entry.section
    return entry.code[:-1]


def path(code: str) -> tuple[IndustryCode, ...]:
    """The chain from the section down to ``code`` (门类 › 大类 › 中类 › 小类); empty if unknown."""
    chain: list[IndustryCode] = []
    current = lookup(code)
    while current is not None:
        chain.append(current)
        parent = _parent_code(current)
        current = lookup(parent) if parent else None
    return tuple(reversed(chain))


def choices(level: IndustryLevel, *, within: str | None = None) -> list[tuple[str, str]]:
    """(code, label) pairs of one level, in table order, for form dropdowns.

    ``within`` restricts them to the descendants of a code of a higher level (e.g. the classes of
    division 38); an unknown ``within`` gives an empty list.
    """
    if within is not None and lookup(within) is None:
        return []
    return [
        (entry.code, entry.label)
        for entry in _table().values()
        if entry.level is level and (within is None or within in (p.code for p in path(entry.code)[:-1]))
    ]
