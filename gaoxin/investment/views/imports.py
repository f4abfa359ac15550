"""The 招商台账 import: upload (checked in the worker), the job page with the problems by row and column and the
confirmation (all rows or the valid ones), a retry of a phase whose worker died, and the template."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gaoxin.accounts.models import User
from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core import upload_imports
from gaoxin.core.downloads import download_response
from gaoxin.investment import permissions
from gaoxin.investment.imports import ledger, tasks
from gaoxin.investment.selectors import imports as imports_reads


class LedgerImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (.xlsx, .xls or .csv)"))


def _importer(request: HttpRequest) -> User:
    user = acting_user(request)
    if not permissions.is_bureau(user):
        raise PermissionDenied
    return user


@require_staff
def import_start(request: HttpRequest) -> HttpResponse:
    user = _importer(request)
    form = LedgerImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = upload_imports.start(
                name=ledger.JOB,
                upload=form.cleaned_data["file"],
                by=user,
                options={"valid_only": False},
                check=tasks.check_ledger_import,
            )
        except upload_imports.UploadRejected as rejected:
            form.add_error("file", str(rejected))
        else:
            return redirect("investment:import_job", job.id)
    return render(
        request,
        "investment/ledger_import.html",
        {
            "section": "investment",
            "tab": "import",
            "may_configure": True,
            "form": form,
            "recent": imports_reads.ledger_jobs(user)[:10],
        },
    )


@require_staff
def import_job(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = imports_reads.ledger_job(_importer(request), job_id)
    return render(
        request,
        "investment/ledger_import_job.html",
        {"section": "investment", "tab": "import", "may_configure": True, **upload_imports.page_context(job)},
    )


@require_staff
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    user = _importer(request)
    try:
        job_id = UUID(request.POST.get("job", ""))
    except ValueError:
        job = None
    else:
        job = imports_reads.ledger_job_find(user, job_id)
    if job is None:
        messages.error(request, _("This import is not waiting for confirmation; upload the file again."))
        return redirect("investment:import")
    problem = upload_imports.confirm(
        job=job, valid_only=request.POST.get("valid_only") == "1", store=tasks.store_ledger_import
    )
    if problem:
        messages.error(request, problem)
    return redirect("investment:import_job", job.id)


@require_staff
@require_POST
def import_retry(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = imports_reads.ledger_job(_importer(request), job_id)
    problem = upload_imports.retry(job=job, check=tasks.check_ledger_import, store=tasks.store_ledger_import)
    if problem:
        messages.error(request, problem)
    return redirect("investment:import_job", job.id)


@require_staff
def import_template(request: HttpRequest) -> HttpResponse:
    _importer(request)
    return download_response(ledger.template(), "招商台账导入模板.xlsx")


urlpatterns: list[URLPattern] = [
    path("import/", import_start, name="import"),
    path("import/<uuid:job_id>/", import_job, name="import_job"),
    path("import/confirm/", import_confirm, name="import_confirm"),
    path("import/<uuid:job_id>/retry/", import_retry, name="import_retry"),
    path("import/template/", import_template, name="import_template"),
]
