from gaoxin.investment.models.admission import LeadAdmission
from gaoxin.investment.models.agreements import Agreement, AgreementClause, Incentive
from gaoxin.investment.models.config import InvestmentRules, InvestmentTeam, LeadStage, StopReason
from gaoxin.investment.models.leads import (
    ClaimDispute,
    Lead,
    LeadActivity,
    LeadMove,
    Referral,
)

__all__ = [
    "Agreement",
    "AgreementClause",
    "ClaimDispute",
    "Incentive",
    "InvestmentRules",
    "InvestmentTeam",
    "Lead",
    "LeadActivity",
    "LeadAdmission",
    "LeadMove",
    "LeadStage",
    "Referral",
    "StopReason",
]
