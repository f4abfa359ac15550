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
from gaoxin.investment.models.notices import StaleNotice
from gaoxin.investment.models.targets import InvestmentTarget

__all__ = [
    "Agreement",
    "AgreementClause",
    "ClaimDispute",
    "Incentive",
    "InvestmentRules",
    "InvestmentTarget",
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
