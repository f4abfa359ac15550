from gaoxin.investment.models.admission import LeadAdmission
from gaoxin.investment.models.config import InvestmentRules, InvestmentTeam, LeadStage, StopReason
from gaoxin.investment.models.leads import (
    ClaimDispute,
    Lead,
    LeadActivity,
    LeadMove,
    Referral,
)
from gaoxin.investment.models.notices import StaleNotice

__all__ = [
    "ClaimDispute",
    "InvestmentRules",
    "InvestmentTeam",
    "Lead",
    "LeadActivity",
    "LeadAdmission",
    "LeadMove",
    "LeadStage",
    "Referral",
    "StaleNotice",
    "StopReason",
]
