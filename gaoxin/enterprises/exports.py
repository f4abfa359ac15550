"""The registry to Excel, in exactly the shapes the imports read (export → import changes nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from gaoxin.core.tabular.writing import write_xlsx
from gaoxin.enterprises.imports.specs import ENTERPRISES, YEARS
from gaoxin.enterprises.models import YEAR_FIELDS, Enterprise, EnterpriseYear

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_JOINER = "、"


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def enterprise_rows(enterprises: QuerySet[Enterprise]) -> Iterator[dict[str, Any]]:
    chains: dict[int, list[str]] = {}
    through = Enterprise.chains.through.objects.filter(enterprise__in=enterprises.order_by()).values_list(
        "enterprise_id", "chain__name"
    )
    for enterprise_id, name in through.order_by("chain__sort_order", "chain__code"):
        chains.setdefault(enterprise_id, []).append(name)
    for e in enterprises.select_related("park").iterator(chunk_size=2000):
        yield {
            "credit_code": e.credit_code,
            "name": e.name,
            "legal_representative": e.legal_representative,
            "address": e.address,
            "industry_code": e.industry_code,
            "scale": e.scale,
            "registered_on": e.registered_on,
            "park": e.park.name if e.park else None,
            "chains": LIST_JOINER.join(chains.get(e.pk, [])) or None,
            "status": e.status,
            "contact_name": e.contact_name,
            "contact_phone": e.contact_phone,
            "contact_email": e.contact_email,
            "former_names": LIST_JOINER.join(e.former_names) or None,
        }


def year_rows(years: QuerySet[EnterpriseYear]) -> Iterator[dict[str, Any]]:
    for row in (
        years.select_related("enterprise")
        .order_by("enterprise__credit_code", "year")
        .iterator(chunk_size=5000)
    ):
        yield {
            "credit_code": row.enterprise.credit_code,
            "name": row.enterprise.name,
            "year": row.year,
            **{name: getattr(row, name) for name in YEAR_FIELDS},
        }


def export_enterprises(enterprises: QuerySet[Enterprise]) -> bytes:
    return write_xlsx(ENTERPRISES, enterprise_rows(enterprises), sheet_name="企业名录")


def export_years(years: QuerySet[EnterpriseYear]) -> bytes:
    return write_xlsx(YEARS, year_rows(years), sheet_name="年度数据")


def enterprises_response(enterprises: QuerySet[Enterprise]) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx_response(export_enterprises(enterprises), f"企业名录-{stamp}.xlsx")
