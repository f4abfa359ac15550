"""The side navigation: the pages a user may open, each shown only to those it serves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gaoxin.accounts.choices import Capability


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    section: str
    staff_only: bool = True
    admin_only: bool = False
    acts_on: Capability | None = None  # shown only to those who may act on this module (a leader reads only)
    contact_only: bool = False  # the enterprise portal's own pages
    sub: bool = False  # a page of the section above it, listed under it while the user is in that section


# The pages of 招商引资, each for those who may open it (the public pool, the ledger import and the settings are
# the bureau's).
INVESTMENT_PAGES: tuple[NavItem, ...] = (
    NavItem(pgettext_lazy("investment navigation", "Kanban"), "investment:board", "investment", sub=True),
    NavItem(pgettext_lazy("investment navigation", "Lead list"), "investment:list", "investment", sub=True),
    NavItem(pgettext_lazy("investment navigation", "Funnel"), "investment:funnel", "investment", sub=True),
    NavItem(
        pgettext_lazy("investment navigation", "Investment agreements"),
        "investment:agreement_list",
        "investment",
        sub=True,
    ),
    NavItem(
        pgettext_lazy("investment navigation", "Signings counted"),
        "investment:agreement_signings",
        "investment",
        sub=True,
    ),
    NavItem(
        pgettext_lazy("investment navigation", "Performance"),
        "investment:agreement_performance",
        "investment",
        sub=True,
    ),
    NavItem(
        pgettext_lazy("investment navigation", "Three-not lists"),
        "investment:agreement_three_not",
        "investment",
        sub=True,
    ),
    NavItem(
        pgettext_lazy("investment navigation", "Referrer ranking"),
        "investment:referrers",
        "investment",
        sub=True,
    ),
    NavItem(pgettext_lazy("investment navigation", "Reports"), "investment:reports", "investment", sub=True),
    NavItem(pgettext_lazy("investment navigation", "Targets"), "investment:targets", "investment", sub=True),
    NavItem(
        pgettext_lazy("investment navigation", "Duplicate-claim disputes"),
        "investment:disputes",
        "investment",
        sub=True,
    ),
    NavItem(
        pgettext_lazy("investment navigation", "Public pool"),
        "investment:referral_pool",
        "investment",
        sub=True,
        acts_on=Capability.INVESTMENT,
    ),
    NavItem(
        pgettext_lazy("investment navigation", "Ledger import"),
        "investment:import",
        "investment",
        sub=True,
        acts_on=Capability.INVESTMENT,
    ),
    NavItem(
        pgettext_lazy("investment navigation", "Settings"),
        "investment:settings",
        "investment",
        sub=True,
        acts_on=Capability.INVESTMENT,
    ),
)


NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Overview"), "core:home", "home", staff_only=False),
    NavItem(_("Enterprises"), "enterprises:list", "enterprises", staff_only=False),
    NavItem(_("Land parcels"), "enterprises:parcel_list", "parcels"),
    NavItem(_("Imports"), "enterprises:import_start", "imports", acts_on=Capability.REGISTRY),
    NavItem(_("Per-mu evaluation"), "evaluation:run_list", "evaluation", staff_only=False),
    NavItem(_("Major projects"), "projects:list", "projects"),
    NavItem(_("Investment promotion"), "investment:board", "investment"),
    *INVESTMENT_PAGES,
    NavItem(_("Enterprise service"), "servicedesk:request_list", "servicedesk", staff_only=False),
    NavItem(_("Visits"), "servicedesk:visit_list", "visits"),
    NavItem(_("Our referrals"), "investment:portal", "investment", staff_only=False, contact_only=True),
    NavItem(_("Users"), "accounts:user_list", "users", admin_only=True),
    NavItem(_("Departments"), "accounts:department_list", "departments", admin_only=True),
    NavItem(_("Change log"), "core:changelog", "changelog", admin_only=True),
    NavItem(_("Working-day calendar"), "core:calendar_list", "calendar", admin_only=True),
    NavItem(_("API"), "api:docs", "api"),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"nav_items": []}
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for item in NAVIGATION:
        if item.admin_only and not user.is_administrator:
            continue
        if item.staff_only and not user.is_staff_member:
            continue
        if item.contact_only and not user.is_enterprise_contact:
            continue
        if item.acts_on is not None and not user.can_act_on(item.acts_on):
            continue
        items.append(
            {
                "label": item.label,
                "url": reverse(item.url_name),
                "section": item.section,
                "sub": item.sub,
                "current": item.sub and item.url_name == current,
            }
        )
    return {"nav_items": items}
