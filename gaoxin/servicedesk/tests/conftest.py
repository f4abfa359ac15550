"""Service desk fixtures: requests at any step of the loop."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gaoxin.servicedesk import seeds, services
from gaoxin.servicedesk.choices import Outcome
from gaoxin.servicedesk.models import Category, ServiceRequest
from gaoxin.testing.personas import Personas

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


class Desk:
    """Takes a request through the loop with the personas: officer_b is the centre, officer_a's department
    (经济发展局) handles what is dispatched to it, the contact speaks for the own enterprise."""

    def __init__(self, personas: Personas) -> None:
        self.p = personas

    def submit(self, **overrides: Any) -> ServiceRequest:
        values: dict[str, Any] = {
            "enterprise": self.p.own_enterprise,
            "title": "新厂房用电增容",
            "description": "新建厂房需增容 2000 千伏安，请协调供电。",
            "category": Category.objects.get(code="electricity"),
            "urgency": "normal",
            "channel": "portal",
            "by": self.p.contact,
        }
        values.update(overrides)
        return services.request_create(**values)

    def dispatched(self, **overrides: Any) -> ServiceRequest:
        request = self.submit(**overrides)
        services.request_accept(request=request, by=self.p.officer_b)
        services.request_dispatch(request=request, department=self.p.department_a, by=self.p.officer_b)
        return request

    def in_progress(self, **overrides: Any) -> ServiceRequest:
        request = self.dispatched(**overrides)
        services.request_sign(request=request, by=self.p.officer_a)
        return request

    def replied(self, **overrides: Any) -> ServiceRequest:
        request = self.in_progress(**overrides)
        services.request_reply(
            request=request,
            reply="已协调供电公司，下周完成增容。",
            outcome=Outcome.RESOLVED,
            by=self.p.officer_a,
        )
        return request

    def awaiting_callback(self, **overrides: Any) -> ServiceRequest:
        request = self.replied(**overrides)
        services.request_review(request=request, approve=True, note="", by=self.p.officer_b)
        return request


@pytest.fixture
def desk(personas: Personas) -> Desk:
    seeds.ensure_defaults()  # transactional tests may follow one that flushed the migrations' data
    return Desk(personas)
