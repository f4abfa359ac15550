"""Configuration and data gathering: schemes, grade policies, further inputs, and the 一企一单 chase list."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import acting_user, require_capability, require_staff
from gaoxin.core import changelog, upload_imports
from gaoxin.core.downloads import download_response
from gaoxin.core.filters import refused
from gaoxin.core.form_errors import add_service_errors
from gaoxin.evaluation import exports, input_import, selectors, services, tasks
from gaoxin.evaluation.filters import ConfirmationFilterSet
from gaoxin.evaluation.forms import DEFAULT_GRADES, InputsForm, InputsImportForm, PolicyForm, SchemeUploadForm
from gaoxin.evaluation.views.request_handling import PAGE_SIZE, can_act


@require_staff
def scheme_list(request: HttpRequest) -> HttpResponse:
    acting = can_act(request)
    form = SchemeUploadForm(request.POST or None, request.FILES or None) if acting else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            try:
                scheme = services.scheme_create(
                    text=form.cleaned_data["text"],
                    source_file=upload.name if upload else "",
                    by=acting_user(request),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Scheme %(scheme)s stored.") % {"scheme": scheme})
                return redirect("evaluation:scheme_detail", scheme.pk)
    schemes = selectors.scheme_list(acting_user(request))
    return render(
        request,
        "evaluation/scheme_list.html",
        {"section": "evaluation", "schemes": schemes, "form": form, "can_act": acting},
    )


@require_staff
def scheme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = selectors.scheme_get(acting_user(request), pk)
    return render(
        request,
        "evaluation/scheme_detail.html",
        {
            "section": "evaluation",
            "scheme": scheme,
            "parsed": scheme.parsed(),
            "runs": selectors.scheme_runs(scheme),
            "can_act": can_act(request),
            "history": changelog.history(scheme)[:20],
        },
    )


@require_capability(Capability.EVALUATION)
@require_POST
def scheme_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = selectors.scheme_get(acting_user(request), pk)
    services.scheme_set_active(scheme=scheme, active=not scheme.is_active, by=acting_user(request))
    return redirect("evaluation:scheme_detail", pk)


def known_grades() -> tuple[str, ...]:
    """The grades of the active schemes (best first), A–D when there is none."""
    grades: dict[str, None] = {}
    for scheme in selectors.active_schemes():
        grades |= dict.fromkeys(scheme.grades)
    return tuple(grades) or DEFAULT_GRADES


@require_staff
def policy_list(request: HttpRequest) -> HttpResponse:
    grades = known_grades()
    policies = [(policy, [policy.value_for(grade) for grade in grades]) for policy in selectors.policy_list()]
    return render(
        request,
        "evaluation/policy_list.html",
        {"section": "evaluation", "policies": policies, "grades": grades, "can_act": can_act(request)},
    )


@require_capability(Capability.EVALUATION)
def policy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    policy = selectors.policy_get(pk) if pk else None
    form = PolicyForm(request.POST or None, instance=policy, grades=known_grades())
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_save(policy=policy, data=form.policy_data(), by=acting_user(request))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Policy saved."))
            return redirect("evaluation:policy_list")
    return render(
        request, "evaluation/policy_form.html", {"section": "evaluation", "form": form, "policy": policy}
    )


@require_capability(Capability.EVALUATION)
def inputs_edit(request: HttpRequest, enterprise_id: int, year: int) -> HttpResponse:
    enterprise, row = selectors.inputs_of(enterprise_id, year)
    form = InputsForm(
        request.POST or None, columns=input_import.declared_columns(), current=row.values if row else {}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.inputs_save(
                enterprise=enterprise, year=year, values=form.values(), by=acting_user(request)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(request.get_full_path())
    return render(
        request,
        "evaluation/inputs_form.html",
        {"section": "evaluation", "form": form, "enterprise": enterprise, "year": year},
    )


@require_capability(Capability.EVALUATION)
def inputs_import(request: HttpRequest) -> HttpResponse:
    """Upload a spreadsheet of further inputs for a year (e.g. the list of firms with a safety accident): kept and
    checked in the worker; its job page shows the problems and asks to confirm."""
    columns = input_import.declared_columns()
    years = selectors.years_with_data()
    form = InputsImportForm(request.POST or None, request.FILES or None, years=years)
    if request.GET.get("template"):
        headers = ["统一社会信用代码", "企业名称", *(column.label for column in columns)]
        return download_response(
            exports.workbook(_("Further inputs"), headers, []), "评价附加数据导入模板.xlsx"
        )
    if request.method == "POST" and form.is_valid():
        try:
            job = upload_imports.start(
                name=input_import.JOB_NAME,
                upload=form.cleaned_data["file"],
                by=acting_user(request),
                options={"year": form.cleaned_data["year"], "valid_only": False},
                check=tasks.check_inputs_import,
            )
        except upload_imports.UploadRejected as rejected:
            form.add_error("file", str(rejected))
        else:
            return redirect("evaluation:inputs_import_job", job.id)
    return render(
        request,
        "evaluation/inputs_import.html",
        {
            "section": "evaluation",
            "form": form,
            "columns": columns,
            "recent": selectors.inputs_imports(acting_user(request))[:10],
        },
    )


@require_capability(Capability.EVALUATION)
def inputs_import_job(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = selectors.inputs_import_get(acting_user(request), job_id)
    return render(
        request,
        "evaluation/inputs_import_job.html",
        {"section": "evaluation", **upload_imports.page_context(job)},
    )


@require_capability(Capability.EVALUATION)
@require_POST
def inputs_import_confirm(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """Store a checked upload in the worker: all rows, or with ``valid_only=1`` those without problems."""
    job = selectors.inputs_import_get(acting_user(request), job_id)
    problem = upload_imports.confirm(
        job=job, valid_only=request.POST.get("valid_only") == "1", store=tasks.store_inputs_import
    )
    if problem:
        messages.error(request, problem)
    return redirect("evaluation:inputs_import_job", job.id)


@require_capability(Capability.EVALUATION)
@require_POST
def inputs_import_retry(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = selectors.inputs_import_get(acting_user(request), job_id)
    problem = upload_imports.retry(job=job, check=tasks.check_inputs_import, store=tasks.store_inputs_import)
    if problem:
        messages.error(request, problem)
    return redirect("evaluation:inputs_import_job", job.id)


@require_staff
def confirmation_list(request: HttpRequest) -> HttpResponse:
    years = selectors.years_with_data()
    if not years:
        return render(request, "evaluation/confirmation_list.html", {"section": "evaluation", "years": []})
    filters = ConfirmationFilterSet(request.GET, years=years)
    year = filters.chosen_year
    rows = filters.qs
    if request.GET.get("export") == "xlsx":
        if filters.problems:
            return refused(request, filters)
        return download_response(
            exports.confirmations_xlsx(year, rows, selectors.attachment_names_of_year(year)),
            f"一企一单确认情况-{year}.xlsx",
        )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/confirmation_list.html",
        {
            "section": "evaluation",
            "years": years,
            "year": year,
            "filters": filters,
            "page": page,
            "attachments": selectors.attachments_of_confirmations([row.confirmation_id for row in page]),
            "counts": selectors.confirmation_counts(year),
        },
        status=400 if filters.problems else 200,
    )
