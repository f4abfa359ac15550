"""The worked examples of docs/scheme-format.md, run: scheme, data and results must agree with the engine."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from gaoxin.evaluation.engine import evaluate, parse_scheme

DOC = Path(__file__).resolve().parents[4] / "docs" / "scheme-format.md"
EXAMPLE = re.compile(r"<!-- example: (\w+) -->\s*```toml\n(.*?)```(.*?)(?=<!-- example|\Z)", re.S)


def _cell(text: str) -> object:
    text = text.strip()
    if text in ("—", ""):
        return None
    if text in ("true", "false"):
        return text == "true"
    try:
        return float(text)
    except ValueError:
        return text


def _tables(text: str) -> list[pl.DataFrame]:
    tables = []
    for block in re.findall(r"((?:^\|.*\|\n)+)", text, re.M):
        lines = [line.strip().strip("|").split("|") for line in block.strip().splitlines()]
        names = [name.strip() for name in lines[0]]
        rows = [[_cell(cell) for cell in line] for line in lines[2:]]
        tables.append(pl.DataFrame(rows, schema=names, orient="row", strict=False))
    return tables


EXAMPLES = {
    name: (toml, _tables(rest)) for name, toml, rest in EXAMPLE.findall(DOC.read_text(encoding="utf-8"))
}


def test_the_document_has_its_examples() -> None:
    assert set(EXAMPLES) == {"ratio", "rules"}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_worked_example(name: str) -> None:
    toml, (data, expected) = EXAMPLES[name]
    if "registration_date" in data.columns:
        data = data.with_columns(pl.col("registration_date").str.to_date())
    result = evaluate(data, parse_scheme(toml)).frame.select(expected.columns)
    for column in expected.columns:
        if result.schema[column].is_numeric():
            result = result.with_columns(pl.col(column).cast(pl.Float64))
    assert result.rows() == expected.rows()
