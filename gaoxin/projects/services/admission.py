"""准入评估 (部门联审): scorecards, and a review — opened with its values and scored, one opinion per department,
decided by the meeting with its date and minutes — every step in the change log. One mechanism for both subjects:
a review judges a project (``AdmissionReview.project``) or, with no project, an investment lead (the investment
module links it and checks its own bureau's rights before calling ``review_start`` and ``decision_record``).

Who does what: the project office (``permissions.is_project_office``) configures scorecards, opens reviews and
decides them; an officer of any department gives that department's one opinion while the review is pending.
Scoring is ``gaoxin.projects.admission_scoring``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.core import changelog
from gaoxin.core.message_text import translated
from gaoxin.projects import admission_scoring, permissions
from gaoxin.projects.admission_scoring import Criterion, ScorecardError, ScoreResult
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.models import AdmissionOpinion, AdmissionReview, AdmissionScorecard, Project


def scorecard_problems(error: ScorecardError) -> list[str]:
    return [translated(m) for m in error.messages]


def criteria_of(scorecard: AdmissionScorecard) -> tuple[Criterion, ...]:
    """The stored criteria, parsed (they were validated when saved)."""
    try:
        return admission_scoring.parse_scorecard(scorecard.criteria, scorecard.pass_score)
    except ScorecardError as error:
        raise ValidationError(scorecard_problems(error)) from error


@transaction.atomic
def scorecard_save(
    *,
    name: str,
    criteria: list[dict[str, Any]],
    pass_score: Decimal,
    is_active: bool,
    by: User,
    scorecard: AdmissionScorecard | None = None,
) -> AdmissionScorecard:
    """Create or change a scorecard; the criteria are validated and stored normalised."""
    if not permissions.may_configure(by):
        raise PermissionDenied
    try:
        parsed = admission_scoring.parse_scorecard(criteria, pass_score)
    except ScorecardError as error:
        raise ValidationError(scorecard_problems(error), code="criteria") from error
    data = {
        "name": name.strip(),
        "criteria": [c.as_json() for c in parsed],
        "pass_score": pass_score,
        "is_active": is_active,
    }
    return changelog.save_as(scorecard or AdmissionScorecard(), data, by=by)


def scored(
    scorecard: AdmissionScorecard, raw_values: Mapping[str, Any]
) -> tuple[dict[str, Any], ScoreResult]:
    criteria = criteria_of(scorecard)
    try:
        values = admission_scoring.parse_values(criteria, raw_values)
    except ScorecardError as error:
        raise ValidationError(scorecard_problems(error), code="values") from error
    return admission_scoring.values_as_json(values), admission_scoring.score(
        criteria, values, scorecard.pass_score
    )


def breakdown_json(result: ScoreResult) -> list[dict[str, Any]]:
    return [
        {
            "key": item.key,
            "label": item.label,
            "value": admission_scoring.values_as_json({"v": item.value})["v"],
            "met": item.met,
            "points": changelog.json_value(item.points),
            "vetoes": item.vetoes,
        }
        for item in result.items
    ]


def is_vetoed(review: AdmissionReview) -> bool:
    return any(item.get("vetoes") for item in review.breakdown)


def has_passed(review: AdmissionReview) -> bool:
    """Passed the scorecard: not vetoed and the score reaches the scorecard's score to pass."""
    return review.score is not None and not is_vetoed(review) and review.score >= review.scorecard.pass_score


@transaction.atomic
def review_start(
    *,
    scorecard: AdmissionScorecard,
    values: Mapping[str, Any],
    by: User,
    project: Project | None = None,
    note: str = "",
) -> AdmissionReview:
    """Open a review with its values (by criterion key), scored at once: of ``project``, or — with no project —
    of the subject the caller links it to in the same transaction (an investment lead). The caller checks who
    may open it and that the subject has no pending review."""
    if not scorecard.is_active:
        raise ValidationError(_("This scorecard is not in use."), code="inactive")
    stored, result = scored(scorecard, values)
    review = AdmissionReview(
        project=project,
        scorecard=scorecard,
        values=stored,
        score=result.score,
        breakdown=breakdown_json(result),
    )
    review.full_clean()
    score_note = _("Score %(score)s") % {"score": result.score}
    with changelog.acting(by=by, note=f"{score_note} · {note}" if note else score_note):
        review.save()
    return review


@transaction.atomic
def review_open(
    *, project: Project, scorecard: AdmissionScorecard, values: Mapping[str, Any], by: User
) -> AdmissionReview:
    """Open a review of ``project`` with its values (by criterion key), scored at once."""
    if not permissions.is_project_office(by):
        raise PermissionDenied
    if project.admission_reviews.filter(decision=ReviewDecision.PENDING).exists():
        raise ValidationError(_("This project already has a review waiting for a decision."), code="pending")
    return review_start(project=project, scorecard=scorecard, values=values, by=by)


@transaction.atomic
def opinion_add(*, review: AdmissionReview, agrees: bool, opinion: str, by: User) -> AdmissionOpinion:
    """The opinion of the officer's department; one per department, while the review is pending."""
    if not (by.is_officer and by.department_id is not None and permissions.may_read(by)):
        raise PermissionDenied
    review = AdmissionReview.objects.select_for_update().get(pk=review.pk)
    if review.decision != ReviewDecision.PENDING:
        raise ValidationError(_("This review has been decided."), code="decided")
    text = opinion.strip()
    if not text:
        raise ValidationError({"opinion": _("Write the department's opinion.")}, code="required")
    if review.opinions.filter(department_id=by.department_id).exists():
        raise ValidationError(_("Your department has already given its opinion."), code="duplicate")
    with changelog.acting(by=by):
        item = AdmissionOpinion.objects.create(
            review=review, department_id=by.department_id, author=by, agrees=agrees, opinion=text
        )
    return item


@transaction.atomic
def decision_record(
    *,
    review: AdmissionReview,
    decision: str,
    note: str,
    by: User,
    on: dt.date | None = None,
    meeting_on: dt.date | None = None,
    minutes: str = "",
) -> AdmissionReview:
    """The meeting's decision on a pending review, whatever it judges: admitted, admitted with conditions (the
    note states them) or rejected (the note says why), with the meeting's date and minutes. The caller checks
    who may decide."""
    review = AdmissionReview.objects.select_for_update().select_related("scorecard").get(pk=review.pk)
    if review.decision != ReviewDecision.PENDING:
        raise ValidationError(_("This review has been decided."), code="decided")
    if decision not in ReviewDecision.values or decision == ReviewDecision.PENDING:
        raise ValidationError({"decision": _("Choose a decision.")}, code="invalid")
    text = note.strip()
    if decision != ReviewDecision.ADMITTED and not text:
        raise ValidationError(
            {"note": _("State the conditions or the reasons in the note.")}, code="required"
        )
    decided_on = on or timezone.localdate()
    if meeting_on is not None and meeting_on > decided_on:
        raise ValidationError(
            {"meeting_on": _("The meeting cannot be later than the decision.")}, code="invalid"
        )
    review.decision = decision
    review.decision_note = text
    review.decided_by = by
    review.decided_on = decided_on
    review.meeting_on = meeting_on
    review.minutes = minutes.strip()
    review.full_clean()
    with changelog.acting(by=by):
        review.save()
    return review


def review_decide(
    *,
    review: AdmissionReview,
    decision: str,
    note: str,
    by: User,
    on: dt.date | None = None,
    meeting_on: dt.date | None = None,
    minutes: str = "",
) -> AdmissionReview:
    """The project office's decision on a project's review (``decision_record``)."""
    if not permissions.is_project_office(by):
        raise PermissionDenied
    return decision_record(
        review=review, decision=decision, note=note, by=by, on=on, meeting_on=meeting_on, minutes=minutes
    )
