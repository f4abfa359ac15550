"""Who may do what, per page and API endpoint of the registry. 200 = allowed; 302 = sent to log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# URL name → persona → expected status (the completeness test of site/tests reads it)
PERMISSIONS = {
    "enterprises:suggest": {  # the enterprise field's suggestions: staff only
        "administrator": 200,
        "leader": 200,
        "officer_a": 200,
        "officer_b": 200,
        "contact": 403,
        "anonymous": 302,
    },
    "enterprises:list": {
        "administrator": 200,
        "leader": 200,
        "officer_a": 200,
        "officer_b": 200,
        "contact": 200,
        "anonymous": 302,
    },
    "enterprises:parcel_list": {
        "administrator": 200,
        "leader": 200,
        "officer_a": 200,
        "officer_b": 200,
        "contact": 403,
        "anonymous": 302,
    },
    "enterprises:create": {
        "administrator": 200,
        "leader": 403,
        "officer_a": 200,
        "officer_b": 403,
        "contact": 403,
        "anonymous": 302,
    },
    "enterprises:import_start": {
        "administrator": 200,
        "leader": 403,
        "officer_a": 200,
        "officer_b": 403,
        "contact": 403,
        "anonymous": 302,
    },
    "core:changelog": {
        "administrator": 200,
        "leader": 403,
        "officer_a": 403,
        "officer_b": 403,
        "contact": 403,
        "anonymous": 302,
    },
}


@pytest.mark.parametrize(
    ("page", "persona", "status"),
    [(page, persona, status) for page, table in PERMISSIONS.items() for persona, status in table.items()],
)
def test_page_access(client_for, page, persona, status):
    assert client_for(persona).get(reverse(page)).status_code == status


@pytest.mark.parametrize(
    ("persona", "own", "other"),
    [
        ("administrator", 200, 200),
        ("leader", 200, 200),
        ("officer_a", 200, 200),
        ("officer_b", 200, 200),
        ("contact", 200, 404),
    ],
)
def test_enterprise_detail_is_scoped(client_for, personas, persona, own, other):
    client = client_for(persona)
    assert client.get(reverse("enterprises:detail", args=[personas.own_enterprise.pk])).status_code == own
    assert client.get(reverse("enterprises:detail", args=[personas.other_enterprise.pk])).status_code == other


def test_contact_list_shows_only_own_enterprise(client_for, personas):
    html = client_for("contact").get(reverse("enterprises:list")).content.decode()
    assert personas.own_enterprise.name in html
    assert personas.other_enterprise.name not in html


@pytest.mark.parametrize(
    ("persona", "status"), [("officer_a", 200), ("officer_b", 403), ("leader", 403), ("contact", 403)]
)
def test_edit_needs_the_registry_capability(client_for, personas, persona, status):
    url = reverse("enterprises:edit", args=[personas.own_enterprise.pk])
    assert client_for(persona).get(url).status_code == status


API = "/api/v1/enterprises/"


@pytest.mark.parametrize(
    ("persona", "status", "count"),
    [
        ("administrator", 200, 2),
        ("leader", 200, 2),
        ("officer_b", 200, 2),
        ("contact", 200, 1),
        ("anonymous", 401, None),
    ],
)
def test_api_list_is_scoped(client_for, persona, status, count):
    response = client_for(persona).get(API)
    assert response.status_code == status
    if count is not None:
        assert response.json()["count"] == count


def test_api_contact_cannot_read_another_enterprise(client_for, personas):
    assert client_for("contact").get(f"{API}{personas.other_enterprise.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer_a", 201), ("administrator", 201), ("leader", 403), ("officer_b", 403), ("contact", 403)],
)
def test_api_create_needs_the_registry_capability(client_for, persona, status):
    from gaoxin.enterprises.credit_code import make_code

    payload = {
        "credit_code": make_code(serial=4242),
        "name": "接口新建有限公司",
        "industry_code": "3825",
        "scale": "below_scale",
    }
    assert client_for(persona).post(API, payload, content_type="application/json").status_code == status
