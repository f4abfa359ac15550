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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.projects import commitment_check, permissions
from gaoxin.projects.choices import StageMilestone
from gaoxin.projects.commitment_check import INDICATORS, Actuals, CheckOutcome, Committed
from gaoxin.projects.models import Commitment, CommitmentCheck, Project, Stage

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
