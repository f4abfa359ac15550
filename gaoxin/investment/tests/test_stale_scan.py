"""The periodic notice of stale leads: told once per stay in a stage, to the responsible officer (or the team),
in the app, by e-mail and on the unit's group robots."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from gaoxin.investment.models import InvestmentTeam, StaleNotice
from gaoxin.investment.services import leads as services
from gaoxin.investment.stale_scan import run_stale_scan
from gaoxin.servicedesk.models import Notification

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 7)


def test_a_stale_lead_is_told_once_to_its_officer(make_lead, bureau_officer) -> None:
    bureau_officer.email = "wu@example.cn"
    bureau_officer.save()
    stale = make_lead(
        name="久拖项目", investor_name="久拖公司", on=dt.date(2026, 11, 2)
    )  # 线索: 10 working days
    make_lead(name="新到项目", investor_name="新到公司", on=dt.date(2026, 12, 1))
    first = run_stale_scan(TODAY)
    assert (first.stale, first.notices, first.notifications, first.emails) == (1, 1, 1, 1)
    notice = Notification.objects.get(recipient=bureau_officer)
    assert notice.params["code"] == stale.code
    assert notice.url.endswith(f"/investment/leads/{stale.pk}/")
    assert "久拖项目" in mail.outbox[0].body
    assert "超过预计的 10 个工作日" in mail.outbox[0].body
    again = run_stale_scan(TODAY)
    assert (again.stale, again.notices, again.notifications) == (1, 0, 0)
    assert StaleNotice.objects.count() == 1


def test_a_lead_moved_on_and_stale_again_is_told_again(make_lead, stages, bureau_officer) -> None:
    lead = make_lead(on=dt.date(2026, 9, 1))
    assert run_stale_scan(dt.date(2026, 9, 30)).notices == 1
    services.move(lead=lead, to_stage=stages["contact"], on=dt.date(2026, 10, 9), by=bureau_officer)
    assert run_stale_scan(dt.date(2026, 10, 20)).notices == 0  # 接洽: 20 working days, not yet
    assert run_stale_scan(TODAY).notices == 1


def test_paused_leads_are_not_stale_and_a_teams_lead_tells_the_team(make_lead, bureau, personas) -> None:
    team = InvestmentTeam.objects.create(name="招商专班", kind="task_force", department=bureau)
    team.members.set([personas.officer_a, personas.officer_b])
    make_lead(officer=None, team=team, on=dt.date(2026, 11, 2))
    result = run_stale_scan(TODAY)
    assert result.notifications == 2
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        personas.officer_a.pk,
        personas.officer_b.pk,
    }


def test_a_confidential_lead_is_named_by_its_code_name(make_lead) -> None:
    make_lead(
        name="真实名称",
        investor_name="机密公司",
        is_confidential=True,
        code_name="鲲鹏",
        on=dt.date(2026, 11, 2),
    )
    run_stale_scan(TODAY)
    assert Notification.objects.get().params["name"] == "鲲鹏"


def test_the_command_runs_the_scan(make_lead) -> None:
    make_lead(on=dt.date(2025, 11, 3))
    out = StringIO()
    call_command("investment_stale", stdout=out)
    assert "停滞线索：共 1 条，新提醒 1 条" in out.getvalue()
