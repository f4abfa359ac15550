from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gaoxin.core.permissions import require_staff


@require_staff
def run_list(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluation/run_list.html", {"section": "evaluation"})
