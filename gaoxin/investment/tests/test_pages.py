"""The investment pages as the bureau (招商局), an ordinary officer (全员招商: their own leads), a leader (reads all,
confidential leads by their code name) and an enterprise contact (403) use them: kanban, list with filters and
export, funnel, lead page with its actions, registration with the duplicate warning."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from gaoxin.core import calendar_services
from gaoxin.investment import pipeline
from gaoxin.investment.choices import LeadStatus
from gaoxin.investment.models import Lead, LeadActivity, LeadMove, LeadStage, StopReason
from gaoxin.investment.selectors import pipeline as pipeline_reads
from gaoxin.investment.services import admission as admission_services
from gaoxin.investment.services import agreements as agreement_services
from gaoxin.investment.services import leads as services
from gaoxin.projects.models import AdmissionScorecard

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def bureau_client(bureau_officer) -> Client:
    return as_user(bureau_officer)


@pytest.fixture
def secret(make_lead) -> Lead:
    return make_lead(
        name="某头部电池企业华东基地项目",
        investor_name="宁远动力电池股份有限公司",
        is_confidential=True,
        code_name="鲲鹏项目",
        total_investment=Decimal(500_000),
        fixed_asset_investment=Decimal(400_000),
    )


@pytest.fixture
def own(make_lead, personas) -> Lead:
    """A lead officer_a registered (全员招商), so owns."""
    return make_lead(
        by=personas.officer_a,
        name="智能传感器封装测试项目",
        investor_name="启明微电子有限公司",
        responsible_unit=personas.department_a,
        officer=None,
        total_investment=Decimal(8_000),
        fixed_asset_investment=Decimal(6_000),
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("administrator", 200), ("leader", 200), ("officer_a", 200), ("officer_b", 200), ("contact", 403)],
)
@pytest.mark.parametrize(
    "name",
    ["investment:board", "investment:list", "investment:funnel", "investment:export", "investment:create"],
)
def test_pages_are_for_committee_staff(client_for, make_lead, persona, status, name) -> None:
    make_lead()
    if name == "investment:create" and persona == "leader":
        status = 403  # leaders read; officers register (全员招商)
    assert client_for(persona).get(reverse(name)).status_code == status


def test_the_board_counts_and_sums_each_stage_in_chinese(bureau_client, make_lead, secret) -> None:
    make_lead(
        name="高端装备制造基地",
        investor_name="东方重工集团有限公司",
        total_investment=Decimal(5_000),
        fixed_asset_investment=None,
    )
    page = bureau_client.get(reverse("investment:board")).content.decode()
    assert "线索" in page
    assert "转为项目" in page
    assert "50.50亿元" in page  # 500,000 + 5,000 万元 in the first stage
    assert "某头部电池企业华东基地项目" in page
    assert "宁远动力电池股份有限公司" in page
    assert "个工作日" in page


def test_a_leader_reads_every_lead_but_a_confidential_one_by_its_code_name(client_for, secret, own) -> None:
    for name in ("investment:board", "investment:list"):
        page = client_for("leader").get(reverse(name)).content.decode()
        assert "鲲鹏项目" in page
        assert "智能传感器封装测试项目" in page
        assert "某头部电池企业华东基地项目" not in page
        assert "宁远动力电池" not in page
    detail = client_for("leader").get(reverse("investment:detail", args=[secret.pk])).content.decode()
    assert "鲲鹏项目" in detail
    assert "宁远动力电池" not in detail


def test_a_leader_reads_a_confidential_lead_s_admission_without_its_history(
    client_for, secret, bureau_officer
) -> None:
    """The change log names the lead: a reader who may not see the investor reads the reviews, not their
    history (on the lead page and the admission page alike)."""
    values = {"investment_intensity": "320", "tax_per_mu": "35", "plot_ratio": "1.5", "energy_per_value_added": "0.4", "environment": "yes", "industry_fit": "yes"}  # fmt: skip
    admission_services.admission_open(
        lead=secret, scorecard=AdmissionScorecard.objects.get(), values=values, by=bureau_officer
    )
    for name in ("investment:detail", "investment:admission"):
        page = client_for("leader").get(reverse(name, args=[secret.pk])).content.decode()
        assert "鲲鹏项目" in page
        assert "某头部电池企业华东基地项目" not in page, name
    bureau = as_user(bureau_officer).get(reverse("investment:admission", args=[secret.pk])).content.decode()
    assert "某头部电池企业华东基地项目" in bureau.split('id="open-review"')[-1]  # the history names it


def test_an_officer_sees_only_their_own_leads(client_for, secret, own) -> None:
    page = client_for("officer_a").get(reverse("investment:list")).content.decode()
    assert "智能传感器封装测试项目" in page
    assert "鲲鹏项目" not in page
    assert client_for("officer_a").get(reverse("investment:detail", args=[secret.pk])).status_code == 404
    assert client_for("officer_b").get(reverse("investment:detail", args=[own.pk])).status_code == 404


def test_the_list_filters_sorts_and_reports_bad_values_in_chinese(bureau_client, make_lead, stages) -> None:
    make_lead(
        name="甲光伏项目", investor_name="甲公司", total_investment=Decimal(200_000), industry_code="3825"
    )
    make_lead(
        name="乙软件项目",
        investor_name="乙公司",
        total_investment=Decimal(3_000),
        fixed_asset_investment=None,
    )
    url = reverse("investment:list")
    page = bureau_client.get(url, {"size": "1bn"}).content.decode()
    assert "甲光伏项目" in page
    assert "乙软件项目" not in page
    page = bureau_client.get(url, {"industry": "38"}).content.decode()
    assert "甲光伏项目" in page
    assert "乙软件项目" not in page
    page = bureau_client.get(url, {"q": "乙公司"}).content.decode()
    assert "乙软件项目" in page
    assert "甲光伏项目" not in page
    page = bureau_client.get(url, {"sort": "total_investment"}).content.decode()
    assert page.index("乙软件项目") < page.index("甲光伏项目")
    bad = bureau_client.get(url, {"status": "nonsense", "registered_from": "2026-13-45", "unit": "x"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "选择一个有效的选项" in text
    assert "输入一个有效的日期" in text
    assert "输入一个数字" in text
    assert "甲光伏项目" in text
    assert "乙软件项目" in text
    backwards = bureau_client.get(url, {"registered_from": "2026-06-01", "registered_to": "2026-01-01"})
    assert "结束日期不能早于开始日期" in backwards.content.decode()


def test_the_export_has_exactly_the_rows_of_the_filtered_list(bureau_client, make_lead) -> None:
    for n in range(3):
        make_lead(
            name=f"光伏项目{n}",
            investor_name=f"光伏公司{n}",
            total_investment=Decimal(20_000 + n),
            fixed_asset_investment=None,
        )
    make_lead(
        name="软件项目", investor_name="软件公司", total_investment=Decimal(500), fixed_asset_investment=None
    )
    query = {"size": "100m", "sort": "-total_investment"}
    page = bureau_client.get(reverse("investment:list"), query)
    response = bureau_client.get(reverse("investment:export"), query)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    header = sheet[1]
    exported = [row[header.index("线索编号")] for row in sheet[2:]]
    assert exported == [lead.code for lead, _name, _sees in page.context["rows"]]
    assert len(exported) == 3
    assert "总投资（万元）" in header


def test_a_leader_exports_a_confidential_lead_by_its_code_name(client_for, secret) -> None:
    response = client_for("leader").get(reverse("investment:export"))
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    flat = [str(cell) for row in sheet for cell in row]
    assert "鲲鹏项目" in flat
    assert not any("宁远" in cell for cell in flat)


# session and user (2) + the page's own: the kanban the stages, one aggregate, the calendar's fingerprint, one
# capped query per stage holding leads (4 here), the nav; the list its count, rows, the stale cut-off's stages
# and calendar and the filter options; the funnel the stages, the calendar, two grouped counts (leads by status,
# stage and reason; leads by furthest stage) and one capped query per stage of the moves out of it (8 stages).
BOARD_QUERIES = 10
LIST_QUERIES = 12
FUNNEL_QUERIES = 15


def _many(make_lead, stages, count: int) -> None:
    codes = list(stages)
    for n in range(count):
        lead = make_lead(name=f"批量项目{n}", investor_name=f"批量公司{n}", on=dt.date(2026, 3, 2))
        target = stages[codes[n % 4]]
        if target != lead.stage:
            services.move(
                lead=lead, to_stage=target, on=dt.date(2026, 4, 1), by=lead.officer, reason="跨阶段"
            )


@pytest.mark.parametrize("count", [4, 16])
def test_the_kanban_list_and_funnel_read_a_fixed_number_of_queries(
    bureau_client, make_lead, stages, count, django_assert_num_queries
) -> None:
    _many(make_lead, stages, count)
    bureau_client.get(reverse("investment:board"))  # the calendar cache is warm
    with django_assert_num_queries(BOARD_QUERIES):
        assert bureau_client.get(reverse("investment:board")).status_code == 200
    with django_assert_num_queries(LIST_QUERIES):
        assert bureau_client.get(reverse("investment:list"), {"stale": "1"}).status_code == 200
    with django_assert_num_queries(FUNNEL_QUERIES):
        assert bureau_client.get(reverse("investment:funnel")).status_code == 200


def test_the_kanban_caps_a_column_and_links_to_the_filtered_list(bureau_client, make_lead) -> None:
    for n in range(22):
        make_lead(name=f"线索项目{n}", investor_name=f"线索公司{n}")
    page = bureau_client.get(reverse("investment:board")).content.decode()
    assert page.count('class="board-card') == 20
    assert "还有 2 条" in page
    assert "?stage=lead&amp;status=active" in page


def test_paused_and_ended_leads_leave_the_board_unless_asked(
    bureau_client, make_lead, bureau_officer
) -> None:
    lead = make_lead(name="暂停的项目", investor_name="暂停公司", on=dt.date(2026, 3, 2))
    reason = StopReason.objects.get(name="资金不足")
    services.pause(lead=lead, reason=reason, note="", on=dt.date(2026, 4, 1), by=bureau_officer)
    assert "暂停的项目" not in bureau_client.get(reverse("investment:board")).content.decode()
    shown = bureau_client.get(reverse("investment:board"), {"stopped": "1"}).content.decode()
    assert "暂停的项目" in shown
    assert "显示暂停和终止的线索（1 条）" in shown


def test_a_stale_lead_is_flagged_on_the_board_and_found_by_the_filter(bureau_client, make_lead) -> None:
    old = make_lead(
        name="久拖项目", investor_name="久拖公司", on=dt.date(2026, 6, 1)
    )  # 线索: 10 working days
    make_lead(name="新到项目", investor_name="新到公司")
    board = bureau_client.get(reverse("investment:board")).content.decode()
    card = board[board.index("久拖项目") - 400 : board.index("久拖项目")]
    assert "is-stale" in card
    page = bureau_client.get(reverse("investment:list"), {"stale": "1"}).content.decode()
    assert "久拖项目" in page
    assert "新到项目" not in page
    assert old.stage.expected_workdays == 10


def test_the_funnel_shows_reached_conversion_lost_reasons_and_rates(
    bureau_client, make_lead, stages, bureau_officer
):
    ended = make_lead(name="终止项目", investor_name="终止公司", on=dt.date(2026, 3, 2))
    services.move(lead=ended, to_stage=stages["contact"], on=dt.date(2026, 3, 16), by=bureau_officer)
    services.end(
        lead=ended,
        reason=StopReason.objects.get(name="选址他处"),
        note="",
        on=dt.date(2026, 4, 1),
        by=bureau_officer,
    )
    make_lead(name="线索项目", investor_name="线索公司", on=dt.date(2026, 3, 2))
    response = bureau_client.get(reverse("investment:funnel"))
    funnel = response.context["funnel"]
    first, second = funnel.rows[0][1], funnel.rows[1][1]
    assert (first.reached, first.converted, str(first.conversion)) == (2, 1, "0.5000")
    assert second.reached == 1
    assert first.median_workdays == 10.0
    assert [(row.reason, row.count) for row in funnel.lost] == [("选址他处", 1)]
    page = response.content.decode()
    assert "50.0%" in page
    assert "选址他处" in page
    assert "签约率" in page
    assert "落地率" in page
    assert 'data-chart="funnel-chart"' in page


def _pure_funnel(stages: list[LeadStage]) -> tuple[list[pipeline.FunnelRow], list[pipeline.ParetoRow]]:
    """The funnel as ``pipeline.funnel`` counts it on every lead's path (its moves, pauses left out)."""
    paths = []
    for lead in Lead.objects.select_related("stop_reason").prefetch_related("moves__to_stage"):
        moves: list[pipeline.Move] = []
        for move in lead.moves.all():
            if not moves or moves[-1].stage != move.to_stage.code:
                moves.append(pipeline.Move(move.to_stage.code, move.on))
        lost = lead.stop_reason.name if lead.status == LeadStatus.ENDED and lead.stop_reason else ""
        paths.append(pipeline.LeadPath(lead.pk, tuple(moves), lead.status == LeadStatus.ACTIVE, lost))
    calendar = calendar_services.current_calendar()
    return pipeline.funnel(paths, [s.code for s in stages], calendar), pipeline.lost_reasons(paths)


def test_the_funnel_counted_in_the_database_is_the_funnel_of_the_leads_paths(
    make_lead, stages, bureau_officer, monkeypatch
) -> None:
    """Forward moves, skips, moves back, pauses and resumptions, ended leads: the grouped queries and the sample of
    moves give what ``pipeline.funnel`` counts on the paths (below the sample size the sample is every move)."""
    day = dt.date(2026, 3, 2)
    plans: list[list[str]] = [
        [],
        ["contact"],
        ["contact", "inspection"],
        ["inspection"],  # skips 接洽
        ["contact", "inspection", "contact", "negotiation"],  # back, then on
        ["contact", "pause", "resume", "inspection"],
        ["contact", "end:选址他处"],
        ["contact", "inspection", "end:资金不足"],
        ["end:选址他处"],
        ["contact", "negotiation", "pause"],
    ]
    for n, plan in enumerate(plans):
        lead = make_lead(name=f"漏斗项目{n}", investor_name=f"漏斗公司{n}", on=day)
        on = day
        for step, action in enumerate(plan):
            on = on + dt.timedelta(days=3 + 2 * n + step)
            if action == "pause":
                reason = StopReason.objects.get(name="资金不足")
                services.pause(lead=lead, reason=reason, note="", on=on, by=bureau_officer)
            elif action == "resume":
                services.resume(lead=lead, on=on, by=bureau_officer)
            elif action.startswith("end:"):
                reason = StopReason.objects.get(name=action[4:])
                services.end(lead=lead, reason=reason, note="", on=on, by=bureau_officer)
            else:
                services.move(lead=lead, to_stage=stages[action], on=on, by=bureau_officer, reason="调整")
            lead.refresh_from_db()
    active = list(LeadStage.objects.filter(is_active=True))
    rows, lost = _pure_funnel(active)
    funnel = pipeline_reads.funnel(bureau_officer)
    assert [row for _, row in funnel.rows] == rows
    assert funnel.lost == lost
    assert funnel.leads == len(plans)
    assert [row.reached for row in rows[:4]] == [10, 8, 6, 2]  # the pure funnel is not trivially empty
    assert rows[0].median_workdays is not None
    monkeypatch.setattr(pipeline_reads, "MEDIAN_SAMPLE", 1)  # only the last move out of each stage
    sampled = pipeline_reads.funnel(bureau_officer)
    assert [row.reached for _, row in sampled.rows] == [row.reached for row in rows]
    last_out = (
        LeadMove.objects.filter(from_stage=stages["lead"]).exclude(to_stage=stages["lead"]).latest("id")
    )
    calendar = calendar_services.current_calendar()
    assert sampled.rows[0][1].median_workdays == calendar.workdays_between(day, last_out.on)


def test_the_lead_page_groups_fields_and_merges_the_timeline(
    bureau_client, make_lead, stages, bureau_officer
):
    lead = make_lead(name="时间线项目", investor_name="时间线公司", on=dt.date(2026, 3, 2))
    services.move(lead=lead, to_stage=stages["contact"], on=dt.date(2026, 3, 10), by=bureau_officer)
    services.activity_add(
        lead=lead,
        data={
            "kind": "visit",
            "on": dt.date(2026, 3, 12),
            "summary": "赴总部拜访",
            "next_action": "邀请考察",
        },
        by=bureau_officer,
    )
    page = bureau_client.get(reverse("investment:detail", args=[lead.pk])).content.decode()
    for group in ("投资方", "来源", "投资与用地", "达产预期", "责任"):
        assert f"<h2>{group}</h2>" in page
    assert "线索 → 接洽" in page
    assert "赴总部拜访" in page
    assert 'data-kind="change"' in page
    assert "12.00亿元" in page  # the total at the top
    assert "120,000.00" in page  # and in 万元 with its field
    assert "签约概率" in page


LEAD_PAGE_QUERIES = 24


def _worked(lead: Lead, by: Any, count: int) -> None:
    """``count`` activities, and as many agreements each with a clause."""
    for n in range(count):
        services.activity_add(
            lead=lead, data={"kind": "call", "on": dt.date(2026, 3, 3 + n), "summary": f"第{n}次通话"}, by=by
        )
        agreement = agreement_services.agreement_save(
            data={"title": f"投资协议{n}", "parties": "管委会\n投资方", "signed_on": dt.date(2026, 4, 1 + n)},
            by=by,
            lead=lead,
        )
        agreement_services.clause_save(
            agreement=agreement,
            data={
                "measure": "fixed_asset_investment",
                "threshold": Decimal(1000),
                "due_on": dt.date(2027, 12, 31),
            },
            by=by,
        )


@pytest.mark.parametrize("count", [1, 4])
def test_the_lead_page_shows_every_panel_in_a_fixed_number_of_queries(
    bureau_client, make_lead, bureau_officer, count, django_assert_num_queries
) -> None:
    """The lead page holds the referral, claim, agreements and admission panels (with the links to convert,
    merge, record an agreement and open the admission page). Its queries do not grow with the lead's history:
    the page's own reads (lead, timeline, change log, calendar) and each panel's (referral and reward, claim
    status with its duplicates and disputes, conversion check, agreements with their clauses prefetched,
    admission reviews with their opinions and scorecards)."""
    lead = make_lead(name="面板项目", investor_name="面板公司", on=dt.date(2026, 3, 2))
    _worked(lead, bureau_officer, count)
    url = reverse("investment:detail", args=[lead.pk])
    bureau_client.get(url)  # the calendar cache is warm
    with django_assert_num_queries(LEAD_PAGE_QUERIES):
        page = bureau_client.get(url).content.decode()
    for panel in (
        'id="referral-panel"',
        'id="claims-panel"',
        'id="agreements-panel"',
        'id="admission-reviews"',
    ):
        assert panel in page
    assert reverse("investment:merge", args=[lead.pk]) in page
    assert reverse("investment:agreement_create", args=[lead.pk]) in page
    assert reverse("investment:admission", args=[lead.pk]) in page
    assert reverse("investment:admission_open", args=[lead.pk]) in page  # the bureau opens a review here
    assert 'id="referral-form"' in page
    assert page.count("投资协议") >= count


def test_an_officer_s_lead_page_offers_no_bureau_action(client_for, own) -> None:
    page = client_for("officer_a").get(reverse("investment:detail", args=[own.pk])).content.decode()
    assert 'id="agreements-panel"' in page
    assert reverse("investment:agreement_create", args=[own.pk]) not in page
    assert reverse("investment:merge", args=[own.pk]) not in page
    assert reverse("investment:admission_open", args=[own.pk]) not in page
    assert 'id="referral-form"' in page  # the owner registers the referrer


def post_action(client: Client, lead: Lead, action: str, data: dict[str, Any]):
    return client.post(reverse(f"investment:{action}", args=[lead.pk]), data, follow=True)


def test_the_lead_page_actions_go_through_the_services(bureau_client, make_lead, stages) -> None:
    lead = make_lead(on=dt.date(2026, 3, 2))
    today = timezone.localdate().isoformat()
    skipped = post_action(bureau_client, lead, "move", {"to_stage": stages["negotiation"].pk, "on": today})
    assert "请说明跨阶段推进的理由" in skipped.content.decode()
    lead.refresh_from_db()
    assert lead.stage.code == "lead"
    post_action(bureau_client, lead, "move", {"to_stage": stages["contact"].pk, "on": today})
    reason = StopReason.objects.get(name="资金不足")
    post_action(
        bureau_client, lead, "stop", {"action": "pause", "reason": reason.pk, "on": today, "note": "等融资"}
    )
    lead.refresh_from_db()
    assert (lead.stage.code, lead.status, lead.stop_reason) == ("contact", "paused", reason)
    post_action(bureau_client, lead, "resume", {"on": today})
    post_action(bureau_client, lead, "activity", {"kind": "call", "on": today, "summary": "电话沟通"})
    lead.refresh_from_db()
    assert lead.status == "active"
    assert LeadActivity.objects.filter(lead=lead).count() == 1


def test_an_end_reason_for_pauses_only_is_refused(bureau_client, make_lead) -> None:
    lead = make_lead()
    reason = StopReason.objects.get(name="等待土地或厂房")
    response = post_action(
        bureau_client,
        lead,
        "stop",
        {"action": "end", "reason": reason.pk, "on": timezone.localdate().isoformat()},
    )
    assert "该原因不适用于此操作" in response.content.decode()
    lead.refresh_from_db()
    assert lead.status == "active"


def test_others_cannot_act_on_a_lead(client_for, make_lead, stages) -> None:
    lead = make_lead()
    data = {"to_stage": stages["contact"].pk, "on": timezone.localdate().isoformat()}
    assert client_for("leader").post(reverse("investment:move", args=[lead.pk]), data).status_code == 403
    assert client_for("officer_a").post(reverse("investment:move", args=[lead.pk]), data).status_code == 404
    assert client_for("contact").post(reverse("investment:move", args=[lead.pk]), data).status_code == 403


FORM = {
    "name": "年产5GW光伏组件项目",
    "investor_name": "江苏恒达新能源科技有限公司",
    "source": "all_staff",
    "total_investment": "80000",
    "fixed_asset_investment": "60000",
}


def test_registering_warns_of_duplicates_and_needs_register_anyway(client_for, make_lead, personas) -> None:
    existing = make_lead()  # 恒达新能源科技有限公司, owned by the bureau's officer
    client = client_for("officer_a")
    warned = client.post(reverse("investment:create"), FORM)
    assert warned.status_code == 200
    text = warned.content.decode()
    assert "可能与以下已登记线索重复" in text
    assert existing.code in text
    assert "招商局干部" in text
    assert "投资方相同" in text
    assert "仍要登记" in text
    assert Lead.objects.count() == 1
    done = client.post(reverse("investment:create"), {**FORM, "confirm_duplicates": "on"})
    assert done.status_code == 302
    created = Lead.objects.exclude(pk=existing.pk).get()
    assert (created.officer, created.responsible_unit) == (personas.officer_a, personas.department_a)


def test_renaming_a_lead_to_another_investor_warns_of_duplicates_too(client_for, make_lead, personas) -> None:
    existing = make_lead()  # 恒达新能源科技有限公司
    mine = make_lead(
        by=personas.officer_a, officer=None, name="数据中心项目", investor_name="云栖数据有限公司"
    )
    client = client_for("officer_a")
    url = reverse("investment:edit", args=[mine.pk])
    page = client.get(url).content.decode()
    assert "数据中心项目" in page
    form = {**FORM, "total_investment": "80000", "fixed_asset_investment": "60000"}
    warned = client.post(url, form)
    assert warned.status_code == 200
    assert existing.code in warned.content.decode()
    assert "仍要保存" in warned.content.decode()
    mine.refresh_from_db()
    assert mine.investor_name == "云栖数据有限公司"
    assert client.post(url, {**form, "confirm_duplicates": "on"}).status_code == 302
    mine.refresh_from_db()
    assert mine.investor_name == FORM["investor_name"]
    unchanged = client.post(url, {**form, "description": "补充说明", "confirm_duplicates": ""})
    assert unchanged.status_code == 302  # the names stay as they are: no second warning


def test_a_confidential_duplicate_is_shown_by_its_code_name(client_for, secret) -> None:
    response = client_for("officer_a").get(
        reverse("investment:duplicates"), {"investor_name": "宁远动力电池股份有限公司", "name": "电池项目"}
    )
    text = response.content.decode()
    assert "鲲鹏项目" in text
    assert "某头部电池企业" not in text
    assert secret.code in text


def test_the_form_checks_duplicates_while_typing_without_inline_script(client_for) -> None:
    page = client_for("officer_a").get(reverse("investment:create")).content.decode()
    assert 'hx-get="/investment/leads/duplicates/"' in page
    assert 'class="duplicate-check"' in page
    assert "<script>" not in page
    assert " onclick=" not in page
    assert " oninput=" not in page


def test_an_officer_edits_their_lead_but_does_not_hand_it_over(client_for, own, personas) -> None:
    url = reverse("investment:edit", args=[own.pk])
    client = client_for("officer_a")
    data = {**FORM, "name": "智能传感器封装测试二期", "responsible_unit": personas.department_b.pk}
    assert client.post(url, data).status_code == 302
    own.refresh_from_db()
    assert own.name == "智能传感器封装测试二期"
    assert own.responsible_unit == personas.department_a
    assert client_for("officer_b").get(url).status_code == 404
    assert client_for("leader").get(url).status_code == 403
