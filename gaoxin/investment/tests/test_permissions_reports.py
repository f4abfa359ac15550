"""Who may open the reports of investment promotion and the yearly targets. 200 = allowed; 302 = sent to log in;
403 = refused; 405 = a page that only takes a POST, reached by GET. Staff read; the bureau (招商局, not a persona) and
administrators set targets: see ``test_reports.test_targets_are_set_by_the_bureau_only``."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.urls import reverse

from gaoxin.accounts.models import User
from gaoxin.investment.choices import TargetMeasure
from gaoxin.investment.models import InvestmentTarget
from gaoxin.investment.services import targets as services

pytestmark = pytest.mark.django_db

STAFF = {
    "administrator": 200,
    "leader": 200,
    "officer_a": 200,
    "officer_b": 200,
    "contact": 403,
    "anonymous": 302,
}
SET = {**STAFF, "leader": 403, "officer_a": 403, "officer_b": 403}
POST_ONLY = {**STAFF, "administrator": 405, "leader": 405, "officer_a": 405, "officer_b": 405}

PERMISSIONS = {
    "investment:reports": STAFF,
    "investment:targets": STAFF,
    "investment:target_create": SET,
    "investment:target_edit": SET,
    "investment:target_delete": POST_ONLY,
}


@pytest.fixture
def target(bureau_officer: User) -> InvestmentTarget:
    return services.target_save(
        data={
            "year": 2026,
            "department": bureau_officer.department,
            "measure": TargetMeasure.LANDED,
            "value": D(5),
        },
        by=bureau_officer,
    )


@pytest.mark.parametrize(
    ("page", "persona", "status"),
    [(page, persona, status) for page, table in PERMISSIONS.items() for persona, status in table.items()],
)
def test_page_access(client_for, target, page, persona, status):  # type: ignore[no-untyped-def]
    args = [target.pk] if page in ("investment:target_edit", "investment:target_delete") else []
    assert client_for(persona).get(reverse(page, args=args)).status_code == status
