"""JSON for recorded values: numbers exactly and without trailing zeros, dates in ISO form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


class ChangeEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return format(o.normalize(), "f")
        return super().default(o)
