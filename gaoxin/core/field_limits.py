"""The limits of a model field — what its database column can store and what its validators say the value
may mean — and a table spec whose columns keep to the limits of the model fields they fill.

ONE mechanism for every import: a column whose key names a field of the model gets that field's limits at the
check step, so a value the database would refuse (PostgreSQL) or keep and then fail to read (SQLite) is named by
row and column before anything is written, identically on both engines. A new field gets its limits for free;
meaning bounds are declared once, as the field's Min/MaxValueValidators (``core.models.PLAUSIBLE_*``), which
forms and serializers built from the model check too.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

from gaoxin.core.models import LatestValidator
from gaoxin.core.tabular.columns import TableSpec
from gaoxin.core.tabular.converters import Limits

# The integer ranges of the SQL standard types, as PostgreSQL enforces them; SQLite is held to the same.
_INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


def _limit(validator: MinValueValidator | MaxValueValidator | LatestValidator) -> Any:
    value = validator.limit_value
    return value() if callable(value) else value


def _storage(field: models.Field[Any, Any]) -> Limits:
    if isinstance(field, models.DecimalField):
        places = field.decimal_places
        largest = Decimal(10) ** (field.max_digits - places) - Decimal(1).scaleb(-places)
        return Limits(-largest, largest, places)
    if isinstance(field, models.IntegerField):
        low, high = _INTEGER_RANGES.get(field.get_internal_type(), (None, None))
        return Limits(low, high, 0)
    if isinstance(field, models.CharField | models.TextField):
        return Limits(max_length=field.max_length)
    return Limits()


def field_limits(field: models.Field[Any, Any]) -> Limits:
    """The tighter of the column's storage limits and the field's Min/MaxValueValidators (or LatestValidator)."""
    limits = _storage(field)
    low, high = limits.minimum, limits.maximum
    for validator in field.validators:
        if isinstance(validator, MinValueValidator):
            value = _limit(validator)
            low = value if low is None else max(low, value)
        elif isinstance(validator, MaxValueValidator | LatestValidator):
            value = _limit(validator)
            high = value if high is None else min(high, value)
    return replace(limits, minimum=low, maximum=high)


def bounded(spec: TableSpec, model: type[models.Model]) -> TableSpec:
    """``spec`` with every column whose key is a concrete, non-relational field of ``model`` held to its limits."""
    fields = {
        field.name: field
        for field in model._meta.concrete_fields
        if not field.is_relation and not isinstance(field, models.JSONField)
    }
    columns = [
        replace(column, converter=column.converter.within(field_limits(fields[column.key])))
        if column.key in fields
        else column
        for column in spec.columns
    ]
    return TableSpec(columns, spec.validators)
