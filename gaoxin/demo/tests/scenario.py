"""A realistic zone for page-level tests: the tiny demo, then what officials do in a season, through the
services (so the change log holds what the real platform writes): an evaluation run with a regrade, a
publicity and a rejected objection; a registry import that creates and updates yearly rows; a project's whole
life (created, moved through stages, planned, reported on, a problem opened and closed); a service request
accepted, dispatched and signed; a department head named and an account locked by failed logins."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from gaoxin.accounts import login_throttle
from gaoxin.accounts.models import Department, User
from gaoxin.demo.loader import load_demo
from gaoxin.enterprises.imports.pipeline import run_import
from gaoxin.enterprises.models import Enterprise, EnterpriseYear
from gaoxin.enterprises.tests import files
from gaoxin.evaluation import services as evaluation
from gaoxin.evaluation.models import EvaluationResult, EvaluationRun, Scheme
from gaoxin.projects.models import Project, ProjectIssue, Stage
from gaoxin.projects.services import issues, plans, progress, projects
from gaoxin.servicedesk import services as servicedesk
from gaoxin.servicedesk.models import Category, ServiceRequest
from gaoxin.servicedesk.services import configuration


@dataclass
class Zone:
    administrator: User
    run: EvaluationRun
    project: Project
    request: ServiceRequest


def build_zone() -> Zone:
    load_demo("tiny")
    admin = User.objects.get(username="admin")
    zone = Zone(admin, _evaluation(admin), _project_life(admin), _service_request(admin))
    _accounts(admin)
    return zone


def _accounts(admin: User) -> None:
    """A department head named by the administrator, and an account locked by failed logins."""
    department = Department.objects.get(code="fuwu")
    configuration.department_head_save(
        data={"department": department, "user": User.objects.get(username="fuwu")}, by=admin
    )
    for _attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        login_throttle.record_failure("fuwu", "192.0.2.7")


def _evaluation(admin: User) -> EvaluationRun:
    year = EnterpriseYear.objects.order_by("-year").values_list("year", flat=True).first()
    assert year is not None
    scheme = Scheme.objects.filter(is_active=True).order_by("pk").first()
    assert scheme is not None
    run = evaluation.run_start(year=year, scheme=scheme, note="试算", by=admin, confirm=True)
    result = EvaluationResult.objects.filter(run=run).exclude(grade="").order_by("pk").first()
    assert result is not None, "the run scored nobody"
    other = next(g for g in run.scheme.grades if g != result.grade)
    evaluation.result_regrade(
        run=run, enterprise=result.enterprise, grade=other, reason="核实后调整", by=admin
    )
    today = timezone.localdate()
    run = evaluation.run_publicity(
        run=run, starts_on=today, ends_on=today + dt.timedelta(days=14), by=admin, confirm=True
    )
    objection = evaluation.objection_file(
        run=run, enterprise=result.enterprise, text="用地面积有误", by=admin
    )
    evaluation.objection_reject(objection=objection, decision="面积以不动产登记为准", by=admin)
    _registry_import(admin, year)
    return run


def _registry_import(admin: User, year: int) -> None:
    firms = list(Enterprise.objects.order_by("credit_code")[:2])
    header = ["统一社会信用代码", "企业名称", "年度", "税收(元)", "年平均职工人数"]
    rows = [[firm.credit_code, firm.name, year + 1, 1_234_500.0, 35] for firm in firms]
    report = run_import(kind="years", data=files.xlsx([header, *rows]), filename="年度.xlsx", by=admin)
    assert report.written, report.as_dict()
    rows = [[firm.credit_code, firm.name, year + 1, 2_500_000.0, 40] for firm in firms]
    report = run_import(
        kind="years", data=files.xlsx([header, *rows]), filename="年度.xlsx", by=admin, source="tax"
    )
    assert report.counts["updated"] == 2, report.as_dict()


def _project_life(admin: User) -> Project:
    today = timezone.localdate()
    started = today - dt.timedelta(days=120)
    unit = Department.objects.get(code="xiangmu")
    project = projects.project_create(
        data={
            "code": "XM-SMOKE-1",
            "name": "冒烟测试新材料产业园项目",
            "owner": Enterprise.objects.order_by("credit_code").first(),
            "stage": Stage.objects.get(code="signed"),
            "responsible_unit": unit,
            "total_investment": Decimal("80000"),
            "fixed_asset_investment": Decimal("60000"),
            "planned_start_on": today + dt.timedelta(days=30),
        },
        by=admin,
        on=started,
    )
    projects.project_update(
        project=project, data={"address": "高新大道 88 号", "in_statistics": True}, by=admin
    )
    for offset, code in ((100, "registered"), (80, "land_granted")):
        stage = Stage.objects.get(code=code)
        on = today - dt.timedelta(days=offset)
        projects.transition(project=project, to_stage=stage, on=on, evidence=f"{stage.name}文件", by=admin)
    project.refresh_from_db()
    plans.plan_apply_template(
        project=project,
        template_key="industrial_max_90_days",
        target_on=today + dt.timedelta(days=60),
        by=admin,
    )
    progress.set_annual_plan(project=project, year=today.year, amount=Decimal("12000"), by=admin)
    month = today.replace(day=1) - dt.timedelta(days=1)
    progress.file_report(
        project=project,
        year=month.year,
        month=month.month,
        completed=Decimal("1500.5"),
        physical_progress="主体结构施工",
        by=admin,
    )
    issue = issues.issue_create(
        project=project,
        data={"title": "施工用电未接入", "unit": unit, "deadline": today + dt.timedelta(days=10)},
        by=admin,
    )
    issues.issue_close(issue=ProjectIssue.objects.get(pk=issue.pk), resolution="供电公司已接入", by=admin)
    project.refresh_from_db()
    return project


def _service_request(admin: User) -> ServiceRequest:
    request = servicedesk.request_create(
        enterprise=Enterprise.objects.order_by("credit_code").first(),
        title="厂房消防验收咨询",
        description="新建厂房消防验收需要准备哪些材料？",
        category=Category.objects.order_by("pk").first(),
        urgency="normal",
        channel="phone",
        by=admin,
    )
    request = ServiceRequest.objects.get(pk=request.pk)
    if request.state == "submitted":
        request = servicedesk.request_accept(request=request, by=admin)
    department = Department.objects.get(code="fuwu")
    request = servicedesk.request_dispatch(request=request, department=department, by=admin)
    officer = User.objects.get(username="fuwu")
    return servicedesk.request_sign(request=ServiceRequest.objects.get(pk=request.pk), by=officer)
