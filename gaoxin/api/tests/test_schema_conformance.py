"""The API answers as its OpenAPI schema says: schemathesis generates requests for every operation from the
served schema and sends them in-process through the WSGI application, as the administrator on a zone after a
season of work and without credentials. Writes are included (they may change the test database); bad input
must get 400 with the field's message, never 500.

Each operation gets a bounded, derandomized number of examples, so the run is the same every time. Operations
with path parameters are tried both on generated values (unknown objects: 404) and on real objects of the zone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings, strategies
from rest_framework.authtoken.models import Token
from schemathesis import APIOperation, Case, CheckContext, GenerationMode, Response
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import User
from gaoxin.demo.tests.scenario import Zone, build_zone
from gaoxin.enterprises.models import Enterprise, EnterpriseYear, LandParcel
from gaoxin.evaluation.models import EvaluationResult, Objection
from gaoxin.investment.models import Lead
from gaoxin.servicedesk.models import ServiceRequest, Visit

PYTHON_REPR = re.compile(r"<[\w.]+ object at 0x[0-9a-f]+>|<(?:method-wrapper|bound method|function) ")


def no_python_repr(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """No value of the answer is the repr of a Python object (a field pointing at a method, say)."""
    found = PYTHON_REPR.search(response.text or "")
    if found:
        raise AssertionError(f"Python repr in the response: {found.group()}")
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    no_python_repr,
]

WRITES = {"post", "patch"}

PathValues = Callable[[Zone], list[dict[str, Any]]]


def _first(model: Any, **filters: Any) -> int:
    pk = model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()
    assert pk is not None, f"the zone has no {model.__name__} {filters}"
    return int(pk)


def _contact() -> User:
    contact = User.objects.filter(role=Role.ENTERPRISE_CONTACT).order_by("pk").first()
    assert contact is not None
    return contact


def _requests(zone: Zone) -> list[dict[str, Any]]:
    """The scenario's signed request, one not signed yet, and one of the contact's enterprise."""
    unsigned = ServiceRequest.objects.filter(signed_by=None).order_by("pk").first()
    contacts = ServiceRequest.objects.filter(enterprise=_contact().enterprise).order_by("pk").first()
    assert unsigned is not None
    assert contacts is not None
    return [{"public_id": item.public_id} for item in (zone.request, unsigned, contacts)]


# Real objects for each path with parameters (the step of a request is generated from its enum).
REAL_OBJECTS: dict[str, PathValues] = {
    "/api/v1/enterprises/{id}/": lambda zone: [{"id": _first(Enterprise)}],
    "/api/v1/parcels/{id}/": lambda zone: [{"id": _first(LandParcel)}],
    "/api/v1/years/{id}/": lambda zone: [{"id": _first(EnterpriseYear)}],
    "/api/v1/evaluation/schemes/{id}/": lambda zone: [{"id": zone.run.scheme_id}],
    "/api/v1/evaluation/runs/{id}/": lambda zone: [{"id": zone.run.pk}],
    "/api/v1/evaluation/results/{id}/": lambda zone: [{"id": _first(EvaluationResult, run=zone.run)}],
    "/api/v1/evaluation/objections/{id}/": lambda zone: [{"id": _first(Objection)}],
    "/api/v1/evaluation/objections/{id}/accept/": lambda zone: [{"id": _first(Objection)}],
    "/api/v1/evaluation/objections/{id}/reject/": lambda zone: [{"id": _first(Objection)}],
    "/api/v1/projects/{id}/": lambda zone: [{"id": zone.project.pk}],
    "/api/v1/projects/{id}/transitions/": lambda zone: [{"id": zone.project.pk}],
    "/api/v1/projects/{id}/reports/": lambda zone: [{"id": zone.project.pk}],
    "/api/v1/projects/{id}/issues/": lambda zone: [{"id": zone.project.pk}],
    "/api/v1/requests/{public_id}/": _requests,
    "/api/v1/requests/{public_id}/steps/{step}/": _requests,
    "/api/v1/visits/{id}/": lambda zone: [{"id": _first(Visit)}],
    "/api/v1/leads/{id}/": lambda zone: [{"id": _first(Lead)}],
}


def _operations(schema: Any) -> Iterator[APIOperation]:
    for result in schema.get_all_operations():
        yield result.ok()


def _failures(
    operations: list[tuple[APIOperation, list[dict[str, Any]]]],
    headers: dict[str, str],
    max_examples: int,
    checks: list[Any],
    negative: bool = True,
) -> list[str]:
    """Run each operation's examples; the failures as text, one entry per failing operation."""
    failures = []
    for operation, real in operations:
        strategy = strategies.one_of(
            operation.as_strategy(),
            *(operation.as_strategy(path_parameters=values) for values in real),
            *(
                operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=values)
                for values in (real or [{}])
                if negative and operation.method in WRITES
            ),
        )

        @given(case=strategy)
        @settings(
            max_examples=max_examples,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=[
                HealthCheck.too_slow,
                HealthCheck.filter_too_much,
                HealthCheck.data_too_large,
            ],
        )
        def conforms(case: Case) -> None:
            case.call_and_validate(headers=headers, checks=checks)

        try:
            conforms()
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"{operation.label}: {error}")
    return failures


@pytest.fixture
def app() -> Iterator[Any]:
    """The site's WSGI application, which keeps the test's database connection (and its transaction) open
    after each request, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _schema(app: Any, headers: dict[str, str]) -> Any:
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", app, headers=headers)


@pytest.fixture
def zone(db: None, settings: Any) -> Zone:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_zone()


def _conformance_failures(zone: Zone, app: Any, user: User, max_examples: int) -> list[str]:
    headers = {"Authorization": f"Token {Token.objects.create(user=user).key}"}
    operations = list(_operations(_schema(app, headers)))
    missing = [op.path for op in operations if "{" in op.path and op.path not in REAL_OBJECTS]
    assert not missing, f"add these paths to REAL_OBJECTS: {sorted(set(missing))}"
    stale = set(REAL_OBJECTS) - {op.path for op in operations}
    assert not stale, f"these paths no longer exist: {stale}"
    assert len(operations) > 30
    plan = [(op, REAL_OBJECTS[op.path](zone) if "{" in op.path else []) for op in operations]
    return _failures(plan, headers, max_examples=max_examples, checks=CHECKS)


def test_every_operation_answers_the_administrator_as_the_schema_says(zone, app):
    failures = _conformance_failures(zone, app, zone.administrator, max_examples=12)
    assert not failures, "\n\n".join(failures)


def test_every_operation_answers_an_enterprise_contact_as_the_schema_says(zone, app):
    """A contact reads the portal's view of a request (another shape) and is refused much else (403)."""
    failures = _conformance_failures(zone, app, _contact(), max_examples=5)
    assert not failures, "\n\n".join(failures)


def must_log_in(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """401 with a challenge; or 400 for text with control characters, refused before any view runs."""
    if response.status_code == 400:
        return None
    if response.status_code != 401:
        raise AssertionError(f"expected 401 without credentials, got {response.status_code}")
    if not response.headers.get("www-authenticate"):
        raise AssertionError("401 without a WWW-Authenticate challenge")
    return None


@pytest.mark.django_db
def test_every_operation_answers_401_without_credentials(admin_user, app):
    token = Token.objects.create(user=admin_user)  # only to read the schema
    operations = list(_operations(_schema(app, {"Authorization": f"Token {token.key}"})))
    assert len(operations) > 30
    checks = [*CHECKS, must_log_in]
    failures = _failures([(op, []) for op in operations], {}, max_examples=3, checks=checks, negative=False)
    assert not failures, "\n\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/"])
def test_the_schema_and_its_documentation_need_a_login_too(url):
    response = Client().get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
