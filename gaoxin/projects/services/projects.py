"""Projects: create, edit, and move between stages — dated, attributed, evidenced, in the change log.

Moves follow the configured pipeline (the active stages in their order): the next stage is an ordinary move; skipping
stages or moving back is allowed with a reason, and the transition and the change log say which it was. A stage
is dated with the day it really happened, in the past if need be: no earlier than the previous move between stages
(the day a project entered the library is only the day it was recorded, and bounds nothing), never in the future.

Reaching a stage that counts as construction start, completion or production (``Stage.milestone``) dates the
project's ``started_on`` / ``completed_on`` / ``production_on``; jumping past such a stage dates it too. Moving
back (a correction) clears the dates of the milestones beyond the new stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import attachments, changelog
from gaoxin.core.message_text import translated
from gaoxin.core.stage_moves import move_kind
from gaoxin.projects import permissions, profile_checks
from gaoxin.projects.choices import StageMilestone, TransitionKind
from gaoxin.projects.models import Project, Stage, StageTransition
from gaoxin.projects.selectors import battle_map
from gaoxin.projects.services import progress

PROFILE_CHECKED = (
    "planned_start_on",
    "planned_completion_on",
    "planned_production_on",
    "total_investment",
    "fixed_asset_investment",
)
MILESTONE_FIELDS = {
    StageMilestone.START: "started_on",
    StageMilestone.COMPLETION: "completed_on",
    StageMilestone.PRODUCTION: "production_on",
}


@transaction.atomic
def project_create(
    *, data: Mapping[str, Any], by: User, on: dt.date | None = None, converted_lead: bool = False
) -> Project:
    """A new project in the library, in the stage ``data["stage"]``, entered on ``on`` (today);
    ``converted_lead``: entered by the conversion of a landed investment lead (the bureau may do that too)."""
    allowed = permissions.may_enter_converted_lead(by) if converted_lead else permissions.may_create(by)
    if not allowed:
        raise PermissionDenied
    on = on or timezone.localdate()
    project = Project(**data)
    project.stage_since = on
    _date_milestones(project, project.stage, on)
    project.full_clean()
    _check_profile(project)
    with changelog.acting(by=by):
        project.save()
    StageTransition.objects.create(
        project=project,
        from_stage=None,
        to_stage=project.stage,
        on=on,
        kind=TransitionKind.ENTRY,
        by=by,
        evidence=_("Entered the library"),
    )
    return project


@transaction.atomic
def project_update(*, project: Project, data: Mapping[str, Any], by: User) -> dict[str, list[Any]]:
    """Edit a project's fields (the stage changes only through ``transition``); returns the changed fields."""
    if not permissions.may_edit(by, project):
        raise PermissionDenied
    if "stage" in data and data["stage"] != project.stage:
        raise ValidationError({"stage": _("Change the stage by recording a transition with its evidence.")})
    moves_unit = "responsible_unit" in data and data["responsible_unit"] != project.responsible_unit
    if moves_unit and not permissions.is_project_office(by):
        raise PermissionDenied  # a unit cannot hand its project to another
    for name, value in data.items():
        setattr(project, name, value)
    project.full_clean()
    _check_profile(project)
    changed = changelog.unsaved_changes(project)
    with changelog.acting(by=by):
        project.save()
    return changed


def previous_move(project: Project) -> StageTransition | None:
    """The latest move between stages: the day a later stage can be dated from (the library entry bounds
    nothing, its date is the day the project was recorded)."""
    return (
        project.transitions.exclude(kind=TransitionKind.ENTRY)
        .select_related("to_stage")
        .order_by("-on", "-id")
        .first()
    )


@transaction.atomic
def transition(
    *,
    project: Project,
    to_stage: Stage,
    on: dt.date,
    evidence: str,
    by: User,
    reason: str = "",
    attachment: UploadedFile | None = None,
) -> StageTransition:
    """Move ``project`` to ``to_stage`` on ``on`` (the day it happened), with the evidence (text, and a file if
    there is one); skipping stages or moving back needs a ``reason``."""
    if not permissions.may_edit(by, project):
        raise PermissionDenied
    project = Project.objects.select_for_update().select_related("stage").get(pk=project.pk)
    errors: dict[str, str] = {}
    kind = TransitionKind.FORWARD
    reason = reason.strip()
    if to_stage.pk == project.stage_id:
        errors["to_stage"] = _("The project is already in this stage.")
    elif not to_stage.is_active:
        errors["to_stage"] = _("This stage is no longer in use.")
    else:
        kind = TransitionKind(move_kind(list(Stage.objects.filter(is_active=True)), project.stage, to_stage))
        if kind == TransitionKind.SKIP and not reason:
            errors["reason"] = _(
                "%(stage)s is not the next stage after %(current)s: state why stages are skipped."
            ) % {"stage": to_stage.name, "current": project.stage.name}
        elif kind == TransitionKind.BACK and not reason:
            errors["reason"] = _("%(stage)s comes before %(current)s: state why the project moves back.") % {
                "stage": to_stage.name,
                "current": project.stage.name,
            }
    previous = previous_move(project)
    if on > timezone.localdate():
        errors["on"] = _("The date cannot be in the future.")
    elif previous is not None and on < previous.on:
        errors["on"] = _(
            "The date cannot be before the previous stage was reached (%(stage)s, %(date)s)."
        ) % {"stage": previous.to_stage.name, "date": formats.date_format(previous.on, "DATE_FORMAT")}
    if not evidence.strip():
        errors["evidence"] = _("State the evidence: a document, a permit number, a photo.")
    problem = attachments.problem(attachment) if attachment is not None else None
    if problem:
        errors["attachment"] = problem
    if errors:
        raise ValidationError(errors)
    moved = StageTransition(
        project=project,
        from_stage=project.stage,
        to_stage=to_stage,
        on=on,
        kind=kind,
        reason=reason if kind != TransitionKind.FORWARD else "",
        by=by,
        evidence=evidence.strip(),
    )
    if attachment is not None:
        moved.attachment = attachment
    moved.save()
    _date_milestones(project, to_stage, on)
    project.stage = to_stage
    project.stage_since = on
    changes = changelog.unsaved_changes(project)
    note = evidence.strip()
    if kind != TransitionKind.FORWARD:
        note = f"{kind.label}：{reason}；{note}"
    with changelog.acting(by=by, note=note):
        project.save()
    if "started_on" in changes:  # a missed start is judged on it
        progress.recompute_lights(project_ids=[project.pk], by=by)
    return moved


def _check_profile(project: Project) -> None:
    """Planned dates in order (开工 ≤ 竣工 ≤ 投产), fixed-asset investment within the total."""
    values = {name: getattr(project, name) for name in PROFILE_CHECKED}
    problems = profile_checks.profile_problems(values)
    if problems:
        errors: dict[str, list[str]] = {}
        for field, message in problems:
            errors.setdefault(field, []).append(translated(message))
        raise ValidationError(errors)


def location_warning(project: Project) -> str:
    """A warning when the project's coordinates lie outside the zone's boundary (empty when inside or unset)."""
    if project.longitude is None or project.latitude is None:
        return ""
    name, boundary = battle_map.zone_geojson()
    if profile_checks.inside_zone(float(project.longitude), float(project.latitude), boundary):
        return ""
    return _(
        "The location (%(longitude)s, %(latitude)s) lies outside the boundary of %(zone)s: check the coordinates."
    ) % {"longitude": project.longitude, "latitude": project.latitude, "zone": name}


def _date_milestones(project: Project, stage: Stage, on: dt.date) -> None:
    """Date the milestones reached by getting to ``stage``; clear those beyond it."""
    for milestone_stage in Stage.objects.exclude(milestone="").only("sort_order", "milestone"):
        field = MILESTONE_FIELDS[StageMilestone(milestone_stage.milestone)]
        if milestone_stage.sort_order <= stage.sort_order:
            if getattr(project, field) is None:
                setattr(project, field, on)
        else:
            setattr(project, field, None)
