"""A lead becomes a major project (转为项目): the project is entered in the library through the projects' service
with the lead's figures carried over, both are linked, and the lead moves to the stage counting as conversion.

Decisions: the lead must have registered its enterprise in the zone first (注册落地) — a major project is owned by
a firm, and its monthly reports, lights and the referrer's reward all hang on that firm's project; a lead that has
not landed is refused with that explanation. The bureau hands its landed lead over to the
major-project pipeline itself (``projects.permissions.may_enter_converted_lead``: the bureau or the project office),
and must also edit the lead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.investment import permissions
from gaoxin.investment.choices import LeadStatus, StageMilestone
from gaoxin.investment.models import Lead, LeadStage
from gaoxin.investment.services import leads as lead_services
from gaoxin.projects import permissions as project_permissions
from gaoxin.projects.models import Project, Stage
from gaoxin.projects.services import projects as project_services

CARRIED = (
    "name",
    "industry_code",
    "chain",
    "total_investment",
    "fixed_asset_investment",
    "foreign_investment_usd",
    "land_mu",
    "responsible_unit",
)


def conversion_stage() -> LeadStage | None:
    return (
        LeadStage.objects.filter(milestone=StageMilestone.CONVERSION, is_active=True)
        .order_by("sort_order", "code")
        .first()
    )


def may_convert(user: Any, lead: Lead) -> bool:
    return permissions.may_edit(user, lead) and project_permissions.may_enter_converted_lead(user)


def refusal(lead: Lead) -> str:
    """Why the lead cannot become a project now ("" when it can)."""
    landing = LeadStage.objects.filter(milestone=StageMilestone.LANDING).order_by("sort_order").first()
    if lead.merged_into_id is not None:
        return _("This lead was merged into another lead.")
    if lead.project_id is not None:
        return _("This lead has already become a project.")
    if lead.status != LeadStatus.ACTIVE:
        return _("The lead is paused or ended: resume it first.")
    if lead.enterprise_id is None:
        return _(
            "Register the enterprise the investor set up in the zone first (注册落地): a major project is owned by "
            "a registered enterprise, whose reports the project and the referrer's reward follow."
        )
    if landing is not None and (lead.stage.sort_order, lead.stage.code) < (landing.sort_order, landing.code):
        return _("A lead becomes a project once it has landed (%(stage)s).") % {"stage": landing.name}
    return ""


def project_initial(lead: Lead) -> dict[str, Any]:
    """What the project form starts from: the lead's number as the project code, the 注册 stage."""
    stage = Stage.objects.filter(code="registered", is_active=True).first() or (
        Stage.objects.filter(is_active=True).order_by("sort_order").first()
    )
    return {"code": lead.code, "stage": stage}


@transaction.atomic
def lead_convert(*, lead: Lead, data: Mapping[str, Any], by: User, on: dt.date | None = None) -> Project:
    """Enter the lead as a project (``data``: ``code``, ``stage`` of the projects' pipeline), linked both ways,
    and move the lead to the conversion stage."""
    if not may_convert(by, lead):
        raise PermissionDenied
    lead = (
        Lead.objects.select_for_update(of=("self",)).select_related("stage", "lead_official").get(pk=lead.pk)
    )
    on = on or timezone.localdate()
    problem = refusal(lead)
    if problem:
        raise ValidationError({"code": problem})
    values = {name: getattr(lead, name) for name in CARRIED}
    values |= {
        "code": data["code"],
        "stage": data["stage"],
        "owner": lead.enterprise,
        "lead_official": str(lead.lead_official) if lead.lead_official else "",
    }
    project = project_services.project_create(data=values, by=by, on=on, converted_lead=True)
    lead.project = project
    with changelog.acting(by=by, note=_("Became the major project %(code)s") % {"code": project.code}):
        lead.save()
    target = conversion_stage()
    if target is not None and lead.stage_id != target.pk:
        lead_services.move(lead=lead, to_stage=target, on=on, by=by)
    return project
