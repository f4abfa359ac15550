"""Who may do what on the pages of referrals, claims, conversion, the portal and the ledger import. 200 = allowed;
302 = sent to log in; 403 = refused; 404 = not in the user's scope; 405 = a step taken by POST only (the GET of an
allowed user). The lead is the bureau's; the administrator is of the bureau and of the project office."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gaoxin.accounts.models import User
from gaoxin.core import upload_imports
from gaoxin.core.models import Job
from gaoxin.investment.imports import ledger, tasks
from gaoxin.investment.models import ClaimDispute, Lead
from gaoxin.investment.services import claims as claim_services
from gaoxin.investment.services import referrals as referral_services
from gaoxin.investment.tests.conftest import MakeLead
from gaoxin.testing.personas import NAMES, Personas

pytestmark = pytest.mark.django_db

STAFF = {
    "administrator": 200,
    "leader": 200,
    "officer_a": 200,
    "officer_b": 200,
    "contact": 403,
    "anonymous": 302,
}
BUREAU = {**STAFF, "leader": 403, "officer_a": 403, "officer_b": 403}
LEAD_READ = {**STAFF, "officer_a": 404, "officer_b": 404}  # the bureau's lead: read by the bureau and leaders
POST_ONLY = {**STAFF, **dict.fromkeys(("administrator", "leader", "officer_a", "officer_b"), 405)}
CONTACT_ONLY = {**dict.fromkeys(STAFF, 403), "contact": 200, "anonymous": 302}

# URL name → persona → expected status (the completeness test of site/tests reads it); the addresses: ``urls``
PERMISSIONS = {
    "investment:referral": LEAD_READ,
    "investment:referrers": STAFF,
    "investment:referral_pool": BUREAU,
    "investment:referral_assign": POST_ONLY,
    "investment:reward_rule": BUREAU,
    "investment:claims": LEAD_READ,
    "investment:dispute_raise": POST_ONLY,
    "investment:merge": BUREAU,
    "investment:convert": {**LEAD_READ, "leader": 403},  # entering a project: bureau and project office
    "investment:disputes": STAFF,
    "investment:dispute_decide": POST_ONLY,
    "investment:portal": CONTACT_ONLY,
    "investment:portal_refer": CONTACT_ONLY,
    "investment:import": BUREAU,
    "investment:import_job": BUREAU,
    "investment:import_confirm": POST_ONLY,
    "investment:import_retry": POST_ONLY,
    "investment:import_template": BUREAU,
}


@dataclass
class Setting:
    lead: Lead
    duplicate: Lead
    dispute: ClaimDispute
    job: Job


@pytest.fixture
def setting(make_lead: MakeLead, personas: Personas, bureau_officer: User, settings, tmp_path) -> Setting:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    lead = make_lead()
    duplicate = make_lead(
        by=personas.officer_b, officer=None, name="光伏组件二期", investor_name="恒达新能源科技股份有限公司"
    )
    dispute = claim_services.dispute_raise(claimant=duplicate, statement="我方先接触", by=personas.officer_b)
    job = upload_imports.start(
        name=ledger.JOB,
        upload=SimpleUploadedFile("台账.csv", "项目名称,投资方\n芯片项目,华芯公司\n".encode("gbk")),
        by=personas.administrator,
        options={"valid_only": False},
        check=tasks.check_ledger_import,
    )
    return Setting(lead, duplicate, dispute, job)


def urls(s: Setting) -> dict[str, str]:
    lead = s.lead.pk
    return {
        "investment:referral": f"/investment/leads/{lead}/referral/",
        "investment:referrers": "/investment/referrers/",
        "investment:referral_pool": "/investment/referrals/pool/",
        "investment:referral_assign": f"/investment/referrals/pool/{lead}/assign/",
        "investment:reward_rule": "/investment/settings/reward/",
        "investment:claims": f"/investment/leads/{lead}/claims/",
        "investment:dispute_raise": f"/investment/leads/{lead}/claims/dispute/",
        "investment:merge": f"/investment/leads/{lead}/merge/",
        "investment:convert": f"/investment/leads/{lead}/convert/",
        "investment:disputes": "/investment/disputes/",
        "investment:dispute_decide": f"/investment/disputes/{s.dispute.pk}/decide/",
        "investment:portal": "/investment/portal/referrals/",
        "investment:portal_refer": "/investment/portal/referrals/new/",
        "investment:import": "/investment/import/",
        "investment:import_job": f"/investment/import/{s.job.pk}/",
        "investment:import_confirm": "/investment/import/confirm/",
        "investment:import_retry": f"/investment/import/{s.job.pk}/retry/",
        "investment:import_template": "/investment/import/template/",
    }


def test_page_access(setting: Setting, client_for) -> None:  # type: ignore[no-untyped-def]
    clients = {persona: client_for(persona) for persona in NAMES}
    got = {
        name: {persona: clients[persona].get(url).status_code for persona in NAMES}
        for name, url in urls(setting).items()
    }
    assert got == PERMISSIONS


def test_the_duplicate_s_owner_raises_and_the_bureau_decides(
    setting: Setting, client_for, bureau_officer: User
) -> None:  # type: ignore[no-untyped-def]
    owner = client_for("officer_b")
    page = owner.get(f"/investment/leads/{setting.duplicate.pk}/claims/").content.decode()
    assert setting.lead.code in page  # the holder
    assert 'id="claim-holder"' in page
    assert "提交局领导裁定" not in page  # a dispute is already pending
    assert owner.get(f"/investment/leads/{setting.lead.pk}/claims/").status_code == 404
    decide = f"/investment/disputes/{setting.dispute.pk}/decide/"
    form = {f"d{setting.dispute.pk}-decision": "holder_keeps", f"d{setting.dispute.pk}-outcome": "merge",
            f"d{setting.dispute.pk}-note": "首报在先"}  # fmt: skip
    assert owner.post(decide, form).status_code == 403
    head = Client()
    head.force_login(bureau_officer)
    assert head.post(decide, form).status_code == 302
    setting.duplicate.refresh_from_db()
    assert setting.duplicate.merged_into == setting.lead
    merged = head.get(f"/investment/leads/{setting.duplicate.pk}/claims/").content.decode()
    assert 'id="merged-into"' in merged
    assert setting.lead.code in merged
    listing = head.get("/investment/disputes/").content.decode()
    assert "首报在先" in listing


def test_the_contact_refers_and_follows_only_what_it_submitted(
    setting: Setting,
    client_for,
    bureau_officer: User,  # type: ignore[no-untyped-def]
) -> None:
    contact = client_for("contact")
    response = contact.post(
        "/investment/portal/referrals/new/",
        {"investor": "远景储能", "project": "储能项目", "contact": "赵总 13700000000", "note": ""},
    )
    assert response.status_code == 302
    lead = Lead.objects.get(investor_name="远景储能")
    head = Client()
    head.force_login(bureau_officer)
    pool = head.get("/investment/referrals/pool/").content.decode()
    assert lead.code in pool
    assert "赵总 13700000000" in pool
    assert (
        head.post(
            f"/investment/referrals/pool/{lead.pk}/assign/", {f"p{lead.pk}-officer": bureau_officer.pk}
        ).status_code
        == 302
    )
    from gaoxin.investment.services import leads

    leads.lead_update(
        lead=Lead.objects.get(pk=lead.pk),
        data={"investor_name": "远景能源科技（上海）有限公司", "is_confidential": True, "code_name": "蓝鲸"},
        by=bureau_officer,
    )
    page = contact.get("/investment/portal/referrals/").content.decode()
    assert "远景储能" in page
    assert "线索" in page
    assert "远景能源科技" not in page
    assert "蓝鲸" not in page
    assert lead.code not in page
    assert contact.get(f"/investment/leads/{lead.pk}/referral/").status_code == 403


def test_a_referrer_is_registered_from_its_page(setting: Setting, bureau_officer: User, client_for) -> None:  # type: ignore[no-untyped-def]
    head = Client()
    head.force_login(bureau_officer)
    url = f"/investment/leads/{setting.lead.pk}/referral/"
    refused = head.post(url, {"kind": "person", "referrer_name": "招商局干部"}).content.decode()
    assert "管委会工作人员不能作为引荐人" in refused
    assert head.post(url, {"kind": "person", "referrer_name": "李引荐"}).status_code == 302
    page = head.get(url).content.decode()
    assert "李引荐" in page
    assert 'id="referral-form"' not in page
    assert "李引荐" in client_for("leader").get("/investment/referrers/").content.decode()
    referral_services.reward_rule_save(
        data={"reward_tiers": [{"up_to": None, "permille": 2}], "reward_cap": None, "reward_marginal": True,
              "reward_claim_days": 365},
        by=bureau_officer,
    )  # fmt: skip
    rule = head.get("/investment/settings/reward/").content.decode()
    assert "2‰" in rule


def test_the_portal_s_referrals_are_in_the_contact_s_navigation(client_for) -> None:  # type: ignore[no-untyped-def]
    def urls(persona: str) -> set[str]:
        return {link["url"] for link in client_for(persona).get("/").context["nav_items"]}

    assert "/investment/portal/referrals/" in urls("contact")
    assert "/investment/portal/referrals/" not in urls("officer_a")
    assert "/investment/portal/referrals/" not in urls("administrator")
