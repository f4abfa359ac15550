"""Who may open a lead's admission tab and post to its steps. A lead of the bureau: the administrator and
leaders read it; officers who neither own nor follow it do not find it (404); contacts are refused; the steps
take only posts (405 to a staff GET)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gaoxin.investment.services.admission import admission_open
from gaoxin.investment.tests.conftest import MakeLead
from gaoxin.projects.models import AdmissionScorecard

pytestmark = pytest.mark.django_db

POSTS_ONLY = {"administrator": 405, "leader": 405, "officer_a": 405, "officer_b": 405, "contact": 403, "anonymous": 302}  # fmt: skip
PERMISSIONS = {
    "investment:admission": {
        "administrator": 200,
        "leader": 200,
        "officer_a": 404,
        "officer_b": 404,
        "contact": 403,
        "anonymous": 302,
    },
    "investment:admission_open": POSTS_ONLY,
    "investment:admission_opinion": POSTS_ONLY,
    "investment:admission_decide": POSTS_ONLY,
}
PERSONAS = ("administrator", "leader", "officer_a", "officer_b", "contact", "anonymous")


def test_page_access(client_for, make_lead: MakeLead, bureau_officer) -> None:  # type: ignore[no-untyped-def]
    lead = make_lead()
    review = admission_open(
        lead=lead, scorecard=AdmissionScorecard.objects.get(), values={}, by=bureau_officer
    ).review
    urls = {
        "investment:admission": reverse("investment:admission", args=[lead.pk]),
        "investment:admission_open": reverse("investment:admission_open", args=[lead.pk]),
        "investment:admission_opinion": reverse("investment:admission_opinion", args=[review.pk]),
        "investment:admission_decide": reverse("investment:admission_decide", args=[review.pk]),
    }
    clients = {persona: client_for(persona) for persona in PERSONAS}
    got = {name: {p: clients[p].get(url).status_code for p in PERSONAS} for name, url in urls.items()}
    assert got == PERMISSIONS
