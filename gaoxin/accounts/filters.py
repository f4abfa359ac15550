"""The administrator's list of accounts and its filters."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gaoxin.accounts.choices import Role
from gaoxin.accounts.models import User
from gaoxin.core.filters import ListFilterSet


class UserFilterSet(ListFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or enterprise"))
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("Role"))

    class Meta:
        model = User
        fields: list[str] = []

    def search(self, users: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return users.filter(
            Q(username__icontains=value)
            | Q(display_name__icontains=value)
            | Q(enterprise__name__icontains=value)
        )
