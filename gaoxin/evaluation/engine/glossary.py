"""The input columns the engine knows (DOMAIN.md §9) and their types."""

from __future__ import annotations

from enum import StrEnum


class ColumnType(StrEnum):
    NUMBER = "number"
    TEXT = "text"
    BOOL = "bool"
    DATE = "date"


# Yearly figures an indicator may divide; land_mu is also a membership key.
NUMERIC_FIELDS: tuple[str, ...] = (
    "tax",
    "revenue",
    "main_revenue",
    "output_value",
    "value_added",
    "energy_tce",
    "electricity_10k_kwh",
    "emissions_t",
    "rd_expense",
    "employees",
    "land_mu",
)

CREDIT_CODE = "credit_code"
NAME = "name"
LESSOR = "lessor_credit_code"
ABOVE_SCALE = "above_scale"
BELOW_SCALE = "below_scale"

# Keys other than the numeric fields: identity, group keys and the registration date.
STANDARD_COLUMNS: dict[str, ColumnType] = {
    CREDIT_CODE: ColumnType.TEXT,
    NAME: ColumnType.TEXT,
    "scale": ColumnType.TEXT,
    "industry_code": ColumnType.TEXT,
    "park": ColumnType.TEXT,
    LESSOR: ColumnType.TEXT,
    "registration_date": ColumnType.DATE,
    **dict.fromkeys(NUMERIC_FIELDS, ColumnType.NUMBER),
}
