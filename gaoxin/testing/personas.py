"""The six personas every permission test speaks of (ARCHITECTURE §5)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gaoxin.accounts.choices import Capability, Role
from gaoxin.accounts.models import Department, User
from gaoxin.enterprises.models import Enterprise

PASSWORD = "persona-pass-2026"


@dataclass
class Personas:
    administrator: User
    leader: User
    officer_a: User  # economic development bureau: holds the registry and the evaluation
    officer_b: User  # enterprise service centre: holds the service desk only
    contact: User  # enterprise contact of ``own_enterprise``
    department_a: Department
    department_b: Department
    own_enterprise: Enterprise
    other_enterprise: Enterprise

    def by_name(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


NAMES = ("administrator", "leader", "officer_a", "officer_b", "contact", "anonymous")


def make_personas(own_enterprise: Enterprise, other_enterprise: Enterprise) -> Personas:
    department_a = Department.objects.create(
        code="jingfa",
        name="经济发展局",
        short_name="经发局",
        capabilities=[Capability.REGISTRY, Capability.EVALUATION, Capability.INDICATORS],
    )
    department_b = Department.objects.create(
        code="fuwu", name="企业服务中心", short_name="企服中心", capabilities=[Capability.SERVICEDESK]
    )

    def user(username: str, role: Role, **extra: Any) -> User:
        u = User(username=username, role=role, display_name=username, **extra)
        u.set_password(PASSWORD)
        u.save()
        return u

    return Personas(
        administrator=user("p_admin", Role.ADMINISTRATOR, is_superuser=True, is_staff=True),
        leader=user("p_leader", Role.LEADER),
        officer_a=user("p_officer_a", Role.OFFICER, department=department_a),
        officer_b=user("p_officer_b", Role.OFFICER, department=department_b),
        contact=user("p_contact", Role.ENTERPRISE_CONTACT, enterprise=own_enterprise),
        department_a=department_a,
        department_b=department_b,
        own_enterprise=own_enterprise,
        other_enterprise=other_enterprise,
    )
