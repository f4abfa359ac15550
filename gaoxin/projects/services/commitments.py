"""Obligations (履约): editing them, and the check that judges every one against the data that measures it.

An obligation is an investment agreement's clause (the investment app edits those) or a standard-parcel (标准地)
commitment: a control indicator the investor of a project on a standard parcel committed to (投资强度, 容积率,
亩均税收, value added per tce or per t of emissions), which the project's editors keep on the project's
commitments tab. The check (``run_obligation_checks``) stores each obligation's status and the figures it rests
on, and one ``ObligationCheck`` a year: the standard-parcel commitments' yearly 对标验收 is that record.
``gaoxin.projects.commitment_check.check_obligation`` judges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.core.models import ChangeAction
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.projects import commitment_check, permissions
from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.commitment_check import INDICATORS, Actuals
from gaoxin.projects.models import MonthlyReport, Obligation, ObligationCheck, Project, ProjectIssue

# --- Obligations (履约) ------------------------------------------------------------------------------------

OBLIGATION_FIELDS = (
    "title",
    "measure",
    "threshold",
    "due_on",
    "starts_on",
    "first_year",
    "from_production_year",
    "years",
    "recorded_value",
    "recorded_on",
    "parcel",
    "consequence",
    "penalty",
    "consequence_text",
)
FOLLOW_UP_DAYS = 30  # the deadline of the problem a breach opens
COMMITMENT_FIELDS = (  # what the project's editors state of a standard-parcel commitment
    "parcel",
    "measure",
    "threshold",
    "due_on",
    "starts_on",
    "first_year",
    "from_production_year",
    "years",
    "recorded_value",
)
CHECK_WRITES = ("status", "figures", "checked_on", "breach_noticed_on", "reminded_on", "follow_up")


def _obligation_errors(obligation: Obligation) -> dict[str, str]:
    measure = obligation.measure
    errors: dict[str, str] = {}
    if measure in commitment_check.MILESTONES:
        if obligation.due_on is None:
            errors["due_on"] = _("A date must be met by a due date.")
    elif obligation.threshold is None:
        errors["threshold"] = _("Enter the threshold the measure must reach.")
    if measure in commitment_check.BY_DATE and obligation.due_on is None:
        errors["due_on"] = _("An amount is due by a date.")
    if (
        measure in commitment_check.YEARLY
        and obligation.first_year is None
        and obligation.from_production_year is None
    ):
        errors["first_year"] = _(
            "A yearly measure needs its first year or the year of production it starts in."
        )
    return errors


@transaction.atomic
def obligation_save(
    *,
    data: Mapping[str, Any],
    by: User,
    obligation: Obligation | None = None,
    project: Project | None = None,
    enterprise: Any = None,
    standard_parcel: bool = False,
) -> Obligation:
    """Create (``obligation`` None, for ``project`` and/or ``enterprise``) or change an obligation. The callers
    decide who may: the project's editors for a standard-parcel commitment (``commitment_save``), the
    investment bureau for an agreement's clause."""
    target = obligation or Obligation(project=project, enterprise=enterprise, standard_parcel=standard_parcel)
    for name in OBLIGATION_FIELDS:
        if name in data:
            setattr(target, name, data[name])
    errors = _obligation_errors(target)
    if errors:
        raise ValidationError(errors)
    return changelog.save_as(target, {}, by=by)


@transaction.atomic
def commitment_save(
    *, project: Project, data: Mapping[str, Any], by: User, obligation: Obligation | None = None
) -> Obligation:
    """Create (``obligation`` None) or change a standard-parcel commitment of ``project``: one of its control
    indicators (``commitment_check.INDICATORS``). The project office or the project's responsible unit."""
    if not permissions.may_edit(by, project):
        raise PermissionDenied
    if obligation is not None and (obligation.project_id != project.pk or not obligation.standard_parcel):
        raise PermissionDenied
    values = {name: data[name] for name in COMMITMENT_FIELDS if name in data}
    if values.get("measure", obligation.measure if obligation else None) not in INDICATORS:
        raise ValidationError(
            {"measure": _("A standard-parcel commitment is one of its control indicators.")}
        )
    return obligation_save(data=values, by=by, obligation=obligation, project=project, standard_parcel=True)


@transaction.atomic
def commitment_delete(*, obligation: Obligation, by: User) -> None:
    """Delete a standard-parcel commitment (its checks go with it)."""
    if obligation.project is None or not obligation.standard_parcel:
        raise PermissionDenied
    if not permissions.may_edit(by, obligation.project):
        raise PermissionDenied
    with changelog.acting(by=by):
        obligation.delete()


def obligation_land(obligation: Obligation) -> Decimal | None:
    """The land an intensity or a yearly 亩均 figure is measured on: the obligation's parcel, else the project's
    land or parcel."""
    if obligation.parcel is not None:
        return obligation.parcel.area_mu
    project = obligation.project
    if project is None:
        return None
    if project.land_mu is not None:
        return project.land_mu
    return project.parcel.area_mu if project.parcel is not None else None


def terms_of(obligation: Obligation) -> commitment_check.Terms:
    return commitment_check.Terms(
        measure=obligation.measure,
        threshold=obligation.threshold,
        due_on=obligation.due_on,
        starts_on=obligation.starts_on,
        first_year=obligation.first_year,
        from_production_year=obligation.from_production_year,
        years=obligation.years,
    )


MILESTONE_DATES = {
    commitment_check.STARTED: "started_on",
    commitment_check.COMPLETED: "completed_on",
    commitment_check.PRODUCTION: "production_on",
}


def subject_enterprise_id(obligation: Obligation) -> int | None:
    if obligation.enterprise_id is not None:
        return obligation.enterprise_id
    return obligation.project.owner_id if obligation.project is not None else None


def _cumulative(reports: list[tuple[int, int, Decimal]], on: dt.date) -> Decimal | None:
    """The investment completed since the start through the last month reported by ``on`` (reports sorted)."""
    figure = None
    for year, month, total in reports:
        if (year, month) > (on.year, on.month):
            break
        figure = total
    return figure


@dataclass(frozen=True)
class Measured:
    obligation: Obligation
    outcome: commitment_check.ObligationOutcome


def measure_all(obligations: list[Obligation], today: dt.date) -> list[Measured]:
    """Judge ``obligations`` (with project, parcel and project parcel fetched) on ``today`` with set-based reads:
    the projects' monthly reports and the enterprises' yearly data, one query each."""
    project_ids = {o.project_id for o in obligations if o.project_id is not None}
    reports: dict[int, list[tuple[int, int, Decimal]]] = {}
    for project_id, year, month, total in (
        MonthlyReport.objects.filter(project_id__in=project_ids)
        .order_by("project_id", "year", "month")
        .values_list("project_id", "year", "month", "since_start_completed")
    ):
        reports.setdefault(project_id, []).append((year, month, total))
    enterprise_ids = {e for e in map(subject_enterprise_id, obligations) if e is not None}
    years: dict[int, dict[int, EnterpriseYear]] = {}
    for row in EnterpriseYear.objects.filter(enterprise_id__in=enterprise_ids):
        years.setdefault(row.enterprise_id, {})[row.year] = row
    measured = []
    for obligation in obligations:
        project = obligation.project
        terms = terms_of(obligation)
        land = obligation_land(obligation)
        reached_on = obligation.recorded_on
        if project is not None and obligation.measure in MILESTONE_DATES:
            reached_on = getattr(project, MILESTONE_DATES[obligation.measure])
        amount = obligation.recorded_value
        if obligation.measure in (
            commitment_check.FIXED_ASSET_INVESTMENT,
            commitment_check.INVESTMENT_INTENSITY,
        ):
            as_of = min(today, obligation.due_on) if obligation.due_on else today
            amount = _cumulative(reports.get(obligation.project_id or 0, []), as_of)
        rows = years.get(subject_enterprise_id(obligation) or 0, {})
        evidence = commitment_check.Evidence(
            reached_on=reached_on,
            amount=amount,
            land_mu=land,
            production_year=project.production_on.year if project and project.production_on else None,
            years={
                year: Actuals(
                    land_mu=land,
                    tax=row.tax,
                    value_added=row.value_added,
                    energy_tce=row.energy_tce,
                    emissions_t=row.emissions_t,
                    year_land_mu=row.land_mu,
                    output_value=row.output_value,
                )
                for year, row in rows.items()
            },
        )
        measured.append(Measured(obligation, commitment_check.check_obligation(terms, evidence, today)))
    return measured


def _text(value: Decimal | None) -> str | None:
    return None if value is None else changelog.json_value(value)


def shown_actual(figures: Mapping[str, Any]) -> str | None:
    """The figure a status rests on, as stored: the amount or ratio judged, else the latest year's."""
    if figures.get("actual") is not None:
        return str(figures["actual"])
    years = figures.get("years") or []
    return None if not years else years[-1].get("actual")


def figures_json(outcome: commitment_check.ObligationOutcome) -> dict[str, Any]:
    """The figures a status rests on, as stored on the obligation and its yearly check."""
    return {
        "actual": _text(outcome.actual),
        "expected": _text(outcome.expected),
        "reached_on": outcome.reached_on.isoformat() if outcome.reached_on else None,
        "years": [
            {"year": r.year, "actual": _text(r.actual), "status": r.status, "missing": list(r.missing)}
            for r in outcome.years
        ],
        "missing": list(outcome.missing),
    }


@dataclass(frozen=True)
class ObligationRun:
    checked: int
    by_status: dict[str, int]
    newly_breached: list[Obligation]  # breaches first noticed by this run
    due_soon: list[Obligation]  # unmet, due within the warning days, not reminded yet
    follow_ups: int  # problems opened on projects


def _open_follow_up(obligation: Obligation, today: dt.date) -> ProjectIssue:
    project = obligation.project
    assert project is not None
    issue = ProjectIssue(
        project=project,
        title=(_("Obligation breached: %(obligation)s") % {"obligation": obligation})[:200],
        description=obligation.consequence_text,
        raised_on=today,
        unit=project.responsible_unit,
        deadline=today + dt.timedelta(days=FOLLOW_UP_DAYS),
        status=IssueStatus.OPEN,
    )
    issue.save()
    return issue


def _scope(standard_parcel: bool | None, prefix: str = "") -> Q:
    return Q() if standard_parcel is None else Q(**{f"{prefix}standard_parcel": standard_parcel})


def obligations_for_check(standard_parcel: bool | None = None) -> list[Obligation]:
    return list(
        Obligation.objects.select_related("project__parcel", "parcel").filter(
            Q(project__isnull=True) | Q(project__is_active=True), _scope(standard_parcel)
        )
    )


@transaction.atomic
def run_obligation_checks(
    *, today: dt.date, warn_days: int = 90, by: User | None = None, standard_parcel: bool | None = None
) -> ObligationRun:
    """Check every obligation on ``today`` (``standard_parcel`` True: only the standard-parcel commitments, the
    对标验收 the project office runs): store its status and figures, and its check of ``today``'s year (rows
    that would not change are left alone); open a problem (``ProjectIssue``) on the project of each obligation
    found breached for the first time; report those without a project and those due soon, which the caller
    tells the people concerned about."""
    obligations = obligations_for_check(standard_parcel)
    now = timezone.now()
    by_status: dict[str, int] = {}
    newly_breached: list[Obligation] = []
    due_soon: list[Obligation] = []
    wanted: dict[int, dict[str, Any]] = {}
    follow_ups = 0
    written: list[Obligation] = []
    changes: list[changelog.Change] = []
    with changelog.acting(**({} if by is None else {"by": by})):
        for item in measure_all(obligations, today):
            obligation, status = item.obligation, item.outcome.status
            by_status[status] = by_status.get(status, 0) + 1
            figures = figures_json(item.outcome)
            wanted[obligation.pk] = {"status": status, "figures": figures}
            before = changelog.snapshot(obligation)
            changed = obligation.status != status or obligation.figures != figures
            obligation.status, obligation.figures, obligation.checked_on = status, figures, today
            if status == commitment_check.BREACHED and obligation.breach_noticed_on is None:
                obligation.breach_noticed_on = today
                newly_breached.append(obligation)
                if obligation.project is not None:
                    obligation.follow_up = _open_follow_up(obligation, today)
                    follow_ups += 1
                changed = True
            if (
                status not in (commitment_check.MET, commitment_check.BREACHED)
                and obligation.due_on is not None
                and today <= obligation.due_on <= today + dt.timedelta(days=warn_days)
                and obligation.reminded_on is None
            ):
                obligation.reminded_on = today
                due_soon.append(obligation)
                changed = True
            if changed:
                obligation.updated_at = now
                written.append(obligation)
                if difference := changelog.diff(before, changelog.snapshot(obligation)):
                    changes.append(changelog.Change.of(obligation, ChangeAction.UPDATE, difference))
        # the obligations that changed in one statement per batch, their changes logged in one more
        # (``changelog.record``): a by-date amount's expected figure moves every day, so thousands change daily
        Obligation.objects.bulk_update(written, [*CHECK_WRITES, "updated_at"], batch_size=2000)
        changelog.record(changes)
    changelog.sync_rows(
        ObligationCheck,
        {
            row.obligation_id: row
            for row in ObligationCheck.objects.filter(
                _scope(standard_parcel, "obligation__"), year=today.year
            )
        },
        wanted,
        lambda pk, values: ObligationCheck(obligation_id=pk, year=today.year, **values),
        **({} if by is None else {"by": by}),
    )
    return ObligationRun(len(obligations), by_status, newly_breached, due_soon, follow_ups)
