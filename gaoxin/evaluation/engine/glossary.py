"""The input columns the engine knows (DOMAIN.md §9) and their types."""

from __future__ import annotations

from enum import StrEnum

from gaoxin.enterprises.year_fields import YEAR_FIELDS


class ColumnType(StrEnum):
    NUMBER = "number"
    TEXT = "text"
    BOOL = "bool"
    DATE = "date"


CREDIT_CODE = "credit_code"
NAME = "name"
LESSOR = "lessor_credit_code"
ABOVE_SCALE = "above_scale"
BELOW_SCALE = "below_scale"

# The columns the engine knows: identity, group keys, the registration date and the yearly figures an indicator
# may divide (land_mu is also a membership key).
STANDARD_COLUMNS: dict[str, ColumnType] = {
    CREDIT_CODE: ColumnType.TEXT,
    NAME: ColumnType.TEXT,
    "scale": ColumnType.TEXT,
    "industry_code": ColumnType.TEXT,
    "park": ColumnType.TEXT,
    LESSOR: ColumnType.TEXT,
    "registration_date": ColumnType.DATE,
    **dict.fromkeys(YEAR_FIELDS, ColumnType.NUMBER),
}
