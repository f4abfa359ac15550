"""Problem pages: the project's problems tab and its steps, the zone-wide 问题会商 list, and the weekly meeting's
list as .xlsx and .docx — who may see and do what, and what the files hold."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document
from python_calamine import CalamineWorkbook

from gaoxin.projects.choices import IssueStatus
from gaoxin.projects.models import ProjectIssue

TODAY = dt.date(2026, 3, 18)
READERS = ["administrator", "leader", "officer_a", "officer_b"]
EDITORS = ["administrator", "officer_a", "office"]


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(dt.datetime(2026, 3, 18, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def project(make_project: Any) -> Any:
    return make_project(name="光伏组件扩产项目")


def make(project: Any, **fields: Any) -> ProjectIssue:
    values: dict[str, Any] = {
        "project": project,
        "title": "用地指标未落实",
        "raised_on": dt.date(2026, 3, 1),
        "unit": project.responsible_unit,
        "deadline": dt.date(2026, 3, 31),
    }
    values.update(fields)
    if values.get("closed_on"):
        values.setdefault("status", IssueStatus.CLOSED)
        values.setdefault("resolution", "已协调解决")
    return ProjectIssue.objects.create(**values)


class TestTab:
    @pytest.mark.parametrize("who", [*READERS, "office"])
    def test_staff_read_the_tab(self, client_as: Any, project: Any, who: str) -> None:
        make(project, deadline=dt.date(2026, 3, 10))
        response = client_as(who).get(reverse("projects:issues", args=[project.pk]))
        assert response.status_code == 200
        content = response.content.decode()
        assert "用地指标未落实" in content
        assert 'data-overdue="1"' in content
        assert "逾期" in content
        assert ('id="new-issue"' in content) == (who in EDITORS)

    def test_contact_forbidden_and_anonymous_sent_to_login(self, client_for: Any, project: Any) -> None:
        url = reverse("projects:issues", args=[project.pk])
        assert client_for("contact").get(url).status_code == 403
        response = client_for("anonymous").get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_unknown_project_is_404(self, client_for: Any, personas: Any) -> None:
        assert client_for("leader").get(reverse("projects:issues", args=[999])).status_code == 404

    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("administrator", 302),
            ("office", 302),
            ("officer_a", 302),
            ("leader", 403),
            ("officer_b", 403),
            ("contact", 403),
            ("anonymous", 302),
        ],
    )
    def test_logging_a_problem(
        self, client_as: Any, personas: Any, project: Any, who: str, status: int
    ) -> None:
        data = {
            "new-title": "施工许可待办",
            "new-description": "",
            "new-unit": personas.department_b.pk,
            "new-deadline": "2026-04-10",
            "new-raised_on": "2026-03-18",
            "new-meeting_on": "",
        }
        response = client_as(who).post(reverse("projects:issues", args=[project.pk]), data)
        assert response.status_code == status
        assert ProjectIssue.objects.filter(title="施工许可待办").exists() == (who in EDITORS)

    def test_a_refused_problem_shows_the_reason(self, client_for: Any, personas: Any, project: Any) -> None:
        data = {
            "new-title": "施工许可待办",
            "new-unit": personas.department_a.pk,
            "new-deadline": "2026-02-10",
            "new-raised_on": "2026-03-18",
        }
        response = client_for("officer_a").post(reverse("projects:issues", args=[project.pk]), data)
        assert response.status_code == 200
        assert "办理期限不能早于问题提出日期" in response.content.decode()
        assert not ProjectIssue.objects.exists()


def step(client: Client, issue: ProjectIssue, action: str, follow: bool = False, **data: str) -> Any:
    prefixed = {f"i{issue.pk}-{action}-{key}": value for key, value in data.items()}
    return client.post(reverse("projects:issue_step", args=[issue.pk, action]), prefixed, follow=follow)


class TestSteps:
    @pytest.mark.parametrize(
        ("who", "status"),
        [
            ("administrator", 302),
            ("office", 302),
            ("officer_a", 302),
            ("leader", 403),
            ("officer_b", 403),
            ("contact", 403),
            ("anonymous", 302),
        ],
    )
    def test_closing(self, client_as: Any, project: Any, who: str, status: int) -> None:
        issue = make(project)
        response = step(client_as(who), issue, "close", resolution="指标已到位", closed_on="2026-03-17")
        assert response.status_code == status
        issue.refresh_from_db()
        assert (issue.status == IssueStatus.CLOSED) == (who in EDITORS)

    def test_closing_without_a_resolution_keeps_it_open(self, client_for: Any, project: Any) -> None:
        issue = make(project)
        response = step(client_for("officer_a"), issue, "close", resolution="", closed_on="2026-03-17")
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
        issue.refresh_from_db()
        assert issue.status == IssueStatus.OPEN

    def test_the_assigned_unit_reports_progress(self, client_for: Any, personas: Any, project: Any) -> None:
        issue = make(project)
        assert step(client_for("officer_b"), issue, "progress", note="已对接").status_code == 403
        response = step(
            client_for("officer_a"),
            issue,
            "assign",
            unit=str(personas.department_b.pk),
            deadline="2026-04-30",
        )
        assert response.status_code == 302
        response = step(client_for("officer_b"), issue, "progress", note="已对接供电公司")
        assert response.status_code == 302
        assert response["Location"].endswith(f"/issues/#issue-{issue.pk}")
        issue.refresh_from_db()
        assert issue.unit == personas.department_b
        assert issue.progress_note.endswith("已对接供电公司")
        page = client_for("officer_b").get(reverse("projects:issues", args=[project.pk])).content.decode()
        assert 'data-step="progress"' in page
        assert 'data-step="close"' not in page

    def test_reopen_and_edit(self, client_for: Any, project: Any) -> None:
        issue = make(project, closed_on=dt.date(2026, 3, 10))
        client = client_for("officer_a")
        assert step(client, issue, "reopen", reason="问题反复").status_code == 302
        response = step(
            client, issue, "edit", title="用地指标仍未落实", raised_on="2026-03-01", meeting_on="2026-03-16"
        )
        assert response.status_code == 302
        issue.refresh_from_db()
        assert (issue.status, issue.title, issue.meeting_on) == (
            IssueStatus.OPEN,
            "用地指标仍未落实",
            dt.date(2026, 3, 16),
        )

    def test_a_step_that_does_not_apply_is_refused(self, client_for: Any, project: Any) -> None:
        issue = make(project)
        response = step(client_for("officer_a"), issue, "reopen", reason="x", follow=True)
        assert response.status_code == 200
        assert "该问题尚未销号" in response.content.decode()
        issue.refresh_from_db()
        assert issue.status == IssueStatus.OPEN
        assert (
            client_for("officer_a").post(reverse("projects:issue_step", args=[issue.pk, "bogus"])).status_code
            == 404
        )
        assert (
            client_for("officer_a").get(reverse("projects:issue_step", args=[issue.pk, "close"])).status_code
            == 405
        )


class TestList:
    @pytest.mark.parametrize("who", [*READERS, "office"])
    def test_staff_read_the_list(self, client_as: Any, project: Any, who: str) -> None:
        make(project, deadline=dt.date(2026, 3, 10))
        response = client_as(who).get(reverse("projects:issue_list"))
        assert response.status_code == 200
        content = response.content.decode()
        assert "问题会商" in content
        assert "用地指标未落实" in content
        assert 'data-overdue="1"' in content

    def test_contact_forbidden_and_anonymous_sent_to_login(self, client_for: Any, personas: Any) -> None:
        url = reverse("projects:issue_list")
        assert client_for("contact").get(url).status_code == 403
        assert client_for("anonymous").get(url).status_code == 302

    def test_filters_and_counts(
        self, client_for: Any, personas: Any, project: Any, make_project: Any
    ) -> None:
        make(project, title="环评批复滞后", deadline=dt.date(2026, 3, 10))
        make(make_project(name="汽车部件项目"), title="电力接入", unit=personas.department_b)
        client = client_for("leader")
        content = client.get(reverse("projects:issue_list"), {"overdue": "1"}).content.decode()
        assert "环评批复滞后" in content
        assert "电力接入" not in content
        content = client.get(reverse("projects:issue_list"), {"q": "汽车"}).content.decode()
        assert "电力接入" in content
        assert "环评批复滞后" not in content
        response = client.get(reverse("projects:issue_list"))
        counts = {(c.unit.code, c.open, c.overdue) for c in response.context["unit_counts"]}
        assert counts == {("jingfa", 1, 1), ("fuwu", 1, 0)}

    def test_pagination(self, client_for: Any, project: Any) -> None:
        for n in range(51):
            make(project, title=f"问题{n:02d}", deadline=dt.date(2026, 4, 1) + dt.timedelta(days=n))
        client = client_for("leader")
        first = client.get(reverse("projects:issue_list"))
        assert len(first.context["page"].object_list) == 50
        second = client.get(reverse("projects:issue_list"), {"page": 2})
        assert [i.title for i in second.context["page"].object_list] == ["问题50"]


HEADERS = ["序号", "项目", "问题", "责任单位", "办理期限", "进展情况", "状态"]


class TestExport:
    @pytest.fixture
    def listed(self, personas: Any, project: Any) -> dict[str, ProjectIssue]:
        return {
            "late": make(
                project,
                title="环评批复滞后",
                deadline=dt.date(2026, 3, 10),
                progress_note="2026-03-12 经发局 张三：已报市生态环境局",
            ),
            "open": make(project, title="电力接入", unit=personas.department_b),
            "closed": make(
                project, title="施工许可", closed_on=dt.date(2026, 3, 13), resolution="已办结发证"
            ),
            "old": make(project, title="早已解决", closed_on=dt.date(2026, 3, 2)),
        }

    @pytest.mark.parametrize("who", [*READERS, "office"])
    def test_staff_export_xlsx(self, client_as: Any, listed: Any, who: str) -> None:
        response = client_as(who).get(
            reverse("projects:issue_export"),
            {"meeting_on": "2026-03-18", "since": "2026-03-11", "format": "xlsx"},
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml"
        )
        rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
        assert rows[0][0] == "重大项目问题会商清单"
        assert "会商日期：2026年3月18日" in rows[1][0]
        assert rows[2] == HEADERS
        body = rows[3:]
        # Ordered by assigned unit (same sort order: 企服中心 "fuwu" before 经发局 "jingfa"), then deadline.
        assert [r[2] for r in body] == ["电力接入", "环评批复滞后", "施工许可"]
        assert [r[6] for r in body] == ["未销号", "逾期", "已销号"]
        assert [r[0] for r in body] == [1, 2, 3]
        assert body[1][1] == "光伏组件扩产项目"
        assert [r[3] for r in body] == ["企服中心", "经发局", "经发局"]
        assert body[1][4] in (dt.date(2026, 3, 10), dt.datetime(2026, 3, 10))
        assert body[1][5] == "2026-03-12 经发局 张三：已报市生态环境局"
        assert body[2][5] == "已销号：已办结发证"

    def test_docx_is_a_word_document_with_the_table(self, client_for: Any, listed: Any) -> None:
        response = client_for("leader").get(
            reverse("projects:issue_export"),
            {"meeting_on": "2026-03-18", "since": "2026-03-11", "format": "docx"},
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.wordprocessingml"
        )
        document = Document(io.BytesIO(response.content))
        texts = [p.text for p in document.paragraphs]
        assert texts[0] == "重大项目问题会商清单"
        assert "会商日期：2026年3月18日" in texts
        assert texts[-1] == "2026年3月18日"  # the closing block
        assert "NUMPAGES" in document.sections[0].footer._element.xml
        assert any("未销号问题2个（其中逾期1个）" in t and "已销号1个" in t for t in texts)
        table = document.tables[0]
        assert [c.text for c in table.rows[0].cells] == HEADERS
        assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
            ["1", "光伏组件扩产项目", "电力接入", "企服中心", "2026年3月31日", "", "未销号"],
            [
                "2",
                "光伏组件扩产项目",
                "环评批复滞后",
                "经发局",
                "2026年3月10日",
                "2026-03-12 经发局 张三：已报市生态环境局",
                "逾期",
            ],
            ["3", "光伏组件扩产项目", "施工许可", "经发局", "2026年3月31日", "已销号：已办结发证", "已销号"],
        ]

    def test_default_window_starts_at_the_last_meeting(
        self, client_for: Any, listed: Any, project: Any
    ) -> None:
        make(project, title="上次会商", meeting_on=dt.date(2026, 3, 1), raised_on=dt.date(2026, 3, 1))
        response = client_for("leader").get(reverse("projects:issue_export"), {"format": "docx"})
        rows = Document(io.BytesIO(response.content)).tables[0].rows[1:]
        titles = {row.cells[2].text for row in rows}
        # Since 1 March: "早已解决" (closed 2 March) is listed too.
        assert titles == {"环评批复滞后", "电力接入", "施工许可", "早已解决", "上次会商"}

    def test_contact_forbidden_and_anonymous_sent_to_login(self, client_for: Any, personas: Any) -> None:
        url = reverse("projects:issue_export")
        assert client_for("contact").get(url).status_code == 403
        assert client_for("anonymous").get(url).status_code == 302

    def test_bad_date_is_400(self, client_for: Any, personas: Any) -> None:
        response = client_for("leader").get(reverse("projects:issue_export"), {"meeting_on": "2026-13-40"})
        assert response.status_code == 400
