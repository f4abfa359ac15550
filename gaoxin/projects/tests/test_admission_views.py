"""Admission pages: who may see and do what, and the workflow through the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gaoxin.projects.models import AdmissionOpinion, AdmissionReview, AdmissionScorecard
from gaoxin.projects.services.admission import review_open
from gaoxin.projects.tests.conftest import LOGIN, ExpectAccess

pytestmark = pytest.mark.django_db

VALUES = {"investment_intensity": "320", "tax_per_mu": "35", "plot_ratio": "1.5", "energy_per_value_added": "0.4", "environment": "yes", "industry_fit": "yes"}  # fmt: skip


@pytest.fixture
def review(make_project: Callable[..., Any], office: Any) -> AdmissionReview:
    scorecard = AdmissionScorecard.objects.get()
    return review_open(project=make_project(), scorecard=scorecard, values=VALUES, by=office.officer)


def test_open_is_for_the_project_office(
    client_as: Callable[[str], Client], expect_access: ExpectAccess, make_project: Callable[..., Any]
) -> None:
    url = reverse("projects:admission_open", args=[make_project().pk])
    refused = {"leader": 403, "officer_a": 403, "officer_b": 403, "contact": 403, "anonymous": LOGIN}
    expect_access("post", url, refused, VALUES)
    assert not AdmissionReview.objects.exists()
    assert client_as("office").post(url, VALUES).status_code == 302
    assert AdmissionReview.objects.get().score == 100


def test_opinions_are_for_department_officers(
    client_as: Callable[[str], Client], expect_access: ExpectAccess, review: AdmissionReview
) -> None:
    url = reverse("projects:admission_opinion", args=[review.pk])
    data = {"agrees": "yes", "opinion": "同意"}
    expect_access(
        "post",
        url,
        {
            "administrator": 403,  # the administrator speaks for no department
            "leader": 403,
            "contact": 403,
            "anonymous": LOGIN,
            "officer_a": 302,
            "officer_b": 302,
            "office": 302,
        },
        data,
    )
    assert AdmissionOpinion.objects.filter(review=review).count() == 3
    again = client_as("officer_a").post(url, data)
    assert again.status_code == 400
    assert AdmissionOpinion.objects.filter(review=review).count() == 3


def test_decision_is_for_the_project_office(
    client_as: Callable[[str], Client], expect_access: ExpectAccess, review: AdmissionReview
) -> None:
    url = reverse("projects:admission_decide", args=[review.pk])
    refused_staff = {"leader": 403, "officer_a": 403, "officer_b": 403, "contact": 403}
    expect_access("post", url, refused_staff, {"decision": "admitted"})
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
