"""Investment agreements and their 履约: clauses checked on a project's and an enterprise's real data, the
follow-ups and reminders of the periodic check, the filing flag, the signings counted, the 履约率 and 三未."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.core.models import ChangeAction
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.investment.models import Agreement, Lead, LeadStage
from gaoxin.investment.selectors import agreements as reads
from gaoxin.investment.services import agreements as services
from gaoxin.investment.tests.conftest import MakeLead
from gaoxin.projects import seeds as project_seeds
from gaoxin.projects.commitment_check import AT_RISK, BREACHED, MET, NOT_DUE, ON_TRACK
from gaoxin.projects.models import MonthlyReport, ObligationCheck, Project, ProjectIssue, Stage
from gaoxin.servicedesk.models import Notification
from gaoxin.testing.personas import Personas

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def project(personas: Personas) -> Project:
    project_seeds.ensure_defaults()
    return Project.objects.create(
        code="XM-A1",
        name="年产10GW高效光伏组件项目",
        stage=Stage.objects.get(code="production"),
        responsible_unit=personas.department_a,
        owner=personas.own_enterprise,
        land_mu=D(50),
        started_on=dt.date(2024, 3, 1),
        completed_on=dt.date(2025, 9, 30),  # promised by 2025-06-30
        production_on=dt.date(2022, 1, 10),
    )


@pytest.fixture
def landed(make_lead: MakeLead, project: Project, personas: Personas) -> Lead:
    lead = make_lead()
    Lead.objects.filter(pk=lead.pk).update(
        project=project, enterprise=personas.own_enterprise, stage=LeadStage.objects.get(code="project")
    )
    lead.refresh_from_db()
    return lead


def agreement_for(lead: Lead, by: User, **fields: Any) -> Agreement:
    data = {
        "title": "光伏组件项目投资协议",
        "parties": "高新区管委会\n恒达新能源科技有限公司",
        "signed_on": dt.date(2024, 1, 10),
        "filed_on": dt.date(2024, 1, 12),
        "total_investment": D(120_000),
        "fixed_asset_investment": D(100_000),
        **fields,
    }
    return services.agreement_save(data=data, by=by, lead=lead)


CLAUSES = {
    "start": {"measure": "started", "due_on": dt.date(2024, 6, 30), "title": "第五条 开工"},
    "completion": {"measure": "completed", "due_on": dt.date(2025, 6, 30), "title": "第五条 竣工"},
    "investment": {
        "measure": "fixed_asset_investment",
        "threshold": D(20_000),
        "due_on": dt.date(2026, 12, 31),
        "starts_on": dt.date(2025, 12, 31),
        "consequence": "penalty",
        "penalty": D(500),
    },
    "tax": {"measure": "tax_per_mu", "threshold": D(20), "from_production_year": 3, "years": 3},
    "output": {"measure": "output_value", "threshold": D(80_000), "first_year": 2026, "years": 3},
}


def test_clauses_are_checked_on_the_project_and_the_enterprise_data(
    landed: Lead, bureau_officer: User, personas: Personas
) -> None:
    agreement = agreement_for(landed, bureau_officer)
    clauses = {
        k: services.clause_save(agreement=agreement, data=v, by=bureau_officer) for k, v in CLAUSES.items()
    }
    # cumulative investment 9,000 by May 2026: 181 of 365 days of the year's schedule → 9,917.8082 due: at risk
    for year, month, total in ((2025, 12, 2000), (2026, 5, 9000), (2026, 8, 30000)):
        MonthlyReport.objects.create(
            project=landed.project, year=year, month=month, since_start_completed=D(total)
        )
    # 亩均税收 from the 3rd production year (2024): 2024 and 2025 at 1,000 and 1,050 on 50 mu
    for year, tax in ((2024, 1000), (2025, 1050)):
        EnterpriseYear.objects.create(enterprise=personas.own_enterprise, year=year, tax=D(tax))

    run = services.check_obligations(today=TODAY, by=bureau_officer)

    status = {k: c.obligation.__class__.objects.get(pk=c.obligation_id) for k, c in clauses.items()}
    assert {k: o.status for k, o in status.items()} == {
        "start": MET,
        "completion": BREACHED,  # completed three months late
        "investment": AT_RISK,
        "tax": ON_TRACK,  # two of three years met, the window runs to 2026
        "output": NOT_DUE,  # 2026 is not over
    }
    assert status["investment"].figures["actual"] == "9000"
    assert status["investment"].figures["expected"] == "9917.8082"
    assert [(y["year"], y["actual"], y["status"]) for y in status["tax"].figures["years"]] == [
        (2024, "20", MET),
        (2025, "21", MET),
    ]
    assert status["completion"].figures["reached_on"] == "2025-09-30"
    # the breach opened one problem on the project for its responsible unit
    issue = ProjectIssue.objects.get(project=landed.project)
    assert status["completion"].follow_up == issue
    assert issue.unit == personas.department_a
    assert run.follow_ups == 1
    assert ObligationCheck.objects.filter(year=2026).count() == 5


def test_the_check_writes_the_changed_obligations_at_once_and_logs_each_by_the_acting_user(
    landed: Lead, bureau_officer: User
) -> None:
    agreement = agreement_for(landed, bureau_officer)
    clauses = [services.clause_save(agreement=agreement, data=v, by=bureau_officer) for v in CLAUSES.values()]
    with CaptureQueriesContext(connection) as queries:
        services.check_obligations(today=TODAY, by=bureau_officer)
    updates = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "projects_obligation"')
    ]
    assert len(updates) == 1  # five obligations changed, one statement (thousands change on a real day)
    completion = clauses[1].obligation
    entry = changelog.history(completion).filter(action=ChangeAction.UPDATE).get()
    assert entry.user == bureau_officer
    assert entry.changes["status"] == ["not_due", BREACHED]
    assert "follow_up" in entry.changes
    completion.refresh_from_db()
    assert (completion.status, completion.checked_on) == (BREACHED, TODAY)


def test_a_second_run_opens_no_second_follow_up_and_a_short_year_breaches(
    landed: Lead, bureau_officer: User, personas: Personas
) -> None:
    agreement = agreement_for(landed, bureau_officer)
    clause = services.clause_save(agreement=agreement, data=CLAUSES["tax"], by=bureau_officer)
    EnterpriseYear.objects.create(enterprise=personas.own_enterprise, year=2024, tax=D(1000))
    EnterpriseYear.objects.create(enterprise=personas.own_enterprise, year=2025, tax=D(900))  # 18 < 20
    services.check_obligations(today=TODAY, by=bureau_officer)
    second = services.check_obligations(today=TODAY, by=bureau_officer)
    clause.obligation.refresh_from_db()
    assert clause.obligation.status == BREACHED
    assert second.newly_breached == []
    assert ProjectIssue.objects.filter(project=landed.project).count() == 1


def test_a_breach_before_landing_is_told_to_the_bureau_and_due_soon_reminded(
    make_lead: MakeLead, bureau_officer: User
) -> None:
    lead = make_lead()
    agreement = agreement_for(lead, bureau_officer, service_officer=bureau_officer)
    services.clause_save(agreement=agreement, data=CLAUSES["start"], by=bureau_officer)  # due 2024-06-30
    soon = {"measure": "production", "due_on": TODAY + dt.timedelta(days=40), "title": "投产"}
    services.clause_save(agreement=agreement, data=soon, by=bureau_officer)
    run = services.check_obligations(today=TODAY)
    assert len(run.newly_breached) == 1
    assert run.follow_ups == 0
    assert len(run.due_soon) == 1
    told = Notification.objects.filter(recipient=bureau_officer)
    assert told.count() == 2  # the breach (the bureau) and the reminder (the service officer)
    assert all(n.url.endswith(f"/agreements/{agreement.pk}/") for n in told)
    services.check_obligations(today=TODAY + dt.timedelta(days=1))
    assert told.count() == 2  # reminded and told once


def test_clauses_follow_the_lead_once_it_lands(
    make_lead: MakeLead, bureau_officer: User, project: Project, personas: Personas
) -> None:
    lead = make_lead()
    agreement = agreement_for(lead, bureau_officer)
    clause = services.clause_save(agreement=agreement, data=CLAUSES["start"], by=bureau_officer)
    assert clause.obligation.project is None
    Lead.objects.filter(pk=lead.pk).update(project=project, enterprise=personas.own_enterprise)
    services.check_obligations(today=TODAY)
    clause.obligation.refresh_from_db()
    assert (clause.obligation.project, clause.obligation.enterprise) == (project, personas.own_enterprise)
    assert clause.obligation.status == MET


def test_a_clause_needs_what_its_measure_is_judged_by(landed: Lead, bureau_officer: User) -> None:
    agreement = agreement_for(landed, bureau_officer)
    with pytest.raises(ValidationError) as caught:
        services.clause_save(agreement=agreement, data={"measure": "tax_per_mu"}, by=bureau_officer)
    assert set(caught.value.message_dict) == {"threshold", "first_year"}
    with pytest.raises(ValidationError) as caught:
        services.clause_save(agreement=agreement, data={"measure": "started"}, by=bureau_officer)
    assert set(caught.value.message_dict) == {"due_on"}


def test_only_the_bureau_records_agreements(make_lead: MakeLead, personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        agreement_for(make_lead(), personas.officer_a)


def test_filing_later_than_the_configured_days_is_flagged(make_lead: MakeLead, bureau_officer: User) -> None:
    lead = make_lead()
    on_time = agreement_for(lead, bureau_officer, filed_on=dt.date(2024, 1, 15))  # 5 days
    late = agreement_for(lead, bureau_officer, filed_on=dt.date(2024, 1, 16))
    assert not services.filed_late(on_time, 5)
    assert services.filed_late(late, 5)
    with pytest.raises(ValidationError):
        agreement_for(lead, bureau_officer, filed_on=dt.date(2024, 1, 9))


def test_signings_are_counted_once_by_increment_and_by_new_investor(
    make_lead: MakeLead, bureau_officer: User
) -> None:
    lead = make_lead()
    first = agreement_for(
        lead, bureau_officer, signed_on=dt.date(2026, 2, 1), total_investment=D(120_000), filed_on=None
    )
    increment = agreement_for(
        lead, bureau_officer, signed_on=dt.date(2026, 5, 1), total_investment=D(150_000), filed_on=None
    )
    other = agreement_for(
        lead,
        bureau_officer,
        signed_on=dt.date(2026, 8, 1),
        filed_on=None,
        total_investment=D(8_000),
        investor_name="远景服务有限公司",
        is_manufacturing=False,
    )
    counted = reads.counted_signings([first, increment, other])
    assert [(counted[a.pk].kind, counted[a.pk].investment) for a in (first, increment, other)] == [
        ("first", D(120_000)),
        ("expansion", D(30_000)),
        ("new_investor", D(8_000)),
    ]
    periods = {p.label: p.tally for p in reads.signings_by_quarter(bureau_officer, 2026)}
    year = periods["2026"]
    assert (year.number, year.investment) == (3, D(158_000))
    assert year.by_band == {"100m": 2, "1bn": 1}
    assert (year.manufacturing, year.services) == (2, 1)
    assert periods["Q1"].number == periods["Q2"].number == periods["Q3"].number == 1
    assert periods["Q4"].number == 0


def test_performance_rate_by_officer_unit_and_year(landed: Lead, bureau_officer: User) -> None:
    agreement = agreement_for(landed, bureau_officer, service_officer=bureau_officer)
    for key in ("start", "completion", "output"):
        services.clause_save(agreement=agreement, data=CLAUSES[key], by=bureau_officer)
    services.check_obligations(today=TODAY)
    (officer,) = reads.performance(bureau_officer, "officer", "—")
    assert (officer.label, officer.met, officer.breached, officer.pending, officer.rate) == (
        "招商局干部",
        1,
        1,
        1,
        D("50.0"),
    )
    assert [r.label for r in reads.performance(bureau_officer, "unit", "—")] == ["招商局"]
    assert [(r.label, r.rate) for r in reads.performance(bureau_officer, "year", "—")] == [
        ("2026", D("50.0"))
    ]


def test_the_three_not_lists(make_lead: MakeLead, project: Project, personas: Personas) -> None:
    stages = {s.code: s for s in LeadStage.objects.all()}
    signed = make_lead(name="签约项目")
    landed = make_lead(name="落地项目", investor_name="甲公司")
    started = make_lead(name="开工项目", investor_name="乙公司")
    make_lead(name="洽谈项目", investor_name="丙公司")
    Lead.objects.filter(pk=signed.pk).update(stage=stages["signed"])
    Lead.objects.filter(pk=landed.pk).update(stage=stages["landed"], enterprise=personas.own_enterprise)
    Project.objects.filter(pk=project.pk).update(completed_on=None)
    Lead.objects.filter(pk=started.pk).update(stage=stages["project"], project=project)
    lists = reads.three_not(personas.leader)
    assert [lead.pk for lead in lists.signed_not_landed] == [signed.pk]
    assert [lead.pk for lead in lists.landed_not_started] == [landed.pk]
    assert [lead.pk for lead in lists.started_not_completed] == [started.pk]


def test_a_clause_binds_no_year_and_no_date_before_the_signing(landed: Lead, bureau_officer: User) -> None:
    agreement = agreement_for(landed, bureau_officer)  # signed 2024-01-10
    with pytest.raises(ValidationError) as error:
        services.clause_save(
            agreement=agreement, data={**CLAUSES["output"], "first_year": 2023}, by=bureau_officer
        )
    assert "first_year" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.clause_save(
            agreement=agreement, data={**CLAUSES["start"], "due_on": dt.date(2023, 12, 31)}, by=bureau_officer
        )
    assert "due_on" in error.value.message_dict
    assert not agreement.clauses.exists()
