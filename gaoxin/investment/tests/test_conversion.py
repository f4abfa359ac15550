"""A lead becomes a major project: refused before it landed or without its enterprise (in Chinese), the figures
carried over through the projects' service, linked both ways, the lead moved to the conversion stage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gaoxin.accounts.models import User
from gaoxin.investment.models import Lead
from gaoxin.investment.services import conversion
from gaoxin.investment.tests.conftest import MakeLead
from gaoxin.investment.tests.flows import advance
from gaoxin.projects.models import Stage, StageTransition
from gaoxin.testing.factories import EnterpriseFactory
from gaoxin.testing.personas import Personas

TODAY = timezone.localdate()
EARLIER = TODAY - dt.timedelta(days=90)


@pytest.fixture
def landed(make_lead: MakeLead, bureau_officer: User, personas: Personas) -> Lead:
    Stage.objects.get_or_create(code="registered", defaults={"name": "注册", "sort_order": 40})
    lead = make_lead(
        on=EARLIER, industry_code="3825", lead_official=personas.leader, foreign_investment_usd=None
    )
    return advance(lead, "landed", on=EARLIER + dt.timedelta(days=30), by=bureau_officer)


def test_the_lead_becomes_a_project_with_its_figures(landed: Lead, personas: Personas) -> None:
    admin = personas.administrator
    with pytest.raises(ValidationError) as error:
        conversion.lead_convert(lead=landed, data=conversion.project_initial(landed), by=admin)
    assert "注册落地" in error.value.message_dict["code"][0]
    landed.enterprise = EnterpriseFactory(name="恒达光伏（高新区）有限公司")
    landed.save()
    project = conversion.lead_convert(lead=landed, data=conversion.project_initial(landed), by=admin)
    landed.refresh_from_db()
    assert landed.project == project
    assert project.lead == landed
    assert landed.stage.code == "project"
    assert (project.code, project.name, project.owner) == (landed.code, landed.name, landed.enterprise)
    assert (project.total_investment, project.fixed_asset_investment, project.land_mu) == (
        Decimal(120_000),
        Decimal(100_000),
        Decimal(300),
    )
    assert project.industry_code == "3825"
    assert project.responsible_unit == landed.responsible_unit
    assert project.lead_official == str(personas.leader)
    assert project.stage.code == "registered"
    assert StageTransition.objects.filter(project=project).count() == 1
    with pytest.raises(ValidationError):
        conversion.lead_convert(lead=landed, data={"code": "X2", "stage": project.stage}, by=admin)


def test_not_before_landing_and_only_who_may_enter_projects(
    make_lead: MakeLead, landed: Lead, bureau_officer: User, personas: Personas
) -> None:
    early = make_lead(name="另一个项目", investor_name="另一家", enterprise=EnterpriseFactory())
    assert "注册落地" in conversion.refusal(early)
    landed.enterprise = EnterpriseFactory()
    landed.save()
    assert conversion.refusal(landed) == ""
    assert conversion.may_convert(bureau_officer, landed)  # the bureau hands its landed lead over itself
    assert not conversion.may_convert(personas.officer_a, landed)  # neither bureau nor owner
    with pytest.raises(PermissionDenied):
        conversion.lead_convert(lead=landed, data=conversion.project_initial(landed), by=personas.officer_a)
    project = conversion.lead_convert(lead=landed, data=conversion.project_initial(landed), by=bureau_officer)
    assert project.lead == landed


def test_through_its_page_and_the_project_says_where_it_came_from(landed: Lead, client_for) -> None:  # type: ignore[no-untyped-def]
    landed.enterprise = EnterpriseFactory()
    landed.save()
    admin = client_for("administrator")
    page = admin.get(f"/investment/leads/{landed.pk}/convert/").content.decode()
    assert landed.code in page  # the project code proposed
    stage = Stage.objects.get(code="registered")
    response = admin.post(
        f"/investment/leads/{landed.pk}/convert/", {"code": "XM-2026-ZS1", "stage": stage.pk}
    )
    landed.refresh_from_db()
    assert landed.project is not None
    assert response.url == f"/projects/{landed.project.pk}/"
    project_page = admin.get(response.url).content.decode()
    assert 'id="project-origin"' in project_page
    assert "来自招商线索" in project_page
    assert landed.code in project_page
