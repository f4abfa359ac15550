"""obligations_check: the daily 履约 check of every clause of 20,000 agreements (target ≤ 2 s).

The scratch database holds 100,000 enterprises with five years of yearly data (500,000 rows), 20,000 signed leads
with one agreement each and two clauses per agreement (40,000 obligations): a yearly tax from the year after the
signing for three years, bound to the enterprise the lead registered (70% of them have landed), and either the
fixed-asset investment due by a date, measured on the monthly reports of the project the lead became (40%, with a
year of reports each), or the registered capital paid in by a date, recorded by the officer.

value: ``investment.services.agreements.check_obligations`` — the real daily check: it binds the clauses of
landed leads, judges every obligation with set-based reads (``projects.services.commitments.measure_all``: one
query of monthly reports, one of yearly data), stores the statuses and figures that changed and this year's
checks, and tells the breaches and the obligations due soon — run the day after a first check has stored every
status (the first run, which writes every obligation and its check once, is timed too and printed); best of three
runs, each rolled back. reference: the same check with each obligation judged by its own ORM queries (its
project's reports, its enterprise's years: ``measure_all`` called clause by clause), measured once in the same run,
rolled back too. Both must judge every obligation alike.

Run: python -m benchmarks.obligations_check        (SQLite in a scratch directory)
     GAOXIN_DATABASE_URL=postgres://…/scratch python -m benchmarks.obligations_check
     GAOXIN_BENCH_SCALE=0.1 python -m benchmarks.obligations_check    (a tenth of the data, while developing)
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from decimal import Decimal
from typing import Any
from unittest import mock

from benchmarks.harness import report, setup_django, timed

SCALE = float(os.environ.get("GAOXIN_BENCH_SCALE", "1"))
ENTERPRISES = int(100_000 * SCALE)
AGREEMENTS = int(20_000 * SCALE)
YEARS = range(2021, 2026)  # five years of yearly data
TODAY = dt.date(2026, 6, 30)  # the day of the first check; the timed runs are the next day's


class Rollback(Exception):
    pass


def build() -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from gaoxin.accounts.choices import Role
    from gaoxin.accounts.models import Department, User
    from gaoxin.enterprises.credit_code import make_code
    from gaoxin.enterprises.models import Enterprise, EnterpriseYear
    from gaoxin.investment import duplicates
    from gaoxin.investment.models import Agreement, AgreementClause, Lead, LeadStage
    from gaoxin.projects import commitment_check as check
    from gaoxin.projects.models import MonthlyReport, Obligation, Project, Stage
    from gaoxin.projects.services.progress import refresh_running_totals

    rng = random.Random(17)
    with transaction.atomic():
        bureau = Department.objects.create(code="zhaoshang", name="投资促进局", capabilities=["investment"])
        officer = User.objects.create(
            username="bureau", password=make_password("x"), role=Role.OFFICER, department=bureau
        )
        Enterprise.objects.bulk_create(
            [Enterprise(credit_code=make_code(serial=i), name=f"基准企业{i:06d}有限公司") for i in range(ENTERPRISES)],
            batch_size=5000,
        )  # fmt: skip
        enterprise_ids = list(Enterprise.objects.order_by("pk").values_list("pk", flat=True))
        years = []
        for enterprise_id in enterprise_ids:
            scale = rng.uniform(50, 5_000)
            for year in YEARS:
                growth = Decimal(str(round(scale * rng.uniform(0.7, 1.4), 2)))
                years.append(
                    EnterpriseYear(
                        enterprise_id=enterprise_id, year=year, tax=growth, output_value=growth * 20
                    )
                )
        EnterpriseYear.objects.bulk_create(years, batch_size=5000)
        signed = LeadStage.objects.get(code="signed")
        stage = Stage.objects.order_by("sort_order").last()
        landed = rng.sample(enterprise_ids, int(AGREEMENTS * 0.7))
        leads, projects = [], []
        for n in range(AGREEMENTS):
            investor = f"基准投资方{n:06d}有限公司"
            on = dt.date(2022, 1, 3) + dt.timedelta(days=rng.randrange(1_200))
            enterprise_id = landed[n] if n < len(landed) else None
            project = None
            if enterprise_id is not None and rng.random() < 0.57:
                project = Project(
                    code=f"XM-{n:06d}",
                    name=f"基准项目{n:06d}",
                    owner_id=enterprise_id,
                    stage=stage,
                    responsible_unit=bureau,
                    total_investment=Decimal(rng.randint(5_000, 200_000)),
                    fixed_asset_investment=Decimal(rng.randint(4_000, 150_000)),
                    started_on=on + dt.timedelta(days=90),
                )
                projects.append(project)
            leads.append(
                Lead(
                    code=f"ZS{n:07d}",
                    name=f"基准招商项目{n:06d}",
                    investor_name=investor,
                    investor_key=duplicates.normalised_investor(investor),
                    responsible_unit=bureau,
                    officer=officer,
                    registered_on=on - dt.timedelta(days=120),
                    stage=signed,
                    stage_since=on,
                    enterprise_id=enterprise_id,
                    project=project,
                )
            )
        Project.objects.bulk_create(projects, batch_size=2000)
        for lead in leads:
            lead.project_id = lead.project.pk if lead.project else None
        Lead.objects.bulk_create(leads, batch_size=2000)
        reports = []
        for project in projects:
            pace = Decimal(project.fixed_asset_investment) / 24
            for k in range(12):
                year, month = (2025, 7 + k) if k < 6 else (2026, k - 5)
                completed = (pace * Decimal(str(round(rng.uniform(0.3, 1.6), 2)))).quantize(Decimal("0.01"))
                reports.append(MonthlyReport(project=project, year=year, month=month, completed=completed))
        MonthlyReport.objects.bulk_create(reports, batch_size=5000)
        refresh_running_totals()
        agreements = Agreement.objects.bulk_create(
            [
                Agreement(lead_id=lead.pk, title=f"{lead.name}投资协议", parties=f"管委会\n{lead.investor_name}",
                          signed_on=lead.stage_since, investor_name=lead.investor_name, service_officer=officer)
                for lead in leads
            ],
            batch_size=2000,
        )  # fmt: skip
        obligations = []
        for lead, agreement in zip(leads, agreements, strict=True):
            signed_on = agreement.signed_on
            obligations.append(
                Obligation(
                    project_id=lead.project_id,
                    enterprise_id=lead.enterprise_id,
                    title="年纳税额",
                    measure=check.TAX,
                    threshold=Decimal(rng.randint(100, 3_000)),
                    first_year=signed_on.year + 1,
                    years=3,
                )
            )
            if lead.project_id is not None:
                obligations.append(
                    Obligation(
                        project_id=lead.project_id,
                        enterprise_id=lead.enterprise_id,
                        title="固定资产投资",
                        measure=check.FIXED_ASSET_INVESTMENT,
                        threshold=Decimal(rng.randint(4_000, 100_000)),
                        starts_on=signed_on,
                        due_on=signed_on + dt.timedelta(days=rng.randint(700, 1_600)),
                    )
                )
            else:
                paid = rng.random() < 0.6
                obligations.append(
                    Obligation(
                        enterprise_id=lead.enterprise_id,
                        title="注册资本实缴",
                        measure=check.REGISTERED_CAPITAL,
                        threshold=Decimal(5_000),
                        starts_on=signed_on,
                        due_on=signed_on + dt.timedelta(days=rng.randint(365, 1_400)),
                        recorded_value=Decimal(5_000) if paid else None,
                        recorded_on=signed_on + dt.timedelta(days=200) if paid else None,
                    )
                )
        Obligation.objects.bulk_create(obligations, batch_size=2000)
        by_agreement = iter(obligations)
        AgreementClause.objects.bulk_create(
            [
                AgreementClause(agreement=agreement, obligation=next(by_agreement))
                for agreement in agreements
                for _ in range(2)
            ],
            batch_size=5000,
        )
    print(
        f"{len(enterprise_ids)} enterprises with {len(years)} yearly rows, {len(agreements)} agreements,"
        f" {len(projects)} projects with {len(reports)} monthly reports, {len(obligations)} obligations"
    )


def per_clause(measure_all: Any) -> Any:
    """``measure_all`` called for each obligation alone: its project's reports and its enterprise's yearly data
    read by its own queries."""

    def measure(obligations: list[Any], today: dt.date) -> list[Any]:
        return [measured for obligation in obligations for measured in measure_all([obligation], today)]

    return measure


def rolled_back(today: dt.date, reference: bool = False) -> tuple[float, dict[str, int]]:
    """One check on ``today``, timed and undone; the number of obligations judged by status."""
    from django.db import transaction

    from gaoxin.investment.services.agreements import check_obligations
    from gaoxin.projects.services import commitments

    found: dict[str, int] = {}
    seconds = 0.0
    try:
        with transaction.atomic():
            if reference:
                with mock.patch.object(commitments, "measure_all", per_clause(commitments.measure_all)):
                    seconds, run = timed(lambda: check_obligations(today=today))
            else:
                seconds, run = timed(lambda: check_obligations(today=today))
            found = dict(run.by_status)
            raise Rollback
    except Rollback:
        pass
    return seconds, found


def main() -> None:
    vendor = setup_django()
    from django.urls import reverse

    from gaoxin.investment.models import AgreementClause
    from gaoxin.investment.services.agreements import check_obligations
    from gaoxin.projects.models import Obligation

    first = None
    if not AgreementClause.objects.exists():
        start = time.perf_counter()
        build()
        print(f"built in {time.perf_counter() - start:.0f} s")
    if not Obligation.objects.filter(checked_on=TODAY).exists():
        first, run = timed(lambda: check_obligations(today=TODAY))
        print(
            f"first check (every status written): {first:.2f} s, {run.checked} obligations: {run.by_status},"
            f" {run.follow_ups} problems opened"
        )
    reverse("investment:agreement_detail", args=[1])  # the URL configuration loaded once, before the timing
    tomorrow = TODAY + dt.timedelta(days=1)
    ours = []
    for _ in range(3):
        seconds, found = rolled_back(tomorrow)
        ours.append(seconds)
    reference, expected = rolled_back(tomorrow, reference=True)
    assert found == expected, f"the checks judged differently: {found} / {expected}"
    checked = sum(found.values())
    print(
        f"daily check: {min(ours):.2f} s (runs {', '.join(f'{s:.2f}' for s in ours)}) for {checked} obligations"
    )
    print(f"reference (per-clause queries): {reference:.2f} s")
    report(
        name="obligations_check",
        value=min(ours),
        unit="s (best of 3)",
        reference="the same check with each obligation judged by its own ORM queries",
        reference_value=reference,
        database=vendor,
        agreements=AGREEMENTS,
        obligations=checked,
        enterprises=ENTERPRISES,
        first_check_s=None if first is None else round(first, 2),
        by_status=found,
        target_s=2,
    )


if __name__ == "__main__":
    main()
