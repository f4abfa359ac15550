"""Upload → check in the worker → preview with the problems named by row and column → confirm → store."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gaoxin.accounts.choices import Capability
from gaoxin.core import jobs
from gaoxin.core.models import Job, JobStatus
from gaoxin.core.permissions import require_capability
from gaoxin.core.tabular.writing import template_xlsx
from gaoxin.enterprises.choices import DataSource
from gaoxin.enterprises.exports import xlsx_response
from gaoxin.enterprises.imports import background
from gaoxin.enterprises.imports.specs import SPECS

KIND_CHOICES = [("enterprises", gettext_lazy("Enterprise list")), ("years", gettext_lazy("Yearly data"))]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file contains"), choices=KIND_CHOICES)
    file = forms.FileField(label=gettext_lazy("File (.xlsx, .xls or .csv)"))
    source = forms.ChoiceField(
        label=gettext_lazy("Source of the data"), choices=DataSource.choices, initial=DataSource.OTHER
    )
    valid_only = forms.BooleanField(
        label=gettext_lazy("Import only the valid rows and report the others"), required=False
    )


def _job_for(request: HttpRequest, job_id: UUID) -> Job:
    job = jobs.for_user(request.user).filter(pk=job_id, kind__startswith="import.").first()
    if job is None:
        raise Http404
    return job


@require_capability(Capability.REGISTRY)
def import_start(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = background.start(
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                source=form.cleaned_data["source"],
                valid_only=form.cleaned_data["valid_only"],
                by=request.user,
            )
        except background.UploadRejected as rejected:
            form.add_error("file", str(rejected))
        else:
            return redirect("enterprises:import_job", job.id)
    recent = jobs.for_user(request.user).filter(kind__startswith="import.")[:10]
    return render(
        request, "enterprises/import_start.html", {"section": "imports", "form": form, "recent": recent}
    )


@require_capability(Capability.REGISTRY)
def import_job(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = _job_for(request, job_id)
    report = job.result.get("report")
    return render(
        request,
        "enterprises/import_job.html",
        {
            "section": "imports",
            "job": job,
            "report": report,
            "phase": job.result.get("phase"),
            "can_confirm": job.status == JobStatus.DONE
            and job.result.get("phase") == "checked"
            and report
            and report["valid_rows"] > 0,
        },
    )


@require_capability(Capability.REGISTRY)
@require_POST
def import_confirm(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = _job_for(request, job_id)
    report = job.result.get("report") or {}
    valid_only = request.POST.get("valid_only") == "1"
    if job.status != JobStatus.DONE or job.result.get("phase") != "checked":
        messages.error(request, _("This import is not waiting for confirmation."))
    elif report.get("error_count") and not valid_only:
        messages.error(
            request, _("The file has problems: fix them and upload it again, or import only the valid rows.")
        )
    else:
        background.confirm(job=job, valid_only=valid_only)
    return redirect("enterprises:import_job", job.id)


@require_capability(Capability.REGISTRY)
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in SPECS:
        raise Http404
    names = {"enterprises": "企业名录导入模板", "years": "企业年度数据导入模板"}
    return xlsx_response(template_xlsx(SPECS[kind]), f"{names[kind]}.xlsx")
