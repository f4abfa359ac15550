"""What the evaluation's views share: permission helpers, error display and file responses."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from gaoxin.accounts.choices import Capability
from gaoxin.accounts.permissions import acting_user

PAGE_SIZE = 50


def can_act(request: HttpRequest) -> bool:
    return acting_user(request).can_act_on(Capability.EVALUATION)


def show_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def files_of(request: HttpRequest, name: str = "attachments") -> list[Any]:
    return request.FILES.getlist(name)


def show_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """A posted form's problems as messages, for forms posted from another page."""
    for name, problems in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for problem in problems:
            messages.error(request, f"{label}：{problem}" if label else str(problem))
