"""Who may do what, per page and API endpoint of the evaluation. 200 = allowed; 302 = sent to log in (or,
for a contact on the run list, to their own page); 403 = refused; 404 = not theirs to see."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoxin.core import jobs, upload_imports
from gaoxin.core.models import Job, JobStatus
from gaoxin.evaluation import input_import, services
from gaoxin.evaluation.models import (
    DataConfirmation,
    EvaluationRun,
    EvaluationSettings,
    GradePolicy,
    Objection,
    Scheme,
)
from gaoxin.evaluation.notice import notice_path
from gaoxin.evaluation.tests.zone import YEAR, Zone
from gaoxin.testing.permission_tables import Call, observe, post

pytestmark = pytest.mark.django_db

STAFF_READ = {
    "administrator": 200,
    "leader": 200,
    "officer_a": 200,
    "officer_b": 200,
    "contact": 403,
    "anonymous": 302,
}
ACT = {
    "administrator": 200,
    "leader": 403,
    "officer_a": 200,
    "officer_b": 403,
    "contact": 403,
    "anonymous": 302,
}


@dataclass
class Setting:
    zone: Zone
    draft: EvaluationRun
    public: EvaluationRun
    objection: Objection  # by the contact, on their own enterprise in the public run
    dispute: DataConfirmation  # the contact objects to their data sheet


@pytest.fixture
def setting(zone: Zone) -> Setting:
    draft, public = zone.run(), zone.publicize(zone.run())
    evidence = SimpleUploadedFile("证明.pdf", b"%PDF-1.4")
    objection = services.objection_file(
        run=public, enterprise=zone.f1, text="排名有误", files=[evidence], by=zone.personas.contact
    )
    dispute = services.confirmation_submit(
        enterprise=zone.f1, year=YEAR, status="objected", comment="税金有误", by=zone.personas.contact
    )
    return Setting(zone, draft, public, objection, dispute)


ACTED = {**ACT, "administrator": 302, "officer_a": 302}  # an action done sends on to its result
STAFF_ACTED = dict.fromkeys(STAFF_READ, 302) | {"contact": 403}
PORTAL = {**dict.fromkeys(STAFF_READ, 403), "contact": 200, "anonymous": 302}
JOB = {**STAFF_READ, "leader": 404, "officer_b": 404}  # officer_a's job: theirs and the administrator's

# URL name → persona → expected status (the completeness test of site/tests reads it); the requests: ``calls``.
# What is an enterprise's is asked of another firm than the contact's (404), unless said otherwise.
PERMISSIONS = {
    "evaluation:run_list": {**STAFF_READ, "contact": 302},
    "evaluation:run_detail": STAFF_READ,
    "evaluation:objection_list": STAFF_READ,
    "evaluation:aggregates": STAFF_READ,
    "evaluation:entitlements": STAFF_READ,
    "evaluation:notice_xlsx": STAFF_READ,
    "evaluation:compare": STAFF_READ,
    "evaluation:history": STAFF_READ,
    "evaluation:scheme_list": STAFF_READ,
    "evaluation:scheme_detail": STAFF_READ,
    "evaluation:policy_list": STAFF_READ,
    "evaluation:confirmation_list": STAFF_READ,
    "evaluation:dispute_detail": STAFF_READ,
    "evaluation:settings": STAFF_READ,
    "evaluation:simulation_start": ACT,
    "evaluation:policy_create": ACT,
    "evaluation:inputs_edit": ACT,
    "evaluation:portal": PORTAL,
    "evaluation:run_start": ACTED,
    "evaluation:run_publicity": ACTED,  # of the draft run
    # an approving role (settings; the leader's by default), not the evaluation's capability nor the administrator
    "evaluation:run_approve": {**ACTED, "administrator": 403, "leader": 302, "officer_a": 403},
    "evaluation:run_publish": ACTED,
    "evaluation:run_rescore": ACTED,
    "evaluation:notice_start": STAFF_ACTED,
    "evaluation:notice_job": JOB,
    "evaluation:notice_pdf": JOB,
    "evaluation:result_detail": {**STAFF_READ, "contact": 404},
    "evaluation:result_regrade": ACTED,
    "evaluation:objection_file": {**ACTED, "contact": 302},  # the contact's own firm
    "evaluation:objection_detail": {**STAFF_READ, "contact": 404},
    "evaluation:objection_accept": ACTED,
    "evaluation:objection_reject": ACTED,
    "evaluation:attachment": {**STAFF_READ, "contact": 404},
    "evaluation:simulation": {**ACT, "administrator": 200},
    "evaluation:scheme_toggle": ACTED,
    "evaluation:policy_edit": ACT,
    "evaluation:inputs_import": ACT,
    "evaluation:inputs_import_job": ACT,
    "evaluation:inputs_import_confirm": ACTED,
    "evaluation:inputs_import_retry": ACTED,
    "evaluation:dispute_answer": ACTED,
    "evaluation:portal_confirm": {**PORTAL, "contact": 302},
}


def calls(s: Setting) -> dict[str, Call | str]:
    run, draft, f1, f2 = s.public.pk, s.draft.pk, s.zone.f1.pk, s.zone.f2.pk
    officer = s.zone.personas.officer_a
    other = services.objection_file(
        run=s.public, enterprise=s.zone.f2, text="纸质申诉", files=[SimpleUploadedFile("证明.pdf", b"%PDF-1.4")],
        by=officer,
    )  # fmt: skip
    notice = jobs.create(kind="evaluation.notice", user=officer, total=1)
    Job.objects.filter(pk=notice.pk).update(status=JobStatus.DONE, result={"run": run})
    notice_pdf = notice_path(str(notice.pk))
    notice_pdf.parent.mkdir(parents=True, exist_ok=True)
    notice_pdf.write_bytes(b"%PDF-1.4")
    simulation = jobs.create(kind="evaluation.simulate", user=officer)
    inputs = jobs.create(kind=upload_imports.kind(input_import.JOB_NAME), user=officer)
    policy = GradePolicy.objects.create(
        key="relief", label="城镇土地使用税减免", unit="%", values={"A": "100"}
    )
    objection = s.objection.pk
    return {
        "evaluation:run_list": "/evaluation/",
        "evaluation:run_detail": f"/evaluation/runs/{run}/",
        "evaluation:objection_list": f"/evaluation/runs/{run}/objections/",
        "evaluation:aggregates": f"/evaluation/runs/{run}/aggregates/",
        "evaluation:entitlements": f"/evaluation/runs/{run}/policies/",
        "evaluation:notice_xlsx": f"/evaluation/runs/{run}/notice.xlsx",
        "evaluation:compare": f"/evaluation/compare/?a={draft}&b={run}",
        "evaluation:history": "/evaluation/history/",
        "evaluation:scheme_list": "/evaluation/schemes/",
        "evaluation:scheme_detail": f"/evaluation/schemes/{s.zone.scheme.pk}/",
        "evaluation:policy_list": "/evaluation/policies/",
        "evaluation:confirmation_list": "/evaluation/confirmations/",
        "evaluation:dispute_detail": f"/evaluation/disputes/{s.dispute.pk}/",
        "evaluation:settings": "/evaluation/settings/",
        "evaluation:simulation_start": "/evaluation/simulate/",
        "evaluation:policy_create": "/evaluation/policies/new/",
        "evaluation:inputs_edit": f"/evaluation/inputs/{f1}/{YEAR}/",
        "evaluation:portal": "/evaluation/my/",
        "evaluation:run_start": post(
            "/evaluation/runs/start/", {"year": YEAR, "scheme": s.zone.scheme.pk, "confirm": "1"}
        ),
        "evaluation:run_publicity": post(f"/evaluation/runs/{draft}/publicity/", {"confirm": "1"}),
        "evaluation:run_approve": post(f"/evaluation/runs/{run}/approve/"),
        "evaluation:run_publish": post(f"/evaluation/runs/{draft}/publish/", {"confirm": "1"}),
        "evaluation:run_rescore": post(f"/evaluation/runs/{draft}/rescore/", {"confirm": "1"}),
        "evaluation:notice_start": post(f"/evaluation/runs/{run}/notice/"),
        "evaluation:notice_job": f"/evaluation/runs/{run}/notice/{notice.pk}/",
        "evaluation:notice_pdf": f"/evaluation/runs/{run}/notice/{notice.pk}.pdf",
        "evaluation:result_detail": f"/evaluation/runs/{run}/results/{f2}/",
        "evaluation:result_regrade": post(
            f"/evaluation/runs/{draft}/results/{f2}/regrade/", {"grade": "B", "reason": "复核后调整"}
        ),
        "evaluation:objection_file": post(f"/evaluation/runs/{run}/results/{f1}/object/", {"text": "请复核"}),
        "evaluation:objection_detail": f"/evaluation/objections/{other.pk}/",
        "evaluation:objection_accept": post(
            f"/evaluation/objections/{objection}/accept/", {"decision": "更正", "tax": "330"}
        ),
        "evaluation:objection_reject": post(
            f"/evaluation/objections/{objection}/reject/", {"decision": "数据无误"}
        ),
        "evaluation:attachment": f"/evaluation/attachments/{other.attachments.get().pk}/",
        "evaluation:simulation": f"/evaluation/simulate/{simulation.pk}/",
        "evaluation:scheme_toggle": post(f"/evaluation/schemes/{s.zone.scheme.pk}/toggle/"),
        "evaluation:policy_edit": f"/evaluation/policies/{policy.pk}/edit/",
        "evaluation:inputs_import": "/evaluation/inputs/import/",
        "evaluation:inputs_import_job": f"/evaluation/inputs/import/{inputs.pk}/",
        "evaluation:inputs_import_confirm": post(f"/evaluation/inputs/import/{inputs.pk}/confirm/"),
        "evaluation:inputs_import_retry": post(f"/evaluation/inputs/import/{inputs.pk}/retry/"),
        "evaluation:dispute_answer": post(
            f"/evaluation/disputes/{s.dispute.pk}/answer/",
            {"outcome": "upheld", "answer": "经核实，数据无误。"},
        ),
        "evaluation:portal_confirm": post(f"/evaluation/my/{YEAR}/confirm/", {"status": "confirmed"}),
    }


def test_permission_table(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    assert observe(client_for, calls(setting)) == PERMISSIONS


def test_a_contact_sees_only_their_own_public_result(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    client, zone = client_for("contact"), setting.zone
    assert client.get(f"/evaluation/runs/{setting.public.pk}/results/{zone.f1.pk}/").status_code == 200
    assert client.get(f"/evaluation/runs/{setting.public.pk}/results/{zone.f2.pk}/").status_code == 404
    assert client.get(f"/evaluation/runs/{setting.draft.pk}/results/{zone.f1.pk}/").status_code == 404
    assert (
        client_for("officer_b").get(f"/evaluation/runs/{setting.draft.pk}/results/{zone.f2.pk}/").status_code
        == 200
    )


def test_objections_and_attachments_are_scoped(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    detail = f"/evaluation/objections/{setting.objection.pk}/"
    attachment = f"/evaluation/attachments/{setting.objection.attachments.get().pk}/"
    assert client_for("contact").get(detail).status_code == 200
    assert client_for("contact").get(attachment).status_code == 200
    other = services.objection_file(
        run=setting.public, enterprise=setting.zone.f2, text="纸质申诉", by=setting.zone.personas.officer_a
    )
    assert client_for("contact").get(f"/evaluation/objections/{other.pk}/").status_code == 404
    assert client_for("leader").get(detail).status_code == 200


def test_a_contact_cannot_object_for_another_enterprise(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    url = f"/evaluation/runs/{setting.public.pk}/results/{setting.zone.f2.pk}/object/"
    assert client_for("contact").post(url, {"text": "替别人申诉"}).status_code == 404


def test_approval_needs_an_approving_role(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    """The leader holds it by default (the service then refuses: the window has not ended); officers do not."""
    expected = {"leader": 302, "officer_a": 403, "officer_b": 403, "contact": 403, "anonymous": 302}
    url = f"/evaluation/runs/{setting.public.pk}/approve/"
    assert {persona: client_for(persona).post(url).status_code for persona in expected} == expected
    setting.public.refresh_from_db()
    assert setting.public.status == "publicity"


def test_decisions_need_the_capability(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    url = f"/evaluation/objections/{setting.objection.pk}/reject/"
    for persona in ("leader", "officer_b", "contact"):
        assert client_for(persona).post(url, {"decision": "数据无误"}).status_code == 403
    setting.objection.refresh_from_db()
    assert setting.objection.status == "open"
    assert client_for("officer_a").post(url, {"decision": "数据无误"}).status_code == 302
    setting.objection.refresh_from_db()
    assert setting.objection.status == "rejected"


API = "/api/v1/evaluation/"


@pytest.mark.parametrize(
    ("persona", "runs", "results", "schemes", "objections"),
    [
        ("administrator", 2, 6, "all", 1),
        ("leader", 2, 6, "all", 1),
        ("officer_b", 2, 6, "all", 1),
        ("contact", 1, 1, 0, 1),  # only the public run, their own result, their own objection; no scheme
    ],
)
def test_api_reads_are_scoped(
    setting: Setting, client_for, persona, runs, results, schemes, objections
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(persona)
    counts = [
        client.get(f"{API}{name}/").json()["count"] for name in ("runs", "results", "schemes", "objections")
    ]
    assert counts == [runs, results, Scheme.objects.count() if schemes == "all" else schemes, objections]


def test_api_refuses_anonymous_reads(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for("anonymous").get(f"{API}results/").status_code == 401


def test_api_starting_a_run_needs_the_capability(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    payload = {"year": YEAR, "scheme": setting.zone.scheme.pk}
    for persona in ("leader", "officer_b", "contact"):
        assert (
            client_for(persona).post(f"{API}runs/", payload, content_type="application/json").status_code
            == 403
        )
    response = client_for("officer_a").post(f"{API}runs/", payload, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert response.json()["enterprise_count"] == 3


def test_api_objections(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    zone = setting.zone
    own = {"run": setting.public.pk, "credit_code": zone.f1.credit_code, "text": "接口申诉"}
    other = {**own, "credit_code": zone.f2.credit_code}
    contact = client_for("contact")
    assert contact.post(f"{API}objections/", own, content_type="application/json").status_code == 201
    assert contact.post(f"{API}objections/", other, content_type="application/json").status_code == 400
    assert (
        client_for("officer_b").post(f"{API}objections/", other, content_type="application/json").status_code
        == 403
    )
    accept = f"{API}objections/{setting.objection.pk}/accept/"
    body = {"decision": "更正", "values": {"tax": "330"}}
    assert contact.post(accept, body, content_type="application/json").status_code == 403
    response = client_for("officer_a").post(accept, body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["corrections"] == {"tax": ["300", "330"]}


def test_api_schemes_are_validated(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("officer_a").post(
        f"{API}schemes/", {"text": "name = 1"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert (
        client_for("leader")
        .post(f"{API}schemes/", {"text": "x"}, content_type="application/json")
        .status_code
        == 403
    )


def test_answering_a_dispute_needs_the_capability(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    url = f"/evaluation/disputes/{setting.dispute.pk}/answer/"
    data = {"outcome": "upheld", "answer": "经核实，数据无误。"}
    for persona in ("leader", "officer_b", "contact"):
        assert client_for(persona).post(url, data).status_code == 403
    setting.dispute.refresh_from_db()
    assert setting.dispute.answered_at is None
    assert client_for("officer_a").post(url, data).status_code == 302
    setting.dispute.refresh_from_db()
    assert setting.dispute.outcome == "upheld"


def test_only_administrators_change_the_settings(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    data = {"publicity_workdays": "9", "coverage_warning_percent": "90", "approver_roles": ["leader"]}
    for persona in ("leader", "officer_a"):
        client_for(persona).post("/evaluation/settings/", data)
    assert EvaluationSettings.current().publicity_workdays == 5
    assert client_for("administrator").post("/evaluation/settings/", data).status_code == 302
    assert EvaluationSettings.current().publicity_workdays == 9
