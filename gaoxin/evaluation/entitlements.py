"""What each enterprise gets under the grade policies, given its grade in a run and its published history (the
escalation streaks ``selectors.escalation_streaks`` read)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from gaoxin.evaluation.models import EvaluationResult, GradePolicy


@dataclass(frozen=True)
class Entitlement:
    policy: GradePolicy
    value: Decimal | None
    escalated: bool


def entitlements(
    results: Sequence[EvaluationResult], policies: Sequence[GradePolicy], streaks: set[tuple[int, int]]
) -> dict[int, list[Entitlement]]:
    """Per result id, one entitlement per policy (value None: the grade gets nothing); ``streaks`` holds the
    (policy id, enterprise id) pairs whose escalation grade held in the years the policy needs."""
    table: dict[int, list[Entitlement]] = {}
    for result in results:
        row = []
        for policy in policies:
            escalated = (
                result.grade == policy.escalation_grade and (policy.pk, result.enterprise_id) in streaks
            )
            value = policy.escalation_value if escalated else policy.value_for(result.grade)
            row.append(Entitlement(policy, value, escalated))
        table[result.pk] = row
    return table
