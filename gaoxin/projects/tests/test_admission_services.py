"""Admission review: the shipped scorecard, opening and scoring by hand, opinions, the decision, the log."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gaoxin.core.models import ChangeLogEntry
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.models import AdmissionScorecard
from gaoxin.projects.services.admission import (
    has_passed,
    opinion_add,
    review_decide,
    review_open,
    scorecard_save,
)
from gaoxin.testing.personas import Personas

pytestmark = pytest.mark.django_db

VALUES = {
    "investment_intensity": "320",  # ≥ 300 → 25
    "tax_per_mu": "20",  # < 30 → 0
    "plot_ratio": "1.5",  # ≥ 1.2 → 15
    "energy_per_value_added": "0.4",  # ≤ 0.5 → 15
    "environment": "yes",  # 10
    "industry_fit": "yes",  # 10
}


@pytest.fixture
def scorecard(db: None) -> AdmissionScorecard:
    return AdmissionScorecard.objects.get(name="标准地准入评估")  # shipped by migration 0003


def test_shipped_scorecard_scores_by_hand(
    scorecard: AdmissionScorecard, make_project: Callable[..., Any], office: Any
) -> None:
    review = review_open(project=make_project(), scorecard=scorecard, values=VALUES, by=office.officer)
    assert review.score == D(75)
    assert [item["points"] for item in review.breakdown] == ["25", "0", "15", "15", "10", "10"]
    assert has_passed(review)
    assert review.values["environment"] is True


def test_environment_veto(
    scorecard: AdmissionScorecard, make_project: Callable[..., Any], office: Any
) -> None:
    review = review_open(
        project=make_project(), scorecard=scorecard, values={**VALUES, "environment": "no"}, by=office.officer
    )
    assert review.score == D(65)
    assert not has_passed(review)


def test_workflow(
    scorecard: AdmissionScorecard, make_project: Callable[..., Any], office: Any, personas: Personas
) -> None:
    project = make_project()
    with pytest.raises(PermissionDenied):
        review_open(project=project, scorecard=scorecard, values=VALUES, by=personas.officer_a)
    review = review_open(project=project, scorecard=scorecard, values=VALUES, by=office.officer)
    with pytest.raises(ValidationError):
        review_open(project=project, scorecard=scorecard, values=VALUES, by=office.officer)
    opinion_add(review=review, agrees=True, opinion="符合产业导向", by=personas.officer_a)
    opinion_add(review=review, agrees=False, opinion="能耗偏高", by=personas.officer_b)
    with pytest.raises(ValidationError):
        opinion_add(review=review, agrees=True, opinion="再次", by=personas.officer_a)
    with pytest.raises(PermissionDenied):
        opinion_add(review=review, agrees=True, opinion="领导意见", by=personas.leader)
    with pytest.raises(PermissionDenied):
        review_decide(review=review, decision=ReviewDecision.ADMITTED, note="", by=personas.officer_a)
    with pytest.raises(ValidationError):
        review_decide(review=review, decision=ReviewDecision.REJECTED, note=" ", by=office.officer)
    decided = review_decide(
        review=review, decision=ReviewDecision.ADMITTED_WITH_CONDITIONS, note="须降低能耗", by=office.officer
    )
    assert (decided.decision, decided.decided_by, decided.decision_note) == (
        "conditional",
        office.officer,
        "须降低能耗",
    )
    with pytest.raises(ValidationError):
        opinion_add(review=review, agrees=True, opinion="迟到", by=office.officer)
    with pytest.raises(ValidationError):
        review_decide(review=review, decision=ReviewDecision.ADMITTED, note="", by=office.officer)
    actions = list(
        ChangeLogEntry.objects.filter(user__isnull=False).values_list("content_type__model", "action")
    )
    assert actions.count(("admissionopinion", "create")) == 2
    assert ("admissionreview", "create") in actions
    assert ("admissionreview", "update") in actions
    update = ChangeLogEntry.objects.get(content_type__model="admissionreview", action="update")
    assert update.changes["decision"] == ["pending", "conditional"]


def test_a_new_review_may_follow_a_decided_one(
    scorecard: AdmissionScorecard, make_project: Callable[..., Any], office: Any
) -> None:
    project = make_project()
    first = review_open(project=project, scorecard=scorecard, values=VALUES, by=office.officer)
    review_decide(review=first, decision=ReviewDecision.REJECTED, note="税收不足", by=office.officer)
    assert review_open(project=project, scorecard=scorecard, values=VALUES, by=office.officer).pk != first.pk


def test_scorecard_save_validates_and_names_the_criterion(office: Any, personas: Personas) -> None:
    criteria = [{"key": "tax", "label": "亩均税收", "kind": "number", "threshold": "", "points": "50"}]
    with pytest.raises(ValidationError) as error:
        scorecard_save(name="测试", criteria=criteria, pass_score=D(10), is_active=True, by=office.officer)
    assert "亩均税收" in " ".join(error.value.messages)
    criteria[0]["threshold"] = "30"
    card = scorecard_save(name="测试", criteria=criteria, pass_score=D(10), is_active=True, by=office.officer)
    assert card.criteria[0]["threshold"] == "30"
    assert card.criteria[0]["veto"] is False
    with pytest.raises(PermissionDenied):
        scorecard_save(
            name="测试", criteria=criteria, pass_score=D(10), is_active=True, by=personas.officer_a
        )
