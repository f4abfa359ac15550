"""A lead's admission tab (准入评审): open a review with the scorecard's values and the ★ 亩均 pre-evaluation,
the departments' opinions, the meeting's decision, the history. The bureau opens and decides; officers give
their department's opinion; leaders read; enterprise contacts nothing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core import changelog
from gaoxin.core.form_errors import add_service_errors
from gaoxin.investment import permissions
from gaoxin.investment.models import Lead
from gaoxin.investment.selectors import admission as reads
from gaoxin.investment.selectors.leads import lead_detail, shown_name
from gaoxin.investment.services import admission as services
from gaoxin.projects.choices import ReviewDecision
from gaoxin.projects.forms.admission import DecisionForm, OpinionForm, ReviewValuesForm
from gaoxin.projects.selectors import admission as review_reads
from gaoxin.projects.services import admission as review_services
from gaoxin.projects.views.admission import may_give_opinion


class ParcelForm(forms.Form):
    parcel = forms.CharField(
        label=gettext_lazy("Target land parcel"),
        required=False,
        max_length=80,
        help_text=gettext_lazy(
            "Its real estate certificate number; its standard-parcel indicators are checked."
        ),
    )


def panel_context(request: HttpRequest, lead: Lead, **bound: Any) -> dict[str, Any]:
    """What ``investment/_admission_panel.html`` shows, on the admission page and the lead page alike: the
    reviews with their pre-evaluation and opinions, the forms the user may fill (``bound``: a form sent back
    with its errors) and the history."""
    user = acting_user(request)
    admissions = reads.lead_admissions(lead)
    pending = next((a for a in admissions if a.review.decision == ReviewDecision.PENDING), None)
    bureau = permissions.is_bureau(user)
    scorecard = review_reads.chosen_scorecard(
        request.POST.get("scorecard") or request.GET.get("scorecard") or ""
    )
    open_form = bound.get("open_form")
    if open_form is None and bureau and pending is None and scorecard is not None:
        open_form = ReviewValuesForm(
            criteria=review_services.criteria_of(scorecard),
            initial=services.prefilled_values(lead, scorecard),
        )
    opinion_form = bound.get("opinion_form")
    if opinion_form is None and pending is not None and may_give_opinion(user, pending.review):
        opinion_form = OpinionForm()
    decision_form = bound.get("decision_form")
    if decision_form is None and pending is not None and bureau:
        decision_form = DecisionForm()
    reviews = [a.review for a in admissions]
    return {
        "admissions": [
            (a, review_services.has_passed(a.review), review_services.is_vetoed(a.review)) for a in admissions
        ],
        "pending": pending.review if pending else None,
        "scorecard": scorecard,
        "scorecards": review_reads.active_scorecards(),
        "open_form": open_form if pending is None and bureau else None,
        "parcel_form": bound.get("parcel_form") or ParcelForm(),
        "opinion_form": opinion_form,
        "decision_form": decision_form,
        "opinion_action": reverse("investment:admission_opinion", args=[pending.review_id])
        if pending
        else "",
        "decision_action": reverse("investment:admission_decide", args=[pending.review_id])
        if pending
        else "",
        # the change log names the lead: a reader who may not see the investor reads the reviews only
        "history": changelog.history_for_many([*reviews, *admissions])[:50]
        if admissions and permissions.may_see_investor(user, lead)
        else [],
    }


def _render(request: HttpRequest, lead: Lead, **bound: Any) -> HttpResponse:
    return render(
        request,
        "investment/admission.html",
        {
            "section": "investment",
            "lead": lead,
            "lead_name": shown_name(acting_user(request), lead),
            **panel_context(request, lead, **bound),
        },
        status=400 if bound else 200,
    )


@require_staff
def lead_admission(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, lead_detail(acting_user(request), pk))


@require_staff
@require_POST
def admission_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    lead = lead_detail(user, pk)
    if not permissions.is_bureau(user):
        raise PermissionDenied
    scorecard = review_reads.chosen_scorecard(request.POST.get("scorecard") or "")
    if scorecard is None:
        raise Http404
    form = ReviewValuesForm(request.POST, criteria=review_services.criteria_of(scorecard))
    parcel_form = ParcelForm(request.POST)
    if form.is_valid() and parcel_form.is_valid():
        certificate = parcel_form.cleaned_data["parcel"]
        parcel = reads.parcel_by_certificate(certificate)
        if certificate and parcel is None:
            parcel_form.add_error("parcel", _("No land parcel has this certificate number."))
            return _render(request, lead, open_form=form, parcel_form=parcel_form)
        try:
            admission = services.admission_open(
                lead=lead, scorecard=scorecard, values=form.values(), parcel=parcel, by=user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Review opened: score %(score)s.") % {"score": admission.review.score}
            )
            return redirect("investment:admission", lead.pk)
    return _render(request, lead, open_form=form, parcel_form=parcel_form)


@require_staff
@require_POST
def admission_opinion(request: HttpRequest, review_pk: int) -> HttpResponse:
    user = acting_user(request)
    admission = reads.admission_for(user, review_pk)
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            services.opinion_add(
                admission=admission,
                agrees=form.cleaned_data["agrees"],
                opinion=form.cleaned_data["opinion"],
                by=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Opinion recorded."))
            return redirect("investment:admission", admission.lead_id)
    return _render(request, admission.lead, opinion_form=form)


@require_staff
@require_POST
def admission_decide(request: HttpRequest, review_pk: int) -> HttpResponse:
    user = acting_user(request)
    admission = reads.admission_for(user, review_pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.admission_decide(admission=admission, by=user, **form.decision_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("investment:admission", admission.lead_id)
    return _render(request, admission.lead, decision_form=form)


urlpatterns: list[URLPattern] = [
    path("leads/<int:pk>/admission/", lead_admission, name="admission"),
    path("leads/<int:pk>/admission/open/", admission_open, name="admission_open"),
    path("admission/<int:review_pk>/opinion/", admission_opinion, name="admission_opinion"),
    path("admission/<int:review_pk>/decide/", admission_decide, name="admission_decide"),
]
