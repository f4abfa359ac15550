"""One scoping rule per model: ``Model.objects.for_user(user)`` is what each persona may see of the evaluation.

Staff see everything; an enterprise contact their own enterprise's answers, objections and attachments, and its
results only once the run's list is public (公示 or later); anonymous users nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoxin.accounts.models import User
from gaoxin.evaluation import services
from gaoxin.evaluation.models import (
    DataConfirmation,
    EvaluationResult,
    EvaluationRun,
    EvidenceFile,
    Objection,
    Scheme,
)
from gaoxin.evaluation.tests.zone import YEAR, Zone
from gaoxin.testing.personas import NAMES

STAFF = ("administrator", "leader", "officer_a", "officer_b")


def _user(zone: Zone, name: str) -> User | AnonymousUser:
    return zone.personas.by_name(name) or AnonymousUser()


def _evidence() -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile("证明.txt", "统一社会信用代码 91330400MA2B3C4D5X".encode(), "text/plain")]


@pytest.mark.parametrize("name", NAMES)
def test_schemes_are_seen_by_staff_only(zone: Zone, name: str) -> None:
    seen = set(Scheme.objects.for_user(_user(zone, name)))
    assert seen == (set(Scheme.objects.all()) if name in STAFF else set())
    assert (zone.scheme in seen) == (name in STAFF)


@pytest.mark.parametrize("name", NAMES)
def test_a_contact_sees_runs_and_own_results_only_once_public(zone: Zone, name: str) -> None:
    draft, public = zone.run(), zone.run()
    zone.publicize(public)
    user = _user(zone, name)
    runs = set(EvaluationRun.objects.for_user(user))
    results = {(r.run_id, r.enterprise_id) for r in EvaluationResult.objects.for_user(user)}
    if name in STAFF:
        assert runs == {draft, public}
        assert len(results) == 6  # three firms in each run
    elif name == "contact":
        assert runs == {public}
        assert results == {(public.pk, zone.f1.pk)}
    else:
        assert runs == set()
        assert results == set()


@pytest.mark.parametrize("name", NAMES)
def test_answers_objections_and_attachments_are_seen_with_their_enterprise(zone: Zone, name: str) -> None:
    own = services.confirmation_submit(
        enterprise=zone.f1, year=YEAR, status="objected", comment="有误", files=_evidence(), by=None
    )
    other = services.confirmation_submit(
        enterprise=zone.f2, year=YEAR, status="objected", comment="有误", files=_evidence(), by=None
    )
    run = zone.publicize(zone.run(), confirm=True)  # with the two disputes unanswered
    objections = [
        services.objection_file(run=run, enterprise=firm, text="排名有误", files=_evidence(), by=None)
        for firm in (zone.f1, zone.f2)
    ]
    user = _user(zone, name)
    confirmations = set(DataConfirmation.objects.for_user(user))
    filed = set(Objection.objects.for_user(user))
    attachments = set(EvidenceFile.objects.for_user(user))
    if name in STAFF:
        assert confirmations == {own, other}
        assert filed == set(objections)
        assert len(attachments) == 4
    elif name == "contact":
        assert confirmations == {own}
        assert filed == {objections[0]}
        assert {a.enterprise_id for a in attachments} == {zone.f1.pk}
        assert len(attachments) == 2  # its answer's and its objection's
    else:
        assert confirmations == filed == attachments == set()
