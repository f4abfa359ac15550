"""一企一单: an enterprise confirms its data sheet or objects with a comment and evidence; officers see who has."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict

from gaoxin.core.models import ChangeLogEntry
from gaoxin.enterprises import services as enterprise_services
from gaoxin.enterprises.models import EnterpriseYear
from gaoxin.enterprises.year_fields import YEAR_FIELDS
from gaoxin.evaluation import selectors, services
from gaoxin.evaluation.choices import ConfirmationStatus
from gaoxin.evaluation.filters import ConfirmationFilterSet
from gaoxin.evaluation.models import DataConfirmation
from gaoxin.evaluation.tests.zone import YEAR, Zone

pytestmark = pytest.mark.django_db


def test_confirming_keeps_the_sheet_as_shown(zone: Zone) -> None:
    confirmation = services.confirmation_submit(
        enterprise=zone.f1,
        year=YEAR,
        status=ConfirmationStatus.CONFIRMED,
        comment="",
        by=zone.personas.contact,
    )
    assert confirmation.values["tax"] == "300"
    assert confirmation.values["land_mu"] == "10"
    assert confirmation.by == zone.personas.contact


def test_the_registry_marks_the_values_the_enterprise_confirmed(zone: Zone) -> None:
    def confirmed_fields() -> list[str]:
        return EnterpriseYear.objects.get(enterprise=zone.f1, year=YEAR).confirmed_fields

    def answer(status: str, comment: str = "") -> None:
        services.confirmation_submit(
            enterprise=zone.f1, year=YEAR, status=status, comment=comment, by=zone.personas.contact
        )

    answer(ConfirmationStatus.CONFIRMED)
    row = EnterpriseYear.objects.get(enterprise=zone.f1, year=YEAR)
    held = [name for name in YEAR_FIELDS if getattr(row, name) is not None]
    assert {"tax", "land_mu"} <= set(held)
    assert confirmed_fields() == held
    (entry,) = ChangeLogEntry.objects.filter(object_id=str(row.pk), changes__has_key="confirmed_fields")
    assert entry.user == zone.personas.contact
    # A figure changed by staff afterwards is no longer the one the enterprise confirmed.
    enterprise_services.year_save(
        enterprise=zone.f1,
        year=YEAR,
        values={"tax": Decimal(320)},
        sources={"tax": "tax"},
        by=zone.personas.administrator,
    )
    assert "tax" not in confirmed_fields()
    answer(ConfirmationStatus.OBJECTED, "用地面积应为12亩")
    assert confirmed_fields() == []


def test_an_objection_needs_a_comment_and_keeps_its_evidence(zone: Zone) -> None:
    with pytest.raises(ValidationError, match="which figures are wrong"):
        services.confirmation_submit(
            enterprise=zone.f1,
            year=YEAR,
            status=ConfirmationStatus.OBJECTED,
            comment="",
            by=zone.personas.contact,
        )
    evidence = SimpleUploadedFile("完税证明.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    confirmation = services.confirmation_submit(
        enterprise=zone.f1,
        year=YEAR,
        status=ConfirmationStatus.OBJECTED,
        comment="税金应为320万元",
        files=[evidence],
        by=zone.personas.contact,
    )
    attachment = confirmation.attachments.get()
    assert attachment.name == "完税证明.pdf"
    assert attachment.file.read() == b"%PDF-1.4 test"


def test_attachments_of_other_kinds_are_refused(zone: Zone) -> None:
    script = SimpleUploadedFile("run.exe", b"MZ")
    with pytest.raises(ValidationError, match="cannot be attached"):
        services.confirmation_submit(
            enterprise=zone.f1,
            year=YEAR,
            status="confirmed",
            comment="",
            files=[script],
            by=zone.personas.contact,
        )
    assert not DataConfirmation.objects.exists()


def test_answering_again_replaces_the_answer(zone: Zone) -> None:
    for status in (ConfirmationStatus.OBJECTED, ConfirmationStatus.CONFIRMED):
        services.confirmation_submit(
            enterprise=zone.f1, year=YEAR, status=status, comment="说明", by=zone.personas.contact
        )
    assert DataConfirmation.objects.get().status == ConfirmationStatus.CONFIRMED


def test_no_sheet_no_answer(zone: Zone) -> None:
    with pytest.raises(ValidationError, match="no data sheet"):
        services.confirmation_submit(
            enterprise=zone.f1, year=2019, status="confirmed", comment="", by=zone.personas.contact
        )


def test_the_chase_list_shows_who_has_answered(zone: Zone) -> None:
    services.confirmation_submit(enterprise=zone.f1, year=YEAR, status="confirmed", comment="", by=None)
    services.confirmation_submit(enterprise=zone.f2, year=YEAR, status="objected", comment="有误", by=None)
    assert selectors.confirmation_counts(YEAR) == {
        "sheets": 3,
        "confirmed": 1,
        "objected": 1,
        "none": 1,
        "open": 1,
    }
    board = ConfirmationFilterSet(QueryDict("status=none"), years=[YEAR]).qs
    assert [row.enterprise for row in board] == [zone.f3]
    answers = {row.enterprise: row.answer for row in selectors.confirmation_board(YEAR)}
    assert answers == {zone.f1: "confirmed", zone.f2: "objected", zone.f3: None}


def test_the_portal_marks_figures_changed_since_the_answer(zone: Zone, client_for) -> None:  # type: ignore[no-untyped-def]
    services.confirmation_submit(enterprise=zone.f1, year=YEAR, status="confirmed", comment="", by=None)
    enterprise_services.year_save(
        enterprise=zone.f1, year=YEAR, values={"tax": Decimal("310")}, sources={}, by=zone.personas.officer_a
    )
    html = client_for("contact").get("/evaluation/my/").content.decode()
    assert html.count("答复后已变更") == 1  # "changed since your answer", on the tax line only


def test_a_program_renamed_as_evidence_is_refused(zone: Zone) -> None:
    disguised = SimpleUploadedFile("完税证明.pdf", b"MZ\x90\x00 program")
    with pytest.raises(ValidationError, match="its content is a program"):
        services.confirmation_submit(
            enterprise=zone.f1,
            year=YEAR,
            status="objected",
            comment="税金少计",
            files=[disguised],
            by=zone.personas.contact,
        )
    assert not DataConfirmation.objects.exists()
