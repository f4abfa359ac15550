"""Monthly investment: annual and monthly plans, monthly reports, the traffic lights and their rule.

A monthly report (completed investment in 万元, 形象进度) is filed by the project office or the project's
responsible unit, never for a month still to come. Filing updates the project's physical progress and its light
(``recompute_lights``, set-based: a fixed number of queries for any number of projects). A new light rule is a
new ``LightRule`` row; every light is then recomputed in the background worker (``recompute_lights_task``). Lights also change with the
date alone (a missed start turns red), hence ``gaoxin project_lights`` from cron.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_tasks import task

from gaoxin.accounts.models import User
from gaoxin.core import bulk, changelog
from gaoxin.core.models import ChangeAction
from gaoxin.core.reports.display import wan
from gaoxin.core.request_context import request_id_scope
from gaoxin.projects import investment_progress, lights, permissions, profile_checks
from gaoxin.projects.models import InvestmentPlan, LightRule, MonthlyReport, Project, SpendingBeforeStart
from gaoxin.projects.selectors import figures
from gaoxin.projects.selectors.rules import current_light_rule, current_office_settings

REPORT_FIELDS = ("planned", "completed", "physical_progress")
REPORTED_FIELDS = {"completed", "physical_progress"}  # what only a month already begun can have


@dataclass(frozen=True)
class ReportRow:
    """One project month to write: ``values`` holds only the fields to set (planned, completed,
    physical_progress); absent fields keep what is stored."""

    project_id: int
    year: int
    month: int
    values: Mapping[str, Any]


@dataclass
class StoreCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lights_changed: int = 0
    report_ids: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # spending before the start, accepted with a warning

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "lights_changed": self.lights_changed,
        }


def _validate_row(row: ReportRow, today: dt.date) -> None:
    if not 1 <= row.month <= 12:
        raise ValidationError(_("The month must be between 1 and 12."), code="month")
    reporting = REPORTED_FIELDS & {k for k, v in row.values.items() if v not in (None, "")}
    if reporting and (row.year, row.month) > (today.year, today.month):
        raise ValidationError(
            _("%(year)s-%(month)02d has not begun yet: a month can be reported once it has begun.")
            % {"year": row.year, "month": row.month},
            code="future",
        )
    for name in ("planned", "completed"):
        value = row.values.get(name)
        if value is not None and value < 0:
            raise ValidationError(_("Investment amounts cannot be negative."), code="negative")


def store_reports(rows: Sequence[ReportRow], *, by: User | None, today: dt.date | None = None) -> StoreCounts:
    """Write project months (create or update), log them, update physical progress and lights.

    Every project must be editable by ``by`` (PermissionDenied otherwise); rows are validated (ValidationError).
    Writing the same values again changes nothing and logs nothing.
    """
    today = today or timezone.localdate()
    for row in rows:
        _validate_row(row, today)
    project_ids = {row.project_id for row in rows}
    projects = Project.objects.in_bulk(project_ids)
    if len(projects) != len(project_ids) or not all(permissions.may_edit(by, p) for p in projects.values()):
        raise PermissionDenied
    counts = StoreCounts()
    counts.warnings = _spending_before_start(rows, projects)
    with transaction.atomic():
        existing = {
            (r.project_id, r.year, r.month): r
            for r in MonthlyReport.objects.select_for_update().filter(
                project_id__in=project_ids, year__in={row.year for row in rows}
            )
        }
        now = timezone.now()
        reporter = by if getattr(by, "pk", None) else None
        created: list[MonthlyReport] = []
        updated: list[tuple[MonthlyReport, dict[str, list[Any]]]] = []
        for row in rows:
            report = existing.get((row.project_id, row.year, row.month))
            values = {
                k: ("" if v is None else v) if k == "physical_progress" else v for k, v in row.values.items()
            }
            if report is None and all(v in (None, "") for v in values.values()):
                counts.unchanged += 1  # nothing to store for a month that has nothing yet
                continue
            if report is None:
                report = MonthlyReport(project_id=row.project_id, year=row.year, month=row.month, **values)
                if REPORTED_FIELDS & values.keys():
                    report.reported_by, report.reported_at = reporter, now
                existing[(row.project_id, row.year, row.month)] = report
                created.append(report)
                continue
            before = changelog.snapshot(report)
            for name, value in values.items():
                setattr(report, name, value)
            changed = changelog.diff(before, changelog.snapshot(report))
            if not changed:
                counts.unchanged += 1
                continue
            if REPORTED_FIELDS & changed.keys():
                report.reported_by, report.reported_at = reporter, now
            updated.append((report, changed))
        MonthlyReport.objects.bulk_create(created)
        MonthlyReport.objects.bulk_update(
            [report for report, _changes in updated], [*REPORT_FIELDS, "reported_by", "reported_at"]
        )
        changelog.record(  # written in bulk, past the signals: logged through the mechanism's bulk entry
            [
                *(
                    changelog.Change.of(
                        r, ChangeAction.CREATE, {k: [None, v] for k, v in changelog.snapshot(r).items() if v}
                    )
                    for r in created
                ),
                *(changelog.Change.of(r, ChangeAction.UPDATE, changes) for r, changes in updated),
            ],
            by=by,
        )
        _check_within_annual_plan(
            {(r.project_id, r.year) for r in created if r.planned is not None}
            | {(r.project_id, r.year) for r, changes in updated if "planned" in changes}
        )
        counts.created, counts.updated = len(created), len(updated)
        counts.report_ids = [r.pk for r in created] + [r.pk for r, _changes in updated]
        if created or updated:
            refresh_running_totals(project_ids)
            _update_physical_progress(project_ids, by=by)
            counts.lights_changed = recompute_lights(on=today, project_ids=project_ids, by=by)
    return counts


def _check_within_annual_plan(keys: Iterable[tuple[int, int]]) -> None:
    """Refuse monthly plans that add up to more than their year's annual plan (the parts may not exceed the
    whole), naming the month at which they pass it. Read as stored, so called after the rows are written inside
    the transaction (the error rolls them back). Years without an annual plan are not checked."""
    keys = set(keys)
    if not keys:
        return
    project_ids, years = {p for p, _y in keys}, {y for _p, y in keys}
    annual = {
        (p, y): amount
        for p, y, amount in InvestmentPlan.objects.filter(
            project_id__in=project_ids, year__in=years
        ).values_list("project_id", "year", "amount")
        if (p, y) in keys and amount is not None
    }
    if not annual:
        return
    totals: dict[tuple[int, int], Decimal] = {}
    months = (
        MonthlyReport.objects.filter(project_id__in={p for p, _y in annual}, year__in={y for _p, y in annual})
        .exclude(planned=None)
        .order_by("project_id", "year", "month")
        .values_list("project_id", "year", "month", "planned")
    )
    for project_id, year, month, planned in months:
        key = (project_id, year)
        if key not in annual:
            continue
        totals[key] = totals.get(key, Decimal(0)) + (planned or Decimal(0))
        if totals[key] > annual[key]:
            raise ValidationError(
                _(
                    "The monthly plans through month %(month)s of %(year)s add up to %(total)s (10k yuan), more "
                    "than the annual plan of %(annual)s (10k yuan)."
                )
                % {"year": year, "month": month, "total": wan(totals[key]), "annual": wan(annual[key])},
                code="above_annual_plan",
            )


def _early_message(project: Project, year: int, month: int) -> str:
    values = {"project": project.name, "year": year, "month": month}
    if project.started_on is None:
        return _(
            "%(project)s: investment reported for %(year)s-%(month)02d, but construction has not started."
        ) % (values)
    return _(
        "%(project)s: investment reported for %(year)s-%(month)02d, before construction started (%(date)s)."
    ) % {**values, "date": formats.date_format(project.started_on, "DATE_FORMAT")}


def _spending_before_start(rows: Sequence[ReportRow], projects: Mapping[int, Project]) -> list[str]:
    """Completed investment reported for a month before the project's construction started: refused or
    returned as warnings, as the project office configures (``OfficeSettings.spending_before_start``)."""
    found = [
        _early_message(projects[row.project_id], year, month)
        for row in rows
        for year, month in profile_checks.spending_before_start(
            [(row.year, row.month, row.values.get("completed"))], projects[row.project_id].started_on
        )
    ]
    if found and current_office_settings().spending_before_start == SpendingBeforeStart.REFUSE:
        raise ValidationError(found, code="before_start")
    return found


def early_spending(project: Project) -> list[str]:
    """A warning, once, when the project's stored reports carry investment completed before its construction
    started (the months listed); empty otherwise."""
    reports = project.monthly_reports.order_by("year", "month").values_list("year", "month", "completed")
    months = profile_checks.spending_before_start(reports, project.started_on)
    if not months:
        return []
    values = {"months": "、".join(f"{year}-{month:02d}" for year, month in months)}
    if project.started_on is None:
        return [_("Investment is reported for %(months)s, but construction has not started.") % values]
    return [
        _("Investment is reported for %(months)s, before construction started (%(date)s).")
        % {**values, "date": formats.date_format(project.started_on, "DATE_FORMAT")}
    ]


def refresh_running_totals(project_ids: Iterable[int] | None = None) -> int:
    """Bring the reports' 本年累计 and 开工以来累计 (of ``project_ids``, or of every project) in line with their
    completed investment: one read, and one batched write of the rows that differ. Returns how many differed.

    Derived figures, not logged: the change log records the completed investment they are summed from."""
    reports = MonthlyReport.objects.order_by("project_id", "year", "month")
    if project_ids is not None:
        reports = reports.filter(project_id__in=list(project_ids))
    changed: list[tuple[int, Decimal, Decimal]] = []
    rows = reports.values_list(
        "project_id", "pk", "year", "month", "completed", "ytd_completed", "since_start_completed"
    )
    for _project_id, group in groupby(rows.iterator(chunk_size=2000), key=itemgetter(0)):
        months = list(group)
        totals = investment_progress.running_totals((r[2], r[3], r[4]) for r in months)
        changed.extend(
            (row[1], ytd, since_start)
            for row, (ytd, since_start) in zip(months, totals, strict=True)
            if (row[5], row[6]) != (ytd, since_start)
        )
    bulk.update(MonthlyReport, ["ytd_completed", "since_start_completed"], changed)
    return len(changed)


def _update_physical_progress(project_ids: Iterable[int], *, by: User | None) -> None:
    """A project's 形象进度 is the text of its latest month that has one."""
    latest: dict[int, str] = {}
    for project_id, text in (
        MonthlyReport.objects.filter(project_id__in=project_ids)
        .exclude(physical_progress="")
        .order_by("project_id", "-year", "-month")
        .values_list("project_id", "physical_progress")
    ):
        latest.setdefault(project_id, text)
    with changelog.acting(by=by):
        for project in Project.objects.filter(pk__in=latest):
            if project.physical_progress != latest[project.pk]:
                project.physical_progress = latest[project.pk]
                project.save(update_fields=["physical_progress", "updated_at"])


def file_report(
    *,
    project: Project,
    year: int,
    month: int,
    completed: Decimal,
    by: User | None,
    planned: Decimal | None = None,
    physical_progress: str = "",
    today: dt.date | None = None,
) -> MonthlyReport:
    """The responsible unit (or the project office) reports a month: completed investment (万元), optionally
    the month's plan (None keeps the stored plan), and the physical progress."""
    if not permissions.may_edit(by, project):
        raise PermissionDenied
    if completed is None:
        raise ValidationError(_("Please enter the completed investment."), code="required")
    values: dict[str, Any] = {"completed": completed, "physical_progress": physical_progress.strip()}
    if planned is not None:
        values["planned"] = planned
    store_reports([ReportRow(project.pk, year, month, values)], by=by, today=today)
    project.refresh_from_db(fields=["light", "light_reasons", "physical_progress"])
    return MonthlyReport.objects.get(project=project, year=year, month=month)


def set_annual_plan(
    *,
    project: Project,
    year: int,
    amount: Decimal,
    by: User | None,
    monthly: Mapping[int, Decimal | None] | None = None,
    today: dt.date | None = None,
) -> InvestmentPlan:
    """A project's annual planned investment (万元) and, optionally, the plan of each month (1–12)."""
    if not permissions.may_edit(by, project):
        raise PermissionDenied
    if amount is None or amount < 0:
        raise ValidationError(_("Investment amounts cannot be negative."), code="negative")
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Please enter a year between 2000 and 2100."), code="year")
    today = today or timezone.localdate()
    with transaction.atomic():
        plan = InvestmentPlan.objects.select_for_update().filter(project=project, year=year).first()
        changelog.save_as(plan or InvestmentPlan(project=project, year=year), {"amount": amount}, by=by)
        if monthly:
            store_reports(
                [ReportRow(project.pk, year, m, {"planned": v}) for m, v in sorted(monthly.items())],
                by=by,
                today=today,
            )
        _check_within_annual_plan([(project.pk, year)])  # a lowered annual plan, below the months' plans
        recompute_lights(on=today, project_ids=[project.pk], by=by)
    project.refresh_from_db(fields=["light", "light_reasons"])
    return InvestmentPlan.objects.get(project=project, year=year)


def recompute_lights(
    *, on: dt.date | None = None, project_ids: Iterable[int] | None = None, by: User | None = None
) -> int:
    """Judge the lights of the active projects (all, or ``project_ids``) as of ``on`` and store the changed ones.

    A fixed number of reads and one batched write whatever the number of projects; the changes go to the log in one
    statement. Returns how many lights changed.
    """
    on = on or timezone.localdate()
    year, month = lights.report_month(on)
    rule = current_light_rule()
    projects: QuerySet[Project] = Project.objects.filter(is_active=True)
    if project_ids is not None:
        projects = projects.filter(pk__in=list(project_ids))
    stored = {
        pk: (light, reasons) for pk, light, reasons in projects.values_list("pk", "light", "light_reasons")
    }
    changed: list[Project] = []
    log: list[changelog.Change] = []
    for p in figures.project_months(projects, year, month):  # the figures every page reads
        facts = lights.Facts(p.annual_plan, p.ytd, p.planned_start_on, p.started_on)
        verdict = lights.judge(facts, month=month, on=on, rule=rule)
        new_reasons = verdict.reasons_json()
        light, reasons = stored[p.pk]
        if verdict.light == light and new_reasons == reasons:
            continue
        changed.append(Project(pk=p.pk, light=verdict.light, light_reasons=new_reasons))
        if verdict.light != light:
            log.append(
                changelog.Change(
                    Project, p.pk, ChangeAction.UPDATE, {"light": [light, verdict.light]}, "light", p.name
                )
            )
    Project.objects.bulk_update(changed, ["light", "light_reasons"], batch_size=500)
    changelog.record(log, by=by)  # derived, written in bulk: logged through the mechanism's bulk entry
    return len(log)


def update_light_rule(*, data: Mapping[str, Any], by: User | None) -> LightRule:
    """A new rule in force (the old rows stay as history); every light is recomputed in the worker once the
    rule is committed (nothing is queued if the transaction rolls back)."""
    if not permissions.may_configure(by):
        raise PermissionDenied
    with transaction.atomic():
        rule = LightRule(**data)
        rule.full_clean()
        if rule.yellow_gap > rule.red_gap:
            raise ValidationError(
                {"red_gap": _("The red threshold cannot be below the yellow threshold.")}, code="order"
            )
        with changelog.acting(by=by):
            rule.save()
        transaction.on_commit(recompute_lights_task.enqueue)
    return rule


@task()
def recompute_lights_task(on: str | None = None) -> int:
    """Every active project's light as of ``on`` (ISO date; today when None); returns how many changed.

    Declared beside its work rather than in ``projects.tasks``: that module calls services (the plans, the
    report import), so a service queuing a task of it would close an import cycle."""
    with request_id_scope():
        return recompute_lights(on=dt.date.fromisoformat(on) if on else None)
