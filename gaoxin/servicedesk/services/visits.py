"""Visits to enterprises and visit plans."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.core.request_context import request_id_scope
from gaoxin.servicedesk import permissions
from gaoxin.servicedesk.choices import RedFlag, VisitTopic
from gaoxin.servicedesk.models import Visit, VisitPlan
from gaoxin.servicedesk.services import notify


@task()
def deliver_red_flags(visit_id: int, flags: list[str], by_id: int | None) -> dict[str, int]:
    """The worker's delivery of a visit's new red flags by e-mail and to the group robots."""
    with request_id_scope():
        emails, robot_messages, robot_failures = notify.deliver_red_flags(visit_id, flags, by_id=by_id)
    return {"emails": emails, "robot_messages": robot_messages, "robot_failures": robot_failures}


def _officer_names(visit: Visit) -> list[str]:
    return sorted(str(u) for u in visit.officers.all())


@transaction.atomic
def visit_save(
    *,
    visit: Visit | None = None,
    data: Mapping[str, Any],
    officers: Iterable[User],
    by: User,
    plan: VisitPlan | None = None,
) -> Visit:
    """Record (or correct) a visit; the officers who went are named; a plan it fulfils is marked done. Red flags
    it raises (可能外迁 …) are told to the centre and the enterprise's responsible officer."""
    if not permissions.may_record_visits(by):
        raise PermissionDenied
    people = list(officers)
    if not people:
        raise ValidationError({"officers": _("Name the officers who visited.")})
    creating = visit is None
    visit = visit or Visit(created_by=by)
    before_flags = set() if creating else set(visit.red_flags or [])
    for name, value in data.items():
        setattr(visit, name, value)
    visit.topics = [t for t in VisitTopic.values if t in (visit.topics or [])]
    visit.red_flags = [f for f in RedFlag.values if f in (visit.red_flags or [])]
    if visit.department_id is None and by.department_id is not None:
        visit.department_id = by.department_id
    visit.full_clean()
    with changelog.acting(by=by):
        visit.save()
        visit.officers.set(people)  # logged by name with the visit's fields
    raised = [f for f in visit.red_flags if f not in before_flags]
    if raised:
        notify.red_flags_raised(visit, raised, by=by)
        transaction.on_commit(partial(deliver_red_flags.enqueue, visit.pk, raised, by.pk))
    if plan is not None and plan.visit_id is None:
        if plan.enterprise_id != visit.enterprise_id:
            raise ValidationError(_("The plan was for another enterprise."))
        plan.visit = visit
        with changelog.acting(by=by):
            plan.save(update_fields=["visit", "updated_at"])
    return visit


@transaction.atomic
def plan_save(*, data: Mapping[str, Any], by: User) -> VisitPlan:
    if not permissions.may_record_visits(by):
        raise PermissionDenied
    plan = VisitPlan(created_by=by, **data)
    plan.full_clean()
    with changelog.acting(by=by):
        plan.save()
    return plan
