"""The default stages of a lead, the reasons to pause or end one, and the rules, as shipped (DOMAIN §6).

Migration 0002 stores a frozen copy; ``ensure_defaults`` stores what is missing again into a database that lost
them (flushed, or built without the migrations' data). Afterwards they are the bureau's to change.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from gaoxin.core import changelog
from gaoxin.investment.choices import StageMilestone, StopKind
from gaoxin.investment.models import InvestmentRules, LeadStage, StopReason

# code, name, expected working days, probability of signing (%), milestone
STAGES: tuple[tuple[str, str, int | None, int, str], ...] = (
    ("lead", "线索", 10, 5, ""),
    ("contact", "接洽", 20, 10, ""),
    ("inspection", "考察", 20, 20, ""),
    ("negotiation", "洽谈", 40, 35, ""),
    ("admission", "准入评审", 15, 60, StageMilestone.ADMISSION),
    ("signed", "签约", 60, 100, StageMilestone.SIGNING),
    ("landed", "注册落地", 40, 100, StageMilestone.LANDING),
    ("project", "转为项目", None, 100, StageMilestone.CONVERSION),
)
STOP_REASONS: tuple[tuple[str, str], ...] = (
    ("选址他处", StopKind.END),
    ("资金不足", StopKind.BOTH),
    ("不符合准入", StopKind.END),
    ("政策不匹配", StopKind.BOTH),
    ("投资方战略调整", StopKind.BOTH),
    ("等待土地或厂房", StopKind.PAUSE),
    ("其他", StopKind.BOTH),
)


@transaction.atomic
@changelog.acting(by=None)  # the system stores them
def ensure_defaults() -> None:
    for position, (code, name, workdays, probability, milestone) in enumerate(STAGES, 1):
        LeadStage.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "sort_order": position * 10,
                "expected_workdays": workdays,
                "probability": Decimal(probability),
                "milestone": milestone,
            },
        )
    for position, (name, applies_to) in enumerate(STOP_REASONS, 1):
        StopReason.objects.get_or_create(
            name=name, defaults={"applies_to": applies_to, "sort_order": position}
        )
    if not InvestmentRules.objects.exists():
        InvestmentRules.objects.create()
