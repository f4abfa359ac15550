from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts import services
from gaoxin.accounts.permissions import acting_user


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"token": services.api_token_for(acting_user(request))})


@login_required
@require_POST
def regenerate_token(request: HttpRequest) -> HttpResponse:
    services.api_token_regenerate(user=acting_user(request))
    messages.success(request, _("A new API token was issued; the old one no longer works."))
    return redirect("accounts:profile")
