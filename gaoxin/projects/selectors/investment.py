"""Reads of a project's investment (its annual plans and monthly reports), of the light rules and of the
monthly reports' Excel imports."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from gaoxin.accounts.models import User
from gaoxin.core import upload_imports
from gaoxin.core.models import Job
from gaoxin.projects.choices import REPORT_IMPORT_JOB
from gaoxin.projects.models import InvestmentPlan, LightRule, MonthlyReport, Project


def annual_plan(project: Project, year: int) -> Decimal | None:
    """The project's investment plan for ``year`` (10k yuan), None when none is set."""
    amount: Decimal | None = (
        InvestmentPlan.objects.filter(project=project, year=year).values_list("amount", flat=True).first()
    )
    return amount


def plan_years(project: Project) -> set[int]:
    """The years the project has an investment plan for."""
    return set(InvestmentPlan.objects.filter(project=project).values_list("year", flat=True))


def month_figures(project: Project, year: int) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """Each reported month of ``year``: (planned, completed)."""
    return {
        r.month: (r.planned, r.completed) for r in MonthlyReport.objects.filter(project=project, year=year)
    }


def planned_by_month(project: Project, year: int) -> dict[int, Decimal | None]:
    """The amount planned for each month of ``year`` (the annual plan form's months)."""
    return dict(MonthlyReport.objects.filter(project=project, year=year).values_list("month", "planned"))


def monthly_report(project: Project, year: int, month: int) -> MonthlyReport | None:
    return MonthlyReport.objects.filter(project=project, year=year, month=month).first()


def light_rules() -> QuerySet[LightRule]:
    """The light rules, the one in force first."""
    return LightRule.objects.order_by("-id")


def report_imports(user: User) -> QuerySet[Job]:
    """The monthly-report imports ``user`` may follow, newest first."""
    return upload_imports.visible(user, [REPORT_IMPORT_JOB])


def find_report_import(user: User, job_id: UUID) -> Job | None:
    """One of them (None when there is no such import ``user`` may follow)."""
    return report_imports(user).filter(pk=job_id).first()


def report_import_job(user: User, job_id: UUID) -> Job:
    """One of them; Http404 otherwise."""
    found = find_report_import(user, job_id)
    if found is None:
        raise Http404
    return found
