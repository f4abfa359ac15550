"""Referrals (以商引商): staff register a lead's referrer, an enterprise contact refers an investor from the portal,
the bureau assigns what the portal brought in, and the bureau sets the reward rule (DOMAIN §6).

The eligibility is the pure rule ``investment.referrals.refusal``: before the signing, one referrer per lead,
neither committee staff (any staff user of the same name or phone) nor the investor itself (the same credit code
or the same normalised name). A portal referral is the only way a lead enters the bureau's pool without an
officer or team: it lands in the first stage, owned by the bureau's unit, source 以商引商, the firm as referrer and
the contact as the one who submitted it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.accounts.choices import Capability, Role
from gaoxin.accounts.models import Department, User
from gaoxin.core import changelog
from gaoxin.core.message_text import translated
from gaoxin.investment import duplicates, permissions, referrals
from gaoxin.investment.choices import ReferrerKind, Source
from gaoxin.investment.models import InvestmentRules, Lead, LeadMove, LeadStage, Referral
from gaoxin.investment.selectors import claims as claim_reads
from gaoxin.investment.selectors.leads import rules
from gaoxin.investment.services import leads as lead_services

STAFF_ROLES = (Role.ADMINISTRATOR, Role.LEADER, Role.OFFICER)


def is_staff_referrer(name: str, phone: str) -> bool:
    """Whether a committee staff user has the referrer's name or phone."""
    match = Q(display_name=name.strip()) if name.strip() else Q(pk__in=[])
    if phone.strip():
        match |= Q(phone=phone.strip())
    return User.objects.filter(match, is_active=True, role__in=STAFF_ROLES).exists()


def is_investor_referrer(lead: Lead, name: str, credit_code: str = "") -> bool:
    """Whether the referrer is the lead's investor: the same credit code or the same normalised name."""
    if credit_code and lead.investor_credit_code and credit_code.upper() == lead.investor_credit_code.upper():
        return True
    key = duplicates.normalised_investor(name)
    return bool(key) and key == (lead.investor_key or duplicates.normalised_investor(lead.investor_name))


@transaction.atomic
def referral_register(
    *, lead: Lead, data: Mapping[str, Any], by: User, on: dt.date | None = None
) -> Referral:
    """Register the lead's referrer (``kind``, ``enterprise`` for a firm, ``referrer_name``, ``referrer_phone``,
    ``note``); refused by the rule in Chinese."""
    if not permissions.may_edit(by, lead):
        raise PermissionDenied
    lead = Lead.objects.select_for_update().select_related("stage").get(pk=lead.pk)
    on = on or timezone.localdate()
    values = dict(data)
    enterprise = values.get("enterprise")
    if values.get("kind") == ReferrerKind.ENTERPRISE:
        if enterprise is None:
            raise ValidationError({"enterprise": _("Choose the referring enterprise.")})
        values["referrer_name"] = values.get("referrer_name") or enterprise.name
    else:
        values["enterprise"] = None
    name, phone = str(values.get("referrer_name", "")), str(values.get("referrer_phone", ""))
    existing = Referral.objects.filter(lead=lead).first()
    refusal = referrals.refusal(
        referrals.Referral(
            referrer=name,
            registered_on=on,
            referrer_is_staff=is_staff_referrer(name, phone),
            referrer_is_investor=is_investor_referrer(
                lead, name, enterprise.credit_code if enterprise is not None and values["enterprise"] else ""
            ),
        ),
        signed_on=claim_reads.signed_on(lead),
        existing_referrer=existing.referrer_name if existing else None,
    )
    if refusal is not None:
        raise ValidationError({"referrer_name": translated(refusal)})
    referral = Referral(lead=lead, registered_on=on, submitted_by=by, **values)
    referral.full_clean()
    with changelog.acting(by=by):
        referral.save()
        if lead.source != Source.REFERRAL:
            lead.source = Source.REFERRAL
            lead.save()
    return referral


def bureau_unit() -> Department:
    """The unit holding the investment capability (招商局): the owner of the portal's referrals."""
    unit = next((d for d in Department.objects.order_by("pk") if d.holds(Capability.INVESTMENT)), None)
    if unit is None:
        raise ValidationError(
            _("No unit is in charge of investment promotion: referrals cannot be received.")
        )
    return unit


@transaction.atomic
def portal_refer(*, data: Mapping[str, Any], by: User, on: dt.date | None = None) -> Referral:
    """An enterprise contact refers an investor (``investor``, ``project``, ``contact``, ``note``): a lead in the
    bureau's pool, in the first stage, with the firm as its referrer."""
    if not by.is_enterprise_contact or by.enterprise is None:
        raise PermissionDenied
    on = on or timezone.localdate()
    investor, project = str(data["investor"]).strip(), str(data.get("project", "")).strip()
    if not investor:
        raise ValidationError({"investor": _("Name the investor.")})
    enterprise = by.enterprise
    lead = Lead(
        name=project or _("Investment of %(investor)s") % {"investor": investor},
        investor_name=investor,
        investor_key=duplicates.normalised_investor(investor),
        source=Source.REFERRAL,
        source_detail=enterprise.name,
        responsible_unit=bureau_unit(),
        registered_on=on,
        stage=LeadStage.objects.filter(is_active=True).first(),
        stage_since=on,
        code=lead_services.next_code(on.year),
        description=str(data.get("note", "")).strip(),
    )
    lead.full_clean(exclude=["code"])
    referral = Referral(
        kind=ReferrerKind.ENTERPRISE,
        enterprise=enterprise,
        referrer_name=enterprise.name,
        referrer_phone=by.phone,
        registered_on=on,
        submitted_by=by,
        submitted_investor=investor,
        submitted_project=project,
        submitted_contact=str(data.get("contact", "")).strip(),
        note=str(data.get("note", "")).strip(),
    )
    with changelog.acting(by=by):
        lead.save()
        referral.lead = lead
        referral.full_clean()
        referral.save()
    LeadMove.objects.create(
        lead=lead, to_stage=lead.stage, on=on, by=by, reason=_("Referred from the portal")
    )
    return referral


@transaction.atomic
def pool_assign(*, lead: Lead, data: Mapping[str, Any], by: User) -> Lead:
    """The bureau gives a pool lead its officer or team (and unit)."""
    if not permissions.is_bureau(by):
        raise PermissionDenied
    if lead.officer_id is not None or lead.team_id is not None:
        raise ValidationError({"officer": _("This lead is already owned.")})
    lead_services.lead_update(lead=lead, data=data, by=by)
    return lead


def _tiers(data: Mapping[str, Any]) -> list[dict[str, str | None]]:
    tiers = [
        {"up_to": None if tier["up_to"] is None else str(tier["up_to"]), "permille": str(tier["permille"])}
        for tier in data["reward_tiers"]
    ]
    try:
        referrals.RewardRule(
            tiers=tuple(
                referrals.RewardTier(
                    None if t["up_to"] is None else Decimal(t["up_to"]), Decimal(str(t["permille"]))
                )
                for t in tiers
            ),
            cap=data.get("reward_cap"),
        )
    except ValueError:
        raise ValidationError(
            {
                "reward_tiers": _(
                    "The tiers must ascend, end with one tier without an upper bound, and have rates of 0 or more."
                )
            }
        ) from None
    return tiers


@transaction.atomic
def reward_rule_save(*, data: Mapping[str, Any], by: User) -> InvestmentRules:
    """The bureau sets the referrer's reward rule: the tiers, the cap, marginal or whole, the claim period."""
    if not permissions.may_configure(by):
        raise PermissionDenied
    stored = rules()
    stored.reward_tiers = _tiers(data)
    stored.reward_cap = data.get("reward_cap")
    stored.reward_marginal = bool(data.get("reward_marginal"))
    stored.reward_claim_days = data["reward_claim_days"]
    stored.full_clean()
    with changelog.acting(by=by):
        stored.save()
    return stored
