"""The project list, profile, forms, transitions, export and the N个一批 view: who may do what, and what it shows."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from gaoxin.core.models import ChangeLogEntry
from gaoxin.projects.models import Project, Stage, StageTransition

pytestmark = pytest.mark.django_db

STAFF = ("administrator", "leader", "officer_a", "officer_b")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("administrator", 200), ("leader", 200), ("officer_a", 200), ("officer_b", 200), ("contact", 403)],
)
@pytest.mark.parametrize("name", ["projects:list", "projects:batches", "projects:export"])
def test_module_pages_are_for_committee_staff(client_for, make_project, persona, status, name) -> None:
    make_project()
    assert client_for(persona).get(reverse(name)).status_code == status


@pytest.mark.parametrize("name", ["projects:list", "projects:batches", "projects:create"])
def test_anonymous_users_are_sent_to_log_in(client, name) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_list_filters_and_sorts(client_for, make_project) -> None:
    make_project(name="光伏组件扩产项目", total_investment=Decimal("120000"))
    make_project(name="汽车部件新建项目", stage_code="started", total_investment=Decimal("30000"))
    page = client_for("leader").get(reverse("projects:list"), {"stage": "started"}).content.decode()
    assert "汽车部件新建项目" in page
    assert "光伏组件扩产项目" not in page
    page = client_for("leader").get(reverse("projects:list"), {"sort": "-total_investment"}).content.decode()
    assert page.index("光伏组件扩产项目") < page.index("汽车部件新建项目")
    page = client_for("leader").get(reverse("projects:list"), {"q": "汽车"}).content.decode()
    assert "光伏组件扩产项目" not in page


def test_export_holds_exactly_the_filtered_projects(client_for, make_project) -> None:
    make_project(name="甲项目", stage_code="started")
    make_project(name="乙项目")
    response = client_for("leader").get(reverse("projects:export"), {"stage": "started"})
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    header = sheet[1]
    names = [row[header.index("项目名称")] for row in sheet[2:]]
    assert names == ["甲项目"]
    assert "总投资（万元）" in header
    assert "责任单位" in header


@pytest.mark.parametrize(
    ("persona", "status"),
    [("administrator", 200), ("leader", 403), ("officer_a", 403), ("officer_b", 403), ("contact", 403)],
)
def test_only_the_project_office_creates_projects(client_for, persona, status) -> None:
    assert client_for(persona).get(reverse("projects:create")).status_code == status


def test_project_office_creates_a_project(office, personas, client) -> None:
    client.force_login(office.officer)
    response = client.post(
        reverse("projects:create"),
        {
            "stage": Stage.objects.get(code="signed").pk,
            "code": "XM-2026-001",
            "name": "新能源电池材料项目",
            "owner": personas.own_enterprise.credit_code.lower(),  # typed as it comes
            "kind": "new",
            "level": "city",
            "total_investment": "150000",
            "responsible_unit": personas.department_a.pk,
            "planned_start_on": "2026-12-01",
        },
    )
    project = Project.objects.get(code="XM-2026-001")
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert project.stage.code == "signed"
    assert project.stage_since == dt.date.today()
    first = StageTransition.objects.get(project=project)
    assert first.from_stage is None
    assert first.by == office.officer
    assert ChangeLogEntry.objects.filter(object_id=str(project.pk), action="create").count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [("administrator", 200), ("leader", 403), ("officer_a", 200), ("officer_b", 403), ("contact", 403)],
)
def test_the_responsible_unit_and_the_office_edit(client_for, make_project, persona, status) -> None:
    project = make_project()
    assert client_for(persona).get(reverse("projects:edit", args=[project.pk])).status_code == status


def test_responsible_unit_cannot_hand_its_project_to_another_unit(client_for, make_project, personas) -> None:
    project = make_project()
    form = client_for("officer_a").get(reverse("projects:edit", args=[project.pk])).context["form"]
    assert form.fields["responsible_unit"].disabled
    data = {name: value for name in form.fields if (value := form[name].value()) is not None}
    assert data["owner"] == personas.own_enterprise.credit_code  # the owner is shown as its code
    data.update({"responsible_unit": personas.department_b.pk, "name": "改名后的项目"})
    client_for("officer_a").post(reverse("projects:edit", args=[project.pk]), data)
    project.refresh_from_db()
    assert project.name == "改名后的项目"
    assert project.responsible_unit == personas.department_a


def test_detail_shows_profile_transitions_and_history(client_for, make_project) -> None:
    project = make_project(lead_official="王副主任", description="建设智算中心", industry_code="3825")
    response = client_for("officer_b").get(reverse("projects:detail", args=[project.pk]))
    page = response.content.decode()
    assert "3825 光伏设备及元器件制造" in page  # the class's name beside its code, as in the registry
    assert "王副主任" in page
    assert project.name in page
    assert "项目简介" in page  # not the service desk's 诉求内容
    assert "诉求内容" not in page
    assert response.context["transition_form"] is None  # another unit reads but does not act
    assert client_for("contact").get(reverse("projects:detail", args=[project.pk])).status_code == 403


def test_transition_is_dated_evidenced_and_dates_the_start(client_for, make_project) -> None:
    project = make_project(stage_code="land_granted")
    project.stage_since = dt.date(2026, 3, 1)
    project.save()
    client = client_for("officer_a")
    started = Stage.objects.get(code="under_construction")
    response = client.post(
        reverse("projects:transition", args=[project.pk]),
        {
            "to_stage": started.pk,
            "on": "2026-04-10",
            "evidence": "施工许可证 330100202604100101",
            "reason": "开工与在建同日登记",
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    # 在建 lies past 开工: reaching it dates the construction start
    assert project.stage == started
    assert project.started_on == dt.date(2026, 4, 10)
    assert project.completed_on is None
    moved = project.transitions.get(to_stage=started)
    assert moved.evidence.startswith("施工许可证")
    assert moved.from_stage.code == "land_granted"
    entry = ChangeLogEntry.objects.get(object_id=str(project.pk), action="update")
    assert entry.changes["started_on"] == [None, "2026-04-10"]
    assert "施工许可证" in entry.note
    assert moved.kind == "skip"
    assert moved.reason == "开工与在建同日登记"


def test_transition_without_evidence_or_in_the_future_is_refused(client_for, make_project) -> None:
    project = make_project()
    target = Stage.objects.get(code="registered")
    client = client_for("officer_a")
    response = client.post(
        reverse("projects:transition", args=[project.pk]),
        {"to_stage": target.pk, "on": (dt.date.today() + dt.timedelta(days=3)).isoformat(), "evidence": "x"},
        follow=True,
    )
    assert "不能晚于今天" in response.content.decode() or "future" in response.content.decode()
    project.refresh_from_db()
    assert project.stage.code == "signed"
    assert not project.transitions.exists()


@pytest.mark.parametrize(("persona", "moved"), [("officer_b", False), ("leader", False), ("officer_a", True)])
def test_only_those_who_edit_record_transitions(client_for, make_project, persona, moved) -> None:
    project = make_project()
    target = Stage.objects.get(code="registered")
    response = client_for(persona).post(
        reverse("projects:transition", args=[project.pk]),
        {"to_stage": target.pk, "on": dt.date.today().isoformat(), "evidence": "营业执照"},
    )
    project.refresh_from_db()
    assert (project.stage == target) is moved
    assert response.status_code == (302 if moved else 403)


def test_moving_back_clears_later_milestones(client_for, make_project) -> None:
    project = make_project(stage_code="production")
    project.started_on, project.completed_on, project.production_on = (
        dt.date(2025, 3, 1),
        dt.date(2025, 12, 1),
        dt.date(2026, 2, 1),
    )
    project.stage_since = dt.date(2026, 2, 1)
    project.save()
    client_for("officer_a").post(
        reverse("projects:transition", args=[project.pk]),
        {
            "to_stage": Stage.objects.get(code="completed").pk,
            "on": "2026-02-05",
            "evidence": "试生产未通过，退回",
            "reason": "试生产未通过",
        },
    )
    project.refresh_from_db()
    assert project.completed_on == dt.date(2025, 12, 1)
    assert project.production_on is None


def test_batches_count_what_reached_each_stage_this_year(client_for, make_project) -> None:
    year = dt.date.today().year
    a = make_project(total_investment=Decimal("100"), stage_code="started")
    b = make_project(total_investment=Decimal("50"), stage_code="production")
    make_project(total_investment=Decimal("7"))  # signed, no transition this year
    started = Stage.objects.get(code="started")
    production = Stage.objects.get(code="production")
    StageTransition.objects.create(project=a, to_stage=started, on=dt.date(year, 2, 1), evidence="e")
    StageTransition.objects.create(project=b, to_stage=started, on=dt.date(year, 1, 5), evidence="e")
    StageTransition.objects.create(project=b, to_stage=production, on=dt.date(year, 1, 20), evidence="e")
    StageTransition.objects.create(project=a, to_stage=started, on=dt.date(year - 1, 6, 1), evidence="e")
    Project.objects.filter(pk=b.pk).update(started_on=dt.date(year, 1, 5), production_on=dt.date(year, 1, 20))
    Project.objects.filter(pk=a.pk).update(started_on=dt.date(year, 2, 1))
    response = client_for("leader").get(reverse("projects:batches"), {"year": year})
    rows = {row.stage.code: row for row in response.context["batches"].stages}
    assert (rows["started"].reached, rows["started"].reached_investment) == (2, Decimal("150"))
    assert (rows["production"].reached, rows["started"].current, rows["signed"].current) == (1, 1, 1)
    result = response.context["batches"]
    assert [p.pk for p in result.started] == sorted(
        [a.pk, b.pk], key=lambda pk: Project.objects.get(pk=pk).code
    )
    assert [p.pk for p in result.started_and_producing] == [b.pk]


@pytest.mark.parametrize("year", ["二〇二五", "10000", "2025.5"])
def test_batches_refuse_a_bad_year_and_show_this_year(client_for, year) -> None:
    page = client_for("leader").get(
        reverse("projects:batches"), {"year": year}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert page.status_code == 400
    assert "年度：" in page.content.decode().split('id="filter-problems"')[1]
    assert page.context["year"] == dt.date.today().year


def test_starting_construction_clears_the_missed_start_light(client_for, make_project) -> None:
    from gaoxin.projects.services import progress

    project = make_project(
        stage_code="land_granted", planned_start_on=dt.date.today() - dt.timedelta(days=120)
    )
    project.stage_since = dt.date.today() - dt.timedelta(days=200)
    project.save()
    progress.recompute_lights(by=None)
    project.refresh_from_db()
    assert project.light == "red"  # four months past the planned start
    client_for("officer_a").post(
        reverse("projects:transition", args=[project.pk]),
        {
            "to_stage": Stage.objects.get(code="started").pk,
            "on": dt.date.today().isoformat(),
            "evidence": "施工许可证",
        },
    )
    project.refresh_from_db()
    assert project.started_on == dt.date.today()
    assert project.light != "red"


def test_the_owner_is_typed_as_a_credit_code_and_checked(client_for, make_project, personas) -> None:
    from gaoxin.testing.factories import LandParcelFactory

    project = make_project()
    parcel = LandParcelFactory()
    form = client_for("officer_a").get(reverse("projects:edit", args=[project.pk])).context["form"]
    data = {name: value for name in form.fields if (value := form[name].value()) is not None}
    bad = personas.other_enterprise.credit_code[:-1] + (
        "0" if personas.other_enterprise.credit_code[-1] != "0" else "1"
    )
    response = client_for("officer_a").post(
        reverse("projects:edit", args=[project.pk]), {**data, "owner": bad}
    )
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    data.update(owner=personas.other_enterprise.credit_code, parcel=parcel.certificate_no)
    assert client_for("officer_a").post(reverse("projects:edit", args=[project.pk]), data).status_code == 302
    project.refresh_from_db()
    assert project.owner == personas.other_enterprise
    assert project.parcel == parcel
    response = client_for("officer_a").post(
        reverse("projects:edit", args=[project.pk]), {**data, "parcel": "浙(2020)不存在第0000000号"}
    )
    assert "parcel" in response.context["form"].errors


def test_a_transition_with_a_disguised_attachment_is_refused_and_nothing_moves(
    client_for, make_project, tmp_path, settings
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gaoxin.testing import sample_files

    settings.MEDIA_ROOT = tmp_path
    project = make_project()
    target = Stage.objects.get(code="registered")
    response = client_for("officer_a").post(
        reverse("projects:transition", args=[project.pk]),
        {
            "to_stage": target.pk,
            "on": dt.date.today().isoformat(),
            "evidence": "备案证",
            "attachment": SimpleUploadedFile("备案证.pdf", sample_files.HTML),
        },
        follow=True,
    )
    assert "“备案证.pdf”" in response.content.decode()
    project.refresh_from_db()
    assert project.stage.code == "signed"
    assert not project.transitions.exists()
    assert not any(tmp_path.rglob("*.pdf"))
