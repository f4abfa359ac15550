"""The enterprise portal's referrals (以商引商): a contact refers an investor and follows the stage of what its
firm referred — the stage's name and date, and what it submitted, nothing the bureau added."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user
from gaoxin.core.form_errors import add_service_errors
from gaoxin.investment.forms.referrals import PortalReferralForm
from gaoxin.investment.selectors import referrals as selectors
from gaoxin.investment.services import referrals as services


def _contact(request: HttpRequest) -> User:
    user = acting_user(request)
    if not user.is_enterprise_contact or user.enterprise_id is None:
        raise PermissionDenied
    return user


@login_required
def portal(request: HttpRequest) -> HttpResponse:
    user = _contact(request)
    return render(
        request,
        "investment/portal_referrals.html",
        {"section": "investment", "referrals": selectors.portal_referrals(user)},
    )


@login_required
def portal_refer(request: HttpRequest) -> HttpResponse:
    user = _contact(request)
    form = PortalReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.portal_refer(data=form.cleaned_data, by=user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: the investment bureau received your referral."))
            return redirect("investment:portal")
    return render(request, "investment/portal_refer.html", {"section": "investment", "form": form})


urlpatterns: list[URLPattern] = [
    path("portal/referrals/", portal, name="portal"),
    path("portal/referrals/new/", portal_refer, name="portal_refer"),
]
