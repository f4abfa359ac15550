"""Who may open and post what among the platform's shared addresses: the working-day calendar (the
administrator's) and the progress of a background job (its starter's, and the administrator's). 302 = sent to
log in (or on, after an action); 403 = refused; 404 = not theirs to see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gaoxin.core import calendar_services, jobs
from gaoxin.testing.permission_tables import Call, observe, post
from gaoxin.testing.personas import NAMES, Personas

pytestmark = pytest.mark.django_db

ADMINISTRATOR = {**dict.fromkeys(NAMES, 403), "administrator": 200, "anonymous": 302}
ADMINISTRATOR_ACTS = {**ADMINISTRATOR, "administrator": 302}

# URL name → persona → expected status (the completeness test of site/tests reads it); the requests: ``calls``
PERMISSIONS = {
    "core:calendar_year": ADMINISTRATOR,
    "core:calendar_seed": ADMINISTRATOR_ACTS,
    "core:calendar_confirm": ADMINISTRATOR_ACTS,
    "core:job_progress": {
        **dict.fromkeys(NAMES, 404),
        "administrator": 200,
        "officer_a": 200,
        "anonymous": 302,
    },
}


def test_permission_table(client_for, personas: Personas) -> None:  # type: ignore[no-untyped-def]
    calendar_services.arrangement_seed(year=2026, by=personas.administrator)
    job = jobs.create(kind="import.years", user=personas.officer_a, total=10)
    calls = {
        "core:calendar_year": Call(reverse("core:calendar_year", args=[2027])),
        "core:calendar_seed": post(reverse("core:calendar_seed", args=[2024])),
        "core:calendar_confirm": post(reverse("core:calendar_confirm", args=[2026])),
        "core:job_progress": Call(reverse("core:job_progress", args=[job.id])),
    }
    assert observe(client_for, calls) == PERMISSIONS
