"""The weekly meeting's list of problems (重大项目问题会商清单): the problems open on the meeting day and those
closed since the last meeting, as .xlsx and as a Word document, from the problems
``selectors.issue_board.meeting_issues`` reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gaoxin.core.reports import docx_writer
from gaoxin.core.reports.display import long_date
from gaoxin.core.tabular import Column, Date, Integer, TableSpec, Text, write_xlsx
from gaoxin.projects.models import ProjectIssue
from gaoxin.projects.selectors.issue_board import MeetingWindow
from gaoxin.projects.services.issues import latest_progress


@dataclass(frozen=True)
class MeetingRow:
    number: int
    project: str
    problem: str
    unit: str
    deadline: dt.date
    progress: str
    status: str
    closed: bool
    overdue: bool


@dataclass(frozen=True)
class MeetingList:
    title: str
    window: MeetingWindow
    rows: list[MeetingRow]
    issued_by: str = ""  # the issuing body the project office configured

    @property
    def open_count(self) -> int:
        return sum(not row.closed for row in self.rows)

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def closed_count(self) -> int:
        return sum(row.closed for row in self.rows)

    @property
    def summary(self) -> str:
        return _(
            "Meeting of %(day)s: %(open)s problems open (%(overdue)s past their deadline), %(closed)s closed "
            "since %(since)s."
        ) % {
            "day": long_date(self.window.meeting_on),
            "open": self.open_count,
            "overdue": self.overdue_count,
            "closed": self.closed_count,
            "since": long_date(self.window.since),
        }


def status_text(*, closed: bool, overdue: bool) -> str:
    if closed:
        return _("Closed out")
    return _("Past deadline") if overdue else _("Not closed")


def _row(number: int, issue: ProjectIssue, day: dt.date) -> MeetingRow:
    closed = issue.closed_on is not None and issue.closed_on <= day
    overdue = not closed and issue.deadline < day
    problem = issue.title if not issue.description.strip() else f"{issue.title}\n{issue.description.strip()}"
    resolution = _("Resolution: %(text)s") % {"text": issue.resolution}
    progress = resolution if closed else latest_progress(issue)
    return MeetingRow(
        number=number,
        project=issue.project.name,
        problem=problem,
        unit=issue.unit.short_name or issue.unit.name,
        deadline=issue.deadline,
        progress=progress,
        status=status_text(closed=closed, overdue=overdue),
        closed=closed,
        overdue=overdue,
    )


def meeting_list(window: MeetingWindow, issues: Iterable[ProjectIssue], *, issued_by: str) -> MeetingList:
    """The meeting's list of ``issues`` (with their projects and units, in the list's order)."""
    rows = [_row(number, issue, window.meeting_on) for number, issue in enumerate(issues, start=1)]
    return MeetingList(
        title=_("List of major-project problems for the weekly meeting"),
        window=window,
        rows=rows,
        issued_by=issued_by,
    )


def _spec() -> TableSpec:
    return TableSpec(
        [
            Column("number", _("No."), converter=Integer()),
            Column("project", _("Project"), converter=Text()),
            Column("problem", _("Problem"), converter=Text()),
            Column("unit", _("Responsible unit"), converter=Text()),
            Column("deadline", _("Deadline"), converter=Date()),
            Column("progress", _("Progress"), converter=Text()),
            Column("status", _("Status"), converter=Text()),
        ]
    )


def _date_line(content: MeetingList) -> str:
    return _("Meeting date: %(day)s") % {"day": long_date(content.window.meeting_on)}


def _issuer_line(content: MeetingList) -> str:
    return _("Issued by %(issuer)s") % {"issuer": content.issued_by} if content.issued_by else ""


def meeting_xlsx(content: MeetingList) -> bytes:
    rows = (
        {
            "number": row.number,
            "project": row.project,
            "problem": row.problem,
            "unit": row.unit,
            "deadline": row.deadline,
            "progress": row.progress,
            "status": row.status,
        }
        for row in content.rows
    )
    note = "\n".join(line for line in (_issuer_line(content), _date_line(content), content.summary) if line)
    return write_xlsx(_spec(), rows, sheet_name=_("Problem list"), title=content.title, note=note)


def meeting_docx(content: MeetingList) -> bytes:
    document = docx_writer.new_document(landscape=True)
    docx_writer.add_page_numbers(document)
    docx_writer.add_title(document, content.title)
    docx_writer.add_paragraph(document, _date_line(content), centred=True)
    docx_writer.add_paragraph(document, content.summary)
    docx_writer.add_table(
        document,
        [column.label for column in _spec().columns],
        [
            [
                str(row.number),
                row.project,
                row.problem,
                row.unit,
                long_date(row.deadline),
                row.progress,
                row.status,
            ]
            for row in content.rows
        ],
        widths_cm=[1.2, 4.5, 6.5, 2.8, 2.4, 6.5, 1.8],
    )
    docx_writer.add_signature(document, content.issued_by, long_date(content.window.meeting_on))
    return docx_writer.to_bytes(document)
