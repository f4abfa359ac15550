from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gaoxin.core.permissions import require_staff


@require_staff
def request_list(request: HttpRequest) -> HttpResponse:
    return render(request, "servicedesk/request_list.html", {"section": "servicedesk"})
