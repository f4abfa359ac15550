"""One enterprise's result: the explanation, what it would take, its grade history, regrades and objections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import acting_user, require_capability
from gaoxin.core import changelog
from gaoxin.core.form_errors import add_service_errors
from gaoxin.evaluation import explanation, selectors, services
from gaoxin.evaluation.choices import OPEN_STATUSES, RunStatus
from gaoxin.evaluation.forms import ObjectionForm, RegradeForm
from gaoxin.evaluation.messages import status_label
from gaoxin.evaluation.views.request_handling import can_act, show_form_errors


@login_required
def result_detail(request: HttpRequest, pk: int, enterprise_id: int) -> HttpResponse:
    user = acting_user(request)
    result = selectors.result_detail(user, pk, enterprise_id)
    run = result.run
    acting = can_act(request)
    regrades = selectors.regrades_of(run, enterprise_id)
    objections = selectors.objections_of_result(user, result)
    may_object = run.status == RunStatus.PUBLICITY and (
        acting or (user.is_enterprise_contact and run.publicity_open)
    )
    context = {
        "section": "evaluation",
        "run": run,
        "result": result,
        "enterprise": result.enterprise,
        "status_label": status_label(result.status),
        "explanation": explanation.explain(result),
        "outlook": explanation.outlook(result, selectors.ranked_peers(result)),
        "history": selectors.grade_history(enterprise_id),
        "regrades": regrades,
        "objections": objections,
        "can_act": acting,
        "staff": user.is_staff_member,
        "regrade_form": RegradeForm(grades=run.scheme.grades, current=result.grade)
        if acting and run.status in OPEN_STATUSES
        else None,
        "objection_form": ObjectionForm() if may_object else None,
        "changes": changelog.history(result)[:20] if user.is_staff_member else [],
    }
    return render(request, "evaluation/result_detail.html", context)


@require_capability(Capability.EVALUATION)
@require_POST
def result_regrade(request: HttpRequest, pk: int, enterprise_id: int) -> HttpResponse:
    result = selectors.result_detail(acting_user(request), pk, enterprise_id)
    form = RegradeForm(request.POST, grades=result.run.scheme.grades, current=result.grade)
    if form.is_valid():
        try:
            services.result_regrade(
                run=result.run,
                enterprise=result.enterprise,
                grade=form.cleaned_data["grade"],
                reason=form.cleaned_data["reason"],
                by=acting_user(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Regraded to %(grade)s.") % {"grade": form.cleaned_data["grade"]})
            return redirect("evaluation:result_detail", pk, enterprise_id)
    show_form_errors(request, form)
    return redirect("evaluation:result_detail", pk, enterprise_id)
