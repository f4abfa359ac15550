"""Who may open and post what in the major projects (``gaoxin.projects.permissions``): staff read every project,
the project office (here: the administrator, the only persona holding the projects capability) changes all and
configures the module, a responsible unit's officers (officer_a: the project is their unit's) change their own
project; enterprise contacts see nothing of the module. 302 = sent to log in, or on after an action; 403 =
refused; 404 = not in the user's scope. Actions are posted as they would succeed, each cell rolled back.

The project office's own officer (``office`` of conftest) is not one of the six personas: where the office
acts, the administrator's column says it; tests of the behaviour check the office's officer besides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gaoxin.core import jobs, upload_imports
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.projects.choices import REPORT_IMPORT_JOB
from gaoxin.projects.models import (
    AdmissionScorecard,
    ApprovalItem,
    ClockStop,
    PlanStep,
    Project,
    ProjectIssue,
    Stage,
    ZoneMap,
)
from gaoxin.projects.scheduling import MAX_90_DAYS
from gaoxin.projects.services import plans
from gaoxin.projects.services import projects as project_services
from gaoxin.projects.services.admission import review_open
from gaoxin.projects.services.commitments import commitment_save, run_obligation_checks
from gaoxin.testing.permission_tables import Call, observe, post
from gaoxin.testing.personas import NAMES, Personas

pytestmark = pytest.mark.django_db

READ = {**dict.fromkeys(NAMES, 200), "contact": 403, "anonymous": 302}
EDIT = {**READ, "leader": 403, "officer_b": 403}  # the office and the responsible unit (officer_a)
EDITED = {**EDIT, "administrator": 302, "officer_a": 302}
OFFICE = {**EDIT, "officer_a": 403}  # the project office only
OFFICE_ACTED = {**OFFICE, "administrator": 302}
REPORTERS = {**READ, "leader": 403}  # the office and every unit's officers
ANY_OFFICER_ACTED = {**REPORTERS, "administrator": 403, "officer_a": 302, "officer_b": 302}

# URL name → persona → expected status (the completeness test of site/tests reads it); the requests: ``calls``
PERMISSIONS = {
    "projects:list": READ,
    "projects:export": READ,
    "projects:batches": READ,
    "projects:create": OFFICE,
    "projects:detail": READ,
    "projects:edit": EDIT,
    "projects:transition": EDITED,
    "projects:transition_file": {**READ, "contact": 404},
    "projects:plan": READ,
    "projects:plan_apply": EDITED,
    "projects:plan_target": EDITED,
    "projects:plan_step_add": EDITED,
    "projects:plan_step_edit": EDITED,
    "projects:plan_step_delete": EDITED,
    "projects:approval_add": EDITED,
    "projects:approval_edit": EDITED,
    "projects:approval_delete": EDITED,
    "projects:clock_stop_add": EDITED,
    "projects:clock_stop_delete": EDITED,
    "projects:clock_stop_resume": EDITED,
    "projects:investment": READ,
    "projects:report": EDIT,
    "projects:investment_plan": EDIT,
    "projects:report_import": REPORTERS,
    "projects:report_import_job": {**REPORTERS, "officer_b": 404},  # officer_a's upload
    "projects:report_import_confirm": {**REPORTERS, "administrator": 302, "officer_a": 302, "officer_b": 302},
    "projects:report_import_retry": {**REPORTERS, "administrator": 302, "officer_a": 302, "officer_b": 404},
    "projects:report_import_template": REPORTERS,
    "projects:overview": READ,
    "projects:overview_export": READ,
    "projects:settings": OFFICE,
    "projects:office_settings": OFFICE_ACTED,
    "projects:issues": READ,
    "projects:issue_step": EDITED,
    "projects:issue_list": READ,
    "projects:issue_export": READ,
    "projects:card_pdf": READ,
    "projects:bulletin": READ,
    "projects:commitments": READ,
    "projects:commitment_create": EDIT,
    "projects:commitment_edit": EDIT,
    "projects:commitment_delete": EDITED,
    "projects:commitment_checks": READ,
    "projects:commitment_checks_run": OFFICE_ACTED,
    "projects:commitment_checks_export": READ,
    "projects:admission": READ,
    "projects:admission_open": OFFICE_ACTED,
    # an opinion is a department's: the administrator speaks for none
    "projects:admission_opinion": ANY_OFFICER_ACTED,
    "projects:admission_decide": OFFICE_ACTED,
    "projects:admission_list": READ,
    "projects:scorecards": OFFICE,
    "projects:scorecard_create": OFFICE,
    "projects:scorecard_edit": OFFICE,
    "projects:rankings": READ,
    "projects:rankings_compute": OFFICE_ACTED,
    "projects:ranking_rule": OFFICE_ACTED,
    "projects:rankings_export": READ,
    "projects:battle_map": READ,
    "projects:battle_map_geojson": READ,
    "projects:map_upload": OFFICE,
    "projects:map_activate": OFFICE_ACTED,
    "projects:stages": OFFICE,
    "projects:stage_create": OFFICE,
    "projects:stage_edit": OFFICE,
}
PERIOD = {"period": "month", "year": "2025", "number": "6"}
VALUES = {"investment_intensity": "320", "tax_per_mu": "35", "plot_ratio": "1.5", "energy_per_value_added": "0.4", "environment": "yes", "industry_fit": "yes"}  # fmt: skip


def calls(personas: Personas, make_project: Callable[..., Project]) -> dict[str, Call | str]:
    admin = personas.administrator
    project = make_project(stage_code="production", land_mu=Decimal(50))
    pk = project.pk
    plans.plan_apply_template(
        project=project, template_key=MAX_90_DAYS.key, target_on=dt.date(2026, 10, 30), by=admin
    )
    step = PlanStep.objects.filter(project=project).last()
    drawings = PlanStep.objects.get(project=project, key="construction_drawings")
    edit = f"step-{drawings.pk}"
    permit = ApprovalItem.objects.get(project=project, plan_step__key="construction_permit")
    ApprovalItem.objects.filter(pk=permit.pk).update(started_on=dt.date(2025, 9, 26))
    stop = ClockStop.objects.create(
        approval=permit, starts_on=dt.date(2025, 10, 9), party="owner", reason="补正材料"
    )
    moved = project_services.transition(
        project=make_project(), to_stage=Stage.objects.get(code="registered"), on=dt.date(2026, 3, 1),
        evidence="开工令", attachment=SimpleUploadedFile("营业执照.pdf", b"%PDF-1.4"), by=admin,
    )  # fmt: skip
    issue = ProjectIssue.objects.create(
        project=project, title="用地指标未落实", raised_on=dt.date(2026, 3, 1), unit=personas.department_a,
        deadline=dt.date(2026, 3, 31),
    )  # fmt: skip
    EnterpriseYear.objects.create(
        enterprise=personas.own_enterprise, year=2025, tax=Decimal(1000), land_mu=Decimal(40)
    )
    commitment = commitment_save(
        project=project,
        data={"measure": "tax_per_mu", "threshold": Decimal(30), "first_year": 2025},
        by=admin,
    )
    run_obligation_checks(today=dt.date(2026, 3, 1), by=admin, standard_parcel=True)
    scorecard = AdmissionScorecard.objects.get()
    review = review_open(project=make_project(), scorecard=scorecard, values=VALUES, by=admin)
    upload = jobs.create(kind=upload_imports.kind(REPORT_IMPORT_JOB), user=personas.officer_a)
    zone_map = ZoneMap.objects.create(
        name="旧图", geojson={"type": "FeatureCollection", "features": []}, is_active=False
    )
    stage = Stage.objects.get(code="started")

    def url(name: str, *args: Any) -> str:
        return reverse(f"projects:{name}", args=args)

    return {
        "projects:list": url("list"),
        "projects:export": url("export"),
        "projects:batches": url("batches"),
        "projects:create": url("create"),
        "projects:detail": url("detail", pk),
        "projects:edit": url("edit", pk),
        "projects:transition": post(
            url("transition", pk),
            {
                "to_stage": Stage.objects.get(code="full_production").pk,
                "on": "2026-03-01",
                "evidence": "达产验收",
            },
        ),
        "projects:transition_file": url("transition_file", moved.project_id, moved.pk),
        "projects:plan": url("plan", pk),
        "projects:plan_apply": post(
            url("plan_apply", pk), {"apply-template": MAX_90_DAYS.key, "apply-target_on": "2026-10-30"}
        ),
        "projects:plan_target": post(url("plan_target", pk), {"target-target_on": "2026-11-30"}),
        "projects:plan_step_add": post(
            url("plan_step_add", pk),
            {
                "add-step-name": "消防验收",
                "add-step-duration": "10",
                "add-step-unit": "working",
                "add-step-after": ["equipment_installation"],
                "add-step-before": ["completion_acceptance"],
            },
        ),
        "projects:plan_step_edit": post(
            url("plan_step_edit", pk, drawings.pk),
            {
                f"{edit}-name": "施工图设计",
                f"{edit}-duration": "40",
                f"{edit}-unit": "calendar",
                f"{edit}-after": ["planning_permit"],
            },
        ),
        "projects:plan_step_delete": post(url("plan_step_delete", pk, step.pk)),
        "projects:approval_add": post(
            url("approval_add", pk), {"add-approval-name": "消防设计审查", "add-approval-legal_limit": "15"}
        ),
        "projects:approval_edit": post(
            url("approval_edit", pk, permit.pk),
            {
                f"approval-{permit.pk}-name": permit.name,
                f"approval-{permit.pk}-legal_limit": "10",
                f"approval-{permit.pk}-plan_step": permit.plan_step_id,
                f"approval-{permit.pk}-started_on": "2025-09-26",
            },
        ),
        "projects:approval_delete": post(url("approval_delete", pk, permit.pk)),
        "projects:clock_stop_add": post(
            url("clock_stop_add", pk, permit.pk),
            {
                f"stop-{permit.pk}-starts_on": "2025-10-12",
                f"stop-{permit.pk}-ends_on": "2025-10-13",
                f"stop-{permit.pk}-party": "intermediary",
                f"stop-{permit.pk}-reason": "图审机构审查",
            },
        ),
        "projects:clock_stop_delete": post(url("clock_stop_delete", pk, stop.pk)),
        "projects:clock_stop_resume": post(
            url("clock_stop_resume", pk, stop.pk), {f"resume-{stop.pk}-ends_on": "2025-10-20"}
        ),
        "projects:investment": url("investment", pk),
        "projects:report": url("report", pk),
        "projects:investment_plan": url("investment_plan", pk),
        "projects:report_import": url("report_import"),
        "projects:report_import_job": url("report_import_job", upload.pk),
        "projects:report_import_confirm": post(url("report_import_confirm"), {"job": str(upload.pk)}),
        "projects:report_import_retry": post(url("report_import_retry", upload.pk)),
        "projects:report_import_template": url("report_import_template"),
        "projects:overview": url("overview"),
        "projects:overview_export": url("overview_export"),
        "projects:settings": url("settings"),
        "projects:office_settings": post(
            url("office_settings"),
            {"issuing_body": "高新区重大项目推进办公室", "spending_before_start": "count"},
        ),
        "projects:issues": url("issues", pk),
        "projects:issue_step": post(
            url("issue_step", issue.pk, "progress"), {f"i{issue.pk}-progress-note": "已协调"}
        ),
        "projects:issue_list": url("issue_list"),
        "projects:issue_export": url("issue_export"),
        "projects:card_pdf": url("card_pdf", pk),
        "projects:bulletin": url("bulletin"),
        "projects:commitments": url("commitments", pk),
        "projects:commitment_create": url("commitment_create", pk),
        "projects:commitment_edit": url("commitment_edit", pk, commitment.pk),
        "projects:commitment_delete": post(url("commitment_delete", pk, commitment.pk)),
        "projects:commitment_checks": url("commitment_checks"),
        "projects:commitment_checks_run": post(url("commitment_checks_run")),
        "projects:commitment_checks_export": Call(url("commitment_checks_export"), data={"year": "2026"}),
        "projects:admission": url("admission", review.project_id),
        "projects:admission_open": post(url("admission_open", pk), VALUES),
        "projects:admission_opinion": post(
            url("admission_opinion", review.pk), {"agrees": "yes", "opinion": "同意"}
        ),
        "projects:admission_decide": post(url("admission_decide", review.pk), {"decision": "admitted"}),
        "projects:admission_list": url("admission_list"),
        "projects:scorecards": url("scorecards"),
        "projects:scorecard_create": url("scorecard_create"),
        "projects:scorecard_edit": url("scorecard_edit", scorecard.pk),
        "projects:rankings": Call(url("rankings"), data=PERIOD),
        "projects:rankings_compute": post(url("rankings_compute"), PERIOD),
        "projects:ranking_rule": post(
            url("ranking_rule"),
            {
                **PERIOD,
                "red_count": "2",
                "black_count": "1",
                "weight_start_rate": "50",
                "weight_investment": "50",
                "weight_milestones": "0",
                "weight_issues_closed": "0",
            },
        ),
        "projects:rankings_export": Call(url("rankings_export"), data=PERIOD),
        "projects:battle_map": url("battle_map"),
        "projects:battle_map_geojson": url("battle_map_geojson"),
        "projects:map_upload": url("map_upload"),
        "projects:map_activate": post(url("map_activate", zone_map.pk)),
        "projects:stages": url("stages"),
        "projects:stage_create": url("stage_create"),
        "projects:stage_edit": url("stage_edit", stage.pk),
    }


def test_permission_table(client_for, personas, make_project, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    assert observe(client_for, calls(personas, make_project)) == PERMISSIONS


def test_the_project_office_may_do_what_the_administrator_may(  # type: ignore[no-untyped-def]
    client_as, personas, make_project, settings, tmp_path
) -> None:
    """The office's officer holds the projects capability: everywhere the administrator's column, except that
    an officer, speaking for a department, gives an admission opinion, and that officer_a's upload is theirs
    (and the administrator's) to follow."""
    settings.MEDIA_ROOT = tmp_path
    got = observe(client_as, calls(personas, make_project), personas=("office",))
    expected = {name: {"office": table["administrator"]} for name, table in PERMISSIONS.items()}
    assert got == {
        **expected,
        "projects:admission_opinion": {"office": 302},
        "projects:report_import_job": {"office": 404},
        "projects:report_import_retry": {"office": 404},
    }
