"""Recording the notices sent about leads (``stale_scan`` tells people what these record)."""

from __future__ import annotations

from gaoxin.investment.models import Lead, StaleNotice


def stale_notices_record(leads: list[Lead]) -> list[Lead]:
    """Record a notice for each stale lead not yet told of its present stay in its stage, and return those leads:
    the ones to tell now. A notice recorded already (or at the same moment by another scan) is not recorded twice."""
    told = set(
        StaleNotice.objects.filter(lead__in=[lead.pk for lead in leads]).values_list(
            "lead_id", "stage_id", "stage_since"
        )
    )
    new = [lead for lead in leads if (lead.pk, lead.stage_id, lead.stage_since) not in told]
    StaleNotice.objects.bulk_create(
        [StaleNotice(lead=lead, stage_id=lead.stage_id, stage_since=lead.stage_since) for lead in new],
        ignore_conflicts=True,
    )
    return new
