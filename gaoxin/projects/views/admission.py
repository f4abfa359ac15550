"""Project pages: the admission review (准入评估) of a project (tab), the zone's list of reviews, and the
scorecards' configuration."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core import changelog
from gaoxin.core.form_errors import add_service_errors
from gaoxin.projects import permissions, selectors
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.filters import ReviewFilterSet
from gaoxin.projects.forms.admission import (
    CriterionFormSet,
    DecisionForm,
    OpinionForm,
    ReviewValuesForm,
    ScorecardForm,
    criteria_from,
)
from gaoxin.projects.models import AdmissionReview, AdmissionScorecard, Project
from gaoxin.projects.selectors import admission as reads
from gaoxin.projects.services import admission as services

PAGE_SIZE = 50


def _project_of(review: AdmissionReview) -> Project:
    """The project a review on this page judges (a lead's review has its own page in the investment module)."""
    if review.project is None:
        raise Http404
    return review.project


def may_give_opinion(user: User, review: AdmissionReview) -> bool:
    return (
        review.decision == ReviewDecision.PENDING
        and user.is_officer
        and user.department_id is not None
        and not any(o.department_id == user.department_id for o in review.opinions.all())
    )


def _chosen_scorecard(request: HttpRequest) -> AdmissionScorecard | None:
    return reads.chosen_scorecard(request.POST.get("scorecard") or request.GET.get("scorecard") or "")


def _render_tab(request: HttpRequest, project: Project, **bound: Any) -> HttpResponse:
    user = acting_user(request)
    reviews = reads.project_reviews(project)
    pending = next((r for r in reviews if r.decision == ReviewDecision.PENDING), None)
    office = permissions.is_project_office(user)
    scorecard = _chosen_scorecard(request)
    open_form = bound.get("open_form")
    if open_form is None and office and pending is None and scorecard is not None:
        open_form = ReviewValuesForm(criteria=services.criteria_of(scorecard))
    opinion_form = bound.get("opinion_form")
    if opinion_form is None and pending is not None and may_give_opinion(user, pending):
        opinion_form = OpinionForm()
    decision_form = bound.get("decision_form")
    if decision_form is None and pending is not None and office:
        decision_form = DecisionForm()
    return render(
        request,
        "projects/admission.html",
        {
            "section": "projects",
            "project": project,
            "project_tab": "admission",
            "reviews": [(r, services.has_passed(r), services.is_vetoed(r)) for r in reviews],
            "pending": pending,
            "scorecard": scorecard,
            "scorecards": reads.active_scorecards(),
            "open_form": open_form if pending is None and office else None,
            "opinion_form": opinion_form,
            "decision_form": decision_form,
            "opinion_action": reverse("projects:admission_opinion", args=[pending.pk]) if pending else "",
            "decision_action": reverse("projects:admission_decide", args=[pending.pk]) if pending else "",
            "history": changelog.history_for_many(reviews)[:50] if reviews else [],
        },
        status=400 if bound else 200,
    )


@require_staff
def project_admission(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_tab(request, selectors.project_for(acting_user(request), pk))


@require_staff
@require_POST
def admission_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    project = selectors.project_for(user, pk)
    if not permissions.is_project_office(user):
        raise PermissionDenied
    scorecard = _chosen_scorecard(request)
    if scorecard is None:
        raise Http404
    form = ReviewValuesForm(request.POST, criteria=services.criteria_of(scorecard))
    if form.is_valid():
        try:
            review = services.review_open(project=project, scorecard=scorecard, values=form.values(), by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Review opened: score %(score)s.") % {"score": review.score})
            return redirect("projects:admission", project.pk)
    return _render_tab(request, project, open_form=form)


@require_staff
@require_POST
def admission_opinion(request: HttpRequest, review_pk: int) -> HttpResponse:
    user = acting_user(request)
    review = reads.review(user, review_pk)
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            services.opinion_add(
                review=review,
                agrees=form.cleaned_data["agrees"],
                opinion=form.cleaned_data["opinion"],
                by=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Opinion recorded."))
            return redirect("projects:admission", review.project_id)
    return _render_tab(request, _project_of(review), opinion_form=form)


@require_staff
@require_POST
def admission_decide(request: HttpRequest, review_pk: int) -> HttpResponse:
    user = acting_user(request)
    review = reads.review(user, review_pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.review_decide(review=review, by=user, **form.decision_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("projects:admission", review.project_id)
    return _render_tab(request, _project_of(review), decision_form=form)


@require_staff
def admission_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = ReviewFilterSet(request.GET, queryset=reads.review_list(user))
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/admission_list.html",
        {
            "section": "projects",
            "tab": "admission",
            "page": page,
            "rows": [(r, services.has_passed(r), services.is_vetoed(r)) for r in page.object_list],
            "filters": filters,
            "decisions": ReviewDecision.choices,
            "may_configure": permissions.may_configure(user),
        },
    )


@require_staff
def scorecards(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    return render(
        request,
        "projects/scorecards.html",
        {
            "section": "projects",
            "tab": "admission",
            "scorecards": reads.scorecards(),
            "may_configure": True,
        },
    )


@require_staff
def scorecard_edit(request: HttpRequest, scorecard_pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    scorecard = None
    if scorecard_pk is not None:
        scorecard = reads.scorecard(scorecard_pk)
    form = ScorecardForm(request.POST or None, instance=scorecard, prefix="card")
    formset = CriterionFormSet(
        request.POST or None, initial=scorecard.criteria if scorecard else None, prefix="criteria"
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and formset.is_valid():
            try:
                saved = services.scorecard_save(
                    scorecard=scorecard,
                    name=form.cleaned_data["name"],
                    criteria=criteria_from(formset),
                    pass_score=form.cleaned_data["pass_score"],
                    is_active=form.cleaned_data["is_active"],
                    by=user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Scorecard %(name)s saved.") % {"name": saved.name})
                return redirect("projects:scorecards")
    return render(
        request,
        "projects/scorecard_form.html",
        {
            "section": "projects",
            "tab": "admission",
            "form": form,
            "formset": formset,
            "scorecard": scorecard,
            "history": changelog.history(scorecard)[:30] if scorecard else [],
            "may_configure": True,
        },
        status=status,
    )


urlpatterns: list[URLPattern] = [
    path("<int:pk>/admission/", project_admission, name="admission"),
    path("<int:pk>/admission/open/", admission_open, name="admission_open"),
    path("admission/<int:review_pk>/opinion/", admission_opinion, name="admission_opinion"),
    path("admission/<int:review_pk>/decide/", admission_decide, name="admission_decide"),
    path("admission/", admission_list, name="admission_list"),
    path("admission/scorecards/", scorecards, name="scorecards"),
    path("admission/scorecards/new/", scorecard_edit, name="scorecard_create"),
    path("admission/scorecards/<int:scorecard_pk>/", scorecard_edit, name="scorecard_edit"),
]
