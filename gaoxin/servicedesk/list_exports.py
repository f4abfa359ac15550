"""The request list and the visit list to Excel: the rows the list shows (same filters, same order), with
choice labels, local dates and numbers as numbers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gaoxin.core.tabular import Column, Date, Integer, TableSpec, Text, write_xlsx
from gaoxin.servicedesk.choices import RedFlag, VisitTopic
from gaoxin.servicedesk.models import ServiceRequest, Visit


def _day(moment: Any) -> Any:
    return timezone.localtime(moment).date() if moment is not None else None


def _request_spec() -> TableSpec:
    return TableSpec(
        [
            Column("number", _("Request number"), converter=Text(20)),
            Column("title", _("Title"), converter=Text(200)),
            Column("enterprise", _("Enterprise"), converter=Text(200)),
            Column("credit_code", _("Unified social credit code"), converter=Text(18)),
            Column("category", _("Category"), converter=Text(60)),
            Column("urgency", _("Urgency"), converter=Text(20)),
            Column("channel", _("Channel"), converter=Text(40)),
            Column("state", _("State"), converter=Text(40)),
            Column("department", _("Handling department"), converter=Text(100)),
            Column("co_departments", _("Co-handling departments"), converter=Text(300)),
            Column("signed_by", _("Signed by"), converter=Text(60)),
            Column("received_on", pgettext("servicedesk", "Received on"), converter=Date()),
            Column("signed_on", pgettext("servicedesk", "Signed on"), converter=Date()),
            Column("due_on", _("Current deadline"), converter=Date()),
            Column("due_limit", _("Current limit"), converter=Text(40)),
            Column("replied_on", pgettext("servicedesk", "Replied on"), converter=Date()),
            Column("closed_on", pgettext("servicedesk", "Closed on"), converter=Date()),
            Column("handling_workdays", _("Handling time (working days)"), converter=Integer()),
            Column("rating", _("Rating"), converter=Text(20)),
            Column("supervision", _("Supervision"), converter=Text(40)),
            Column("reopen_count", _("Times reopened"), converter=Integer()),
            Column("return_count", _("Times returned"), converter=Integer()),
        ]
    )


def request_rows(requests: QuerySet[ServiceRequest]) -> Iterator[dict[str, Any]]:
    """The spreadsheet's rows of ``requests`` (``selectors.request_export``: with their enterprises,
    categories, departments, signers and co-handling departments)."""
    for r in requests:
        yield {
            "number": r.number,
            "title": r.title,
            "enterprise": r.enterprise.name,
            "credit_code": r.enterprise.credit_code,
            "category": r.category.name,
            "urgency": r.get_urgency_display(),
            "channel": r.get_channel_display(),
            "state": r.get_state_display(),
            "department": r.department.name if r.department else None,
            "co_departments": "、".join(d.name for d in r.co_departments.all()) or None,
            "signed_by": str(r.signed_by) if r.signed_by else None,
            "received_on": _day(r.received_at),
            "signed_on": _day(r.signed_at),
            "due_on": _day(r.due_at),
            "due_limit": r.get_due_limit_display() or None,
            "replied_on": _day(r.replied_at),
            "closed_on": _day(r.closed_at),
            "handling_workdays": r.handling_workdays,
            "rating": r.get_rating_display() or None,
            "supervision": r.get_supervision_level_display() if r.supervision_level else None,
            "reopen_count": r.reopen_count,
            "return_count": r.return_count,
        }


def requests_xlsx(requests: QuerySet[ServiceRequest]) -> bytes:
    title = _("Enterprise requests")
    return write_xlsx(_request_spec(), request_rows(requests), sheet_name=title, title=title)


def _visit_spec() -> TableSpec:
    return TableSpec(
        [
            Column("visited_on", pgettext("servicedesk", "Visited on"), converter=Date()),
            Column("enterprise", _("Enterprise"), converter=Text(200)),
            Column("credit_code", _("Unified social credit code"), converter=Text(18)),
            Column("officers", _("Officers"), converter=Text(200)),
            Column("department", _("Leading department"), converter=Text(100)),
            Column("people_met", _("People met"), converter=Text(200)),
            Column("topics", _("Topics"), converter=Text(300)),
            Column("red_flags", _("Red flags"), converter=Text(200)),
            Column("problems", _("Problems found"), converter=Text(2000)),
            Column("summary", _("Summary"), converter=Text(2000)),
        ]
    )


def visit_rows(visits: QuerySet[Visit]) -> Iterator[dict[str, Any]]:
    """The spreadsheet's rows of ``visits`` (``selectors.visit_list``: with their enterprises, departments and
    officers)."""
    topics, flags = dict(VisitTopic.choices), dict(RedFlag.choices)
    for v in visits:
        yield {
            "visited_on": v.visited_on,
            "enterprise": v.enterprise.name,
            "credit_code": v.enterprise.credit_code,
            "officers": "、".join(str(o) for o in v.officers.all()),
            "department": v.department.name if v.department else None,
            "people_met": v.people_met or None,
            "topics": "、".join(str(topics[t]) for t in v.topics if t in topics) or None,
            "red_flags": "、".join(str(flags[f]) for f in v.red_flags if f in flags) or None,
            "problems": v.problems or None,
            "summary": v.summary or None,
        }


def visits_xlsx(visits: QuerySet[Visit]) -> bytes:
    title = _("Visits")
    return write_xlsx(_visit_spec(), visit_rows(visits), sheet_name=title, title=title)
