"""标准地 commitments: editing them, the yearly check (对标验收) against the owner enterprise's actual data, and
the reads of the checks' pages.

A commitment is checked for a year once its project is producing in that year: its production date falls in
or before the year, or — when no date was recorded — its stage is at or after the first stage whose milestone is
production. The actual data are the owner enterprise's yearly data (tax, value added, energy, emissions, land),
the project's fixed-asset investment and the plot ratio the officer recorded at acceptance
(``Commitment.accepted_plot_ratio``); ``gaoxin.projects.commitment_check`` judges them.

Running the check for a year replaces that year's ``CommitmentCheck`` rows: rows that would not change are left
alone, so running it twice writes (and logs) nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
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
from gaoxin.projects.choices import IssueStatus, StageMilestone
from gaoxin.projects.commitment_check import INDICATORS, Actuals, CheckOutcome, Committed
from gaoxin.projects.models import (
    Commitment,
    CommitmentCheck,
    MonthlyReport,
    Obligation,
    ObligationCheck,
    Project,
    ProjectIssue,
    Stage,
)

COMMITMENT_FIELDS = (
    "parcel",
    "investment_intensity",
    "plot_ratio",
    "value_added_per_tce",
    "value_added_per_emission_t",
    "tax_per_mu",
    "full_production_year",
    "signed_on",
    "accepted_plot_ratio",
)


@transaction.atomic
def commitment_save(
    *, project: Project, data: Mapping[str, Any], by: User, commitment: Commitment | None = None
) -> Commitment:
    """Create (``commitment`` None) or change a commitment of ``project``: the project office or the project's
    responsible unit."""
    if not permissions.may_edit(by, project):
        raise PermissionDenied
    if commitment is not None and commitment.project_id != project.pk:
        raise PermissionDenied
    values = {name: data[name] for name in COMMITMENT_FIELDS if name in data}
    target = commitment or Commitment(project=project)
    committed = [values.get(name, getattr(target, name)) for name in INDICATORS]
    if all(value is None for value in committed):
        raise ValidationError(_("Enter at least one committed indicator."), code="empty")
    return changelog.save_as(target, values, by=by)


@transaction.atomic
def commitment_delete(*, commitment: Commitment, by: User) -> None:
    if not permissions.may_edit(by, commitment.project):
        raise PermissionDenied
    with changelog.acting(by=by):
        commitment.delete()


def production_order() -> int | None:
    """The sort order of the first stage that counts as production, ``None`` when no stage does."""
    stage = Stage.objects.filter(milestone=StageMilestone.PRODUCTION).order_by("sort_order", "code").first()
    return None if stage is None else stage.sort_order


def is_producing(project: Project, year: int, production_at: int | None) -> bool:
    if project.production_on is not None:
        return project.production_on.year <= year
    return production_at is not None and project.stage.sort_order >= production_at


def commitment_land(commitment: Commitment) -> Decimal | None:
    """The land the investment intensity is measured on: the parcel's area, else the project's land."""
    if commitment.parcel is not None:
        return commitment.parcel.area_mu
    project = commitment.project
    if project.land_mu is not None:
        return project.land_mu
    return project.parcel.area_mu if project.parcel is not None else None


def evaluate(commitment: Commitment, year_row: EnterpriseYear | None, year: int) -> CheckOutcome:
    committed = Committed(
        investment_intensity=commitment.investment_intensity,
        plot_ratio=commitment.plot_ratio,
        value_added_per_tce=commitment.value_added_per_tce,
        value_added_per_emission_t=commitment.value_added_per_emission_t,
        tax_per_mu=commitment.tax_per_mu,
        full_production_year=commitment.full_production_year,
    )
    actuals = Actuals(
        fixed_asset_investment=commitment.project.fixed_asset_investment,
        land_mu=commitment_land(commitment),
        accepted_plot_ratio=commitment.accepted_plot_ratio,
        tax=year_row.tax if year_row else None,
        value_added=year_row.value_added if year_row else None,
        energy_tce=year_row.energy_tce if year_row else None,
        emissions_t=year_row.emissions_t if year_row else None,
        year_land_mu=year_row.land_mu if year_row else None,
    )
    return commitment_check.check_commitment(committed, actuals, year)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else changelog.json_value(value)


def outcome_json(outcome: CheckOutcome) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(actuals by indicator, shortfalls) as stored on ``CommitmentCheck``."""
    entries: list[dict[str, Any]] = [
        {
            "indicator": r.indicator,
            "committed": _text(r.committed),
            "actual": _text(r.actual),
            "status": r.status,
            "missing": list(r.missing),
        }
        for r in outcome.results
    ]
    failing = {r.indicator for r in outcome.shortfalls}
    return {e["indicator"]: e for e in entries}, [e for e in entries if e["indicator"] in failing]


@dataclass(frozen=True)
class CheckRun:
    year: int
    checked: int  # commitments of producing projects
    failed: int
    written: int  # rows created, changed or removed


@transaction.atomic
def run_commitment_checks(*, year: int, by: User) -> CheckRun:
    """Check every commitment of a producing project for ``year``; stores one ``CommitmentCheck`` each."""
    if not permissions.is_project_office(by):
        raise PermissionDenied
    production_at = production_order()
    commitments = list(
        Commitment.objects.select_related("project__stage", "project__parcel", "parcel").filter(
            project__is_active=True
        )
    )
    producing = [c for c in commitments if is_producing(c.project, year, production_at)]
    owners = {c.project.owner_id for c in producing if c.project.owner_id is not None}
    year_rows = {
        row.enterprise_id: row for row in EnterpriseYear.objects.filter(enterprise_id__in=owners, year=year)
    }
    wanted: dict[int, dict[str, Any]] = {}
    failed = 0
    for commitment in producing:
        outcome = evaluate(commitment, year_rows.get(commitment.project.owner_id or 0), year)
        actuals, shortfalls = outcome_json(outcome)
        failed += not outcome.passed
        wanted[commitment.pk] = {"actuals": actuals, "shortfalls": shortfalls, "passed": outcome.passed}
    written = changelog.sync_rows(
        CommitmentCheck,
        {row.commitment_id: row for row in CommitmentCheck.objects.filter(year=year)},
        wanted,
        lambda commitment_id, values: CommitmentCheck(commitment_id=commitment_id, year=year, **values),
        by=by,
    )
    return CheckRun(year=year, checked=len(producing), failed=failed, written=written)


def failing_entries(checks: Iterable[CommitmentCheck]) -> list[tuple[CommitmentCheck, dict[str, Any]]]:
    """Each shortfall of each check, for tables and exports."""
    return [(check, entry) for check in checks for entry in check.shortfalls]


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
) -> Obligation:
    """Create (``obligation`` None, for ``project`` and/or ``enterprise``) or change an obligation. The callers
    decide who may: the project's editors for a standard-parcel commitment, the investment bureau for an
    agreement's clause."""
    target = obligation or Obligation(project=project, enterprise=enterprise)
    for name in OBLIGATION_FIELDS:
        if name in data:
            setattr(target, name, data[name])
    errors = _obligation_errors(target)
    if errors:
        raise ValidationError(errors)
    return changelog.save_as(target, {}, by=by)


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


def obligations_for_check() -> list[Obligation]:
    return list(
        Obligation.objects.select_related("project__parcel", "parcel").filter(
            Q(project__isnull=True) | Q(project__is_active=True)
        )
    )


@transaction.atomic
def run_obligation_checks(*, today: dt.date, warn_days: int = 90, by: User | None = None) -> ObligationRun:
    """Check every obligation on ``today``: store its status and figures, and its check of ``today``'s year
    (rows that would not change are left alone); open a problem (``ProjectIssue``) on the project of each
    obligation found breached for the first time; report those without a project and those due soon, which
    the caller tells the people concerned about."""
    obligations = obligations_for_check()
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
        {row.obligation_id: row for row in ObligationCheck.objects.filter(year=today.year)},
        wanted,
        lambda pk, values: ObligationCheck(obligation_id=pk, year=today.year, **values),
        **({} if by is None else {"by": by}),
    )
    return ObligationRun(len(obligations), by_status, newly_breached, due_soon, follow_ups)
