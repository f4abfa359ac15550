"""The objections API: everyone reads what their scope shows; filing is for enterprise contacts and the
evaluation's officers; deciding is for the evaluation's officers only."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from gaoxin.evaluation.api.views import ObjectionPermission, ObjectionViewSet


@pytest.mark.parametrize(
    ("persona", "method", "action", "allowed"),
    [
        ("contact", "GET", "list", True),
        ("officer_b", "GET", "list", True),
        ("contact", "POST", "create", True),
        ("officer_a", "POST", "create", True),  # 经济发展局 holds the evaluation
        ("officer_b", "POST", "create", False),
        ("leader", "POST", "create", False),
        ("contact", "POST", "decide", False),
        ("officer_a", "POST", "decide", True),
        ("anonymous", "GET", "list", False),
    ],
)
def test_who_reads_files_and_decides(personas, persona: str, method: str, action: str, allowed: bool) -> None:  # type: ignore[no-untyped-def]
    request = RequestFactory().generic(method, "/api/v1/objections/")
    request.user = personas.by_name(persona) or AnonymousUser()
    view = SimpleNamespace(action=action, capability=ObjectionViewSet.capability)
    assert ObjectionPermission().has_permission(request, view) is allowed  # type: ignore[arg-type]
