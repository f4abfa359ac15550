"""What an import reports back: the sheet read, the rows found and valid, each problem by row and column, what
was written. The import pages and the worker's job show it through ``as_dict``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gaoxin.core.tabular.errors import CellError

SHOWN_ERRORS = 500  # a page of problems is enough to fix a file; the count says how many there are


@dataclass
class ImportReport:
    filename: str
    kind: str = ""
    sheet: str = ""
    total_rows: int = 0
    valid_rows: int = 0
    errors: list[CellError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fatal: list[str] = field(default_factory=list)
    written: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.fatal and not self.errors

    def as_dict(self, *, error_limit: int = SHOWN_ERRORS) -> dict[str, Any]:
        """JSON-safe, for a page or a job's result; each problem's message without the row and column, which
        stand in their own fields."""
        return {
            "kind": self.kind,
            "filename": self.filename,
            "sheet": _storable(self.sheet),
            "total_rows": self.total_rows,
            "valid_rows": self.valid_rows,
            "error_count": len(self.errors),
            "errors": [
                {
                    "row": e.row,
                    "column": _storable(e.column_label),
                    "message": _storable(str(e.message)),
                    "value": _storable(_shown(e.value)),
                }
                for e in self.errors[:error_limit]
            ],
            "notes": [_storable(note) for note in self.notes],
            "fatal": [_storable(problem) for problem in self.fatal],
            "written": self.written,
            "counts": self.counts,
        }


def _shown(value: object) -> str:
    return "" if value is None else str(value)[:100]


def _storable(text: str | None) -> str | None:
    """The text with NUL shown as U+FFFD: the report is kept as JSON, and PostgreSQL refuses NUL in JSON text."""
    return None if text is None else text.replace("\x00", "\ufffd")
