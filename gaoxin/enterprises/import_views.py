"""Upload → check in the worker → preview with the problems named by row and column → confirm → store."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_capability
from gaoxin.core import upload_imports
from gaoxin.core.downloads import download_response
from gaoxin.core.tabular.writing import template_xlsx
from gaoxin.enterprises import selectors
from gaoxin.enterprises.forms import staff_source_field
from gaoxin.enterprises.imports import background
from gaoxin.enterprises.imports.specs import SPECS

KIND_CHOICES = [("enterprises", gettext_lazy("Enterprise list")), ("years", gettext_lazy("Yearly data"))]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file contains"), choices=KIND_CHOICES)
    file = forms.FileField(label=gettext_lazy("File (.xlsx, .xls or .csv)"))
    valid_only = forms.BooleanField(
        label=gettext_lazy("Import only the valid rows and report the others"), required=False
    )
    field_order = ["kind", "file", "source", "valid_only"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"] = staff_source_field(user, gettext_lazy("Source of the data"))
        self.order_fields(self.field_order)


@require_capability(Capability.REGISTRY)
def import_start(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, user=acting_user(request))
    if request.method == "POST" and form.is_valid():
        try:
            job = background.start(
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                source=form.cleaned_data["source"],
                valid_only=form.cleaned_data["valid_only"],
                by=acting_user(request),
            )
        except upload_imports.UploadRejected as rejected:
            form.add_error("file", str(rejected))
        else:
            return redirect("enterprises:import_job", job.id)
    recent = selectors.import_jobs(acting_user(request))[:10]
    return render(
        request, "enterprises/import_start.html", {"section": "imports", "form": form, "recent": recent}
    )


@require_capability(Capability.REGISTRY)
def import_job(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = selectors.import_job(acting_user(request), job_id)
    return render(
        request, "enterprises/import_job.html", {"section": "imports", **upload_imports.page_context(job)}
    )


@require_capability(Capability.REGISTRY)
@require_POST
def import_confirm(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = selectors.import_job(acting_user(request), job_id)
    problem = background.confirm(job=job, valid_only=request.POST.get("valid_only") == "1")
    if problem:
        messages.error(request, problem)
    return redirect("enterprises:import_job", job.id)


@require_capability(Capability.REGISTRY)
@require_POST
def import_retry(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = selectors.import_job(acting_user(request), job_id)
    problem = background.retry(job=job)
    if problem:
        messages.error(request, problem)
    return redirect("enterprises:import_job", job.id)


@require_capability(Capability.REGISTRY)
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in SPECS:
        raise Http404
    names = {"enterprises": "企业名录导入模板", "years": "企业年度数据导入模板"}
    return download_response(template_xlsx(SPECS[kind]), f"{names[kind]}.xlsx")


@require_capability(Capability.REGISTRY)
def import_problems(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = selectors.import_job(acting_user(request), job_id)
    response = upload_imports.problems_response(job)
    if response is None:
        raise Http404
    return response
