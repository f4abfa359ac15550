"""The projects' models: projects and stages, plans and approvals, investment, problems, commitments,
admission reviews, rankings and the zone map."""

from gaoxin.projects.models.admission import AdmissionOpinion, AdmissionReview, AdmissionScorecard
from gaoxin.projects.models.commitments import Obligation, ObligationCheck
from gaoxin.projects.models.investment import InvestmentPlan, LightRule, MonthlyReport
from gaoxin.projects.models.issues import ProjectIssue
from gaoxin.projects.models.maps import ZoneMap
from gaoxin.projects.models.office import OfficeSettings, SpendingBeforeStart
from gaoxin.projects.models.plans import ApprovalItem, ClockStop, DayUnitChoice, PlanStep
from gaoxin.projects.models.projects import Project, Stage, StageTransition
from gaoxin.projects.models.rankings import RankingRule, UnitRanking

__all__ = [
    "AdmissionOpinion",
    "AdmissionReview",
    "AdmissionScorecard",
    "ApprovalItem",
    "ClockStop",
    "DayUnitChoice",
    "InvestmentPlan",
    "LightRule",
    "MonthlyReport",
    "Obligation",
    "ObligationCheck",
    "OfficeSettings",
    "PlanStep",
    "Project",
    "ProjectIssue",
    "RankingRule",
    "SpendingBeforeStart",
    "Stage",
    "StageTransition",
    "UnitRanking",
    "ZoneMap",
]
