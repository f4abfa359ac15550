"""Request pages: the list (staff and the enterprise portal alike, scoped), intake, the request page with its
timeline and the forms of the steps the user may take, attachments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gaoxin.accounts.permissions import acting_user
from gaoxin.core import attachments, changelog
from gaoxin.core.downloads import download_response
from gaoxin.core.form_errors import add_service_errors
from gaoxin.enterprises.models import Enterprise
from gaoxin.servicedesk import display, list_exports, permissions, selectors, services
from gaoxin.servicedesk.choices import Action, Channel, RequestState, Urgency
from gaoxin.servicedesk.filters import FLAG_CHOICES, RequestFilterSet
from gaoxin.servicedesk.forms import AttachmentForm, PortalRequestForm, StaffRequestForm
from gaoxin.servicedesk.views.steps import STEP_FORMS, read_only_notice, step_forms

PAGE_SIZE = 50
DEADLINES = ("accept", "dispatch", "sign", "contact", "interim", "resolve", "review", "callback")


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    exporting = request.GET.get("export") == "xlsx"
    listed = selectors.request_export(user) if exporting else selectors.request_list(user)
    filters = RequestFilterSet(request.GET, queryset=listed)
    requests = filters.qs
    if exporting:  # the rows the list shows, for staff
        if not user.is_staff_member:
            raise PermissionDenied
        name = _("enterprise-requests-%(date)s.xlsx") % {"date": timezone.localdate().isoformat()}
        return download_response(list_exports.requests_xlsx(requests), name)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "servicedesk/request_list.html",
        {
            "section": "servicedesk",
            "page": page,
            "filters": filters,
            "states": RequestState.choices,
            "urgencies": Urgency.choices,
            "channels": Channel.choices,
            "flags": FLAG_CHOICES,
            "can_create": permissions.may_create(user),
            "is_staff": user.is_staff_member,
            **(selectors.filter_choices() if user.is_staff_member else {}),
        },
    )


def _create_form(request: HttpRequest, enterprise: Enterprise | None) -> PortalRequestForm:
    user = acting_user(request)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    if user.is_enterprise_contact:
        return PortalRequestForm(data, files)
    return StaffRequestForm(data, files, enterprise=enterprise)


@login_required
def request_create(request: HttpRequest, visit_id: int | None = None) -> HttpResponse:
    user = acting_user(request)
    if not permissions.may_create(user):
        raise PermissionDenied
    visit = None
    if visit_id is not None:
        visit = selectors.visit(user, visit_id)
    form = _create_form(request, visit.enterprise if visit else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        enterprise = data.get("enterprise") or user.enterprise
        if enterprise is None:
            raise PermissionDenied
        try:
            created = services.request_create(
                enterprise=enterprise,
                title=data["title"],
                description=data["description"],
                category=data["category"],
                urgency=data["urgency"],
                channel=data.get("channel") or Channel.PORTAL,
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                received_at=data.get("received_at"),
                visit=visit,
                attachments=[data["attachment"]] if data.get("attachment") else [],
                by=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Request %(number)s was recorded.") % {"number": created.number})
            return redirect("servicedesk:request_detail", created.public_id)
    return render(
        request,
        "servicedesk/request_form.html",
        {"section": "servicedesk", "form": form, "visit": visit, "portal": user.is_enterprise_contact},
    )


@login_required
def request_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = acting_user(request)
    item = selectors.request_detail(user, public_id)
    staff = user.is_staff_member
    context: dict[str, Any] = {
        "section": "servicedesk",
        "item": item,
        "deadlines": [display.deadline(item, name) for name in DEADLINES] if staff else [],
        "public_deadlines": [] if staff else display.public_deadlines(item),
        "overdue": item.is_overdue if staff else display.deadline(item, "resolve")["status"] == "overdue",
        "forms": step_forms(user, item),
        "read_only_notice": read_only_notice(user, item),
        "timeline": selectors.timeline(user, item),
        "reply": item.reply if staff else item.public_reply,
        "reply_published": bool(item.public_reply),
        "contributions": [e for e in item.events.all() if e.action == "contribute"] if staff else [],
        "attachments": selectors.attachments_for(user, item),
        "files_sent": selectors.files_sent(item) if staff else frozenset(),
        "can_attach": item.is_open and permissions.may(user, "attach", item),
        "attachment_form": AttachmentForm(),
        "is_staff": staff,
        "history": changelog.history(item)[:50] if staff else [],
        "action_labels": dict(Action.choices),
    }
    return render(request, "servicedesk/request_detail.html", context)


@require_POST
@login_required
def request_step(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    """Take one step: validate its form, call its service, go back to the request page with the outcome."""
    user = acting_user(request)
    if action not in STEP_FORMS:
        raise Http404
    item = selectors.request_detail(user, public_id)
    form_class, perform = STEP_FORMS[action]
    form = form_class(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("servicedesk:request_detail", item.public_id)
    try:
        perform(item, user, form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
    return redirect("servicedesk:request_detail", item.public_id)


@require_POST
@login_required
def attachment_upload(request: HttpRequest, public_id: str) -> HttpResponse:
    item = selectors.request_detail(acting_user(request), public_id)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(request=item, upload=form.cleaned_data["file"], by=acting_user(request))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("File attached."))
    return redirect("servicedesk:request_detail", item.public_id)


@login_required
def attachment_download(request: HttpRequest, public_id: str, pk: int) -> FileResponse:
    """Files are served only to those who may see the request (never from a public media address)."""
    attachment = selectors.request_attachment(acting_user(request), public_id, pk)
    return attachments.response(attachment.file, attachment.name)
