"""Column specifications: what a sheet's columns are called, how they convert and which are required."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gaoxin.core.tabular.converters import Converter, Text
from gaoxin.core.tabular.labels import label_key
from gaoxin.core.tabular.units import Unit, get_unit
from gaoxin.core.tabular.validation import Validator


@dataclass(frozen=True)
class Column:
    """One column: ``key`` (glossary name), Chinese ``label``, accepted ``aliases``, converter, ``unit``.

    ``unit`` is the canonical unit the values are stored in (e.g. "万元"); a header stating another unit
    of the same family (元, 亿元) is converted. ``help_text`` and ``example`` go into the template's
    instructions sheet.
    """

    key: str
    label: str
    aliases: Sequence[str] = ()
    converter: Converter = field(default_factory=Text)
    required: bool = False
    unit: str | None = None
    help_text: str = ""
    example: object = None

    @property
    def canonical_unit(self) -> Unit | None:
        return None if self.unit is None else get_unit(self.unit)

    @property
    def header(self) -> str:
        """The header written to spreadsheets: the label with its unit, "实缴税金（万元）"."""
        return self.label if self.unit is None else f"{self.label}（{self.unit}）"


@dataclass(frozen=True)
class TableSpec:
    """An ordered set of columns plus the row validators every file of this shape gets."""

    columns: Sequence[Column]
    validators: Sequence[Validator] = ()

    def __post_init__(self) -> None:
        keys: set[str] = set()
        names: dict[str, str] = {}
        for column in self.columns:
            if column.key in keys:
                raise ValueError(f"duplicate column key {column.key!r}")
            keys.add(column.key)
            if column.unit is not None:
                unit = get_unit(column.unit)
                if not column.converter.scalable or unit.family == "ratio":
                    raise ValueError(f"column {column.key!r}: unit {column.unit!r} needs a Number converter")
            for name in (column.label, *column.aliases):
                normalised = label_key(name)
                if names.setdefault(normalised, column.key) != column.key:
                    raise ValueError(f"{name!r} names both {names[normalised]!r} and {column.key!r}")
