"""Admission pages: who may see and do what, and the workflow through the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gaoxin.projects.models import AdmissionOpinion, AdmissionReview, AdmissionScorecard
from gaoxin.projects.services.admission import review_open

pytestmark = pytest.mark.django_db

PERSONAS = ("administrator", "leader", "officer_a", "office", "officer_b", "contact", "anonymous")
STAFF_READ = dict.fromkeys(PERSONAS, 200) | {"contact": 403, "anonymous": 302}
OFFICE_ONLY = {
    "administrator": 200,
    "leader": 403,
    "officer_a": 403,
    "office": 200,
    "officer_b": 403,
    "contact": 403,
    "anonymous": 302,
}
VALUES = {"investment_intensity": "320", "tax_per_mu": "35", "plot_ratio": "1.5", "energy_per_value_added": "0.4", "environment": "yes", "industry_fit": "yes"}  # fmt: skip


@pytest.fixture
def client_as(client_for: Callable[[str], Client], office: Any) -> Callable[[str], Client]:
    def make(name: str) -> Client:
        if name == "office":
            client = Client()
            client.force_login(office.officer)
            return client
        return client_for(name)

    return make


@pytest.fixture
def review(make_project: Callable[..., Any], office: Any) -> AdmissionReview:
    scorecard = AdmissionScorecard.objects.get()
    return review_open(project=make_project(), scorecard=scorecard, values=VALUES, by=office.officer)


def statuses(
    client_as: Callable[[str], Client], method: str, url: str, data: dict[str, str] | None = None
) -> dict[str, int]:
    return {
        name: (
            client_as(name).get(url) if method == "get" else client_as(name).post(url, data or {})
        ).status_code
        for name in PERSONAS
    }


def test_read_pages(client_as: Callable[[str], Client], review: AdmissionReview) -> None:
    assert statuses(client_as, "get", reverse("projects:admission", args=[review.project_id])) == STAFF_READ
    assert statuses(client_as, "get", reverse("projects:admission_list")) == STAFF_READ


def test_scorecard_pages_are_for_the_project_office(client_as: Callable[[str], Client]) -> None:
    card = AdmissionScorecard.objects.get()
    for url in (
        reverse("projects:scorecards"),
        reverse("projects:scorecard_create"),
        reverse("projects:scorecard_edit", args=[card.pk]),
    ):
        assert statuses(client_as, "get", url) == OFFICE_ONLY


def test_open_is_for_the_project_office(
    client_as: Callable[[str], Client], make_project: Callable[..., Any]
) -> None:
    url = reverse("projects:admission_open", args=[make_project().pk])
    for name in ("leader", "officer_a", "officer_b", "contact"):
        assert client_as(name).post(url, VALUES).status_code == 403
    assert client_as("anonymous").post(url, VALUES).status_code == 302
    assert not AdmissionReview.objects.exists()
    assert client_as("office").post(url, VALUES).status_code == 302
    assert AdmissionReview.objects.get().score == 100


def test_opinions_are_for_department_officers(
    client_as: Callable[[str], Client], review: AdmissionReview
) -> None:
    url = reverse("projects:admission_opinion", args=[review.pk])
    data = {"agrees": "yes", "opinion": "同意"}
    for name in ("administrator", "leader", "contact"):  # the administrator speaks for no department
        assert client_as(name).post(url, data).status_code == 403
    assert client_as("anonymous").post(url, data).status_code == 302
    for name in ("officer_a", "officer_b", "office"):
        assert client_as(name).post(url, data).status_code == 302
    assert AdmissionOpinion.objects.filter(review=review).count() == 3
    again = client_as("officer_a").post(url, data)
    assert again.status_code == 400
    assert AdmissionOpinion.objects.filter(review=review).count() == 3


def test_decision_is_for_the_project_office(
    client_as: Callable[[str], Client], review: AdmissionReview
) -> None:
    url = reverse("projects:admission_decide", args=[review.pk])
    for name in ("leader", "officer_a", "officer_b", "contact"):
        assert client_as(name).post(url, {"decision": "admitted"}).status_code == 403
    refused = client_as("office").post(url, {"decision": "rejected", "note": ""})
    assert refused.status_code == 400
    assert client_as("administrator").post(url, {"decision": "admitted"}).status_code == 302
    review.refresh_from_db()
    assert review.decision == "admitted"


def test_tab_shows_the_forms_each_persona_may_use(
    client_as: Callable[[str], Client], review: AdmissionReview
) -> None:
    url = reverse("projects:admission", args=[review.project_id])
    office_page = client_as("office").get(url).content.decode()
    assert 'id="decision-form"' in office_page
    assert 'id="opinion-form"' in office_page
    officer_page = client_as("officer_b").get(url).content.decode()
    assert 'id="decision-form"' not in officer_page
    assert 'id="opinion-form"' in officer_page
    leader_page = client_as("leader").get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'id="opinion-form"' not in leader_page
    assert "固定资产投资强度" in leader_page


def test_scorecard_form_saves_criteria(client_as: Callable[[str], Client]) -> None:
    data = {
        "card-name": "简易评分表",
        "card-pass_score": "10",
        "card-is_active": "on",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-key": "tax",
        "criteria-0-label": "亩均税收",
        "criteria-0-kind": "number",
        "criteria-0-direction": "higher",
        "criteria-0-threshold": "30",
        "criteria-0-points": "20",
        "criteria-1-kind": "number",
        "criteria-1-direction": "higher",
    }
    response = client_as("office").post(reverse("projects:scorecard_create"), data)
    assert response.status_code == 302
    card = AdmissionScorecard.objects.get(name="简易评分表")
    assert [c["key"] for c in card.criteria] == ["tax"]
    too_much = client_as("office").post(
        reverse("projects:scorecard_create"), {**data, "card-pass_score": "30"}
    )
    assert too_much.status_code == 400
