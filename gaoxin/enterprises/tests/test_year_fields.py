"""One list of the yearly figures: the registry, its import and export, the evaluation engine and the demo agree."""

from __future__ import annotations

from django.utils import translation

from gaoxin.demo.figures import SOURCES_ABOVE_SCALE, SOURCES_BELOW_SCALE
from gaoxin.demo.plan import plan_registry
from gaoxin.enterprises import figures
from gaoxin.enterprises.imports.specs import YEARS
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation.engine import columns
from gaoxin.evaluation.engine.glossary import STANDARD_COLUMNS, ColumnType

NOT_FIGURES = {"id", "created_at", "updated_at", "enterprise", "year", "sources", "confirmed_fields"}


def test_the_registry_stores_exactly_the_yearly_figures_in_their_order() -> None:
    stored = [field.name for field in EnterpriseYear._meta.concrete_fields if field.name not in NOT_FIGURES]
    assert stored == list(YEAR_FIELDS)


def test_the_yearly_import_reads_every_figure_and_the_registry_shows_each_with_its_unit() -> None:
    imported = [column.key for column in YEARS.columns if column.key not in {"credit_code", "name", "year"}]
    assert imported == list(YEAR_FIELDS)
    assert set(figures.DECIMALS) <= set(YEAR_FIELDS)
    with translation.override("zh-hans"):  # the unit is said once, by the label: 用地面积（亩）
        labels = {name: str(EnterpriseYear._meta.get_field(name).verbose_name) for name in YEAR_FIELDS}
    assert [name for name, label in labels.items() if not label.endswith("）")] == ["employees"]  # persons


def test_the_engine_knows_every_figure_as_a_number_with_its_chinese_names() -> None:
    numbers = [name for name, kind in STANDARD_COLUMNS.items() if kind is ColumnType.NUMBER]
    assert numbers == list(YEAR_FIELDS)
    assert set(YEAR_FIELDS) <= set(columns.LABELS)
    assert set(columns.UNITS) == set(YEAR_FIELDS) - {"employees"}


def test_the_demo_generates_and_sources_every_figure() -> None:
    assert list(plan_registry(40, seed=1).figures) == list(YEAR_FIELDS)
    assert list(SOURCES_ABOVE_SCALE) == list(YEAR_FIELDS)
    assert set(SOURCES_BELOW_SCALE) == set(YEAR_FIELDS)
