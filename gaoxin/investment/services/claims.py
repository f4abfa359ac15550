"""Duplicate claims (撞单) disputed and settled, and leads merged (DOMAIN §6).

An officer whose lead is a duplicate by the claim rule (registered while another lead held the investor) may raise
a dispute against the holder; the bureau head decides — the holder keeps the investor, or the claimant takes it —
with reasons, in the change log. The losing lead is then merged into the winning one, or handed over to the
winner's officer or team.

Merging (the bureau only) keeps both histories on the survivor: the moves, the activities, the admission reviews,
and the referral when only the merged lead had one; the merged lead is marked ``merged_into`` and leaves the lists.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.investment import permissions
from gaoxin.investment.choices import DisputeDecision
from gaoxin.investment.models import ClaimDispute, Lead, LeadActivity, LeadAdmission, LeadMove, Referral
from gaoxin.investment.selectors import claims as claim_reads


class Outcome(StrEnum):
    """What happens to the losing lead of a dispute."""

    MERGE = "merge"
    HAND_OVER = "hand_over"


@transaction.atomic
def dispute_raise(*, claimant: Lead, statement: str, by: User, on: dt.date | None = None) -> ClaimDispute:
    """The owner of a duplicate lead disputes the holder's claim to the investor."""
    if not permissions.may_edit(by, claimant):
        raise PermissionDenied
    status = claim_reads.claim_status(claimant)
    errors: dict[str, str] = {}
    if not status.is_duplicate or status.holder is None:
        errors["statement"] = _(
            "This lead is not a duplicate of another lead's claim: there is nothing to dispute."
        )
    elif status.pending_dispute is not None:
        errors["statement"] = _(
            "A dispute about this lead is already waiting for the bureau head's decision."
        )
    if not statement.strip():
        errors["statement"] = _("State why the investor should be yours.")
    if errors:
        raise ValidationError(errors)
    assert status.holder is not None
    dispute = ClaimDispute(
        holder=status.holder,
        claimant=claimant,
        raised_by=by,
        raised_on=on or timezone.localdate(),
        statement=statement.strip(),
    )
    dispute.full_clean()
    with changelog.acting(by=by):
        dispute.save()
    return dispute


@transaction.atomic
def dispute_decide(
    *, dispute: ClaimDispute, decision: str, note: str, outcome: str, by: User, on: dt.date | None = None
) -> ClaimDispute:
    """The bureau head's decision with its reasons; the losing lead is merged into the winning one or handed over
    to its owner."""
    if not permissions.may_settle_disputes(by):
        raise PermissionDenied
    dispute = ClaimDispute.objects.select_for_update().get(pk=dispute.pk)
    errors: dict[str, str] = {}
    if dispute.decision != DisputeDecision.PENDING:
        errors["decision"] = _("This dispute has already been decided.")
    elif decision not in (DisputeDecision.HOLDER_KEEPS, DisputeDecision.CLAIMANT_TAKES):
        errors["decision"] = _("Decide who keeps the investor.")
    if outcome not in tuple(Outcome):
        errors["outcome"] = _("Say whether the losing lead is merged or handed over.")
    if not note.strip():
        errors["note"] = _("State the reasons for the decision.")
    if errors:
        raise ValidationError(errors)
    dispute.decision = decision
    dispute.decision_note = note.strip()
    dispute.decided_by = by
    dispute.decided_on = on or timezone.localdate()
    with changelog.acting(by=by, note=dispute.decision_note):
        dispute.save()
    holder, claimant = dispute.holder, dispute.claimant
    winner, loser = (holder, claimant) if decision == DisputeDecision.HOLDER_KEEPS else (claimant, holder)
    reason = _("Duplicate-claim dispute decided: %(note)s") % {"note": dispute.decision_note}
    if outcome == Outcome.MERGE:
        lead_merge(survivor=winner, other=loser, by=by, note=reason)
    else:
        hand_over(lead=loser, to=winner, by=by, note=reason)
    return dispute


@transaction.atomic
def hand_over(*, lead: Lead, to: Lead, by: User, note: str) -> Lead:
    """The lead passes to the officer, team and unit of ``to`` (the bureau only)."""
    if not permissions.is_bureau(by):
        raise PermissionDenied
    lead.officer, lead.team, lead.responsible_unit = to.officer, to.team, to.responsible_unit
    with changelog.acting(by=by, note=note):
        lead.save()
    return lead


@transaction.atomic
def lead_merge(*, survivor: Lead, other: Lead, by: User, note: str = "") -> Lead:
    """Merge ``other`` into ``survivor`` (the bureau only): the survivor keeps both histories."""
    if not permissions.is_bureau(by):
        raise PermissionDenied
    survivor = Lead.objects.select_for_update().get(pk=survivor.pk)
    other = Lead.objects.select_for_update().get(pk=other.pk)
    errors: dict[str, str] = {}
    if survivor.pk == other.pk:
        errors["survivor"] = _("A lead cannot be merged into itself.")
    elif survivor.merged_into_id is not None or other.merged_into_id is not None:
        errors["survivor"] = _("A lead already merged into another cannot be merged again.")
    elif survivor.project_id is not None and other.project_id is not None:
        errors["survivor"] = _("Both leads became projects: they cannot be merged.")
    if errors:
        raise ValidationError(errors)
    note = note.strip() or _("Merged into %(code)s") % {"code": survivor.code}
    LeadMove.objects.filter(lead=other).update(lead=survivor)
    LeadAdmission.objects.filter(lead=other).update(lead=survivor)
    with changelog.acting(by=by, note=note):
        for activity in LeadActivity.objects.filter(lead=other):
            activity.lead = survivor
            activity.save()
        referral = Referral.objects.filter(lead=other).first()
        if referral is not None and not Referral.objects.filter(lead=survivor).exists():
            referral.lead = survivor
            referral.save()
        if other.project_id is not None:
            project, other.project = other.project, None
            other.save()
            survivor.project = project
        if survivor.enterprise_id is None:
            survivor.enterprise_id = other.enterprise_id
        survivor.next_action_on = min(
            (d for d in (survivor.next_action_on, other.next_action_on) if d is not None), default=None
        )
        survivor.save()
        other.merged_into = survivor
        other.save()
    return survivor
