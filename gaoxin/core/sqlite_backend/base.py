"""The database wrapper named by ``ENGINE = "gaoxin.core.sqlite_backend"`` (see the package's docstring)."""

from __future__ import annotations

import decimal
from collections.abc import Callable
from typing import Any

from django.db.backends.sqlite3 import base, operations

INVALID = decimal.Decimal("NaN")


class DatabaseOperations(operations.DatabaseOperations):
    def get_decimalfield_converter(self, expression: Any) -> Callable[..., Any]:
        strict = super().get_decimalfield_converter(expression)

        def converter(value: Any, expression: Any, connection: Any) -> Any:
            try:
                return strict(value, expression, connection)
            except (decimal.InvalidOperation, TypeError, ValueError):
                return INVALID

        return converter


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
