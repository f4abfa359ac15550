"""Problems (问题会商): who may log, assign, report progress, close and reopen; what is refused; what the log
records; which problems are overdue, counted per unit, and listed for the weekly meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from gaoxin.core.changelog import history
from gaoxin.core.models import ChangeAction
from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.filters import IssueFilterSet
from gaoxin.projects.models import ProjectIssue
from gaoxin.projects.selectors import issue_board
from gaoxin.projects.services import issues as services

TODAY = dt.date(2026, 3, 18)


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(dt.datetime(2026, 3, 18, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def project(make_project: Any) -> Any:
    return make_project()


def log(project: Any, by: Any, **data: Any) -> ProjectIssue:
    values = {
        "title": "用地指标未落实",
        "description": "需协调自然资源分局",
        "raised_on": dt.date(2026, 3, 2),
        "unit": project.responsible_unit,
        "deadline": dt.date(2026, 3, 31),
    }
    values.update(data)
    return services.issue_create(project=project, data=values, by=by)


class TestLogging:
    @pytest.mark.parametrize("who", ["administrator", "officer_a"])
    def test_the_office_admin_and_responsible_unit_log_problems(
        self, personas: Any, project: Any, who: str
    ) -> None:
        issue = log(project, getattr(personas, who))
        assert issue.status == IssueStatus.OPEN
        assert issue.raised_by == getattr(personas, who)
        entry = history(issue).get()
        assert entry.action == ChangeAction.CREATE
        assert entry.changes["title"] == [None, "用地指标未落实"]

    def test_the_project_office_logs_problems_of_any_unit(self, office: Any, project: Any) -> None:
        assert log(project, office.officer).pk is not None

    @pytest.mark.parametrize("who", ["leader", "officer_b", "contact"])
    def test_others_may_not_log(self, personas: Any, project: Any, who: str) -> None:
        with pytest.raises(PermissionDenied):
            log(project, getattr(personas, who))
        assert not ProjectIssue.objects.exists()

    def test_raised_on_defaults_to_today(self, personas: Any, project: Any) -> None:
        issue = log(project, personas.officer_a, raised_on=None)
        assert issue.raised_on == TODAY

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ({"title": "  "}, "title"),
            ({"deadline": dt.date(2026, 3, 1)}, "deadline"),
            ({"raised_on": dt.date(2026, 3, 19)}, "raised_on"),
            ({"meeting_on": dt.date(2026, 3, 1)}, "meeting_on"),
        ],
    )
    def test_refuses_bad_input_naming_the_field(
        self, personas: Any, project: Any, data: dict[str, Any], field: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            log(project, personas.officer_a, **data)
        assert field in caught.value.message_dict
        assert not ProjectIssue.objects.exists()

    def test_update_changes_only_the_editable_fields_and_logs_them(self, personas: Any, project: Any) -> None:
        issue = log(project, personas.officer_a)
        changed = services.issue_update(
            issue=issue,
            data={"title": "用地指标已上报", "meeting_on": dt.date(2026, 3, 10)},
            by=personas.officer_a,
        )
        assert changed == {"title": ["用地指标未落实", "用地指标已上报"], "meeting_on": [None, "2026-03-10"]}
        assert history(issue).filter(action=ChangeAction.UPDATE).count() == 1
        with pytest.raises(ValueError, match="status"):
            services.issue_update(issue=issue, data={"status": IssueStatus.CLOSED}, by=personas.officer_a)

    def test_a_leader_may_not_edit(self, personas: Any, project: Any) -> None:
        issue = log(project, personas.officer_a)
        with pytest.raises(PermissionDenied):
            services.issue_update(issue=issue, data={"title": "x"}, by=personas.leader)


class TestAssigningAndProgress:
    def test_reassigning_moves_the_problem_and_logs_why(self, personas: Any, project: Any) -> None:
        issue = log(project, personas.officer_a)
        services.issue_assign(
            issue=issue,
            unit=personas.department_b,
            deadline=dt.date(2026, 4, 15),
            by=personas.officer_a,
            note="企业服务中心牵头",
        )
        issue.refresh_from_db()
        assert (issue.unit, issue.deadline) == (personas.department_b, dt.date(2026, 4, 15))
        entry = history(issue).filter(action=ChangeAction.UPDATE).get()
        assert entry.changes["unit"] == [personas.department_a.pk, personas.department_b.pk]
        assert entry.changes["deadline"] == ["2026-03-31", "2026-04-15"]
        assert entry.note == "企业服务中心牵头"

    def test_the_assigned_unit_adds_progress_but_may_not_close(self, personas: Any, project: Any) -> None:
        issue = log(project, personas.officer_a)
        with pytest.raises(PermissionDenied):
            services.issue_add_progress(issue=issue, note="已对接", by=personas.officer_b)
        services.issue_assign(
            issue=issue, unit=personas.department_b, deadline=dt.date(2026, 4, 15), by=personas.officer_a
        )
        services.issue_add_progress(issue=issue, note="已对接企业", by=personas.officer_b)
        services.issue_add_progress(issue=issue, note="材料已报送\n待审批", by=personas.officer_b)
        issue.refresh_from_db()
        assert issue.progress_note.splitlines() == [
            "2026-03-18 企服中心 p_officer_b：已对接企业",
            "2026-03-18 企服中心 p_officer_b：材料已报送 待审批",
        ]
        assert services.latest_progress(issue) == "2026-03-18 企服中心 p_officer_b：材料已报送 待审批"
        assert history(issue).filter(action=ChangeAction.UPDATE).count() == 3
        with pytest.raises(PermissionDenied):
            services.issue_close(issue=issue, resolution="已解决", by=personas.officer_b)

    def test_empty_progress_is_refused(self, personas: Any, project: Any) -> None:
        issue = log(project, personas.officer_a)
        with pytest.raises(ValidationError) as caught:
            services.issue_add_progress(issue=issue, note=" \n ", by=personas.officer_a)
        assert "note" in caught.value.message_dict

    def test_a_deadline_before_the_problem_is_refused(self, personas: Any, project: Any) -> None:
        issue = log(project, personas.officer_a)
        with pytest.raises(ValidationError) as caught:
            services.issue_assign(
                issue=issue, unit=personas.department_b, deadline=dt.date(2026, 2, 1), by=personas.officer_a
            )
        assert "deadline" in caught.value.message_dict
        issue.refresh_from_db()
        assert issue.unit == personas.department_a


class TestClosingAndReopening:
    def test_closing_requires_a_resolution(self, personas: Any, project: Any) -> None:
        issue = log(project, personas.officer_a)
        with pytest.raises(ValidationError) as caught:
            services.issue_close(issue=issue, resolution="  ", by=personas.officer_a)
        assert "resolution" in caught.value.message_dict
        issue.refresh_from_db()
        assert issue.status == IssueStatus.OPEN

    @pytest.mark.parametrize("closed_on", [dt.date(2026, 3, 19), dt.date(2026, 3, 1)])
    def test_closing_date_between_raising_and_today(
        self, personas: Any, project: Any, closed_on: dt.date
    ) -> None:
        issue = log(project, personas.officer_a)
        with pytest.raises(ValidationError) as caught:
            services.issue_close(issue=issue, resolution="已解决", closed_on=closed_on, by=personas.officer_a)
        assert "closed_on" in caught.value.message_dict

    def test_close_then_reopen(self, personas: Any, office: Any, project: Any) -> None:
        issue = log(project, personas.officer_a)
        services.issue_close(
            issue=issue, resolution="指标已调剂到位", closed_on=dt.date(2026, 3, 16), by=office.officer
        )
        issue.refresh_from_db()
        assert (issue.status, issue.closed_on, issue.closed_by) == (
            IssueStatus.CLOSED,
            dt.date(2026, 3, 16),
            office.officer,
        )
        closing = history(issue).filter(action=ChangeAction.UPDATE).get()
        assert closing.changes["status"] == ["open", "closed"]
        assert closing.changes["resolution"] == ["", "指标已调剂到位"]
        with pytest.raises(ValidationError):
            services.issue_close(issue=issue, resolution="again", by=office.officer)
        with pytest.raises(ValidationError):
            services.issue_add_progress(issue=issue, note="x", by=office.officer)

        with pytest.raises(ValidationError) as caught:
            services.issue_reopen(issue=issue, reason="", by=personas.officer_a)
        assert "reason" in caught.value.message_dict
        services.issue_reopen(issue=issue, reason="指标被收回", by=personas.officer_a)
        issue.refresh_from_db()
        assert (issue.status, issue.closed_on, issue.closed_by, issue.resolution) == (
            IssueStatus.OPEN,
            None,
            None,
            "",
        )
        assert "指标被收回" in issue.progress_note
        reopening = history(issue).filter(action=ChangeAction.UPDATE).order_by("-id").first()
        assert reopening is not None
        assert reopening.changes["resolution"] == ["指标已调剂到位", ""]
        with pytest.raises(ValidationError):
            services.issue_reopen(issue=issue, reason="again", by=personas.officer_a)

    @pytest.mark.parametrize("who", ["leader", "officer_b"])
    def test_others_may_not_close_or_reopen(self, personas: Any, project: Any, who: str) -> None:
        issue = log(project, personas.officer_a)
        with pytest.raises(PermissionDenied):
            services.issue_close(issue=issue, resolution="x", by=getattr(personas, who))
        services.issue_close(issue=issue, resolution="done", by=personas.officer_a)
        with pytest.raises(PermissionDenied):
            services.issue_reopen(issue=issue, reason="x", by=getattr(personas, who))


def make(project: Any, **fields: Any) -> ProjectIssue:
    values: dict[str, Any] = {
        "project": project,
        "title": "问题",
        "raised_on": dt.date(2026, 3, 1),
        "unit": project.responsible_unit,
        "deadline": dt.date(2026, 3, 31),
    }
    values.update(fields)
    if values.get("closed_on"):
        values.setdefault("status", IssueStatus.CLOSED)
        values.setdefault("resolution", "已解决")
    return ProjectIssue.objects.create(**values)


class TestReads:
    def test_overdue_is_open_past_the_deadline(self, personas: Any, project: Any) -> None:
        late = make(project, deadline=dt.date(2026, 3, 17))
        due_today = make(project, deadline=TODAY)
        closed_late = make(project, deadline=dt.date(2026, 3, 10), closed_on=dt.date(2026, 3, 12))
        flags = dict(
            issue_board.with_overdue(ProjectIssue.objects.all(), TODAY).values_list("pk", "is_overdue")
        )
        assert flags == {late.pk: True, due_today.pk: False, closed_late.pk: False}

    def test_only_staff_see_problems(self, personas: Any, project: Any) -> None:
        make(project)
        assert ProjectIssue.objects.for_user(personas.leader).count() == 1
        assert ProjectIssue.objects.for_user(personas.contact).count() == 0

    def test_unit_counts(self, personas: Any, project: Any) -> None:
        a, b = personas.department_a, personas.department_b
        make(project, unit=a)  # open
        make(project, unit=a, deadline=dt.date(2026, 3, 5))  # open, overdue
        make(project, unit=a, closed_on=dt.date(2026, 3, 2))  # closed this month
        make(project, unit=a, raised_on=dt.date(2026, 1, 5), closed_on=dt.date(2026, 2, 27))  # closed before
        make(project, unit=b, deadline=dt.date(2026, 3, 17))  # open, overdue
        counts = {
            (c.unit.code, c.open, c.overdue, c.closed_this_month)
            for c in issue_board.unit_counts(personas.leader, TODAY)
        }
        assert counts == {("jingfa", 2, 1, 1), ("fuwu", 1, 1, 0)}

    def test_filters(self, personas: Any, make_project: Any) -> None:
        first, second = make_project(name="光伏组件项目"), make_project(name="汽车部件项目")
        late = make(
            first, title="环评批复滞后", deadline=dt.date(2026, 3, 10), meeting_on=dt.date(2026, 3, 11)
        )
        other = make(second, title="电力接入", unit=personas.department_b, raised_on=dt.date(2026, 3, 5))
        closed = make(second, title="施工许可", closed_on=dt.date(2026, 3, 12))

        def ids(**query: str) -> list[int]:
            filters = IssueFilterSet(query, queryset=issue_board.issue_list(personas.leader, TODAY))
            return [i.pk for i in filters.qs]

        assert ids(q="光伏") == [late.pk]
        assert ids(q="电力") == [other.pk]
        assert ids(unit=str(personas.department_b.pk)) == [other.pk]
        assert ids(status="closed") == [closed.pk]
        assert ids(overdue="1") == [late.pk]
        assert ids(meeting_on="2026-03-11") == [late.pk]
        assert ids(sort="-raised_on", status="open") == [other.pk, late.pk]
        assert ids(sort="deadline") == [late.pk, other.pk, closed.pk]
        assert ids(sort="bogus") == ids()

    def test_meeting_window_defaults_to_the_last_meeting(self, personas: Any, project: Any) -> None:
        assert issue_board.meeting_window(TODAY) == issue_board.MeetingWindow(TODAY, dt.date(2026, 3, 11))
        make(project, meeting_on=dt.date(2026, 3, 9))
        make(project, meeting_on=TODAY)
        assert issue_board.meeting_window(TODAY).since == dt.date(2026, 3, 9)
        assert issue_board.meeting_window(TODAY, dt.date(2026, 3, 1)).since == dt.date(2026, 3, 1)

    def test_meeting_list_holds_open_problems_and_those_closed_since(
        self, personas: Any, project: Any
    ) -> None:
        still_open = make(project, title="open")
        closed_after = make(project, title="closed after", closed_on=dt.date(2026, 3, 12))
        make(project, title="closed before", closed_on=dt.date(2026, 3, 9))
        make(project, title="raised later", raised_on=dt.date(2026, 3, 20))
        closed_later = make(project, title="closed after the meeting", closed_on=dt.date(2026, 3, 18))
        window = issue_board.MeetingWindow(meeting_on=dt.date(2026, 3, 16), since=dt.date(2026, 3, 9))
        listed = {i.pk for i in issue_board.meeting_issues(personas.leader, window)}
        assert listed == {still_open.pk, closed_after.pk, closed_later.pk}
