"""The committee of the demo zone: its bureaus, parks, chains and one demo user per role."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from gaoxin.accounts.choices import Capability, Role
from gaoxin.accounts.models import Department, User
from gaoxin.demo.catalogue import CHAINS, PARKS
from gaoxin.enterprises.models import Chain, Enterprise, Park

DEMO_PASSWORD = "demo12345"


@dataclass(frozen=True, slots=True)
class DepartmentSpec:
    code: str
    name: str
    short_name: str
    capabilities: tuple[Capability, ...]


DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec(
        "jingfa", "经济发展局", "经发局", (Capability.REGISTRY, Capability.EVALUATION, Capability.INDICATORS)
    ),
    DepartmentSpec("zhaoshang", "招商局", "招商局", (Capability.INVESTMENT,)),
    DepartmentSpec("xiangmu", "项目推进办", "项目办", (Capability.PROJECTS,)),
    DepartmentSpec("fuwu", "企业服务中心", "企服中心", (Capability.SERVICEDESK,)),
    DepartmentSpec("kechuang", "科技创新局", "科创局", ()),
    DepartmentSpec("caizheng", "财政局", "财政局", ()),
    DepartmentSpec("jianshe", "规划建设局", "规建局", ()),
    DepartmentSpec("ziranziyuan", "自然资源分局", "资源分局", ()),
    DepartmentSpec("shengtai", "生态环境分局", "环境分局", ()),
    DepartmentSpec("yingji", "应急管理局", "应急局", ()),
    DepartmentSpec("shuiwu", "税务联络组", "税务组", ()),
    DepartmentSpec("gongdian", "供电服务站", "供电站", ()),
)


@dataclass(frozen=True, slots=True)
class UserSpec:
    username: str
    role: Role
    display_name: str
    department: str | None = None  # department code


# The demo's loading user: the change log names it as the author of the demo's records.
ADMINISTRATOR = "admin"
DEMO_USERS: tuple[UserSpec, ...] = (
    UserSpec(ADMINISTRATOR, Role.ADMINISTRATOR, "系统管理员"),
    UserSpec("leader", Role.LEADER, "陈主任"),
    UserSpec("jingfa", Role.OFFICER, "刘晓燕", "jingfa"),
    UserSpec("fuwu", Role.OFFICER, "周建华", "fuwu"),
    UserSpec("xiangmu", Role.OFFICER, "孙伟", "xiangmu"),
    UserSpec("zhaoshang", Role.OFFICER, "吴静", "zhaoshang"),
    UserSpec("kechuang", Role.OFFICER, "赵磊", "kechuang"),  # co-handles policy requests
    UserSpec("qiye", Role.ENTERPRISE_CONTACT, "王敏"),
)


def create_departments() -> dict[str, Department]:
    """The zone's departments by code; those that exist already are kept as they are."""
    existing = set(Department.objects.values_list("code", flat=True))
    Department.objects.bulk_create(
        [
            Department(
                code=spec.code,
                name=spec.name,
                short_name=spec.short_name,
                capabilities=[str(capability) for capability in spec.capabilities],
                sort_order=(position + 1) * 10,
            )
            for position, spec in enumerate(DEPARTMENTS)
            if spec.code not in existing
        ]
    )
    return {d.code: d for d in Department.objects.filter(code__in=[spec.code for spec in DEPARTMENTS])}


def create_parks() -> dict[str, Park]:
    existing = set(Park.objects.values_list("code", flat=True))
    Park.objects.bulk_create(
        [
            Park(code=spec.code, name=spec.name, sort_order=(i + 1) * 10)
            for i, spec in enumerate(PARKS)
            if spec.code not in existing
        ]
    )
    return {park.code: park for park in Park.objects.filter(code__in=[spec.code for spec in PARKS])}


def create_chains() -> dict[str, Chain]:
    existing = set(Chain.objects.values_list("code", flat=True))
    Chain.objects.bulk_create(
        [
            Chain(code=spec.code, name=spec.name, sort_order=(i + 1) * 10)
            for i, spec in enumerate(CHAINS)
            if spec.code not in existing
        ]
    )
    return {chain.code: chain for chain in Chain.objects.filter(code__in=[spec.code for spec in CHAINS])}


def create_users(*, enterprise: Enterprise, departments: dict[str, Department]) -> list[User]:
    """The demo users, all with DEMO_PASSWORD; the enterprise contact acts for ``enterprise``. A username
    that is taken already is left alone."""
    existing = set(
        User.objects.filter(username__in=[s.username for s in DEMO_USERS]).values_list("username", flat=True)
    )
    # One hash for all: the password is published anyway, and hashing is deliberately slow.
    password = make_password(DEMO_PASSWORD)
    users = [
        User(
            username=spec.username,
            password=password,
            role=spec.role,
            display_name=spec.display_name,
            department=departments[spec.department] if spec.department else None,
            enterprise=enterprise if spec.role == Role.ENTERPRISE_CONTACT else None,
            is_superuser=spec.role == Role.ADMINISTRATOR,
            is_staff=spec.role == Role.ADMINISTRATOR,
        )
        for spec in DEMO_USERS
        if spec.username not in existing
    ]
    return User.objects.bulk_create(users)
