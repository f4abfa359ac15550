from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts import services


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"token": services.api_token_for(request.user)})


@login_required
@require_POST
def regenerate_token(request: HttpRequest) -> HttpResponse:
    services.api_token_regenerate(user=request.user)
    messages.success(request, _("A new API token was issued; the old one no longer works."))
    return redirect("accounts:profile")
