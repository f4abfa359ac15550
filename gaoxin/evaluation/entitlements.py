"""What each enterprise gets under the grade policies, given its grade in a run and its published history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from gaoxin.evaluation.choices import RunStatus
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, GradePolicy


@dataclass(frozen=True)
class Entitlement:
    policy: GradePolicy
    value: Decimal | None
    escalated: bool


def _streaks(
    run: EvaluationRun, policies: Sequence[GradePolicy], enterprise_ids: Sequence[int]
) -> set[tuple[int, int]]:
    """(policy id, enterprise id) pairs whose escalation grade held in each of the previous years needed."""
    found: set[tuple[int, int]] = set()
    for policy in policies:
        if not policy.escalation_grade or not policy.escalation_years:
            continue
        years = range(run.year - policy.escalation_years + 1, run.year)
        held = EvaluationResult.objects.filter(
            run__status=RunStatus.PUBLISHED,
            run__year__in=list(years),
            grade=policy.escalation_grade,
            enterprise_id__in=list(enterprise_ids),
        ).values_list("enterprise_id", "run__year")
        years_held: dict[int, set[int]] = {}
        for enterprise_id, year in held:
            years_held.setdefault(enterprise_id, set()).add(year)
        found |= {(policy.pk, e) for e, held_years in years_held.items() if held_years >= set(years)}
    return found


def entitlements(
    run: EvaluationRun, results: Sequence[EvaluationResult], policies: Sequence[GradePolicy]
) -> dict[int, list[Entitlement]]:
    """Per result id, one entitlement per policy (value None: the grade gets nothing)."""
    streaks = _streaks(run, policies, [result.enterprise_id for result in results])
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
