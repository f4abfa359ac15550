"""An enterprise's objection to its data sheet (一企一单) as the committee reads and answers it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import acting_user, require_capability, require_staff
from gaoxin.core import changelog
from gaoxin.enterprises import selectors as enterprise_selectors
from gaoxin.enterprises.figures import number
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation import selectors, services
from gaoxin.evaluation.forms import DisputeAnswerForm
from gaoxin.evaluation.views.request_handling import can_act, show_errors, show_form_errors


@require_staff
def dispute_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = selectors.dispute_get(acting_user(request), pk)
    sheet = enterprise_selectors.sheet_of(dispute.enterprise_id, dispute.year)
    rows = [
        {
            "label": EnterpriseYear._meta.get_field(name).verbose_name,  # type: ignore[union-attr]
            "shown": number(name, dispute.values.get(name)),
            "now": number(name, getattr(sheet, name, None)),
        }
        for name in YEAR_FIELDS
    ]
    return render(
        request,
        "evaluation/dispute_detail.html",
        {
            "section": "evaluation",
            "dispute": dispute,
            "rows": rows,
            "attachments": list(dispute.attachments.all()),
            "form": DisputeAnswerForm() if can_act(request) and dispute.is_open_dispute else None,
            "history": changelog.history(dispute)[:20],
        },
    )


@require_capability(Capability.EVALUATION)
@require_POST
def dispute_answer(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = selectors.dispute_get(acting_user(request), pk)
    form = DisputeAnswerForm(request.POST)
    if form.is_valid():
        try:
            services.confirmation_answer(
                confirmation=dispute,
                outcome=form.cleaned_data["outcome"],
                answer=form.cleaned_data["answer"],
                by=acting_user(request),
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Your answer has been sent to the enterprise."))
    else:
        show_form_errors(request, form)
    return redirect("evaluation:dispute_detail", pk)
