"""Referral pages: a lead's referrer (registered, and its reward once the project reports investment formed), the
referrer leaderboard, the bureau's pool of portal referrals with their assignment, and the reward rule.

``panel_context`` gives the lead page what ``investment/_referral_panel.html`` shows."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core.form_errors import add_service_errors
from gaoxin.investment import permissions
from gaoxin.investment.forms.referrals import PoolAssignForm, ReferralForm, RewardRuleForm
from gaoxin.investment.models import Lead
from gaoxin.investment.selectors import leads as lead_reads
from gaoxin.investment.selectors import referrals as selectors
from gaoxin.investment.selectors.claims import signed_on
from gaoxin.investment.services import referrals as services


def panel_context(user: User, lead: Lead, form: ReferralForm | None = None) -> dict[str, Any]:
    """What the lead page's referral panel shows: the referral, its reward and the form to register one."""
    referral = selectors.referral_of(lead)
    may_register = referral is None and permissions.may_edit(user, lead) and signed_on(lead) is None
    return {
        "referral": referral,
        "referral_reward": selectors.reward_of(lead) if referral else None,
        "referral_form": (form or ReferralForm()) if may_register else None,
        "sees_investor": permissions.may_see_investor(user, lead),
    }


@require_staff
def referral_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    lead = lead_reads.lead_detail(user, pk)
    form = None
    if request.method == "POST":
        if not permissions.may_edit(user, lead):
            raise PermissionDenied
        form = ReferralForm(request.POST)
        if form.is_valid():
            try:
                services.referral_register(lead=lead, data=form.cleaned_data, by=user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The referrer was registered."))
                return redirect("investment:referral", lead.pk)
    return render(
        request,
        "investment/referral.html",
        {"section": "investment", "lead": lead, "shown_name": lead_reads.shown_name(user, lead)}
        | panel_context(user, lead, form),
    )


@require_staff
def referrer_board(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "investment/referrers.html",
        {
            "section": "investment",
            "tab": "referrers",
            "may_configure": permissions.may_configure(acting_user(request)),
            "referrers": selectors.leaderboard(acting_user(request)),
        },
    )


@require_staff
def pool_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_bureau(user):
        raise PermissionDenied
    leads = list(selectors.pool(user))
    return render(
        request,
        "investment/referral_pool.html",
        {
            "section": "investment",
            "tab": "pool",
            "rows": [(lead, PoolAssignForm(prefix=f"p{lead.pk}")) for lead in leads],
        },
    )


@require_staff
@require_POST
def pool_assign(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    if not permissions.is_bureau(user):
        raise PermissionDenied
    lead = lead_reads.lead_detail(user, pk)
    form = PoolAssignForm(request.POST, prefix=f"p{lead.pk}")
    if form.is_valid():
        try:
            services.pool_assign(lead=lead, data=form.cleaned_data, by=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(code)s was assigned.") % {"code": lead.code})
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("investment:referral_pool")


@require_staff
def reward_rule(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_configure(user):
        raise PermissionDenied
    stored = lead_reads.rules()
    form = RewardRuleForm(
        request.POST or None,
        initial={
            "tiers": RewardRuleForm.tiers_text(stored.reward_tiers),
            "reward_cap": stored.reward_cap,
            "reward_marginal": stored.reward_marginal,
            "reward_claim_days": stored.reward_claim_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reward_rule_save(data=form.cleaned(), by=user)
        except ValidationError as error:
            add_service_errors(form, error)
            if "reward_tiers" in getattr(error, "error_dict", {}):
                form.add_error("tiers", error.error_dict["reward_tiers"])
        else:
            messages.success(request, _("The reward rule was saved."))
            return redirect("investment:reward_rule")
    return render(
        request,
        "investment/referral_rule.html",
        {"section": "investment", "tab": "settings", "form": form, "rule": selectors.reward_rule(stored)},
    )


urlpatterns: list[URLPattern] = [
    path("leads/<int:pk>/referral/", referral_page, name="referral"),
    path("referrers/", referrer_board, name="referrers"),
    path("referrals/pool/", pool_page, name="referral_pool"),
    path("referrals/pool/<int:pk>/assign/", pool_assign, name="referral_assign"),
    path("settings/reward/", reward_rule, name="reward_rule"),
]
