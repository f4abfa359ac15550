"""Two officers sign the same request at the same moment: exactly one succeeds, the other is told who did."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import User
from gaoxin.servicedesk import services
from gaoxin.servicedesk.choices import RequestState
from gaoxin.servicedesk.models import RequestEvent, ServiceRequest
from gaoxin.servicedesk.services import AlreadySigned, steps


@pytest.fixture
def colleague(personas):
    """A second officer of the handling department (经济发展局)."""
    return User.objects.create(
        username="p_officer_a2", display_name="王二", role=Role.OFFICER, department=personas.department_a
    )


@pytest.mark.django_db
def test_the_conditional_update_claims_only_a_waiting_request(desk, personas, colleague):
    request = desk.dispatched()
    now = timezone.now()
    assert steps.claim_signature(
        request.pk, department_id=personas.department_a.pk, by=personas.officer_a, now=now
    )
    assert not steps.claim_signature(
        request.pk, department_id=personas.department_a.pk, by=colleague, now=now
    )
    assert ServiceRequest.objects.get(pk=request.pk).signed_by == personas.officer_a


@pytest.mark.django_db
def test_the_claim_needs_the_department_it_was_dispatched_to(desk, personas):
    request = desk.dispatched()
    assert not steps.claim_signature(
        request.pk, department_id=personas.department_b.pk, by=personas.officer_b, now=timezone.now()
    )
    assert ServiceRequest.objects.get(pk=request.pk).state == RequestState.DISPATCHED


@pytest.mark.django_db
def test_the_loser_of_an_interleaved_race_is_told_who_signed(desk, personas, colleague, monkeypatch):
    """Both officers read the request while it waits; the first signs; the second's claim then finds nothing."""
    request = desk.dispatched()
    stale = ServiceRequest.objects.select_related("enterprise").get(pk=request.pk)
    services.request_sign(request=request, by=personas.officer_a)
    monkeypatch.setattr(steps, "_read_for_sign", lambda pk: stale)  # the colleague's read, from before
    with pytest.raises(AlreadySigned) as caught:
        services.request_sign(request=ServiceRequest.objects.get(pk=request.pk), by=colleague)
    assert caught.value.name == str(personas.officer_a)
    fresh = ServiceRequest.objects.get(pk=request.pk)
    assert fresh.signed_by == personas.officer_a
    assert RequestEvent.objects.filter(request=request, action="sign").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_threads_sign_at_once_on_postgresql(desk, personas, colleague):
    assert connection.vendor == "postgresql"
    request = desk.dispatched()
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def sign(user: User) -> None:
        try:
            barrier.wait(timeout=10)
            services.request_sign(request=ServiceRequest.objects.get(pk=request.pk), by=user)
            outcomes[user.username] = "signed"
        except AlreadySigned as error:
            outcomes[user.username] = f"refused:{error.name}"
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(u,)) for u in (personas.officer_a, colleague)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(v.split(":")[0] for v in outcomes.values()) == ["refused", "signed"]
    winner = next(name for name, v in outcomes.items() if v == "signed")
    loser_told = next(v.split(":", 1)[1] for v in outcomes.values() if v.startswith("refused"))
    fresh = ServiceRequest.objects.select_related("signed_by").get(pk=request.pk)
    assert fresh.signed_by.username == winner
    assert loser_told == str(fresh.signed_by)
    assert RequestEvent.objects.filter(request=request, action="sign").count() == 1
