"""The 五个一 of investment promotion: the weekly summary, the monthly bulletin against targets and 时序进度 (with
the clauses breached), the rankings with red and black lists — as data, on the page and as .xlsx and .docx."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D
from typing import Any

import pytest
from docx import Document
from python_calamine import CalamineWorkbook

from gaoxin.accounts.models import User
from gaoxin.core.reports import output
from gaoxin.core.reports.content import AMOUNT, Cell
from gaoxin.investment import reports
from gaoxin.investment.choices import ActivityKind, TargetMeasure
from gaoxin.investment.models import InvestmentTarget, InvestmentTeam, Lead, LeadStage
from gaoxin.investment.services import agreements as agreement_services
from gaoxin.investment.services import leads as lead_services
from gaoxin.investment.services import targets as target_services
from gaoxin.investment.tests.conftest import MakeLead
from gaoxin.investment.tests.flows import advance
from gaoxin.investment.tests.test_agreements_services import CLAUSES, agreement_for, landed, project  # noqa: F401
from gaoxin.projects.models import MonthlyReport
from gaoxin.testing.personas import Personas

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def team(bureau_officer: User) -> InvestmentTeam:
    team = InvestmentTeam.objects.create(name="招商一组", department=bureau_officer.department)
    team.members.add(bureau_officer)
    return team


def test_the_weekly_summary_counts_the_week_by_team(
    make_lead: MakeLead, bureau_officer: User, team: InvestmentTeam
) -> None:
    monday = dt.date(2026, 6, 1)
    lead = make_lead(on=monday, team=team, officer=None)
    make_lead(
        on=monday - dt.timedelta(days=1), name="上周的项目", investor_name="上周公司"
    )  # outside the week
    lead_services.move(
        lead=lead,
        to_stage=LeadStage.objects.get(code="contact"),
        on=monday + dt.timedelta(2),
        by=bureau_officer,
    )
    lead_services.activity_add(
        lead=lead,
        data={"kind": ActivityKind.INSPECTION, "on": monday + dt.timedelta(3), "summary": "陪同考察园区"},
        by=bureau_officer,
    )
    document = reports.weekly_summary(monday, today=TODAY)
    assert [f.value for f in document.figures] == [1, 1, 1, 0]  # new, moves, visits, signings
    by_team = document.sections[0].tables[0]
    assert [list(row) for row in by_team.rows] == [["招商一组", 1, 1, 1, 0]]
    moves = document.sections[2].tables[0]
    assert moves.rows[0][3] == "线索 → 接洽"


def test_the_monthly_bulletin_judges_targets_against_time_progress_and_lists_breaches(
    landed: Lead,  # noqa: F811  (the fixture of test_agreements_services)
    bureau_officer: User,
    personas: Personas,
) -> None:
    unit = landed.responsible_unit
    target_services.target_save(
        data={
            "year": 2026,
            "department": unit,
            "measure": TargetMeasure.SIGNED_INVESTMENT,
            "value": D(400_000),
        },
        by=bureau_officer,
    )
    target_services.target_save(
        data={
            "year": 2026,
            "department": unit,
            "measure": TargetMeasure.FOREIGN_INVESTMENT_USED,
            "value": D(100),
        },
        by=bureau_officer,
    )
    agreement = agreement_for(
        landed, bureau_officer, signed_on=dt.date(2026, 3, 2), filed_on=dt.date(2026, 3, 3)
    )
    clause = {"measure": "fixed_asset_investment", "threshold": D(50_000), "due_on": dt.date(2026, 5, 31)}
    agreement_services.clause_save(
        agreement=agreement, data={**clause, "title": "第六条 投资"}, by=bureau_officer
    )
    MonthlyReport.objects.create(project=landed.project, year=2026, month=5, since_start_completed=D(1000))
    agreement_services.check_obligations(today=TODAY, by=bureau_officer)

    document = reports.monthly_bulletin(2026, 6, today=TODAY)
    targets = {row[1]: row for row in document.sections[0].tables[0].rows}
    signed = targets[str(TargetMeasure.SIGNED_INVESTMENT.label)]
    # 120,000 of 400,000 is 30% against a time progress of 50%: 20 points behind, yellow
    assert signed[3] == Cell(D(120_000), AMOUNT)
    assert signed[4] == D("0.3")
    assert signed[5] == "落后时序进度20.0个百分点"
    assert signed[6] == "黄灯"
    assert targets[str(TargetMeasure.FOREIGN_INVESTMENT_USED.label)][3] == Cell(
        None, AMOUNT
    )  # none in gaoxin
    shown = {row[1]: row for row in output.shown_rows(document.sections[0].tables[0])}
    assert shown[str(TargetMeasure.SIGNED_INVESTMENT.label)][2:5] == ["400,000.00", "120,000.00", "30.0%"]
    breached = document.sections[2].tables[0].rows
    assert [row[2] for row in breached] == ["第六条 投资"]
    ranks = document.sections[1].tables[0].rows
    assert [list(row) for row in ranks] == [[1, str(unit), D("0.3")]]


def test_the_ranking_weighs_the_targets_due_by_time_progress(
    make_lead: MakeLead, bureau_officer: User, team: InvestmentTeam, personas: Personas
) -> None:
    other = InvestmentTeam.objects.create(name="招商二组", department=bureau_officer.department)
    for owner in (team, other):
        target_services.target_save(
            data={"year": 2026, "team": owner, "measure": TargetMeasure.LANDED, "value": D(4)},
            by=bureau_officer,
        )
    lead = make_lead(on=dt.date(2026, 1, 5), team=team, officer=None)
    lead.enterprise = personas.own_enterprise
    lead.save()
    advance(lead, "landed", on=dt.date(2026, 2, 10), by=bureau_officer)
    document = reports.ranking(2026, "q1", today=TODAY)
    rows = document.sections[0].tables[0].rows
    # Q1: one landed of the 1 due (4 × 3/12) → 100 points; the other team 0 — red and black lists
    targets = reports.monthly_bulletin(2026, 3, today=TODAY).sections[0].tables[0]
    assert [row[2:4] for row in output.shown_rows(targets)] == [["4", "1"], ["4", "0"]]  # counts, not 4.00
    assert [(row[0], row[1], row[2], row[-1]) for row in rows] == [
        (1, "招商一组", D("100.00"), "红榜"),
        (2, "招商二组", D("0.00"), "黑榜"),
    ]


def test_the_reports_page_previews_and_downloads(
    client_for: Any, bureau_officer: User, make_lead: MakeLead
) -> None:
    make_lead(on=dt.date(2026, 6, 2))
    from django.test import Client

    client = Client()
    client.force_login(bureau_officer)
    page = client.get("/investment/reports/", {"kind": "weekly", "week": "2026-06-01"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "招商引资工作周汇总" in text
    assert "新增线索" in text
    xlsx = client.get("/investment/reports/", {"kind": "monthly", "year": 2026, "month": 6, "format": "xlsx"})
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    assert book.sheet_names[0] == "概览"
    docx = client.get(
        "/investment/reports/", {"kind": "ranking", "year": 2026, "period": "h1", "format": "docx"}
    )
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert paragraphs[0] == "2026年上半年招商引资赛马排名"
    refused = client.get("/investment/reports/", {"kind": "monthly", "month": 13})
    assert refused.status_code == 400
    assert "月份" in refused.content.decode()
    assert client_for("contact").get("/investment/reports/").status_code == 403


def test_targets_are_set_by_the_bureau_only(
    client_for: Any, bureau_officer: User, personas: Personas
) -> None:
    from django.test import Client

    client = Client()
    client.force_login(bureau_officer)
    response = client.post(
        "/investment/targets/new/",
        {"year": 2026, "department": bureau_officer.department_id, "measure": "landed", "value": "5"},
    )
    assert response.status_code == 302
    target = InvestmentTarget.objects.get()
    team = InvestmentTeam.objects.create(name="招商三组", department=bureau_officer.department)
    both = client.post(
        "/investment/targets/new/",
        {
            "year": 2026,
            "department": bureau_officer.department_id,
            "team": team.pk,
            "measure": "started",
            "value": "5",
        },
    )
    assert both.status_code == 200
    assert "二选一" in both.content.decode()
    assert InvestmentTarget.objects.count() == 1
    assert client_for("officer_a").post(f"/investment/targets/{target.pk}/delete/").status_code == 403
    listed = client_for("leader").get("/investment/targets/").content.decode()
    assert ">5<" in listed  # a count of projects, not 5.00
    client.post(f"/investment/targets/{target.pk}/delete/")
    assert not InvestmentTarget.objects.filter(pk=target.pk).exists()
