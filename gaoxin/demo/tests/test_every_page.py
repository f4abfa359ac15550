"""Every page of a realistic zone renders for the administrator: after an evaluation run, a registry import, a
project's whole life and a service request, each URL pattern of the site (path parameters filled from the
zone's objects) is requested, and none answers with a server error or shows an unresolved template variable.

The URL patterns are read from the resolver, so a new page is requested without touching this test; a new
page with path parameters must say here where its parameters come from, or the test fails and says so."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gaoxin.accounts.models import Department, LoginThrottle, User
from gaoxin.core.models import Job
from gaoxin.demo.tests.scenario import Zone, build_zone
from gaoxin.demo.zone import DEMO_USERS
from gaoxin.enterprises.models import EnterpriseYear, LandParcel, Lease
from gaoxin.evaluation.models import (
    DataConfirmation,
    EvaluationInput,
    EvaluationResult,
    EvidenceFile,
    GradePolicy,
    Objection,
)
from gaoxin.investment.models import (
    Agreement,
    AgreementClause,
    ClaimDispute,
    InvestmentTarget,
    InvestmentTeam,
    Lead,
    LeadStage,
    StopReason,
)
from gaoxin.projects.models import (
    AdmissionReview,
    AdmissionScorecard,
    ApprovalItem,
    ClockStop,
    Obligation,
    PlanStep,
    ProjectIssue,
    Stage,
    StageTransition,
    ZoneMap,
)
from gaoxin.servicedesk.models import (
    Category,
    DepartmentHead,
    EnterpriseOfficer,
    RequestAttachment,
    RobotWebhook,
    SlaPolicy,
    Visit,
)

pytestmark = pytest.mark.django_db

INVALID = "@@INVALID@@"


class Unresolved(str):
    """What an unresolved template variable becomes: falsy, so that ``|default`` still applies (the idiom for
    an optional value), but printed as a marker when nothing stands in for it."""

    def __bool__(self) -> bool:
        return False


DEMO_USERNAMES = [spec.username for spec in DEMO_USERS]
MISSING = 987654  # a primary key no object has: the page must answer 404, not fail

Params = Callable[[Zone], dict[str, Any]]


def _pk(model: Any, **filters: Any) -> int:
    found = model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()
    return found if found is not None else MISSING


def _job(zone: Zone) -> str:
    return str(zone.run.job_id or Job.objects.order_by("created_at").values_list("pk", flat=True).first())


def _project(zone: Zone, **more: Any) -> dict[str, Any]:
    return {"pk": zone.project.pk, **more}


def _commitment(zone: Zone) -> int:
    return _pk(Obligation, project=zone.project, standard_parcel=True)


def _result(zone: Zone) -> dict[str, Any]:
    result = EvaluationResult.objects.filter(run=zone.run).order_by("pk").first()
    assert result is not None
    return {"pk": zone.run.pk, "enterprise_id": result.enterprise_id}


def _year(zone: Zone) -> dict[str, Any]:
    row = EnterpriseYear.objects.filter(enterprise__leases_taken__isnull=False).order_by("pk").first()
    row = row or EnterpriseYear.objects.order_by("pk").first()
    assert row is not None
    return {"pk": row.enterprise_id, "year": row.year}


def _inputs(zone: Zone) -> dict[str, Any]:
    row = EvaluationInput.objects.order_by("pk").first()
    if row is None:
        return {"enterprise_id": zone.request.enterprise_id, "year": zone.run.year}
    return {"enterprise_id": row.enterprise_id, "year": row.year}


# Where the path parameters of each page come from (pages without parameters need no entry).
PARAMETERS: dict[str, Params] = {
    "accounts:user_edit": lambda z: {"pk": z.administrator.pk},
    "accounts:department_edit": lambda z: {"pk": _pk(Department)},
    "accounts:lockout_lift": lambda z: {"pk": _pk(LoginThrottle)},
    "enterprises:import_retry": lambda z: {"job_id": _job(z)},
    "servicedesk:head_edit": lambda z: {"pk": _pk(DepartmentHead)},
    "servicedesk:officer_edit": lambda z: {"pk": _pk(EnterpriseOfficer)},
    "evaluation:inputs_import_job": lambda z: {"job_id": _job(z)},
    "evaluation:inputs_import_confirm": lambda z: {"job_id": _job(z)},
    "evaluation:inputs_import_retry": lambda z: {"job_id": _job(z)},
    "evaluation:dispute_detail": lambda z: {"pk": _pk(DataConfirmation)},
    "evaluation:dispute_answer": lambda z: {"pk": _pk(DataConfirmation)},
    "projects:clock_stop_resume": lambda z: _project(z, stop_pk=_pk(ClockStop)),
    "projects:report_import_retry": lambda z: {"job_id": _job(z)},
    "enterprises:detail": lambda z: {"pk": _year(z)["pk"]},
    "enterprises:edit": lambda z: {"pk": _year(z)["pk"]},
    "enterprises:year_create": lambda z: {"pk": _year(z)["pk"]},
    "enterprises:year_edit": _year,
    "enterprises:lease_add": lambda z: {"pk": _year(z)["pk"]},
    "enterprises:parcel_detail": lambda z: {"pk": _pk(LandParcel, pk__in=Lease.objects.values("parcel"))},
    "enterprises:parcel_edit": lambda z: {"pk": _pk(LandParcel)},
    "enterprises:import_template": lambda z: {"kind": "years"},
    "enterprises:import_job": lambda z: {"job_id": _job(z)},
    "enterprises:import_confirm": lambda z: {"job_id": _job(z)},
    "enterprises:import_problems": lambda z: {"job_id": _job(z)},
    "servicedesk:request_detail": lambda z: {"public_id": z.request.public_id},
    "servicedesk:request_step": lambda z: {"public_id": z.request.public_id, "action": "reply"},
    "servicedesk:attachment_upload": lambda z: {"public_id": z.request.public_id},
    "servicedesk:attachment_download": lambda z: {
        "public_id": z.request.public_id,
        "pk": _pk(RequestAttachment),
    },
    "servicedesk:visit_detail": lambda z: {"pk": _pk(Visit)},
    "servicedesk:visit_edit": lambda z: {"pk": _pk(Visit)},
    "servicedesk:visit_request": lambda z: {"visit_id": _pk(Visit)},
    "servicedesk:category_edit": lambda z: {"pk": _pk(Category)},
    "servicedesk:policy_edit": lambda z: {"pk": _pk(SlaPolicy)},
    "servicedesk:robot_edit": lambda z: {"pk": _pk(RobotWebhook)},
    "evaluation:run_detail": lambda z: {"pk": z.run.pk},
    "evaluation:run_publicity": lambda z: {"pk": z.run.pk},
    "evaluation:run_approve": lambda z: {"pk": z.run.pk},
    "evaluation:run_publish": lambda z: {"pk": z.run.pk},
    "evaluation:run_rescore": lambda z: {"pk": z.run.pk},
    "evaluation:notice_xlsx": lambda z: {"pk": z.run.pk},
    "evaluation:notice_start": lambda z: {"pk": z.run.pk},
    "evaluation:notice_job": lambda z: {"pk": z.run.pk, "job_id": _job(z)},
    "evaluation:notice_pdf": lambda z: {"pk": z.run.pk, "job_id": _job(z)},
    "evaluation:result_detail": _result,
    "evaluation:result_regrade": _result,
    "evaluation:objection_file": _result,
    "evaluation:objection_list": lambda z: {"pk": z.run.pk},
    "evaluation:aggregates": lambda z: {"pk": z.run.pk},
    "evaluation:entitlements": lambda z: {"pk": z.run.pk},
    "evaluation:objection_detail": lambda z: {"pk": _pk(Objection)},
    "evaluation:objection_accept": lambda z: {"pk": _pk(Objection)},
    "evaluation:objection_reject": lambda z: {"pk": _pk(Objection)},
    "evaluation:attachment": lambda z: {"pk": _pk(EvidenceFile)},
    "evaluation:simulation": lambda z: {"job_id": _job(z)},
    "evaluation:scheme_detail": lambda z: {"pk": z.run.scheme_id},
    "evaluation:scheme_toggle": lambda z: {"pk": z.run.scheme_id},
    "evaluation:policy_edit": lambda z: {"pk": _pk(GradePolicy)},
    "evaluation:inputs_edit": _inputs,
    "evaluation:portal_confirm": lambda z: {"year": z.run.year},
    "projects:detail": _project,
    "projects:edit": _project,
    "projects:transition": _project,
    "projects:transition_file": lambda z: _project(z, transition_id=_pk(StageTransition, project=z.project)),
    "projects:plan": _project,
    "projects:plan_apply": _project,
    "projects:plan_target": _project,
    "projects:plan_step_add": _project,
    "projects:plan_step_edit": lambda z: _project(z, step_pk=_pk(PlanStep, project=z.project)),
    "projects:plan_step_delete": lambda z: _project(z, step_pk=_pk(PlanStep, project=z.project)),
    "projects:approval_add": _project,
    "projects:approval_edit": lambda z: _project(z, approval_pk=_pk(ApprovalItem, project=z.project)),
    "projects:approval_delete": lambda z: _project(z, approval_pk=_pk(ApprovalItem, project=z.project)),
    "projects:clock_stop_add": lambda z: _project(z, approval_pk=_pk(ApprovalItem, project=z.project)),
    "projects:clock_stop_delete": lambda z: _project(z, stop_pk=_pk(ClockStop)),
    "projects:investment": _project,
    "projects:report": _project,
    "projects:investment_plan": _project,
    "projects:report_import_job": lambda z: {"job_id": _job(z)},
    "projects:issues": _project,
    "projects:issue_step": lambda z: {"pk": _pk(ProjectIssue, project=z.project), "action": "reopen"},
    "projects:card_pdf": _project,
    "projects:commitments": _project,
    "projects:commitment_create": _project,
    "projects:commitment_edit": lambda z: _project(z, commitment_pk=_commitment(z)),
    "projects:commitment_delete": lambda z: _project(z, commitment_pk=_commitment(z)),
    "projects:admission": _project,
    "projects:admission_open": _project,
    "projects:admission_opinion": lambda z: {"review_pk": _pk(AdmissionReview)},
    "projects:admission_decide": lambda z: {"review_pk": _pk(AdmissionReview)},
    "projects:scorecard_edit": lambda z: {"scorecard_pk": _pk(AdmissionScorecard)},
    "projects:map_activate": lambda z: {"pk": _pk(ZoneMap)},
    "projects:stage_edit": lambda z: {"pk": _pk(Stage)},
    **{
        f"investment:{name}": lambda z: {"pk": _pk(Lead)}
        for name in ("detail", "edit", "move", "stop", "resume", "activity")
    },
    "investment:admission": lambda z: {"pk": _pk(Lead, admissions__isnull=False)},
    "investment:admission_open": lambda z: {"pk": _pk(Lead, stage__milestone="admission")},
    "investment:admission_opinion": lambda z: {
        "review_pk": _pk(AdmissionReview, lead_admission__isnull=False)
    },
    "investment:admission_decide": lambda z: {
        "review_pk": _pk(AdmissionReview, lead_admission__isnull=False, decision="pending")
    },
    "investment:referral": lambda z: {"pk": _pk(Lead, referral__isnull=False)},
    "investment:referral_assign": lambda z: {"pk": _pk(Lead, officer=None, team=None)},
    "investment:claims": lambda z: {"pk": _pk(Lead, disputes_held__isnull=False)},
    "investment:dispute_raise": lambda z: {"pk": _pk(Lead, disputes_raised__isnull=False)},
    "investment:merge": lambda z: {"pk": _pk(Lead, merged_leads__isnull=False)},
    "investment:convert": lambda z: {"pk": _pk(Lead, enterprise__isnull=False, project=None)},
    "investment:dispute_decide": lambda z: {"pk": _pk(ClaimDispute)},
    "investment:import_job": lambda z: {"job_id": _job(z)},
    "investment:import_retry": lambda z: {"job_id": _job(z)},
    "investment:agreement_create": lambda z: {"lead_pk": _pk(Lead, agreements__isnull=False)},
    **{
        f"investment:agreement_{name}": lambda z: {"pk": _pk(Agreement, clauses__isnull=False)}
        for name in ("detail", "edit", "document", "clause_create", "incentive_create")
    },
    "investment:agreement_clause_edit": lambda z: {
        "pk": _pk(Agreement, clauses__isnull=False),
        "clause_pk": _pk(AgreementClause, agreement_id=_pk(Agreement, clauses__isnull=False)),
    },
    "investment:agreement_clause_delete": lambda z: {
        "pk": _pk(Agreement, clauses__isnull=False),
        "clause_pk": _pk(AgreementClause, agreement_id=_pk(Agreement, clauses__isnull=False)),
    },
    "investment:target_edit": lambda z: {"pk": _pk(InvestmentTarget)},
    "investment:target_delete": lambda z: {"pk": _pk(InvestmentTarget)},
    "investment:stage_edit": lambda z: {"pk": _pk(LeadStage)},
    "investment:reason_edit": lambda z: {"pk": _pk(StopReason)},
    "investment:team_edit": lambda z: {"pk": _pk(InvestmentTeam)},
    "core:job_progress": lambda z: {"job_id": _job(z)},
    "core:calendar_year": lambda z: {"year": z.run.year + 1},
    "core:calendar_seed": lambda z: {"year": z.run.year + 1},
    "core:calendar_confirm": lambda z: {"year": z.run.year + 1},
}
NOT_PAGES = {"set_language", "accounts:logout"}  # POST-only actions outside the pages of the site


def _patterns(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def site_pages() -> list[tuple[str, URLPattern]]:
    """Every named URL pattern of the site except the API (its schema test covers it)."""
    return [
        (name, pattern)
        for name, pattern in _patterns(get_resolver().url_patterns)
        if not name.startswith("api:") or name in ("api:schema", "api:docs")
        if name not in NOT_PAGES
    ]


def test_every_page_with_parameters_says_where_they_come_from():
    missing = [
        name for name, pattern in site_pages() if pattern.pattern.converters and name not in PARAMETERS
    ]
    assert not missing, f"add these pages to PARAMETERS: {missing}"
    stale = set(PARAMETERS) - {name for name, _ in site_pages()}
    assert not stale, f"these pages no longer exist: {stale}"


@pytest.fixture
def zone(settings: Any) -> Zone:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_zone()


@pytest.fixture
def strict_templates(settings: Any) -> None:
    """Unresolved variables print a marker instead of nothing, so the test can see them."""
    templates = [dict(engine, OPTIONS=dict(engine.get("OPTIONS", {}))) for engine in settings.TEMPLATES]
    for engine in templates:
        if engine["BACKEND"].endswith("DjangoTemplates"):
            engine["OPTIONS"]["string_if_invalid"] = Unresolved(INVALID)
    settings.TEMPLATES = templates


def _open_every_page(zone: Zone, user: Any) -> tuple[list[str], int]:
    """Every page requested as ``user``: the failures (server errors, unresolved variables) and how many
    pages rendered."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    failures = []
    rendered = 0
    for name, _pattern in site_pages():
        url = reverse(name, kwargs=PARAMETERS[name](zone) if name in PARAMETERS else None)
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{name} {url}: {response.status_code}")
            continue
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            rendered += 1
            body = response.content.decode()
            if INVALID in body:
                context = re.findall(rf".{{0,60}}{INVALID}.{{0,30}}", body)[:3]
                failures.append(f"{name} {url}: unresolved template variable {context}")
    return failures, rendered


def test_every_page_renders_for_the_administrator_after_a_season_of_work(zone, strict_templates):
    failures, rendered = _open_every_page(zone, zone.administrator)
    assert not failures, "\n".join(failures)
    assert rendered > 80  # the pages really rendered (not a login page or a 404 each time)


def test_every_page_opens_for_every_persona(zone, strict_templates):
    """Each demo user (leader, officers of every bureau, the enterprise contact) requests every page: refused or
    shown, never a server error or an unresolved variable."""
    failures = []
    for user in User.objects.exclude(pk=zone.administrator.pk).filter(username__in=DEMO_USERNAMES):
        found, _rendered = _open_every_page(zone, user)
        failures += [f"{user.username}: {failure}" for failure in found]
    assert not failures, "\n".join(failures)
