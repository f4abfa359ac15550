"""Who may open each page and endpoint of the investment module. 200 = allowed; 302 = sent to log in (or, for an
action asked by GET, back to the lead's page); 403 = refused; 404 = not in the user's scope. The lead asked about
is the bureau's, so officer_a and officer_b (全员招商: their own leads only) do not see it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from gaoxin.investment.models import InvestmentTeam, Lead, LeadStage, StopReason

pytestmark = pytest.mark.django_db

STAFF = {
    "administrator": 200,
    "leader": 200,
    "officer_a": 200,
    "officer_b": 200,
    "contact": 403,
    "anonymous": 302,
}
BUREAU = {**STAFF, "leader": 403, "officer_a": 403, "officer_b": 403}
LEAD = {**STAFF, "officer_a": 404, "officer_b": 404}
EDIT = {**LEAD, "leader": 403}
ACTION = {**EDIT, "administrator": 302}  # a GET of an action goes back to the lead's page
API = {**STAFF, "anonymous": 401}

# URL name → persona → expected status (the completeness test of site/tests reads it); the addresses: ``URLS``
PERMISSIONS = {
    "investment:board": STAFF,
    "investment:list": STAFF,
    "investment:export": STAFF,
    "investment:funnel": STAFF,
    "investment:duplicates": STAFF,
    "investment:create": {**STAFF, "leader": 403},
    "investment:detail": LEAD,
    "investment:edit": EDIT,
    "investment:move": ACTION,
    "investment:stop": ACTION,
    "investment:resume": ACTION,
    "investment:activity": ACTION,
    "investment:settings": BUREAU,
    "investment:stage_create": BUREAU,
    "investment:stage_edit": BUREAU,
    "investment:reason_create": BUREAU,
    "investment:reason_edit": BUREAU,
    "investment:team_create": BUREAU,
    "investment:team_edit": BUREAU,
    "investment:rules": BUREAU,
    "api:lead-list": API,
    "api:lead-detail": {**API, "officer_a": 404, "officer_b": 404},
}


@pytest.fixture
def objects(make_lead, bureau) -> dict[str, int]:
    team = InvestmentTeam.objects.create(name="招商一组", department=bureau)
    return {
        "lead": make_lead().pk,
        "stage": LeadStage.objects.first().pk,  # type: ignore[union-attr]
        "reason": StopReason.objects.first().pk,  # type: ignore[union-attr]
        "team": team.pk,
    }


URLS: dict[str, Callable[[dict[str, int]], str]] = {
    **{name: (lambda o, n=name: reverse(n)) for name in PERMISSIONS},
    **{
        f"investment:{name}": (lambda o, n=name: reverse(f"investment:{n}", args=[o["lead"]]))
        for name in ("detail", "edit", "move", "stop", "resume", "activity")
    },
    "investment:stage_edit": lambda o: reverse("investment:stage_edit", args=[o["stage"]]),
    "investment:reason_edit": lambda o: reverse("investment:reason_edit", args=[o["reason"]]),
    "investment:team_edit": lambda o: reverse("investment:team_edit", args=[o["team"]]),
    "api:lead-detail": lambda o: reverse("api:lead-detail", args=[o["lead"]]),
}


@pytest.mark.parametrize(
    ("name", "persona", "status"),
    [(name, persona, status) for name, table in PERMISSIONS.items() for persona, status in table.items()],
)
def test_page_access(client_for, objects, name, persona, status):
    assert client_for(persona).get(URLS[name](objects)).status_code == status


def test_the_leads_lead_is_the_bureaus(objects, bureau_officer):
    assert Lead.objects.get(pk=objects["lead"]).officer == bureau_officer
