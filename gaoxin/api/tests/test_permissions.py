"""Who may read and act through each API route, per persona: 200 = allowed (201 created); 401 = no credentials
(anonymous); 403 = refused; 404 = not in the user's scope — a detail of another firm's object, asked by an
enterprise contact, does not exist for them. Details are asked of the other enterprise's objects; actions are
sent as they would succeed, each cell rolled back (``gaoxin.testing.permission_tables.observe``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoxin.evaluation import services as evaluation
from gaoxin.evaluation.models import EvaluationResult
from gaoxin.evaluation.tests.zone import ANNOUNCED, build_zone
from gaoxin.projects import seeds as project_seeds
from gaoxin.projects.models import Project, ProjectIssue, Stage
from gaoxin.servicedesk import seeds as desk_seeds
from gaoxin.servicedesk import services as desk
from gaoxin.servicedesk.models import Category
from gaoxin.servicedesk.services import visits
from gaoxin.testing.factories import EnterpriseYearFactory, LandParcelFactory
from gaoxin.testing.permission_tables import Call, api, observe
from gaoxin.testing.personas import NAMES, Personas

pytestmark = pytest.mark.django_db

READ = {**dict.fromkeys(NAMES, 200), "anonymous": 401}
SCOPED = {**READ, "contact": 404}  # another firm's object
STAFF = {**READ, "contact": 403}
EVALUATION_ACTS = {**READ, "leader": 403, "officer_b": 403, "contact": 403}  # 经济发展局 (officer_a)

# URL name → persona → expected status (the completeness test of site/tests reads it); the requests: ``calls``
PERMISSIONS = {
    "api:enterprise-list": READ,
    "api:enterprise-detail": SCOPED,
    "api:parcel-list": READ,
    "api:parcel-detail": SCOPED,
    "api:year-list": READ,
    "api:year-detail": SCOPED,
    "api:evaluation-scheme-list": READ,
    "api:evaluation-scheme-detail": SCOPED,
    "api:evaluation-run-list": READ,
    "api:evaluation-run-detail": READ,  # the public run: the contact sees it
    "api:evaluation-result-list": READ,
    "api:evaluation-result-detail": SCOPED,
    "api:evaluation-objection-list": READ,
    "api:evaluation-objection-detail": SCOPED,
    "api:evaluation-objection-accept": EVALUATION_ACTS,
    "api:evaluation-objection-reject": EVALUATION_ACTS,
    "api:project-list": STAFF,
    "api:project-detail": STAFF,
    "api:project-issues": STAFF,
    "api:project-reports": STAFF,
    "api:project-transitions": STAFF,
    "api:service-request-list": READ,
    # the other enterprise's request, recorded by the centre: the centre (officer_b) dispatches it
    "api:service-request-detail": {**SCOPED, "officer_a": 404},
    "api:service-request-step": {**SCOPED, "leader": 403, "officer_a": 404},
    "api:visit-list": READ,
    "api:visit-detail": {**READ, "contact": 404},
}


@pytest.fixture
def announced() -> Iterator[None]:
    with time_machine.travel(ANNOUNCED):
        yield


def calls(personas: Personas) -> dict[str, Call]:
    other = personas.other_enterprise
    zone = build_zone(personas)
    public = zone.publicize(zone.run())
    objection = evaluation.objection_file(
        run=public, enterprise=zone.f1, text="排名有误", files=[SimpleUploadedFile("证明.pdf", b"%PDF-1.4")],
        by=personas.contact,
    )  # fmt: skip
    theirs = evaluation.objection_file(run=public, enterprise=zone.f2, text="纸质申诉", by=personas.officer_a)
    result = EvaluationResult.objects.get(run=public, enterprise=other)
    parcel = LandParcelFactory(owner=other)
    year = EnterpriseYearFactory(enterprise=other, year=2024)
    project_seeds.ensure_defaults()
    project = Project.objects.create(
        code="XM-API1", name="接口项目", stage=Stage.objects.get(code="signed"), responsible_unit=personas.department_a,
        owner=other, total_investment=Decimal(50000), fixed_asset_investment=Decimal(40000),
    )  # fmt: skip
    ProjectIssue.objects.create(
        project=project, title="用地指标未落实", raised_on=dt.date(2026, 3, 1), unit=personas.department_a,
        deadline=dt.date(2026, 3, 31),
    )  # fmt: skip
    desk_seeds.ensure_defaults()
    request = desk.request_create(
        enterprise=other, title="融资对接", description="需要流动资金贷款 500 万元",
        category=Category.objects.get(code="electricity"), urgency="normal", channel="phone", by=personas.officer_b,
    )  # fmt: skip
    visit = visits.visit_save(
        data={"enterprise": other, "visited_on": dt.date(2025, 6, 3), "summary": "了解生产经营"},
        officers=[personas.officer_a], by=personas.officer_a,
    )  # fmt: skip
    v1 = "/api/v1"
    return {
        "api:enterprise-list": api(f"{v1}/enterprises/"),
        "api:enterprise-detail": api(f"{v1}/enterprises/{other.pk}/"),
        "api:parcel-list": api(f"{v1}/parcels/"),
        "api:parcel-detail": api(f"{v1}/parcels/{parcel.pk}/"),
        "api:year-list": api(f"{v1}/years/"),
        "api:year-detail": api(f"{v1}/years/{year.pk}/"),
        "api:evaluation-scheme-list": api(f"{v1}/evaluation/schemes/"),
        "api:evaluation-scheme-detail": api(f"{v1}/evaluation/schemes/{zone.scheme.pk}/"),
        "api:evaluation-run-list": api(f"{v1}/evaluation/runs/"),
        "api:evaluation-run-detail": api(f"{v1}/evaluation/runs/{public.pk}/"),
        "api:evaluation-result-list": api(f"{v1}/evaluation/results/"),
        "api:evaluation-result-detail": api(f"{v1}/evaluation/results/{result.pk}/"),
        "api:evaluation-objection-list": api(f"{v1}/evaluation/objections/"),
        "api:evaluation-objection-detail": api(f"{v1}/evaluation/objections/{theirs.pk}/"),
        "api:evaluation-objection-accept": api(
            f"{v1}/evaluation/objections/{objection.pk}/accept/",
            "post",
            {"decision": "更正", "values": {"tax": "330"}},
        ),
        "api:evaluation-objection-reject": api(
            f"{v1}/evaluation/objections/{objection.pk}/reject/", "post", {"decision": "数据无误"}
        ),
        "api:project-list": api(f"{v1}/projects/"),
        "api:project-detail": api(f"{v1}/projects/{project.pk}/"),
        "api:project-issues": api(f"{v1}/projects/{project.pk}/issues/"),
        "api:project-reports": api(f"{v1}/projects/{project.pk}/reports/"),
        "api:project-transitions": api(f"{v1}/projects/{project.pk}/transitions/"),
        "api:service-request-list": api(f"{v1}/requests/"),
        "api:service-request-detail": api(f"{v1}/requests/{request.public_id}/"),
        "api:service-request-step": api(
            f"{v1}/requests/{request.public_id}/steps/dispatch/",
            "post",
            {"department": personas.department_b.pk},
        ),
        "api:visit-list": api(f"{v1}/visits/"),
        "api:visit-detail": api(f"{v1}/visits/{visit.pk}/"),
    }


def test_permission_table(client_for, personas, announced, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    assert observe(client_for, calls(personas)) == PERMISSIONS
