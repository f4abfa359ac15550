"""The source of yearly values staff enter: their department's when its name says which one it is (税务 → the tax
bureau, 统计 → the statistics bureau …), else the one they choose. 企业填报 is what an enterprise contact enters
itself, so staff are never offered it."""

from __future__ import annotations

from gaoxin.accounts.models import User
from gaoxin.enterprises.choices import DataSource

DEPARTMENT_WORDS: tuple[tuple[str, DataSource], ...] = (
    ("税务", DataSource.TAX),
    ("统计", DataSource.STATISTICS),
    ("供电", DataSource.POWER),
    ("电力", DataSource.POWER),
    ("生态环境", DataSource.ENVIRONMENT),
    ("环境保护", DataSource.ENVIRONMENT),
    ("环保", DataSource.ENVIRONMENT),
    ("自然资源", DataSource.LAND),
    ("国土", DataSource.LAND),
)

STAFF_SOURCES = [(value, label) for value, label in DataSource.choices if value != DataSource.ENTERPRISE]


def department_source(user: User) -> str:
    """The source of the user's department, or "" when its name does not say."""
    department = user.department
    if department is None:
        return ""
    for word, source in DEPARTMENT_WORDS:
        if word in department.name or word in department.short_name:
            return str(source)
    return ""
