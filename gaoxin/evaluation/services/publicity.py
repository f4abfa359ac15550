"""公示, approval and publication of a run: the steps the law asks for, none of which can be skipped.

- The publicity starts no earlier than the day it is announced and lasts at least the zone's number of working
  days (``EvaluationSettings.publicity_workdays``), or more when the scheme asks for more; dates come from the
  clock, never earlier than today.
- Starting it while enterprises still dispute their data sheet (一企一单) needs explicit confirmation.
- The list is approved only after the window has ended, every objection is decided and every dispute of the
  year is answered, by a person holding an approving role (configured by the zone) other than the one who
  started the publicity. Publication records who approved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import calendar_services, changelog
from gaoxin.core.message_text import translated
from gaoxin.core.workcalendar import MissingYearError
from gaoxin.evaluation import selectors
from gaoxin.evaluation.choices import PUBLIC_STATUSES, ObjectionStatus, RunStatus
from gaoxin.evaluation.models import EvaluationRun, EvaluationSettings
from gaoxin.evaluation.services.confirmation import ConfirmationRequired

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class PublicityRule:
    workdays: int  # the least number of working days, the zone's or the scheme's if it asks for more
    earliest_end: (
        dt.date | None
    )  # for a window starting on ``starts_on``; None when the calendar lacks the year
    calendar_problem: str = ""


def publicity_rule(
    run: EvaluationRun, starts_on: dt.date, zone: EvaluationSettings | None = None
) -> PublicityRule:
    zone_days = (zone or EvaluationSettings.current()).publicity_workdays
    scheme_days = run.scheme.parsed().publicity_workdays or 0
    workdays = max(zone_days, scheme_days)
    try:
        end = calendar_services.current_calendar().add_workdays(starts_on - ONE_DAY, workdays)
    except MissingYearError as error:
        return PublicityRule(workdays, None, translated(error.message))
    return PublicityRule(workdays, end)


def may_approve(user: User | None, zone: EvaluationSettings | None = None) -> bool:
    """Holds an approving role: one of the roles, or an officer of one of the departments, the zone names."""
    if user is None or not user.is_active or not user.is_staff_member:
        return False
    settings = zone or EvaluationSettings.current()
    if user.role in settings.approver_roles:
        return True
    return bool(
        user.is_officer
        and user.department_id is not None
        and settings.approver_departments.filter(pk=user.department_id).exists()
    )


def _transition(
    run: EvaluationRun, status: RunStatus, *, by: User | None, note: str, **fields: Any
) -> EvaluationRun:
    run.status = status
    for name, value in fields.items():
        setattr(run, name, value)
    with changelog.acting(by=by, note=note):
        run.save()
    return run


def _locked(run: EvaluationRun) -> EvaluationRun:
    return (
        EvaluationRun.objects.select_for_update(of=("self",)).select_related("scheme", "job").get(pk=run.pk)
    )


def _not_scoring(run: EvaluationRun) -> None:
    if run.job is not None and not run.job.finished:
        raise ValidationError(_("The run is being scored again; wait for it to finish."))


def _person(user: User | None) -> User | None:
    return user if user is not None and user.pk else None


@transaction.atomic
def run_publicity(
    *, run: EvaluationRun, starts_on: dt.date, ends_on: dt.date, by: User | None, confirm: bool = False
) -> EvaluationRun:
    """Publish the draft list for objections (公示) from ``starts_on`` to ``ends_on`` inclusive.

    Raises ``ConfirmationRequired`` listing the open disputes of the year unless ``confirm``."""
    run = _locked(run)
    if run.status != RunStatus.DRAFT:
        raise ValidationError(_("Only a draft can be put into publicity."))
    _not_scoring(run)
    today = timezone.localdate()
    if starts_on < today:
        raise ValidationError(
            {"starts_on": _("The publicity cannot start before today (%(today)s).") % {"today": today}}
        )
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The publicity cannot end before it starts.")})
    rule = publicity_rule(run, starts_on)
    if rule.earliest_end is None:
        raise ValidationError({"ends_on": rule.calendar_problem})
    if ends_on < rule.earliest_end:
        raise ValidationError(
            {
                "ends_on": _(
                    "The publicity lasts at least %(days)d working days: from %(start)s it ends on %(end)s "
                    "at the earliest."
                )
                % {"days": rule.workdays, "start": starts_on, "end": rule.earliest_end}
            }
        )
    other = EvaluationRun.objects.filter(year=run.year, status__in=PUBLIC_STATUSES).exclude(pk=run.pk).first()
    if other is not None:
        raise ValidationError(
            _("The %(year)d list is in publicity or published already (run %(run)s).")
            % {"year": run.year, "run": other.pk}
        )
    disputes = list(selectors.open_disputes(run.year).values_list("enterprise__name", flat=True))
    if disputes and not confirm:
        raise ConfirmationRequired(
            _(
                "%(count)d enterprises dispute their %(year)d data sheet and have no answer yet. Start the "
                "publicity anyway? The list cannot be approved before every dispute is answered."
            )
            % {"count": len(disputes), "year": run.year},
            disputes,
        )
    return _transition(
        run,
        RunStatus.PUBLICITY,
        by=by,
        note="publicity",
        publicity_started_at=timezone.now(),
        publicity_started_by=_person(by),
        publicity_starts_on=starts_on,
        publicity_ends_on=ends_on,
    )


def approval_problems(run: EvaluationRun, user: User | None) -> list[str]:
    """Why ``user`` cannot approve ``run`` now (empty: they can)."""
    problems = []
    if run.status != RunStatus.PUBLICITY:
        return [_("Only a run in publicity can be approved.")]
    if not may_approve(user):
        problems.append(_("Your role does not allow you to approve the list."))
    elif (
        run.publicity_started_by_id is not None
        and user is not None
        and run.publicity_started_by_id == user.pk
    ):
        problems.append(
            _("The list must be approved by someone other than the person who started its publicity.")
        )
    if run.publicity_ends_on is None or timezone.localdate() <= run.publicity_ends_on:
        problems.append(
            _("The publicity runs until %(date)s; approve the list after it.")
            % {"date": run.publicity_ends_on}
        )
    open_objections = run.objections.filter(status=ObjectionStatus.OPEN).count()
    if open_objections:
        problems.append(
            _("Decide every objection before approving the list (%(count)d open).")
            % {"count": open_objections}
        )
    disputes = selectors.open_disputes(run.year).count()
    if disputes:
        problems.append(
            _("Answer every dispute of the %(year)d data sheets before approving the list (%(count)d open).")
            % {"year": run.year, "count": disputes}
        )
    return problems


@transaction.atomic
def run_approve(*, run: EvaluationRun, by: User | None) -> EvaluationRun:
    """Approve the list after its publicity (see the module's rules)."""
    run = _locked(run)
    problems = approval_problems(run, by)
    if problems:
        raise ValidationError(problems)
    _not_scoring(run)
    return _transition(
        run, RunStatus.APPROVED, by=by, note="approved", approved_at=timezone.now(), approved_by=_person(by)
    )


@transaction.atomic
def run_publish(*, run: EvaluationRun, by: User | None) -> EvaluationRun:
    """Publish the approved list as the year's final result (one published run per year)."""
    run = _locked(run)
    if run.status != RunStatus.APPROVED or run.approved_at is None:
        raise ValidationError(_("Only an approved run can be published."))
    other = EvaluationRun.objects.filter(year=run.year, status=RunStatus.PUBLISHED).exclude(pk=run.pk).first()
    if other is not None:
        raise ValidationError(
            _("The result of %(year)d has been published already (run %(run)s).")
            % {"year": run.year, "run": other.pk}
        )
    return _transition(
        run,
        RunStatus.PUBLISHED,
        by=by,
        note="published",
        published_at=timezone.now(),
        published_by=_person(by),
    )
