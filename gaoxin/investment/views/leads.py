"""Lead pages: the kanban by stage, the list with filters and export, the funnel, a lead's page with its
actions, registering (with the duplicate warning) and editing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.permissions import acting_user, require_staff
from gaoxin.core.charts import bar_chart
from gaoxin.core.downloads import download_response
from gaoxin.core.form_errors import add_service_errors
from gaoxin.investment import exports, permissions
from gaoxin.investment.filters import SIZE_BAND_CHOICES, LeadFilterSet
from gaoxin.investment.forms.leads import FIGURES, ActivityForm, LeadForm, MoveForm, ResumeForm, StopForm
from gaoxin.investment.selectors import agreements as agreement_reads
from gaoxin.investment.selectors import config, leads, pipeline
from gaoxin.investment.services import leads as services
from gaoxin.investment.views import admission, claims, referrals

PAGE_SIZE = 50
CHECKED = ("1", "on", "true")


def _funnel_chart(funnel: pipeline.Funnel) -> dict[str, object]:
    return {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "funnel",
                "sort": "none",
                "left": "10%",
                "width": "80%",
                "label": {"show": True, "position": "inside"},
                "data": [{"name": stage.name, "value": row.reached} for stage, row in funnel.rows],
            }
        ],
    }


@require_staff
def lead_board(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    with_stopped = request.GET.get("stopped") in CHECKED
    return render(
        request,
        "investment/board.html",
        {
            "section": "investment",
            "tab": "board",
            "board": pipeline.board(user, with_stopped=with_stopped),
            "may_register": permissions.may_register(user),
            "may_configure": permissions.may_configure(user),
        },
    )


@require_staff
def lead_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    filters = LeadFilterSet(request.GET, queryset=leads.lead_list(user), request=request)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    reader = pipeline.viewer(user)
    return render(
        request,
        "investment/list.html",
        {
            "section": "investment",
            "tab": "list",
            "page": page,
            "rows": [
                (lead, reader.shown_name(lead), reader.sees_investor(lead)) for lead in page.object_list
            ],
            "filters": filters,
            "may_register": permissions.may_register(user),
            "may_configure": permissions.may_configure(user),
            "size_bands": SIZE_BAND_CHOICES,
            **config.filter_choices(),
        },
    )


@require_staff
def lead_export(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    rows = LeadFilterSet(request.GET, queryset=leads.lead_list(user), request=request).qs
    name = _("investment-leads-%(date)s.xlsx") % {"date": timezone.localdate().isoformat()}
    return download_response(exports.leads_xlsx(rows, user), name)


@require_staff
def lead_funnel(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    funnel = pipeline.funnel(user)
    lost_chart = bar_chart(
        categories=[row.reason for row in funnel.lost],
        series=[(_("Ended leads"), [row.count for row in funnel.lost])],
        unit=_("leads"),
        counts=True,
    )
    return render(
        request,
        "investment/funnel.html",
        {
            "section": "investment",
            "tab": "funnel",
            "funnel": funnel,
            "chart": _funnel_chart(funnel),
            "lost_chart": lost_chart,
            "may_configure": permissions.may_configure(user),
        },
    )


@require_staff
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    lead = leads.lead_detail(user, pk)
    may_edit = permissions.may_edit(user, lead)
    today = {"on": timezone.localdate()}
    return render(
        request,
        "investment/detail.html",
        {
            "section": "investment",
            "page": pipeline.lead_page(user, lead),
            "lead": lead,
            "groups": LeadForm(instance=lead).groups,
            "figures": FIGURES,
            "may_edit": may_edit,
            "move_form": MoveForm(initial=today) if may_edit else None,
            "stop_form": StopForm(initial=today) if may_edit else None,
            "resume_form": ResumeForm(initial=today) if may_edit else None,
            "activity_form": ActivityForm(initial=today) if may_edit else None,
            # the panels the other parts of the module give the lead page
            **admission.panel_context(request, lead),
            **referrals.panel_context(user, lead),
            **claims.panel_context(user, lead),
            "agreements": agreement_reads.lead_agreements(user, lead),
            "may_record_agreement": permissions.is_bureau(user),
        },
    )


def _duplicates_context(
    request: HttpRequest, data: dict[str, str], exclude: int | None = None
) -> dict[str, object]:
    reader = pipeline.viewer(acting_user(request))
    found = leads.possible_duplicates(
        name=data.get("name", ""),
        investor_name=data.get("investor_name", ""),
        credit_code=data.get("investor_credit_code", ""),
        exclude=exclude,
    )
    return {"duplicates": [(d, reader.shown_name(d.lead)) for d in found]}


@require_staff
def lead_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = acting_user(request)
    lead = leads.lead_detail(user, pk) if pk else None
    if lead is None and not permissions.may_register(user):
        raise PermissionDenied
    if lead is not None and not permissions.may_edit(user, lead):
        raise PermissionDenied
    initial = {} if lead else {"responsible_unit": user.department, "officer": user}
    names = ("name", "investor_name", "investor_credit_code")
    # the names before the form writes them on the instance (撞单 is checked again when they change)
    named = {name: getattr(lead, name) for name in names} if lead else {}
    form = LeadForm(
        request.POST or None, instance=lead, initial=initial, may_hand_over=permissions.is_bureau(user)
    )
    duplicates: dict[str, object] = {"duplicates": []}
    if request.method == "POST" and form.is_valid():
        data = form.lead_data()
        renamed = lead is not None and any(data.get(name, "") != named[name] for name in names)
        if lead is None or renamed:  # 撞单 is checked on registration and when the names change
            duplicates = _duplicates_context(request, request.POST.dict(), exclude=lead.pk if lead else None)
        try:
            if duplicates["duplicates"] and not form.cleaned_data.get("confirm_duplicates"):
                raise ValidationError(
                    {
                        "confirm_duplicates": _(
                            "This lead may duplicate the leads listed: tick the box below to save it all the same."
                        )
                    }
                )
            if lead is None:
                if not permissions.is_bureau(user):
                    data["responsible_unit"] = user.department
                lead = services.lead_create(data=data, by=user)
                messages.success(request, _("Lead %(code)s registered.") % {"code": lead.code})
            else:
                changed = services.lead_update(lead=lead, data=data, by=user)
                if changed:
                    messages.success(request, _("Saved: %(n)d fields changed.") % {"n": len(changed)})
                else:
                    messages.info(request, _("Nothing was changed."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("investment:detail", lead.pk)
    return render(
        request,
        "investment/form.html",
        {"section": "investment", "form": form, "lead": lead, **duplicates},
    )


@require_staff
def duplicate_check(request: HttpRequest) -> HttpResponse:
    """The possible duplicates of what is being typed (htmx, while registering)."""
    exclude = request.GET.get("exclude", "")
    return render(
        request,
        "investment/_duplicates.html",
        _duplicates_context(request, request.GET.dict(), int(exclude) if exclude.isdigit() else None),
    )


def _act(request: HttpRequest, pk: int, form_class: type, act: str) -> HttpResponse:
    """A POSTed action on a lead (move, stop, resume, activity): the service's refusal shown as messages."""
    user = acting_user(request)
    lead = leads.lead_detail(user, pk)
    if not permissions.may_edit(user, lead):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("investment:detail", lead.pk)
    form = form_class(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if act == "move":
                services.move(
                    lead=lead, to_stage=data["to_stage"], on=data["on"], reason=data["reason"], by=user
                )
                done = _("The lead moved to %(stage)s.") % {"stage": data["to_stage"].name}
            elif act == "stop":
                stop = services.pause if data["action"] == "pause" else services.end
                stop(lead=lead, reason=data["reason"], note=data["note"], on=data["on"], by=user)
                done = _("The lead was paused.") if data["action"] == "pause" else _("The lead was ended.")
            elif act == "resume":
                services.resume(lead=lead, on=data["on"], note=data["note"], by=user)
                done = _("The lead was resumed.")
            else:
                services.activity_add(lead=lead, data=data, by=user)
                done = _("The activity was logged.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("investment:detail", lead.pk)
    for field in form:
        for problem in field.errors:
            messages.error(request, f"{field.label}：{problem}")
    for problem in form.non_field_errors():
        messages.error(request, problem)
    return redirect("investment:detail", lead.pk)


@require_staff
def lead_move(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, MoveForm, "move")


@require_staff
def lead_stop(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, StopForm, "stop")


@require_staff
def lead_resume(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, ResumeForm, "resume")


@require_staff
def lead_activity(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, ActivityForm, "activity")


urlpatterns: list[URLPattern] = [
    path("", lead_board, name="board"),
    path("leads/", lead_list, name="list"),
    path("leads/export/", lead_export, name="export"),
    path("funnel/", lead_funnel, name="funnel"),
    path("leads/new/", lead_edit, name="create"),
    path("leads/duplicates/", duplicate_check, name="duplicates"),
    path("leads/<int:pk>/", lead_detail, name="detail"),
    path("leads/<int:pk>/edit/", lead_edit, name="edit"),
    path("leads/<int:pk>/move/", lead_move, name="move"),
    path("leads/<int:pk>/stop/", lead_stop, name="stop"),
    path("leads/<int:pk>/resume/", lead_resume, name="resume"),
    path("leads/<int:pk>/activity/", lead_activity, name="activity"),
]
