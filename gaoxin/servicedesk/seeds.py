"""The request categories of DOMAIN §5 and the default time limits of DOMAIN §5.2, as shipped.

The data migration (0002, which keeps its own frozen copy) stores them; ``ensure_defaults`` stores them again into a database that lost them (flushed,
or built without the migrations' data). Afterwards they are the administrator's to change.
"""

from __future__ import annotations

from django.db import transaction

from gaoxin.core import changelog
from gaoxin.servicedesk.deadlines import NORMAL_LIMITS, URGENT_LIMITS
from gaoxin.servicedesk.models import Category, SlaPolicy

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("policy", "政策咨询"),
    ("land", "要素保障—土地"),
    ("electricity", "要素保障—用电"),
    ("energy", "要素保障—用能"),
    ("financing", "融资"),
    ("talent", "人才用工"),
    ("approval", "审批"),
    ("infrastructure", "基础设施"),
    ("other", "其他"),
)
SIMPLE_RESOLVE_DAYS = 5  # a policy question
COMPLEX_RESOLVE_DAYS = 15  # a land question


@transaction.atomic
@changelog.acting(by=None)  # the system stores them
def ensure_defaults() -> None:
    if Category.objects.exists():
        return
    categories = {
        code: Category.objects.create(code=code, name=name, sort_order=position * 10)
        for position, (code, name) in enumerate(CATEGORIES, 1)
    }
    if SlaPolicy.objects.exists():
        return
    SlaPolicy.objects.create(urgency="normal", **SlaPolicy.fields_for(NORMAL_LIMITS))
    SlaPolicy.objects.create(urgency="urgent", **SlaPolicy.fields_for(URGENT_LIMITS))
    normal = SlaPolicy.fields_for(NORMAL_LIMITS)
    SlaPolicy.objects.create(
        category=categories["policy"], urgency="normal", **{**normal, "resolve_days": SIMPLE_RESOLVE_DAYS}
    )
    SlaPolicy.objects.create(
        category=categories["land"], urgency="normal", **{**normal, "resolve_days": COMPLEX_RESOLVE_DAYS}
    )
