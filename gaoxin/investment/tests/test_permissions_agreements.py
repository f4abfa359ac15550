"""Who may open the agreement pages (投资协议, 履约). 200 = allowed; 302 = sent to log in; 403 = refused; 404 = not in
the user's scope (officers read the agreements of the leads they own or follow); 405 = a page that only takes a
POST, reached by GET. The bureau (招商局, not a persona) edits: see ``test_the_bureau_edits``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from gaoxin.accounts.models import User
from gaoxin.investment.models import Agreement, AgreementClause
from gaoxin.investment.services import agreements as services
from gaoxin.investment.tests.conftest import MakeLead

pytestmark = pytest.mark.django_db

STAFF = {
    "administrator": 200,
    "leader": 200,
    "officer_a": 200,
    "officer_b": 200,
    "contact": 403,
    "anonymous": 302,
}
OWN = {**STAFF, "officer_a": 404, "officer_b": 404}  # one agreement: officers do not own its lead
EDIT = {**STAFF, "leader": 403, "officer_a": 403, "officer_b": 403}  # the bureau and administrators
POST_ONLY = {**STAFF, "administrator": 405, "leader": 405, "officer_a": 405, "officer_b": 405}

PERMISSIONS = {
    "investment:agreement_list": STAFF,
    "investment:agreement_export": STAFF,
    "investment:agreement_signings": STAFF,
    "investment:agreement_performance": STAFF,
    "investment:agreement_three_not": STAFF,
    "investment:obligations_check": POST_ONLY,
    "investment:agreement_create": {**EDIT},
    "investment:agreement_detail": OWN,
    "investment:agreement_edit": EDIT,
    # none attached; out of scope for contacts: 404 (a download, not a page)
    "investment:agreement_document": {**OWN, "administrator": 404, "leader": 404, "contact": 404},
    "investment:agreement_clause_create": EDIT,
    "investment:agreement_clause_edit": EDIT,
    "investment:agreement_clause_delete": POST_ONLY,
    "investment:agreement_incentive_create": EDIT,
}


@pytest.fixture
def clause(make_lead: MakeLead, bureau_officer: User) -> AgreementClause:
    lead = make_lead()
    agreement = services.agreement_save(
        data={"title": "投资协议", "parties": "管委会\n投资方", "signed_on": dt.date(2026, 1, 5)},
        by=bureau_officer,
        lead=lead,
    )
    return services.clause_save(
        agreement=agreement,
        data={"measure": "fixed_asset_investment", "threshold": D(1000), "due_on": dt.date(2026, 12, 31)},
        by=bureau_officer,
    )


def address(name: str, clause: AgreementClause) -> str:
    agreement = clause.agreement
    if name == "investment:agreement_create":
        return reverse(name, args=[agreement.lead_id])
    if "clause_edit" in name or "clause_delete" in name:
        return reverse(name, args=[agreement.pk, clause.pk])
    if name in (
        "investment:agreement_detail",
        "investment:agreement_edit",
        "investment:agreement_document",
    ) or ("clause_create" in name or "incentive_create" in name):
        return reverse(name, args=[agreement.pk])
    return reverse(name)


@pytest.mark.parametrize(
    ("page", "persona", "status"),
    [(page, persona, status) for page, table in PERMISSIONS.items() for persona, status in table.items()],
)
def test_page_access(client_for, clause, page, persona, status):  # type: ignore[no-untyped-def]
    assert client_for(persona).get(address(page, clause)).status_code == status


def test_the_bureau_edits(clause: AgreementClause, bureau_officer: User) -> None:
    client = Client()
    client.force_login(bureau_officer)
    for name in ("agreement_create", "agreement_edit", "agreement_clause_create", "agreement_clause_edit"):
        assert client.get(address(f"investment:{name}", clause)).status_code == 200, name
    response = client.post(reverse("investment:obligations_check"))
    assert response.status_code == 302
    url = address("investment:agreement_clause_delete", clause)
    assert client.post(url).status_code == 302
    assert not Agreement.objects.get().clauses.exists()


def test_the_agreement_document_is_checked_and_downloaded(
    clause: AgreementClause,
    bureau_officer: User,
    client_for,
    tmp_path,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    agreement = clause.agreement
    data = {
        "title": agreement.title,
        "parties": agreement.parties,
        "signed_on": "2026-01-05",
        "is_manufacturing": "on",
    }
    client = Client()
    client.force_login(bureau_officer)
    url = reverse("investment:agreement_edit", args=[agreement.pk])
    fake = client.post(url, {**data, "document": SimpleUploadedFile("协议.pdf", b"MZ\x90\x00 program")})
    assert fake.status_code == 200  # refused: not what its extension says
    assert not Agreement.objects.get().document
    assert (
        client.post(url, {**data, "document": SimpleUploadedFile("协议.pdf", b"%PDF-1.4 test")}).status_code
        == 302
    )
    download = reverse("investment:agreement_document", args=[agreement.pk])
    response = client.get(download)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert client_for("leader").get(download).status_code == 200


def test_the_signings_page_shows_each_band(clause: AgreementClause, client_for) -> None:  # type: ignore[no-untyped-def]
    agreement = clause.agreement
    agreement.total_investment = D(120_000)
    agreement.save()
    page = client_for("leader").get(reverse("investment:agreement_signings") + "?year=2026").content.decode()
    year_row = page.split('<tr class="total">')[1].split("</tr>")[0]
    assert [cell.split("<")[0] for cell in year_row.split('<td class="num">')[1:]] == [
        "1",
        "120,000.00",
        "1",  # ≥1亿
        "1",  # ≥10亿
        "0",
        "0",
        "0",  # ≥1亿美元: no US-dollar figure
        "1",
        "0",
    ]


def test_the_lead_page_panel_lists_the_agreements_and_their_clauses(
    clause: AgreementClause, bureau_officer: User, rf
) -> None:  # type: ignore[no-untyped-def]
    from django.template.loader import render_to_string

    from gaoxin.investment.selectors.agreements import lead_agreements

    lead = clause.agreement.lead
    request = rf.get("/")
    request.user = bureau_officer
    html = render_to_string(
        "investment/_agreements_panel.html",
        {"agreements": lead_agreements(bureau_officer, lead), "lead": lead, "may_edit": True},
        request=request,
    )
    assert reverse("investment:agreement_detail", args=[clause.agreement_id]) in html
    assert reverse("investment:agreement_create", args=[lead.pk]) in html
    assert 'class="badge"' in html  # the clause, not due yet
