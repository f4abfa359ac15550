"""Project documents: the project card as PDF, and the projects part of the monthly bulletin (一月一通报) as a
preview page, .xlsx and .docx."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core.downloads import download_response
from gaoxin.core.filters import refused
from gaoxin.core.reports import output
from gaoxin.projects import permissions, selectors
from gaoxin.projects.documents import bulletin as bulletins
from gaoxin.projects.documents import card
from gaoxin.projects.filters import ReportMonthFilterSet
from gaoxin.projects.selectors import documents


@require_staff
def card_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for(acting_user(request), pk)
    today = timezone.localdate()
    content = card.card_pdf(card.project_card(project, documents.card_reads(project, today), today))
    return download_response(content, f"{project.code}.pdf", inline=True)


@require_staff
def bulletin(request: HttpRequest) -> HttpResponse:
    """The bulletin's preview (of last month unless ``?year=&month=`` ask another); ``?format=xlsx`` or ``docx``
    downloads it."""
    user = acting_user(request)
    today = timezone.localdate()
    filters = ReportMonthFilterSet(request.GET)
    year, month = filters.chosen_month
    content = bulletins.bulletin(documents.bulletin_month(year, month, today), today)
    stem = _("major-projects-bulletin-%(year)s-%(month)02d") % {"year": year, "month": month}
    kind = request.GET.get("format", "")
    if kind in ("xlsx", "docx") and filters.problems:
        return refused(request, filters)
    if kind == "xlsx":
        return download_response(bulletins.bulletin_xlsx(content), f"{stem}.xlsx")
    if kind == "docx":
        return download_response(bulletins.bulletin_docx(content), f"{stem}.docx")
    return render(
        request,
        "projects/bulletin.html",
        {
            "section": "projects",
            "tab": "bulletin",
            "filters": filters,
            "bulletin": content,
            "headline": output.page_figures(bulletins.document(content)),
            "tables": [output.page_table(table) for table in bulletins.tables(content)],
            "year": year,
            "month": month,
            "months": range(1, 13),
            "may_configure": permissions.may_configure(user),
        },
        status=400 if filters.problems else 200,
    )


urlpatterns: list[URLPattern] = [
    path("<int:pk>/card.pdf", card_pdf, name="card_pdf"),
    path("bulletin/", bulletin, name="bulletin"),
]
