"""Leads: register, edit, move between stages, pause, end and resume, log activities — dated, attributed, in the
change log (DOMAIN §6).

Moves follow the configured stages like the projects' (``core.stage_moves``): the next stage is ordinary, skipping
or moving back needs a reason; a move is dated the day it happened, not in the future and not before the previous
move. A lead reaches the signing only through an admission review (the stage counting as signing is refused while
the lead has no admitting review, the one review mechanism of ``projects`` serving leads too). Pausing and
ending need a configured reason; an ended lead is closed, a paused one resumes in the stage it stood in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.core.stage_moves import MoveKind, move_kind
from gaoxin.investment import duplicates, permissions
from gaoxin.investment.choices import LeadStatus, StageMilestone, StopKind
from gaoxin.investment.models import Lead, LeadActivity, LeadMove, LeadStage, StopReason
from gaoxin.investment.selectors import admission


def next_code(year: int) -> str:
    """The next lead number of the year: ZS2026-0001, ZS2026-0002 …"""
    prefix = f"ZS{year}-"
    last = Lead.objects.filter(code__startswith=prefix).aggregate(last=Max("code"))["last"]
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _check_figures(lead: Lead) -> None:
    """Related figures agree: fixed-asset investment within the total; a US-dollar figure with its rate."""
    errors: dict[str, str] = {}
    if (
        lead.total_investment is not None
        and lead.fixed_asset_investment is not None
        and lead.fixed_asset_investment > lead.total_investment
    ):
        errors["fixed_asset_investment"] = _("The fixed-asset investment cannot exceed the total investment.")
    if lead.foreign_investment_usd is not None and lead.exchange_rate is None:
        errors["exchange_rate"] = _("State the exchange rate used for the foreign investment.")
    if lead.officer_id is None and lead.team_id is None:
        errors["officer"] = _("Name the responsible officer or the responsible team.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def lead_create(*, data: Mapping[str, Any], by: User, on: dt.date | None = None) -> Lead:
    """Register a lead (全员招商: any officer), in the first active stage unless ``data["stage"]`` says otherwise;
    registered on ``on`` (today). An officer who is not of the bureau owns what they register."""
    if not permissions.may_register(by):
        raise PermissionDenied
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"registered_on": _("The date cannot be in the future.")})
    values = dict(data)
    values.setdefault("stage", LeadStage.objects.filter(is_active=True).first())
    if not permissions.is_bureau(by):
        values["officer"] = by
    lead = Lead(**values)
    lead.registered_by = by
    lead.registered_on = on
    lead.stage_since = on
    lead.code = next_code(on.year)
    lead.investor_key = duplicates.normalised_investor(lead.investor_name)
    lead.full_clean(exclude=["code"])
    _check_figures(lead)
    with changelog.acting(by=by):
        lead.save()
    LeadMove.objects.create(lead=lead, to_stage=lead.stage, on=on, by=by, reason=_("Registered"))
    return lead


@transaction.atomic
def lead_update(*, lead: Lead, data: Mapping[str, Any], by: User) -> dict[str, list[Any]]:
    """Edit a lead's fields (the stage and status change only through moves); returns the changed fields. Only
    the bureau hands a lead to another officer or team."""
    if not permissions.may_edit(by, lead):
        raise PermissionDenied
    if "stage" in data and data["stage"] != lead.stage:
        raise ValidationError({"stage": _("Change the stage by recording a move.")})
    hands_over = any(
        name in data and data[name] != getattr(lead, name) for name in ("officer", "team", "responsible_unit")
    )
    if hands_over and not permissions.is_bureau(by):
        raise PermissionDenied
    for name, value in data.items():
        setattr(lead, name, value)
    lead.investor_key = duplicates.normalised_investor(lead.investor_name)
    lead.full_clean()
    _check_figures(lead)
    changed = changelog.unsaved_changes(lead)
    with changelog.acting(by=by):
        lead.save()
    return changed


def _latest_move(lead: Lead) -> LeadMove | None:
    return lead.moves.order_by("-on", "-id").first()


def _check_date(lead: Lead, on: dt.date) -> dict[str, str]:
    if on > timezone.localdate():
        return {"on": _("The date cannot be in the future.")}
    previous = _latest_move(lead)
    if previous is not None and on < previous.on:
        return {
            "on": _("The date cannot be before the lead's previous move (%(date)s).")
            % {"date": formats.date_format(previous.on, "DATE_FORMAT")}
        }
    return {}


def _passes_signing(lead: Lead, to_stage: LeadStage) -> bool:
    signing = LeadStage.objects.filter(milestone=StageMilestone.SIGNING).first()
    return (
        signing is not None
        and (lead.stage.sort_order, lead.stage.code) < (signing.sort_order, signing.code)
        and (to_stage.sort_order, to_stage.code) >= (signing.sort_order, signing.code)
    )


@transaction.atomic
def move(*, lead: Lead, to_stage: LeadStage, on: dt.date, by: User, reason: str = "") -> LeadMove:
    """Move an active lead to ``to_stage`` on ``on`` (the day it happened); skipping stages or moving back needs a
    ``reason``; reaching the signing needs what ``require_before_signing`` checks (an approved admission review)."""
    if not permissions.may_edit(by, lead):
        raise PermissionDenied
    lead = Lead.objects.select_for_update().select_related("stage").get(pk=lead.pk)
    reason = reason.strip()
    errors: dict[str, str] = {}
    kind = MoveKind.FORWARD
    if lead.status != LeadStatus.ACTIVE:
        errors["to_stage"] = _("The lead is paused or ended: resume it first.")
    elif to_stage.pk == lead.stage_id:
        errors["to_stage"] = _("The lead is already in this stage.")
    elif not to_stage.is_active:
        errors["to_stage"] = _("This stage is no longer in use.")
    else:
        kind = move_kind(list(LeadStage.objects.filter(is_active=True)), lead.stage, to_stage)
        if kind is MoveKind.SKIP and not reason:
            errors["reason"] = _(
                "%(stage)s is not the next stage after %(current)s: state why stages are skipped."
            ) % {"stage": to_stage.name, "current": lead.stage.name}
        elif kind is MoveKind.BACK and not reason:
            errors["reason"] = _("%(stage)s comes before %(current)s: state why the lead moves back.") % {
                "stage": to_stage.name,
                "current": lead.stage.name,
            }
        elif _passes_signing(lead, to_stage) and not admission.passed(lead):
            errors["to_stage"] = _(
                "A lead is signed only after an admission review admitted it: open the review first."
            )
    errors |= _check_date(lead, on)
    if errors:
        raise ValidationError(errors)
    moved = LeadMove.objects.create(
        lead=lead,
        from_stage=lead.stage,
        to_stage=to_stage,
        kind=kind.value,
        on=on,
        reason=reason if kind is not MoveKind.FORWARD else "",
        by=by,
    )
    lead.stage = to_stage
    lead.stage_since = on
    with changelog.acting(by=by, note=reason):
        lead.save()
    return moved


def _stop(
    lead: Lead, status: LeadStatus, kind: StopKind, reason: StopReason, note: str, on: dt.date, by: User
) -> LeadMove:
    if not permissions.may_edit(by, lead):
        raise PermissionDenied
    lead = Lead.objects.select_for_update().select_related("stage").get(pk=lead.pk)
    errors: dict[str, str] = {}
    if lead.status != LeadStatus.ACTIVE:
        errors["reason"] = _("The lead is already paused or ended.")
    elif not reason.is_active or reason.applies_to not in (kind, StopKind.BOTH):
        errors["reason"] = _("This reason cannot be given here.")
    errors |= _check_date(lead, on)
    if errors:
        raise ValidationError(errors)
    lead.status = status
    lead.stop_reason = reason
    lead.stop_note = note.strip()
    with changelog.acting(by=by, note=note.strip()):
        lead.save()
    return LeadMove.objects.create(
        lead=lead,
        from_stage=lead.stage,
        to_stage=lead.stage,
        status=status,
        on=on,
        reason=f"{reason.name}：{note.strip()}".rstrip("："),
        by=by,
    )


@transaction.atomic
def pause(*, lead: Lead, reason: StopReason, note: str, on: dt.date, by: User) -> LeadMove:
    """暂停: the lead stays in its stage; resumed later."""
    return _stop(lead, LeadStatus.PAUSED, StopKind.PAUSE, reason, note, on, by)


@transaction.atomic
def end(*, lead: Lead, reason: StopReason, note: str, on: dt.date, by: User) -> LeadMove:
    """终止: the lead is lost, for the reason given (counted in the lost-reasons table)."""
    return _stop(lead, LeadStatus.ENDED, StopKind.END, reason, note, on, by)


@transaction.atomic
def resume(*, lead: Lead, on: dt.date, by: User, note: str = "") -> LeadMove:
    """A paused lead goes on in the stage it stood in, its time in the stage counted from today; an ended lead is
    resumed only by the bureau (a correction)."""
    if not permissions.may_edit(by, lead):
        raise PermissionDenied
    lead = Lead.objects.select_for_update().select_related("stage").get(pk=lead.pk)
    errors: dict[str, str] = {}
    if lead.status == LeadStatus.ACTIVE:
        errors["on"] = _("The lead is in progress.")
    elif lead.status == LeadStatus.ENDED and not permissions.is_bureau(by):
        raise PermissionDenied
    errors |= _check_date(lead, on)
    if errors:
        raise ValidationError(errors)
    lead.status = LeadStatus.ACTIVE
    lead.stop_reason = None
    lead.stop_note = ""
    lead.stage_since = on
    with changelog.acting(by=by, note=note.strip()):
        lead.save()
    return LeadMove.objects.create(
        lead=lead,
        from_stage=lead.stage,
        to_stage=lead.stage,
        on=on,
        reason=note.strip() or _("Resumed"),
        by=by,
    )


@transaction.atomic
def activity_add(*, lead: Lead, data: Mapping[str, Any], by: User) -> LeadActivity:
    """Log a call, visit, 考察 or meeting; the lead's next action is the earliest open one due."""
    if not permissions.may_edit(by, lead):
        raise PermissionDenied
    activity = LeadActivity(lead=lead, by=by, **data)
    activity.full_clean()
    if activity.on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    if activity.next_action_on is not None and activity.next_action_on < activity.on:
        raise ValidationError({"next_action_on": _("The next action cannot be due before the activity.")})
    with changelog.acting(by=by):
        activity.save()
        lead.next_action_on = activity.next_action_on
        lead.save(update_fields=["next_action_on", "updated_at"])
    return activity
